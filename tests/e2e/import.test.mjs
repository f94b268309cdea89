// Importing lists as offices publish them (issue: xlsx and GBK CSV with a title row,
// sections, subtotals and one wrong subtotal), through the review, in the browser.
// The fixtures are written by scripts/gen-import-fixtures.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { download, harness, parseCsv, query, rowCount } from './harness.mjs';

const h = harness();
const FIXTURES = 'tests/fixtures/import';

async function importFile(p, name) {
  await p.setInputFiles('[data-testid="file-input"]', `${FIXTURES}/${name}`);
  return p.waitForSelector('[data-testid="import-review"], [data-testid="import-error"]', { timeout: 30_000 });
}

for (const file of ['city-2023.xlsx', 'city-2023-gbk.csv']) {
  test(`${file}: one confirm loads the list; the table, the CSV export and the audit follow it`, async () => {
    const p = await h.page('/?lang=en');
    assert.equal(await rowCount(p), 21);
    await importFile(p, file);
    const review = await p.textContent('[data-testid="import-review"]');
    assert.match(review, new RegExp(file.replace('.', '\\.')));
    assert.equal(await p.textContent('[data-testid="import-count-projects"] strong'), '7');
    assert.equal(await p.textContent('[data-testid="import-count-sections"] strong'), '3');
    assert.equal(await p.textContent('[data-testid="import-count-subtotals"] strong'), '3');
    assert.equal(await p.textContent('[data-testid="import-count-totals"] strong'), '1');
    assert.equal(await p.locator('[data-testid="import-problem"]').count(), 0);
    // Unambiguous: one click confirms.
    await p.click('[data-testid="import-confirm"]');
    await p.waitForFunction(() => Number(document.querySelector('[data-testid="row-count"]')?.textContent) === 7);
    assert.equal(query(p).get('data'), file);
    // Years alone (建设起止年限 "2023-2025") are on the timeline too, and its hint says how.
    const marks = await p.getAttribute('[data-testid="timeline-chart"]', 'data-marks');
    assert.equal(marks.split(',').length, 7, marks);
    assert.match(await p.textContent('section[data-chart="timeline"]'), /A line across a year: the source gives the year only/);
    // The audit names the wrong subtotal, with both numbers and the difference.
    const bad = await p.$$eval('.audit-item[data-status="contradiction"]', (e) => e.map((x) => x.textContent));
    assert.equal(bad.length, 1, bad.join('\n'));
    assert.match(bad[0], /Printed subtotal/);
    assert.match(bad[0], /小计/);
    assert.match(bad[0], /1,000,000,000 yuan/);
    assert.match(bad[0], /1,050,000,000 yuan/);
    assert.match(bad[0], /Difference: −50,000,000 yuan/);
    // The CSV export holds the list's seven projects with their amounts in yuan.
    const csv = await download(p, '[data-testid="export-csv"]');
    const rows = parseCsv(csv.bytes.toString('utf8').slice(1));
    const head = rows[0];
    const body = rows.slice(1).filter((r) => r.length > 1);
    assert.equal(body.length, 7);
    const wind = body.find((r) => r[head.indexOf('name_zh')] === '示例旗200万千瓦风电项目');
    assert.equal(wind[head.indexOf('investment_yuan')], '1200000000');
    // The section facet is there, with its own URL key.
    await p.click('fieldset:has(legend:has-text("Section")) label:has-text("Neng Yuan Xiang Mu") input');
    await p.waitForFunction(() => Number(document.querySelector('[data-testid="row-count"]').textContent) === 3);
    assert.match(query(p).get('section'), /^s1-neng-yuan-xiang-mu$/);
  });
}

test('a project of an imported list shows every cell with its position and its pinyin name', async () => {
  const p = await h.page('/?lang=en');
  await importFile(p, 'city-2023.xlsx');
  await p.click('[data-testid="import-confirm"]');
  await p.waitForFunction(() => Number(document.querySelector('[data-testid="row-count"]')?.textContent) === 7);
  await p.click('table.projects tbody tr[data-id] a');
  await p.waitForSelector('[data-testid="cells"]');
  const cells = await p.textContent('[data-testid="cells"]');
  assert.match(cells, /示例旗200万千瓦风电项目/);
  assert.match(cells, /示例旗200万千瓦风电项目\s*B7/);
  assert.match(await p.textContent('h3:has(+ .table-wrap [data-testid="cells"])'), /sheet “2023年计划”, row 7/);
  assert.match(cells, /120,000/);
  assert.match(await p.textContent('[data-testid="translit"]'), /pinyin/);
  const figures = await p.textContent('.detail table.figures:not(.cells)');
  assert.match(figures, /row 7, column G/);
});

test('the review offers GB/T sections for the list\'s categories; ticked, the sectors carry them', async () => {
  const p = await h.page('/?lang=en');
  await importFile(p, 'city-2023.xlsx');
  const review = await p.textContent('[data-testid="import-review"]');
  assert.match(review, /能源 → D Electricity, heat, gas and water supply/);
  assert.match(review, /工业 → C Manufacturing/);
  // The review is written again by the worker, so the box is clicked, not 'checked' in place.
  await p.click('[data-testid="import-gbt"]');
  await p.waitForFunction(() => document.querySelector('[data-testid="import-gbt"]')?.checked
    && !document.querySelector('[data-testid="import-confirm"]').disabled);
  await p.click('[data-testid="import-confirm"]');
  await p.waitForFunction(() => Number(document.querySelector('[data-testid="row-count"]')?.textContent) === 7);
  const sectors = await p.$$eval('fieldset:has(legend:has-text("Sector")) label', (l) => l.map((x) => x.textContent.trim()));
  assert.ok(sectors.some((s) => /^D Neng Yuan\s*3$/.test(s)), sectors.join(' | '));
  assert.ok(sectors.some((s) => /^C Gong Ye\s*2$/.test(s)), sectors.join(' | '));
});

test('changing the unit asks the worker again and scales every amount', async () => {
  const p = await h.page('/?lang=en');
  await importFile(p, 'city-2023-gbk.csv');
  await p.selectOption('[data-testid="import-unit"]', '亿元');
  await p.waitForFunction(() => document.querySelector('[data-testid="import-unit"]')?.value === '亿元'
    && /your choice/.test(document.querySelector('[data-testid="import-review"]').textContent));
  await p.click('[data-testid="import-confirm"]');
  await p.waitForFunction(() => Number(document.querySelector('[data-testid="row-count"]')?.textContent) === 7);
  // 120000 亿元 is CNY 12 trillion: read as chosen, not as the unit line says.
  assert.match(await p.textContent('table.projects tbody'), /CNY 12,?000 bn/);
});

test('cancel keeps the current data exactly as it was', async () => {
  const p = await h.page('/?lang=en&sector=energy');
  const before = await rowCount(p);
  const url = p.url();
  await importFile(p, 'city-2023.xlsx');
  await p.click('[data-testid="import-review"] [data-testid="import-cancel"]');
  await p.waitForSelector('[data-testid="import-review"]', { state: 'detached' });
  assert.equal(await rowCount(p), before);
  assert.equal(p.url(), url);
});

test('a corrupt workbook and binary junk get their message in the reader\'s language; the data stays', async () => {
  const p = await h.page('/?lang=zh');
  await importFile(p, 'corrupt.xlsx');
  assert.match(await p.textContent('[data-testid="import-error"]'), /corrupt\.xlsx: 工作簿已损坏/);
  assert.equal(await rowCount(p), 21);
  await p.click('[data-testid="import-error"] button');
  await p.click('button.lang:has-text("English")');
  await importFile(p, 'junk.csv');
  assert.match(await p.textContent('[data-testid="import-error"]'), /junk\.csv: cannot read it/);
  assert.equal(await rowCount(p), 21);
});

test('changing a column in the review asks the worker again, and the reader\'s choice confirms', async () => {
  const p = await h.page('/?lang=en');
  await importFile(p, 'city-2023-gbk.csv');
  // The 2023 plan column (H) read as "other": it is kept with each project, but no longer a figure.
  await p.selectOption('select[aria-label="Read as H"]', 'other');
  await p.waitForFunction(() => document.querySelector('select[aria-label="Read as H"]')?.value === 'other'
    && !document.querySelector('[data-testid="import-confirm"]').disabled);
  await p.click('[data-testid="import-confirm"]');
  await p.waitForFunction(() => Number(document.querySelector('[data-testid="row-count"]')?.textContent) === 7);
  const items = await p.$$eval('.audit-item', (e) => e.map((x) => x.textContent));
  assert.ok(!items.some((t) => /planned this year/.test(t)), 'no plan figures, so no plan subtotal check');
});

test('the imported list saved as a dataset file reopens with the same rows and audit', async () => {
  const p = await h.page('/?lang=en');
  await importFile(p, 'city-2023.xlsx');
  await p.click('[data-testid="import-confirm"]');
  await p.waitForFunction(() => Number(document.querySelector('[data-testid="row-count"]')?.textContent) === 7);
  const audit = await p.$$eval('.audit-item', (e) => e.map((x) => x.textContent));
  const ids = await p.$$eval('table.projects tbody tr[data-id]', (r) => r.map((x) => x.dataset.id));
  const saved = await download(p, '[data-testid="save-dataset"]');
  assert.equal(saved.name, 'city-2023.dataset.json');
  const q = await h.page('/?lang=en');
  await q.setInputFiles('[data-testid="file-input"]', { name: saved.name, mimeType: 'application/json', buffer: saved.bytes });
  await q.waitForFunction(() => Number(document.querySelector('[data-testid="row-count"]')?.textContent) === 7);
  assert.equal(await q.locator('[data-testid="import-review"]').count(), 0, 'our own format needs no review');
  assert.deepEqual(await q.$$eval('table.projects tbody tr[data-id]', (r) => r.map((x) => x.dataset.id)), ids);
  assert.deepEqual(await q.$$eval('.audit-item', (e) => e.map((x) => x.textContent)), audit);
});

test('a published list\'s packed file loads from the file input; one of another version is refused in words', async () => {
  const p = await h.page('/?lang=en');
  await p.setInputFiles('[data-testid="file-input"]', 'data/lists/synthetic-city-2023.packed');
  await p.waitForFunction(() => Number(document.querySelector('[data-testid="row-count"]')?.textContent) === 2000, null, { timeout: 30000 });
  await p.setInputFiles('[data-testid="file-input"]', { name: 'old.packed', mimeType: 'application/octet-stream', buffer: Buffer.from('TLXP\u0009\u0000rest') });
  await p.waitForSelector('[data-testid="import-error"]');
  assert.match(await p.textContent('[data-testid="import-error"]'), /old\.packed: the packed data cannot be read \(packed dataset version 9, this build reads 1\)/);
  assert.equal(await rowCount(p), 2000, 'the loaded list stays');
});

test('saving when the worker cannot start says so in the reader\'s language; the list stays, and saving works again after', async () => {
  const p = await h.page('/?lang=zh');
  await importFile(p, 'city-2023.xlsx');
  await p.click('[data-testid="import-confirm"]');
  await p.waitForFunction(() => Number(document.querySelector('[data-testid="row-count"]')?.textContent) === 7);
  // The JSON is written by a worker started on the click: block its wasm this once.
  await p.route('**/importer_bg.wasm', (r) => r.abort());
  await p.click('[data-testid="save-dataset"]');
  await p.waitForSelector('[data-testid="save-error"]');
  assert.match(await p.textContent('[data-testid="save-error"]'), /无法保存数据集文件.*city-2023\.xlsx: 导入程序意外停止/s);
  assert.equal(await rowCount(p), 7);
  await p.unroute('**/importer_bg.wasm');
  const saved = await download(p, '[data-testid="save-dataset"]');
  assert.equal(saved.name, 'city-2023.dataset.json');
  assert.equal(JSON.parse(saved.bytes.toString('utf8')).projects.length, 7);
  assert.equal(await p.locator('[data-testid="save-error"]').count(), 0, 'the message goes once saving works');
  p.problems = p.problems.filter((m) => !/importer|Failed to load|net::ERR_FAILED/.test(m));
});

for (const [what, blocked] of [['its script', '**/importer_loader.js'], ['its wasm', '**/importer_bg.wasm']]) {
  test(`a worker that cannot load ${what} is reported in the reader's language; the data stays`, async () => {
    const p = await h.page('/?lang=en');
    await p.route(blocked, (r) => r.abort());
    await importFile(p, 'city-2023.xlsx');
    assert.match(await p.textContent('[data-testid="import-error"]'), /city-2023\.xlsx: The importer stopped unexpectedly/);
    assert.equal(await rowCount(p), 21);
    // The failed request is the point of this test: its console line is no page error.
    p.problems = p.problems.filter((m) => !/importer|Failed to load|net::ERR_FAILED/.test(m));
  });
}
