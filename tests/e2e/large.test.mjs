// A large list loads off the main thread: its progress is shown, the page answers a click
// meanwhile, and cancelling leaves the data exactly as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { harness, query, rowCount } from './harness.mjs';

const h = harness();
const COUNT = 20000;
const file = (() => {
  let path;
  return () => {
    if (!path) {
      path = join(mkdtempSync(join(tmpdir(), 'tongliao-large-')), 'synthetic.csv');
      execFileSync(process.execPath, ['scripts/gen-synthetic.mjs', String(COUNT), path]);
    }
    return path;
  };
})();

/** In the page: once the import's progress shows, clicks `selector`, and says at the next
 * task (Leptos runs its effects as microtasks) what the link is and whether the progress
 * is still shown. Run from the page, so the worker cannot finish between the two. */
const clickWhileLoading = (p, selector) => p.evaluate((selector) => new Promise((resolve) => {
  const progress = () => document.querySelector('[data-testid="import-progress"]');
  const click = () => {
    document.querySelector(selector).click();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve({ search: location.search, loading: Boolean(progress()) });
    channel.port2.postMessage(null);
  };
  if (progress()) return click();
  const seen = new MutationObserver(() => {
    if (progress()) {
      seen.disconnect();
      click();
    }
  });
  seen.observe(document.body, { subtree: true, childList: true });
}), selector);

test(`a ${COUNT}-project file loads in the worker with its progress shown, and the page answers a click meanwhile`, async () => {
  const p = await h.page('/?lang=en');
  const before = await rowCount(p);
  const answer = clickWhileLoading(p, 'fieldset[data-facet="sector"] input[value="energy"]');
  await p.setInputFiles('[data-testid="file-input"]', file());
  const { search, loading } = await answer;
  assert.ok(loading && search.includes('sector=energy'), `the click was answered while the list was loading (${search})`);
  assert.ok((await rowCount(p)) < before, 'the click filtered the list shown meanwhile');
  await p.waitForSelector('[data-testid="file-loaded"]', { timeout: 60000 });
  assert.equal(await rowCount(p), COUNT);
  // A loaded file opens with the filter cleared.
  assert.equal(query(p).get('sector'), null);
});

test(`cancel during a ${COUNT}-project load keeps the data and the view as they were`, async () => {
  const p = await h.page('/?lang=en&sector=energy');
  const before = await rowCount(p);
  const ids = await p.$$eval('table.projects tbody tr[data-id]', (r) => r.map((x) => x.dataset.id));
  const cancelled = clickWhileLoading(p, '[data-testid="import-progress"] [data-testid="import-cancel"]');
  await p.setInputFiles('[data-testid="file-input"]', file());
  assert.equal((await cancelled).loading, false, 'cancel ends the import at once');
  await p.waitForSelector('[data-testid="import-progress"]', { state: 'detached' });
  // Long enough for the worker to have finished, had it not been stopped.
  await p.waitForTimeout(3000);
  assert.equal(await p.$('[data-testid="file-loaded"]'), null);
  assert.equal(await rowCount(p), before);
  assert.deepEqual(await p.$$eval('table.projects tbody tr[data-id]', (r) => r.map((x) => x.dataset.id)), ids);
  assert.equal(query(p).get('sector'), 'energy');
});

test(`a sector click on a loaded ${COUNT}-project list counts as the full pass does`, async () => {
  const p = await h.page('/?lang=en');
  await p.setInputFiles('[data-testid="file-input"]', file());
  await p.waitForSelector('[data-testid="file-loaded"]', { timeout: 60000 });
  const counts = (facet) => p.$$eval(`fieldset[data-facet="${facet}"] label`, (ls) => Object.fromEntries(ls.map((l) => [
    l.querySelector('input').value, Number(l.querySelector('.facet-count').textContent)])));
  const sectors = await counts('sector');
  const sum = (o) => Object.values(o).reduce((a, b) => a + b, 0);
  assert.equal(sum(sectors), COUNT, JSON.stringify(sectors));
  // Time for the list's facet cube to be built (a few tasks), so that the click uses it.
  await p.waitForTimeout(1500);
  await p.click('fieldset[data-facet="sector"] input[value="manufacturing"]');
  await p.waitForFunction((n) => Number(document.querySelector('[data-testid="row-count"]').textContent) === n, sectors.manufacturing);
  // The sector's own counts leave its own choice out; every other facet counts the rows in view.
  assert.deepEqual(await counts('sector'), sectors);
  for (const facet of ['district', 'kind', 'stage']) {
    assert.equal(sum(await counts(facet)), sectors.manufacturing, facet);
  }
  await p.click('fieldset[data-facet="sector"] input[value="manufacturing"]');
  await p.waitForFunction((n) => Number(document.querySelector('[data-testid="row-count"]').textContent) === n, COUNT);
  assert.deepEqual(await counts('sector'), sectors);
});
