// The project table is virtualized: with a large loaded list, the DOM holds a few dozen
// rows, scrolling and the keyboard bring the right rows in, and a filter click starts
// again at the top.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { harness, rowCount, rowIds } from './harness.mjs';

const h = harness();
const COUNT = 20000;

/** The seeded generator the benchmark uses, at a test-sized count. */
function syntheticFile() {
  const path = join(mkdtempSync(join(tmpdir(), 'tongliao-table-')), 'synthetic.csv');
  execFileSync(process.execPath, ['scripts/gen-synthetic.mjs', String(COUNT), path]);
  return path;
}

const rendered = (p) => p.$$eval('table.projects tbody tr[data-id]', (rows) => rows.map((r) => ({
  id: r.dataset.id, index: Number(r.getAttribute('aria-rowindex')),
})));

test('a 20,000-project file renders a window of rows that follows the scroll and the keyboard', async () => {
  const p = await h.page('?lang=en');
  await p.setInputFiles('[data-testid="file-input"]', syntheticFile());
  await p.waitForSelector('[data-testid="file-loaded"]', { timeout: 60000 });
  assert.equal(await rowCount(p), COUNT);
  assert.equal(await p.getAttribute('table.projects', 'aria-rowcount'), String(COUNT + 2));

  const top = await rendered(p);
  assert.ok(top.length >= 10 && top.length <= 60, `${top.length} rows in the DOM for ${COUNT}`);
  assert.equal(top[0].index, 2, 'the first project is row 2, after the header');
  // The spacers keep the scroll height of every row, so the scroll bar tells the truth.
  // Every row has the one height the table computes offsets with.
  const heights = await p.$$eval('table.projects tbody tr[data-id]', (rows) => rows.map((r) => r.getBoundingClientRect().height));
  const rowPx = heights[0];
  assert.ok(rowPx > 20 && heights.every((x) => Math.abs(x - rowPx) < 0.5), `row heights ${heights}`);
  await p.waitForFunction(([n, px]) => document.querySelector('.table-section .table-wrap').scrollHeight >= n * px, [COUNT, rowPx]);

  // Jump to the end: the last rows come in, numbered as the result has them.
  await p.$eval('.table-section .table-wrap', (el) => { el.scrollTop = el.scrollHeight; });
  await p.waitForFunction((n) => {
    const rows = document.querySelectorAll('table.projects tbody tr[data-id]');
    return rows.length && rows[rows.length - 1].getAttribute('aria-rowindex') === String(n + 1);
  }, COUNT);
  const bottom = await rendered(p);
  assert.ok(bottom.length <= 60, `${bottom.length} rows in the DOM at the end`);
  assert.equal(new Set(bottom.map((r) => r.index)).size, bottom.length, 'no row twice');
  // The last row shown (hidden elements may follow it).
  const lastRow = await p.$$eval('table.projects tbody tr[data-id]', (rs) => rs[rs.length - 1].getBoundingClientRect().bottom);
  const box = await p.$eval('.table-section .table-wrap', (el) => el.getBoundingClientRect().bottom);
  assert.ok(lastRow <= box + 1, 'the last row is inside the scrolled box');

  // The middle: rows around the offset, in order.
  await p.$eval('.table-section .table-wrap', (el, px) => { el.scrollTop = px * 10000; }, rowPx);
  await p.waitForFunction(() => [...document.querySelectorAll('table.projects tbody tr[data-id]')]
    .some((r) => r.getAttribute('aria-rowindex') === '10002'));
  const middle = (await rendered(p)).map((r) => r.index);
  assert.deepEqual(middle, [...middle].sort((a, b) => a - b));

  // The keyboard reaches rows that are not rendered yet: arrows, Page Down and End move
  // the focus, scrolling the box so the row is rendered and shown.
  const focusedRow = () => p.evaluate(() => Number(document.activeElement.closest('tr')?.getAttribute('aria-rowindex')));
  await p.$eval('.table-section .table-wrap', (el) => { el.scrollTop = 0; });
  await p.waitForFunction(() => document.querySelector('table.projects tbody tr[aria-rowindex="2"] a'));
  await p.focus('table.projects tbody tr[aria-rowindex="2"] a');
  for (let i = 0; i < 40; i += 1) await p.keyboard.press('ArrowDown');
  await p.waitForFunction(() => document.activeElement.closest('tr')?.getAttribute('aria-rowindex') === '42');
  await p.keyboard.press('PageDown');
  await p.waitForFunction(() => document.activeElement.closest('tr')?.getAttribute('aria-rowindex') === '52');
  await p.keyboard.press('End');
  await p.waitForFunction((n) => document.activeElement.closest('tr')?.getAttribute('aria-rowindex') === String(n + 1), COUNT);
  const shown = await p.evaluate(() => {
    const row = document.activeElement.closest('tr').getBoundingClientRect();
    const box = document.querySelector('.table-section .table-wrap').getBoundingClientRect();
    return row.top >= box.top && row.bottom <= box.bottom + 1;
  });
  assert.ok(shown, 'the focused last row is inside the box');
  await p.keyboard.press('Home');
  await p.waitForFunction(() => document.activeElement.closest('tr')?.getAttribute('aria-rowindex') === '2');
  assert.equal(await focusedRow(), 2);

  // A filter click: fewer rows, the window starts again at the top.
  await p.locator('fieldset[data-facet="sector"] input').first().check();
  await p.waitForFunction((n) => Number(document.querySelector('[data-testid="row-count"]').textContent) < n, COUNT);
  assert.equal(await p.$eval('.table-section .table-wrap', (el) => el.scrollTop), 0);
  const filtered = await rendered(p);
  assert.equal(filtered[0].index, 2);
  assert.ok((await rowIds(p)).length <= 60);

  // A printout of a huge list stops at a stated number of rows and points to the CSV.
  await p.emulateMedia({ media: 'print' });
  await p.waitForSelector('[data-testid="print-view"]');
  assert.equal(await p.$$eval('[data-testid="print-view"] tbody tr', (r) => r.length), 1000);
  assert.match(await p.textContent('[data-testid="print-view"]'), /The first 1000 of \d+ projects are listed here; download the CSV/);
  await p.emulateMedia({ media: 'screen' });
});

test('the embedded list renders every row, with no spacer', async () => {
  const p = await h.page('?lang=zh');
  const rows = await rendered(p);
  assert.equal(rows.length, await rowCount(p));
  assert.deepEqual(rows.map((r) => r.index), rows.map((_, i) => i + 2));
  assert.equal(await p.$$eval('table.projects tbody tr.spacer', (s) => s.length), 0);
});

test('a filter click keeps every row element, hiding those the shorter list does not need', async () => {
  const p = await h.page('/?lang=en');
  await p.waitForSelector('table.projects tbody tr[data-id]');
  // Every row element, shown or hidden (the spacers and the "no match" row apart).
  const elements = 'table.projects tbody tr:not(.spacer):not(:has(td.empty))';
  const mark = () => p.$$eval(elements, (rows) => rows.forEach((r) => { r.__kept = true; }));
  const fresh = () => p.$$eval(elements, (rows) => rows.filter((r) => !r.__kept).length);
  await mark();
  const all = await rowCount(p);
  assert.equal(await p.$$eval(elements, (r) => r.length), all, 'one element per project of the embedded list');
  await p.click('fieldset[data-facet="sector"] input[value="energy"]');
  await p.waitForFunction((n) => Number(document.querySelector('[data-testid="row-count"]').textContent) < n, all);
  assert.equal(await fresh(), 0, 'narrowing the filter builds no row');
  // Each kept row says its new place: the header is row 1.
  const rows = await rendered(p);
  assert.equal(rows.length, await rowCount(p));
  assert.deepEqual(rows.map((r) => r.index), rows.map((_, i) => i + 2));
  // The rest are hidden: not shown, not reachable by Tab, no id or row index.
  const hidden = await p.$$eval(elements, (rs) => rs.filter((r) => !r.dataset.id).map((r) => ({
    hidden: r.hidden, shown: r.getClientRects().length > 0, index: r.getAttribute('aria-rowindex'),
  })));
  assert.equal(hidden.length, all - rows.length);
  assert.ok(hidden.every((r) => r.hidden && !r.shown && r.index === null), JSON.stringify(hidden));
  await p.click('fieldset[data-facet="sector"] input[value="energy"]');
  await p.waitForFunction((n) => Number(document.querySelector('[data-testid="row-count"]').textContent) === n, all);
  assert.equal(await fresh(), 0, 'widening it builds no row either');
  const back = await rendered(p);
  assert.equal(back.length, all);
  assert.deepEqual(back.map((r) => r.index), back.map((_, i) => i + 2));
  // Nothing to show: every element hidden, the "no match" row says so.
  await p.fill('#q', 'zzzz-no-such-project');
  await p.waitForFunction(() => document.querySelector('[data-testid="row-count"]').textContent === '0');
  assert.equal(await p.$$eval('table.projects tbody tr[data-id]', (r) => r.length), 0);
  assert.ok(await p.isVisible('table.projects td.empty'));
  assert.equal(await fresh(), 0);
});
