// What real users hit (issue 12): each test fails on the defect it names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anchors, clickMark, harness, query, rowCount } from './harness.mjs';

const h = harness();
const marks = (p, name) => p.getAttribute(`[data-testid="${name}-chart"]`, 'data-marks');

test('Tab visits every row of the table and the focus never falls to <body>', async () => {
  const p = await h.page('/?lang=en', { viewport: { width: 1440, height: 900 } });
  const total = await rowCount(p);
  await p.focus('table.projects tbody tr[data-id] a');
  const seen = new Set();
  for (let i = 0; i < total + 2; i += 1) {
    const at = await p.evaluate(() => {
      const el = document.activeElement;
      return { tag: el.tagName, row: el.closest('tr[data-id]')?.dataset.id ?? null };
    });
    assert.notEqual(at.tag, 'BODY', `focus fell to <body> after ${seen.size} rows`);
    if (!at.row) break;
    seen.add(at.row);
    await p.keyboard.press('Tab');
  }
  assert.equal(seen.size, total, `Tab reached ${seen.size} of ${total} rows`);
});

test('a project opens at its title with the focus on it, and Back returns to the list where it was', async () => {
  const p = await h.page('/?lang=en', { viewport: { width: 1440, height: 900 } });
  const link = p.locator('.audit a[href*="p="]').first();
  await link.scrollIntoViewIfNeeded();
  const before = await p.evaluate(() => window.scrollY);
  assert.ok(before > 300, `the audit is down the page (${before})`);
  await link.click();
  await p.waitForSelector('[data-testid="detail"] h2');
  await p.waitForFunction(() => window.scrollY === 0 && document.activeElement?.matches('[data-testid="detail"] h2'));
  const top = await p.$eval('[data-testid="detail"] h2', (h2) => h2.getBoundingClientRect().top);
  assert.ok(top >= 0 && top < 300, `title at ${top}`);
  await p.goBack();
  await p.waitForSelector('table.projects');
  await p.waitForFunction((y) => Math.abs(window.scrollY - y) < 5, before);
});

test('the sector chart keeps every sector while one is chosen, so a second can be added', async () => {
  const p = await h.page('/?lang=en');
  const all = (await marks(p, 'sector')).split(',');
  assert.ok(all.length > 3);
  await clickMark(p, 'sector-chart', 'manufacturing');
  await p.waitForURL(/sector=manufacturing/);
  await p.waitForFunction((n) => document.querySelector('[data-testid="sector-chart"]').dataset.marks?.split(',').length === n, all.length);
  assert.deepEqual((await marks(p, 'sector')).split(','), all, 'same bars, same order');
  await clickMark(p, 'sector-chart', 'energy');
  await p.waitForURL(/sector=energy,manufacturing/);
  // A district filter changes the sums, not the bars or their order.
  await clickMark(p, 'district-chart', 'kailu');
  await p.waitForURL(/district=kailu/);
  await p.waitForFunction((n) => document.querySelector('[data-testid="sector-chart"]').dataset.marks?.split(',').length === n, all.length);
  assert.deepEqual((await marks(p, 'sector')).split(','), all);
  // The data table lists every sector and says which are chosen.
  const table = p.locator('section[data-chart="sector"] details.chart-data');
  await table.locator('summary').click();
  await table.locator('tbody tr').first().waitFor();
  const pressed = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [r.dataset.id, r.querySelector('button').getAttribute('aria-pressed')]));
  assert.deepEqual(pressed.map(([id]) => id), all);
  assert.deepEqual(pressed.filter(([, on]) => on === 'true').map(([id]) => id).sort(), ['energy', 'manufacturing']);
});

test('not stated is not zero, and 近万人 keeps its "nearly" in the table', async () => {
  const p = await h.page('/?lang=en');
  const longma = p.locator('table.projects tr[data-id="horqin-longma-wind-equipment-park"]');
  assert.match(await longma.textContent(), /nearly 10,000/);
  const zh = await h.page('/?lang=zh');
  assert.match(await zh.locator('table.projects tr[data-id="horqin-longma-wind-equipment-park"]').textContent(), /近1万人/);
  await p.locator('[data-testid="sector-chart"]').scrollIntoViewIfNeeded();
  const details = p.locator('section[data-chart="sector"] details.chart-data');
  await details.locator('summary').click();
  await details.locator('tbody td').first().waitFor();
  const cells = await details.locator('td').allTextContents();
  assert.ok(cells.length > 0);
  assert.ok(!cells.some((c) => /^CNY 0$|^0元$/.test(c.trim())), `no zero amount: ${cells.join(' | ')}`);
  assert.ok(cells.some((c) => /no amount stated/i.test(c)), cells.join(' | '));
  // The table's total too: a sector whose projects state no amount sums to no amount, not 0.
  const health = await h.page('/?lang=en&sector=health');
  assert.ok(await rowCount(health) > 0);
  assert.equal(await health.textContent('[data-testid="total-investment"]'), 'no amount stated');
});

test('an unusable lang is replaced, not repeated', async () => {
  const p = await h.page('/?lang=fr&sector=energy');
  const langs = query(p).getAll('lang');
  assert.equal(langs.length, 1, `lang once: ${p.url()}`);
  const notice = await p.textContent('[data-testid="notice"]');
  assert.match(notice, /fr/);
  assert.doesNotMatch(notice, /repeated|重复/);
});

test('a search too long for a link is ignored, as the notice says', async () => {
  const p = await h.page(`/?lang=en&q=${'a'.repeat(3000)}`);
  const notice = await p.textContent('[data-testid="notice"]');
  assert.match(notice, /ignored/);
  assert.doesNotMatch(notice, /cut/);
  assert.equal(await rowCount(p), 21, 'no search is applied');
});

test('min above max is said, and one click swaps them', async () => {
  const p = await h.page('/?lang=en&min=10&max=5');
  assert.equal(await rowCount(p), 0);
  assert.match(await p.textContent('[data-testid="range-notice"]'), /above the maximum/);
  await p.click('[data-testid="swap-range"]');
  await p.waitForURL(/min=5&max=10/);
  assert.ok(await rowCount(p) > 0);
  await p.waitForSelector('[data-testid="range-notice"]', { state: 'detached' });
});

test('a near miss is suggested as a link, and an unknown project says so', async () => {
  const p = await h.page('/?lang=en&sector=energi');
  const suggestion = p.locator('[data-testid="suggestion"]');
  assert.match(await suggestion.textContent(), /did you mean energy/);
  await suggestion.click();
  await p.waitForURL(/sector=energy/);
  const q = await h.page('/?lang=en&p=no-such-project');
  assert.match(await q.textContent('[data-testid="notice"]'), /project not found/);
});

test('search finds summaries, run-together Chinese and pinyin, and the row says why', async () => {
  const p = await h.page('/?lang=en&q=turbine');
  const ids = await p.$$eval('table.projects tbody tr[data-id]', (r) => r.map((x) => x.dataset.id));
  assert.ok(ids.includes('horqin-longma-wind-equipment-park'), ids.join());
  const title = await p.getAttribute('tr[data-id="horqin-longma-wind-equipment-park"] th', 'title');
  assert.match(title, /Matches: “turbine” \(summary\)/);
  for (const [q, id] of [['奈曼明阳', 'naiman-mingyang-smart-energy'], ['longma', 'horqin-longma-wind-equipment-park'], ['整机', 'horqin-longma-wind-equipment-park']]) {
    const page = await h.page(`/?lang=zh&q=${encodeURIComponent(q)}`);
    const found = await page.$$eval('table.projects tbody tr[data-id]', (r) => r.map((x) => x.dataset.id));
    assert.ok(found.includes(id), `${q}: ${found.join()}`);
  }
});

test('the programme panel says it covers the whole list', async () => {
  const p = await h.page('/?lang=en&theme=wind');
  assert.match(await p.textContent('[data-testid="programme-scope"]'), /whole list and do not follow the filter/);
});

test('empty charts say what is missing: dates, or the measure plotted', async () => {
  const p = await h.page();
  // Canvas text is not in the DOM: record what the charts write.
  await p.addInitScript(() => {
    window.__drawn = [];
    const fill = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
      window.__drawn.push(String(text));
      return fill.call(this, text, ...rest);
    };
  });
  await p.goto(`${h.server.url}/?lang=en&y=revenue&q=nothing-matches-this`);
  await p.waitForSelector('table.projects');
  for (const name of ['scatter', 'timeline']) {
    await p.locator(`[data-testid="${name}-chart"]`).scrollIntoViewIfNeeded();
    await p.waitForFunction((t) => document.querySelector(`[data-testid="${t}-chart"]`)?.dataset.marks !== undefined, name);
  }
  // A message is wrapped to the chart's width, one fillText per line: read them as one text.
  const drawn = (await p.evaluate(() => window.__drawn)).join(' ');
  assert.match(drawn, /no project in view states a planned date/);
  assert.match(drawn, /no project in view states both an investment and annual sales revenue/);
});

test('a chart PNG is the chart on screen, with its whole caption wrapped inside the picture', async () => {
  const p = await h.page();
  await p.addInitScript(() => {
    window.__drawn = [];
    const fill = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text, x, ...rest) {
      window.__drawn.push({ text: String(text), right: x + this.measureText(String(text)).width, width: this.canvas.width });
      return fill.call(this, text, x, ...rest);
    };
  });
  for (const [lang, width] of [['en', 1440], ['zh', 390]]) {
    await p.setViewportSize({ width, height: 900 });
    await p.goto(`${h.server.url}/?lang=${lang}`);
    await p.waitForSelector('table.projects');
    const panel = p.locator('section[data-chart="timeline"]');
    await panel.scrollIntoViewIfNeeded();
    await p.waitForFunction(() => document.querySelector('[data-testid="timeline-chart"]').dataset.anchors);
    const onScreen = (await p.getAttribute('[data-testid="timeline-chart"]', 'data-marks')).split(',');
    await p.evaluate(() => { window.__drawn = []; });
    const [download] = await Promise.all([p.waitForEvent('download'), panel.locator('button.download').click()]);
    assert.match(download.suggestedFilename(), /timeline.*\.png$/);
    const drawn = await p.evaluate(() => window.__drawn);
    assert.ok(!drawn.some((d) => /Nothing to plot|没有可绘制/.test(d.text)), `${lang}: the PNG is not empty`);
    assert.ok(onScreen.length > 0 && drawn.length > 10, `${lang}: ${drawn.length} texts`);
    const overflow = drawn.filter((d) => d.right > d.width + 1);
    assert.deepEqual(overflow.map((d) => d.text), [], `${lang}: text runs off the picture`);
    const caption = drawn.map((d) => d.text).join('');
    assert.ok(caption.includes('v=2026.11.29'), `${lang}: the link's end is in the picture`);
  }
});

test('a printout lists every row in view, the filter in words, the link and the source, and no controls', async () => {
  const p = await h.page('/?lang=en&kind=mentioned', { viewport: { width: 1024, height: 800 } });
  const inView = await rowCount(p);
  await p.emulateMedia({ media: 'print' });
  await p.waitForSelector('[data-testid="print-view"]');
  const printed = await p.$$eval('[data-testid="print-view"] tbody tr', (r) => r.length);
  assert.equal(printed, inView, 'every row in view is printed');
  const text = await p.textContent('[data-testid="print-view"]');
  assert.match(text, /mentioned/i, 'the filter in words');
  assert.match(text, /kind=mentioned/, 'the canonical link');
  assert.match(text, /Source/, 'the source');
  const visibleControls = await p.$$eval('button, input, select', (els) => els.filter((e) => e.getClientRects().length > 0).length);
  assert.equal(visibleControls, 0, 'no controls print');
  // Every chart is drawn for the printout, not only those once scrolled into view.
  await p.waitForFunction(() => [...document.querySelectorAll('canvas[data-testid]')].every((c) => c.dataset.anchors !== undefined));
  await p.emulateMedia({ media: 'screen' });
  await p.waitForSelector('[data-testid="print-view"]', { state: 'detached' });
});
