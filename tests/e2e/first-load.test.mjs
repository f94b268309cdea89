// The first load on a phone (issue 16): what the first screen waits for, and what it does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, watchLayoutShift } from './harness.mjs';

const h = harness();

test('the app fetches its JS and wasm only after the static frame has painted', async () => {
  const p = await h.page();
  const html = await (await p.request.get(`${h.server.url}/`)).text();
  assert.doesNotMatch(html, /rel="?(?:module)?preload/, 'nothing preloaded beside the frame');
  await p.goto(`${h.server.url}/?lang=zh`);
  await p.waitForSelector('table.projects');
  const t = await p.evaluate(() => ({
    paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
    wasm: performance.getEntriesByType('resource').find((r) => r.name.endsWith('_bg.wasm'))?.startTime,
    js: performance.getEntriesByType('resource').find((r) => /tongliao-explorer-[^/]*\.js$/.test(r.name))?.startTime,
  }));
  assert.ok(t.paint > 0 && t.wasm > 0 && t.js > 0, JSON.stringify(t));
  assert.ok(t.js >= t.paint && t.wasm >= t.paint, `requested after the first paint: ${JSON.stringify(t)}`);
});

test('on a phone the folded filters are built at idle, and opening them at once shows them', async () => {
  const p = await h.page('/?lang=en', { viewport: { width: 390, height: 844 } });
  // Before the idle callback, or after it: either way a tap shows the search box and facets.
  await p.click('.filters-panel summary');
  await p.waitForSelector('#q', { state: 'visible' });
  assert.ok(await p.locator('.filters-panel fieldset[data-facet="sector"] input[type="checkbox"]').count() > 0);
  // A page left alone builds them too, so find in page and the chips' links reach them.
  const q = await h.page('/?lang=en', { viewport: { width: 390, height: 844 } });
  await q.waitForSelector('.filters-panel #q', { state: 'attached' });
  assert.equal(await q.$eval('.filters-panel', (d) => d.open), false, 'still folded');
});

test('the table mounts after the first screen, below it, and shifts nothing', async () => {
  const p = await h.page(undefined, { viewport: { width: 1440, height: 900 } });
  const shifted = await watchLayoutShift(p);
  await p.goto(`${h.server.url}/?lang=en`);
  await p.waitForSelector('table.projects tbody tr[data-id]');
  await p.waitForTimeout(800);
  assert.ok(await shifted() <= 0.02, 'no layout shift on a desktop, where the table is in view');
});
