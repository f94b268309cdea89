// End-to-end tests of the built app (dist/) in Debian's Chromium, served on 127.0.0.1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { launch, newPage, open } from './browser.mjs';
import { anchors, clickMark, harness, query, rowCount, rowIds } from './harness.mjs';

const h = harness();
const page = (path, options) => h.page(path, options);
const chartBars = (p) => p.getAttribute('[data-testid="sector-chart"]', 'data-marks');

test('a sector link shows that sector in the table and the chart', async () => {
  const p = await page('/?sector=energy&lang=en');
  assert.equal(await rowCount(p), 4);
  const sectors = await p.$$eval('table.projects tbody tr[data-id] td:nth-child(3)', (c) => c.map((x) => x.textContent));
  assert.ok(sectors.every((s) => s.startsWith('D ')), sectors.join('|'));
  // The chart keeps every sector (crossfilter), the chosen one marked as chosen.
  assert.ok((await chartBars(p)).split(',').length > 1);
  assert.equal(await p.textContent('[data-testid="total-investment"]'), 'CNY 5.27 bn');
  // The chart's text table holds the same number.
  await p.click('.chart-data summary');
  assert.equal(await p.textContent('.chart-data tbody tr[data-id="energy"] td.num'), 'CNY 5.27 bn');
  assert.equal(await p.getAttribute('.chart-data tbody tr[data-id="energy"] button', 'aria-pressed'), 'true');
  const checked = await p.$$eval('fieldset[data-facet="sector"] input:checked', (i) => i.map((x) => x.value));
  assert.deepEqual(checked, ['energy']);
});

test('clicking a bar filters by its sector; Back restores the view', async () => {
  const p = await page('/?lang=en');
  assert.equal(await rowCount(p), 21);
  const bars = (await chartBars(p)).split(',');
  assert.equal(bars[0], 'manufacturing', 'largest sector on top');
  await clickMark(p, 'sector-chart', 'manufacturing');
  await p.waitForURL(/sector=manufacturing/);
  assert.equal(await rowCount(p), 10);
  assert.equal(query(p).get('sector'), 'manufacturing');
  // The other bars stay (the chart shows its own dimension under the other filters), so
  // a second sector can be added.
  assert.deepEqual((await chartBars(p)).split(','), bars);
  await p.goBack();
  await p.waitForFunction(() => !location.search.includes('sector='));
  assert.equal(await rowCount(p), 21);
  await p.goForward();
  await p.waitForURL(/sector=manufacturing/);
  assert.equal(await rowCount(p), 10);
});

test('the chart works by keyboard and shows tooltips', async () => {
  const p = await page('/?lang=en');
  await anchors(p, 'sector-chart');
  await p.focus('[data-testid="sector-chart"]');
  await p.keyboard.press('ArrowDown');
  assert.match(await p.textContent('.chart .tooltip'), /^C Manufacturing: CNY 37.76 bn · 10 projects$/);
  await p.keyboard.press('ArrowDown');
  assert.match(await p.textContent('.chart .tooltip'), /^D Electricity/);
  await p.keyboard.press('Enter');
  await p.waitForURL(/sector=energy/);
  assert.equal(await rowCount(p), 4);
  // Hovering a bar shows the same tooltip as focusing it.
  const at = (await anchors(p, 'sector-chart')).energy;
  const box = await p.locator('[data-testid="sector-chart"]').boundingBox();
  await p.mouse.move(box.x + at.x, box.y + at.y);
  assert.match(await p.textContent('.chart .tooltip'), /^D Electricity.*CNY 5.27 bn · 4 projects$/);
});

test('a chart downloads as a 2× PNG named after the filter', async () => {
  const p = await page('/?lang=en&sector=energy');
  await anchors(p, 'sector-chart');
  const canvas = await p.locator('[data-testid="sector-chart"]').boundingBox();
  const [download] = await Promise.all([p.waitForEvent('download'), p.click('.chart button.download')]);
  assert.equal(download.suggestedFilename(), 'tongliao-2022-sector_sector-energy.png');
  const path = await download.path();
  const png = readFileSync(path);
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  assert.equal(png.readUInt32BE(16), Math.round(canvas.width) * 2);
});

test('facet checkboxes push history entries and combine', async () => {
  const p = await page('/?lang=en');
  await p.check('fieldset[data-facet="sector"] input[value="manufacturing"]');
  await p.waitForURL(/sector=manufacturing/);
  await p.check('fieldset[data-facet="district"] input[value="kailu"]');
  await p.waitForURL(/district=kailu/);
  assert.deepEqual((await rowIds(p)).sort(), ['jiupeng-doxycycline', 'kailu-jinyufeng-corn-circular-park']);
  // Facet counts are computed under the other facets' selection.
  const hureCount = await p.textContent('fieldset[data-facet="district"] label:has(input[value="hure"]) .facet-count');
  assert.equal(hureCount, '0');
  await p.goBack();
  await p.waitForFunction(() => !location.search.includes('district='));
  assert.equal(await rowCount(p), 10);
  await p.click('button.clear');
  await p.waitForFunction(() => !location.search.includes('sector='));
  assert.equal(await rowCount(p), 21);
});

test('a run of typing in the search box is one history entry, after the choice before it', async () => {
  const p = await page('/?lang=en');
  await p.check('fieldset[data-facet="kind"] input[value="highlight"]');
  await p.waitForURL(/kind=highlight/);
  await p.type('#q', 'longma');
  await p.waitForURL(/q=longma/);
  assert.deepEqual(await rowIds(p), ['horqin-longma-wind-equipment-park']);
  await p.goBack();
  await p.waitForFunction(() => !location.search.includes('q='));
  assert.equal(query(p).get('kind'), 'highlight', 'Back undoes the whole typing run, and only it');
  await p.goBack();
  await p.waitForFunction(() => !location.search.includes('kind='));
});

test('special characters and Chinese survive the URL and a reload', async () => {
  const p = await page('/?lang=en');
  const text = '% + & # = 龙马';
  await p.fill('#q', text);
  await p.waitForFunction(() => location.search.includes('q='));
  assert.equal(query(p).get('q'), text);
  await p.reload();
  await p.waitForSelector('table.projects');
  assert.equal(await p.inputValue('#q'), text);
  assert.equal(await rowCount(p), 0);
  await p.fill('#q', '龙马');
  await p.waitForFunction(() => new URLSearchParams(location.search).get('q') === '龙马');
  await p.reload();
  await p.waitForSelector('table.projects');
  assert.deepEqual(await rowIds(p), ['horqin-longma-wind-equipment-park']);
});

test('a shared link reopens the same view in a fresh browser', async () => {
  const p = await page('/?lang=en');
  await p.check('fieldset[data-facet="sector"] input[value="energy"]');
  await p.waitForURL(/sector=energy/);
  await p.click('th button.sort[data-column="name"]');
  await p.waitForURL(/sort=name/);
  const link = p.url();
  const ids = await rowIds(p);
  const other = await launch();
  try {
    const q = await newPage(other.context);
    await q.goto(link);
    await q.waitForSelector('table.projects');
    assert.deepEqual(await rowIds(q), ids);
    assert.equal(await q.textContent('h1'), await p.textContent('h1'));
    assert.equal(await q.getAttribute('th:has(button[data-column="name"])', 'aria-sort'), 'ascending');
    assert.deepEqual(q.problems, []);
  } finally {
    await other.close();
  }
});

test('a link with unknown keys and values opens with a notice naming them', async () => {
  const p = await page('/?sector=retail,energy&district=atlantis&colour=red&min=abc&lang=en');
  const notice = await p.textContent('[data-testid="notice"]');
  for (const word of ['retail', 'atlantis', 'colour', 'abc']) assert.ok(notice.includes(word), `${word} in ${notice}`);
  assert.equal(await rowCount(p), 4, 'the understood part (sector=energy) still applies');
  await p.click('[data-testid="notice"] button');
  assert.equal(await p.$('[data-testid="notice"]'), null);
});

test('hostile strings show as text and run nothing', async () => {
  let dialogs = 0;
  const p = await page();
  p.on('dialog', (d) => { dialogs += 1; d.dismiss(); });
  const payload = '<img src=x onerror=alert(1)><script>alert(2)</script>';
  await open(p, h.server.url, `/?lang=en&q=${encodeURIComponent(payload)}&sector=${encodeURIComponent(payload)}&${encodeURIComponent(payload)}=1`);
  assert.equal(await p.inputValue('#q'), payload);
  assert.ok((await p.textContent('[data-testid="notice"]')).includes('<img src=x'));
  assert.equal(await p.$('img'), null);
  assert.equal(dialogs, 0);
});

test('the language switch changes the whole interface and the URL', async () => {
  const p = await page('/?lang=zh');
  assert.equal(await p.textContent('h1'), '通辽市2022年重大项目浏览器');
  assert.equal(await p.getAttribute('html', 'lang'), 'zh-CN');
  await p.click('button.lang:has-text("English")');
  await p.waitForURL(/lang=en/);
  assert.equal(await p.textContent('h1'), 'Tongliao 2022 Major Projects Explorer');
  assert.equal(await p.getAttribute('html', 'lang'), 'en');
  assert.match(await p.textContent('[data-testid="total-investment"]'), /^CNY [\d.]+ bn$/);
  await p.click('button.lang:has-text("中文")');
  await p.waitForURL(/lang=zh/);
  assert.match(await p.textContent('[data-testid="total-investment"]'), /亿元$/);
});

test('a link without lang gets one, so copied links keep the language', async () => {
  const p = await page('/?sector=mining');
  await p.waitForFunction(() => new URLSearchParams(location.search).get('lang'));
  assert.equal(query(p).get('sector'), 'mining');
});

test('sorting by clicking and by keyboard', async () => {
  const p = await page('/?lang=en');
  await p.click('th button.sort[data-column="investment"]');
  await p.waitForURL(/sort=investment/);
  assert.equal((await rowIds(p))[0], 'holingol-chuangyuan-aluminium-alloy');
  await p.focus('th button.sort[data-column="jobs"]');
  await p.keyboard.press('Enter');
  await p.waitForURL(/sort=-jobs/);
  assert.equal((await rowIds(p))[0], 'horqin-longma-wind-equipment-park');
});

test('a project opens in a detail view with its own URL and every figure', async () => {
  const p = await page('/?lang=en&sector=manufacturing');
  await p.click('tr[data-id="horqin-longma-wind-equipment-park"] a');
  await p.waitForURL(/p=horqin-longma-wind-equipment-park/);
  assert.equal(query(p).get('sector'), 'manufacturing', 'the filter stays in the URL');
  const detail = await p.textContent('[data-testid="detail"]');
  for (const s of ['185亿元', '近万人', '560亿元以上', '18,500,000,000 yuan', 'line 163']) {
    assert.ok(detail.includes(s), `${s} in detail`);
  }
  await p.reload();
  await p.waitForSelector('[data-testid="detail"]');
  await p.goBack();
  await p.waitForSelector('table.projects');
  assert.equal(await rowCount(p), 10);
});

test('the audit shows the contradiction it computed and flags the project', async () => {
  const p = await page('/?lang=en');
  // The audit is below the fold: it mounts when the browser is idle.
  await p.waitForSelector('.audit-item[data-status="contradiction"]');
  const bad = await p.$$eval('.audit-item[data-status="contradiction"]', (e) => e.map((x) => x.textContent));
  assert.equal(bad.length, 1);
  assert.ok(bad[0].includes('305281万千瓦时') && bad[0].includes('1,527,000,000 kWh'), bad[0]);
  assert.ok(await p.$('tr[data-id="jarud-daolaodu-wind-500mw"] .flag'));
});

test('panels mounted after the first screen are there for printing at once, and for find in page', async () => {
  // Print media from the start: every panel is mounted with the first render, not at idle.
  const p = await page();
  await p.emulateMedia({ media: 'print' });
  await p.goto(`${h.server.url}/?lang=en`);
  // The screen's table is hidden in print: wait for it in the document, not on screen.
  await p.waitForSelector('table.projects', { state: 'attached' });
  assert.ok(await p.$('.audit-item'), 'the audit, without waiting');
  assert.ok(await p.$('[data-testid="cite-text"]'), 'the data tools too');
  await p.emulateMedia({ media: 'screen' });
  // Once idle, the browser's find in page reaches the lowest panel's text.
  const q = await page('/?lang=zh');
  await q.waitForSelector('.audit-item');
  const found = await q.evaluate(() => window.find(document.querySelector('.audit-item').textContent.trim().slice(0, 8)));
  assert.equal(found, true);
});

test('screenshots for the README (zh and en)', async () => {
  mkdirSync('docs', { recursive: true });
  for (const lang of ['zh', 'en']) {
    const p = await page(`/?lang=${lang}`);
    await anchors(p, 'sector-chart');
    await p.screenshot({ path: `docs/screenshot-${lang}.png` });
  }
});
