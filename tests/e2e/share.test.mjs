// Share, export, cite, release pinning and user files, in the browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, newPage } from './browser.mjs';
import { download, harness, parseCsv, query, rowCount, rowIds } from './harness.mjs';

const h = harness();

test('copy link → a new browser opens the identical view', async () => {
  const p = await h.page('/?sort=name&lang=en&sector=energy');
  await h.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.server.url });
  await p.click('button.share');
  const link = await p.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/\?sector=energy&sort=name&lang=en&v=2026\.11\.29$/, 'canonical order, release pinned');
  const other = await launch();
  try {
    const q = await newPage(other.context);
    await q.goto(link);
    await q.waitForSelector('table.projects');
    assert.deepEqual(await rowIds(q), await rowIds(p));
    assert.equal(await q.$('[data-testid="release-notice"]'), null, 'same release: no notice');
  } finally {
    await other.close();
  }
});

test('where the clipboard is refused, the link is shown selected instead', async () => {
  const p = await h.page();
  await p.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } });
  });
  await p.goto(`${h.server.url}/?lang=en&district=kailu`);
  await p.waitForSelector('table.projects');
  await p.click('button.share');
  const field = await p.waitForSelector('[data-testid="share-fallback"]');
  const value = await field.inputValue();
  assert.match(value, /\?district=kailu&lang=en&v=2026\.11\.29$/);
  const selected = await p.evaluate(() => {
    const el = document.activeElement;
    return el.value.slice(el.selectionStart, el.selectionEnd);
  });
  assert.equal(selected, value);
});

test('the CSV and JSON exports equal the table in view', async () => {
  const p = await h.page('/?lang=en&sector=manufacturing,mining&sort=-investment');
  const ids = await rowIds(p);
  const csv = await download(p, '[data-testid="export-csv"]');
  assert.equal(csv.name, 'tongliao-2022_sector-manufacturing.mining.csv');
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM for Excel');
  const rows = parseCsv(csv.bytes.toString('utf8').slice(1));
  const head = rows[0];
  const body = rows.slice(1).filter((r) => r.length > 1);
  assert.deepEqual(body.map((r) => r[head.indexOf('id')]), ids);
  const longma = body.find((r) => r[0] === 'horqin-longma-wind-equipment-park');
  assert.equal(longma[head.indexOf('investment_yuan')], '18500000000');
  assert.equal(longma[head.indexOf('investment_printed')], '185亿元');
  assert.equal(longma[head.indexOf('jobs_printed')], '近万人');
  const json = JSON.parse((await download(p, '[data-testid="export-json"]')).bytes.toString('utf8'));
  assert.deepEqual(json.map((r) => r.id), ids);
});

test('the citation names the source, release, filter, date and link, and follows the filter', async () => {
  const p = await h.page('/?lang=en&district=kailu');
  const text = await p.textContent('[data-testid="cite-text"]');
  for (const s of ['2026.11.29', 'Kailu County', new Date().toISOString().slice(0, 10), 'district=kailu']) {
    assert.ok(text.includes(s), `${s} in ${text}`);
  }
  await p.check('fieldset[data-facet="sector"] input[value="mining"]');
  await p.waitForURL(/sector=mining/);
  assert.ok((await p.textContent('[data-testid="cite-text"]')).includes('Mining'));
  // The BibTeX entry is written when its panel opens, and follows the filter from then on.
  assert.equal(await p.textContent('[data-testid="cite-bibtex"]'), '');
  await p.click('.cite summary');
  await p.waitForFunction(() => document.querySelector('[data-testid="cite-bibtex"]').textContent.startsWith('@misc{'));
  const entry = await p.textContent('[data-testid="cite-bibtex"]');
  await p.uncheck('fieldset[data-facet="sector"] input[value="mining"]');
  await p.waitForFunction((before) => document.querySelector('[data-testid="cite-bibtex"]').textContent !== before, entry);
});

test('a link from another release opens with a notice; an old link without v still works', async () => {
  const p = await h.page('/?lang=en&v=2026.11.01&sector=energy');
  assert.match(await p.textContent('[data-testid="release-notice"]'), /2026\.11\.01/);
  assert.equal(await rowCount(p), 4);
  const q = await h.page('/?sector=energy');
  assert.equal(await rowCount(q), 4);
  await q.waitForFunction(() => new URLSearchParams(location.search).get('v') === '2026.11.29');
});

test('embed mode shows charts and table with a link to the full view', async () => {
  const p = await h.page('/?lang=en&embed=1&sector=energy');
  assert.equal(await p.$('aside.filters'), null);
  assert.equal(await p.$('.audit'), null);
  assert.ok(await p.$('[data-testid="sector-chart"]'));
  assert.equal(await rowCount(p), 4);
  const href = await p.getAttribute('.embed-bar a', 'href');
  assert.ok(href.includes('sector=energy') && !href.includes('embed'), href);
});

test('loading a good file replaces the data; four kinds of bad file are refused in the reader\'s language and nothing is lost', async () => {
  const p = await h.page('/?lang=en');
  const template = await download(p, 'button:has-text("Download the CSV template")');
  let text = template.bytes.toString('utf8').replace(/^\ufeff/, '');
  assert.ok(text.includes('project_id'));
  // A small list for another region: the template with its region renamed.
  text = text.replace(/^# region_en: .*$/m, '# region_en: Testland').replace(/^# release: .*$/m, '# release: test-1');
  await p.setInputFiles('[data-testid="file-input"]', { name: 'testland.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await p.waitForSelector('[data-testid="file-loaded"]');
  await p.waitForURL(/data=testland\.csv/);
  const loaded = await rowCount(p);
  assert.ok(loaded >= 1 && loaded < 21, `${loaded} rows from the template`);

  const bad = [
    ['columns.csv', Buffer.from('a,b,c\n1,2,3\n'), /no header found: .*project_id, metric/],
    ['number.csv', Buffer.from(text.replace(/,18500000000,/, ',eighteen,')), /row \d+, value: /],
    ['mismatch.csv', Buffer.from(text.replace(/,18500000000,/, ',18500000001,')), /row \d+: project [a-z-]+: figures\[\d+\]\.value: 18500000001 does not match the printed/],
    ['huge.csv', Buffer.alloc(50 * 1024 * 1024, 0x41), /MB/],
  ];
  const dir = mkdtempSync(join(tmpdir(), 'tongliao-upload-'));
  for (const [name, buffer, message] of bad) {
    // Playwright passes large buffers only as files.
    const path = join(dir, name);
    writeFileSync(path, buffer);
    await p.setInputFiles('[data-testid="file-input"]', path);
    // Checked on the page (size, JSON) or by the import worker (CSV), with the same messages.
    const error = await p.waitForSelector('[data-testid="load-error"], [data-testid="import-error"]');
    const said = await error.textContent();
    assert.ok(said.includes(name), said);
    assert.match(said, message);
    assert.equal(await rowCount(p), loaded, `${name}: the loaded data stays`);
  }
  // The message is kept as data, so it follows the language switch.
  await p.click('button.lang:has-text("中文")');
  await p.waitForFunction(() => document.querySelector('[data-testid="load-error"]').textContent.includes('文件大小为 50.0 MB'));
  // Validation messages too: a Chinese reader gets no English sentence.
  await p.setInputFiles('[data-testid="file-input"]', join(dir, 'mismatch.csv'));
  await p.waitForFunction(() => /第 \d+ 行：项目 [a-z-]+，figures\[\d+\]\.value：18500000001 与原文 "185亿元" 不符/
    .test(document.querySelector('[data-testid="import-error"]')?.textContent));
  assert.doesNotMatch(await p.textContent('[data-testid="import-error"]'), /does not match|project|row/);
  await p.click('button.lang:has-text("English")');
  await p.click('[data-testid="back-to-embedded"]');
  await p.waitForFunction(() => !location.search.includes('data='));
  assert.equal(await rowCount(p), 21);
});

test('a link to a loaded file says the file is needed', async () => {
  const p = await h.page('/?lang=en&data=ordos.csv');
  assert.match(await p.textContent('[data-testid="file-needed"]'), /ordos\.csv/);
  assert.equal(query(p).get('data'), 'ordos.csv');
});
