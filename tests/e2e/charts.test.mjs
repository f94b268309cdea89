// The chart suite in the browser: every chart cross-filters through the URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { anchors, clickMark, harness, query, rowCount, rowIds } from './harness.mjs';

const h = harness();
const marks = (p, name) => p.getAttribute(`[data-testid="${name}-chart"]`, 'data-marks');

test('a district tile toggles the district filter; the other charts and the table follow', async () => {
  const p = await h.page('/?lang=en');
  await clickMark(p, 'district-chart', 'kailu');
  await p.waitForURL(/district=kailu/);
  assert.deepEqual((await rowIds(p)).sort(), ['jiupeng-doxycycline', 'kailu-jinyufeng-corn-circular-park']);
  // The sector chart keeps every sector (crossfilter); only kailu's are counted.
  assert.ok((await marks(p, 'sector')).split(',').includes('manufacturing'));
  // Unselected tiles stay on the map (dimmed), so a second district can be added.
  assert.equal((await marks(p, 'district')).split(',').length, 9);
  await clickMark(p, 'district-chart', 'horqin');
  await p.waitForURL(/district=horqin,kailu/);
  assert.equal(await rowCount(p), 3);
  await p.goBack();
  await p.waitForFunction(() => new URLSearchParams(location.search).get('district') === 'kailu');
  assert.equal(await rowCount(p), 2);
});

test('a scatter point opens its project', async () => {
  const p = await h.page('/?lang=en');
  const ids = (await marks(p, 'scatter')).split(',');
  assert.equal(ids.length, 5, 'projects stating both investment and jobs');
  await clickMark(p, 'scatter-chart', 'horqin-longma-wind-equipment-park');
  await p.waitForURL(/p=horqin-longma-wind-equipment-park/);
  await p.waitForSelector('[data-testid="detail"]');
});

test('the scatter plots annual output or revenue instead of jobs, through the URL', async () => {
  const p = await h.page('/?lang=en');
  await p.click('button[data-measure="output"]');
  await p.waitForURL(/y=output/);
  await p.waitForFunction(() => document.querySelector('[data-testid="scatter-chart"]').dataset.marks.split(',').length === 2);
  assert.deepEqual((await marks(p, 'scatter')).split(',').sort(), ['holingol-chuangyuan-aluminium-alloy', 'horqin-longma-wind-equipment-park']);
  await p.click('button[data-measure="revenue"]');
  await p.waitForURL(/y=revenue/);
  await p.goBack();
  await p.waitForURL(/y=output/);
  assert.equal(await p.getAttribute('button[data-measure="output"]', 'aria-pressed'), 'true');
});

test('a timeline row opens its project', async () => {
  const p = await h.page('/?lang=en');
  await clickMark(p, 'timeline-chart', 'etdz-haineng-nimh-battery');
  await p.waitForURL(/p=etdz-haineng-nimh-battery/);
  assert.match(await p.textContent('[data-testid="detail"]'), /2023年底/);
});

test('a programme bar filters by its theme', async () => {
  const p = await h.page('/?lang=en');
  await clickMark(p, 'programme-chart', 'new-energy2022-investment');
  await p.waitForURL(/theme=new-energy/);
  assert.equal(await rowCount(p), 7);
  assert.equal(query(p).get('theme'), 'new-energy');
  assert.ok((await p.$$eval('fieldset[data-facet="theme"] input:checked', (i) => i.map((x) => x.value))).includes('new-energy'));
});

test('the charts show an empty state when nothing matches', async () => {
  const p = await h.page('/?lang=en&q=nothing-matches-this');
  assert.equal(await rowCount(p), 0);
  for (const name of ['sector', 'scatter', 'timeline']) {
    assert.equal(await marks(p, name), '', `${name} has no marks`);
    // Drawn (the attribute is there once a chart is drawn in view), with no marks.
    const canvas = p.locator(`[data-testid="${name}-chart"]`);
    await canvas.scrollIntoViewIfNeeded();
    await p.waitForFunction((t) => document.querySelector(`[data-testid="${t}"]`).hasAttribute('data-anchors'), `${name}-chart`);
    assert.equal(await canvas.getAttribute('data-anchors'), '');
  }
});

test('every chart has a name, a keyboard path and a data table with its numbers', async () => {
  const p = await h.page('/?lang=zh');
  for (const name of ['sector', 'district', 'scatter', 'timeline', 'programme']) {
    const canvas = `[data-testid="${name}-chart"]`;
    assert.equal(await p.getAttribute(canvas, 'role'), 'img');
    assert.ok((await p.getAttribute(canvas, 'aria-label')).length > 10);
    assert.equal(await p.getAttribute(canvas, 'tabindex'), '0');
    // The table is built when it is opened.
    assert.equal(await p.$$eval(`section[data-chart="${name}"] .chart-data tbody tr`, (r) => r.length), 0);
    await p.click(`section[data-chart="${name}"] .chart-data summary`);
    await p.waitForSelector(`section[data-chart="${name}"] .chart-data tbody tr`);
    const rows = await p.$$eval(`section[data-chart="${name}"] .chart-data tbody tr`, (r) => r.map((x) => x.dataset.id));
    assert.deepEqual(rows, (await marks(p, name)).split(','));
  }
  await p.click('section[data-chart="district"] .chart-data tr[data-id="naiman"] button');
  await p.waitForURL(/district=naiman/);
  assert.equal(await rowCount(p), 1);
});

test('chart screenshots in both languages (docs/)', async () => {
  mkdirSync('docs', { recursive: true });
  for (const lang of ['zh', 'en']) {
    const p = await h.page(`/?lang=${lang}&sector=energy,manufacturing`);
    for (const name of ['sector', 'district', 'scatter', 'timeline', 'programme']) {
      await anchors(p, `${name}-chart`);
      await (await p.$(`section[data-chart="${name}"]`)).screenshot({ path: `docs/chart-${name}-${lang}.png` });
    }
  }
});

test('charts redraw at the new width when the page is resized, and at the device pixel ratio', async () => {
  const p = await h.page('/?lang=en');
  await anchors(p, 'sector-chart');
  const before = await p.$eval('[data-testid="sector-chart"]', (c) => [c.width, c.clientWidth, devicePixelRatio]);
  assert.equal(before[0], Math.round(before[1] * before[2]), 'backing store = CSS size × devicePixelRatio');
  await p.setViewportSize({ width: 900, height: 900 });
  await p.waitForFunction((w) => document.querySelector('[data-testid="sector-chart"]').clientWidth !== w, before[1]);
  const after = await p.$eval('[data-testid="sector-chart"]', (c) => [c.width, c.clientWidth]);
  assert.ok(after[1] < before[1] || after[1] > before[1], `${before[1]} → ${after[1]}`);
  assert.equal(after[0], Math.round(after[1] * before[2]));
  // A click still lands on the bar it names after the resize.
  await clickMark(p, 'sector-chart', 'mining');
  await p.waitForURL(/sector=mining/);
  assert.equal(await rowCount(p), 2);
});

test('on a 2× screen the charts draw at 2× and clicks still land on their marks', async () => {
  const { launch, newPage, open } = await import('./browser.mjs');
  const hi = await launch({ deviceScaleFactor: 2 });
  try {
    const p = await newPage(hi.context);
    await open(p, h.server.url, '/?lang=zh');
    await anchors(p, 'district-chart');
    const [w, cw] = await p.$eval('[data-testid="district-chart"]', (c) => [c.width, c.clientWidth]);
    assert.equal(w, cw * 2);
    await clickMark(p, 'district-chart', 'naiman');
    await p.waitForURL(/district=naiman/);
    assert.equal(await rowCount(p), 1);
    assert.deepEqual(p.problems, []);
  } finally {
    await hi.close();
  }
});

test('the scatter\'s measure switch sits in its panel, as a row of small buttons', async () => {
  const p = await h.page('/?lang=en');
  const inPanel = await p.$$('section[data-chart="scatter"] .measure-switch button');
  assert.equal(inPanel.length, 3);
  // Outside the panel it was a grid cell of its own, with buttons stretched to the row's height.
  assert.equal(await p.$$eval('.charts > .measure-switch', (d) => d.length), 0);
  for (const b of inPanel) {
    const box = await b.boundingBox();
    assert.ok(box.height < 48, `button ${box.height}px high`);
  }
});

test('a chart out of view waits until it comes into view, and printing draws every chart', async () => {
  const p = await h.page('/?lang=en');
  const drawn = (name) => p.$eval(`[data-testid="${name}-chart"]`, (c) => c.hasAttribute('data-anchors'));
  await p.waitForSelector('[data-testid="sector-chart"][data-anchors]');
  // Mounted at idle, after the first screen.
  await p.waitForSelector('[data-testid="programme-chart"]', { state: 'attached' });
  assert.equal(await drawn('programme'), false, 'the programme chart is far below the fold');
  await p.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await p.waitForSelector('[data-testid="programme-chart"][data-anchors]');
  await p.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await p.waitForFunction(() => !document.querySelector('[data-testid="programme-chart"]').hasAttribute('data-anchors'));
  await p.locator('[data-testid="programme-chart"]').scrollIntoViewIfNeeded();
  await p.waitForSelector('[data-testid="programme-chart"][data-anchors]');
  assert.equal(await drawn('programme'), true);
});
