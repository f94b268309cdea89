// Published lists beside the app (data/lists, written by the publish command): a link to a
// view of any of them reopens it, Back moves between lists, failures are named, search
// covers every list, and two releases of a region are compared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, newPage } from './browser.mjs';
import { download, harness, parseCsv, query, rowCount, rowIds } from './harness.mjs';

const h = harness();
const manifest = JSON.parse(readFileSync('data/lists/manifest.json', 'utf8'));
const [L2023, L2024] = manifest.lists;
const list2024 = JSON.parse(readFileSync(`data/lists/${L2024.file}`, 'utf8'));
// A sector of the 2024 list, as its links name it.
const SECTOR = list2024.sectors[0].id;

/** Records every request a page makes, to check that all stay on the app's origin. */
function requests(p) {
  const urls = [];
  p.on('request', (r) => urls.push(r.url()));
  return urls;
}

async function notices(p) {
  await p.waitForSelector('[data-testid="notice"]');
  return p.$$eval('[data-testid="notice"] li', (l) => l.map((x) => x.textContent));
}

test('a link to a filtered view of a published list reopens it in a fresh browser', async () => {
  const p = await h.page();
  const seen = requests(p);
  await p.goto(`${h.server.url}/?ds=${L2024.id}&sector=${SECTOR}&sort=-investment&lang=en`);
  await p.waitForSelector('table.projects', { timeout: 20000 });
  // The release is written in once the list is there, never the embedded one's.
  await p.waitForURL(new RegExp(`v=${L2024.release}`));
  assert.equal(query(p).get('ds'), L2024.id);
  assert.match(await p.textContent('h1'), /Synthetic City 2024/);
  assert.match(await p.title(), /Synthetic City 2024/);
  const count = await rowCount(p);
  const expected = list2024.projects.filter((x) => x.sector === SECTOR).length;
  assert.equal(count, expected);
  assert.equal(await p.$('[data-testid="notice"]'), null, 'no false "unknown value" notice while the list loads');
  await h.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.server.url });
  await p.click('button.share');
  const link = await p.evaluate(() => navigator.clipboard.readText());
  assert.ok(link.includes(`ds=${L2024.id}`) && link.includes(`v=${L2024.release}`), link);
  const cite = await p.textContent('[data-testid="cite-text"]');
  assert.ok(cite.includes(L2024.title.en) && cite.includes(L2024.release) && cite.includes(`ds=${L2024.id}`), cite);
  const other = await launch();
  try {
    const q = await newPage(other.context);
    const theirs = requests(q);
    await q.goto(link);
    await q.waitForSelector('table.projects', { timeout: 20000 });
    assert.equal(await rowCount(q), count);
    assert.deepEqual(await rowIds(q), await rowIds(p));
    assert.deepEqual(q.problems, []);
    for (const u of theirs) assert.ok(u.startsWith(h.server.url), `same-origin request: ${u}`);
  } finally {
    await other.close();
  }
  for (const u of seen) assert.ok(u.startsWith(h.server.url), `same-origin request: ${u}`);
});

test('choosing a list is a history entry: Back returns to the previous list and view', async () => {
  const p = await h.page();
  const seen = requests(p);
  await p.goto(`${h.server.url}/?ds=${L2023.id}&lang=en&q=1`);
  await p.waitForSelector('table.projects', { timeout: 20000 });
  await p.waitForURL(/v=/);
  const before = await rowIds(p);
  await p.click('[data-testid="list-picker"] summary');
  const entry = await p.waitForSelector(`[data-testid="list-${L2024.id}"]`);
  assert.match(await entry.textContent(), /2024 · 2,?000 projects/);
  await entry.click();
  await p.waitForFunction(() => document.querySelector('h1')?.textContent.includes('2024'));
  await p.waitForSelector('table.projects');
  assert.equal(query(p).get('ds'), L2024.id);
  await p.goBack();
  await p.waitForFunction(() => document.querySelector('h1')?.textContent.includes('2023'));
  assert.equal(query(p).get('q'), '1', 'the previous view, filter included');
  assert.deepEqual(await rowIds(p), before);
  // The packed file the manifest names, not the JSON beside it.
  assert.equal(seen.filter((u) => u.endsWith(L2023.packed.file)).length, 1, 'kept for the session: not fetched again');
  assert.equal(seen.filter((u) => u.endsWith(L2023.file)).length, 0, 'the JSON is not fetched when a packed file is named');
  // And back to the embedded list through the picker.
  await p.click('[data-testid="list-picker"] summary');
  await p.click('[data-testid="list-embedded"]');
  await p.waitForFunction(() => document.querySelector('h1')?.textContent.includes('Tongliao'));
  assert.equal(await rowCount(p), 21);
  assert.equal(query(p).get('ds'), null);
});

test('an unknown list opens the embedded one with a notice naming it', async () => {
  const p = await h.page('/?ds=synthetic-city-2042&sector=energy&lang=en');
  const items = await notices(p);
  assert.ok(items.some((t) => t.includes('synthetic-city-2042') && t.includes('unknown value')), items.join(' | '));
  assert.match(await p.textContent('h1'), /Tongliao/);
  assert.ok((await rowCount(p)) > 0, 'the embedded list, filtered by its own sector');
  // The nearest published id is offered.
  assert.ok(await p.$('[data-testid="suggestion"]'));
  // A value the opened list does not have is named once the list is there, like any unknown value.
  const q = await h.page(`/?ds=${L2024.id}&sector=energy&lang=en`);
  await q.waitForURL(/v=/);
  const named = await notices(q);
  assert.deepEqual(named.filter((t) => t.includes('“energy”')).length, 1, named.join(' | '));
  assert.match(await q.textContent('h1'), /2024/);
});

test('a list file missing on the server, or broken, gets its own notice; nothing is replaced silently', async () => {
  // The packed file the manifest names: missing, or not a packed list (read on the page).
  // A manifest of before the packed files names only the JSON, read in the import worker:
  // cut short, or large and failing its validation there.
  const invalid = readFileSync(`data/lists/${L2023.file}`, 'utf8').replace('"value":', '"value":-');
  const jsonOnly = JSON.stringify({ ...manifest, lists: manifest.lists.map(({ packed, ...l }) => l) });
  const cases = [
    [L2023.packed.file, 404, 'not found', 'missing on the server'],
    [L2023.packed.file, 200, 'TLXP\u0001\u0000\u0007broken', 'broken'],
    [L2023.file, 200, '{"release": tru', 'broken', jsonOnly],
    [L2023.file, 200, invalid, 'broken', jsonOnly],
  ];
  for (const [file, status, body, words, manifestBody] of cases) {
    const p = await h.page();
    await p.route(`**/data/lists/${file}`, (r) => r.fulfill({ status, body, contentType: 'application/octet-stream' }));
    if (manifestBody) await p.route('**/data/lists/manifest.json', (r) => r.fulfill({ status: 200, body: manifestBody, contentType: 'application/json' }));
    await p.goto(`${h.server.url}/?ds=${L2023.id}&lang=en`);
    await p.waitForSelector('table.projects', { timeout: 20000 });
    const items = await notices(p);
    assert.ok(items.some((t) => t.includes(L2023.id) && t.includes(words)), `${file} ${status}: ${items.join(' | ')}`);
    assert.match(await p.textContent('h1'), /Tongliao/);
    // The failed request is the page's business, not a console error.
    p.problems = p.problems.filter((m) => !m.includes('404'));
  }
});

test('a packed file of another version of the format is passed over for the list\'s JSON', async () => {
  const p = await h.page();
  const seen = requests(p);
  await p.route(`**/data/lists/${L2024.packed.file}`, (r) => r.fulfill({ status: 200, body: Buffer.from('TLXP\u0009\u0000rest'), contentType: 'application/octet-stream' }));
  await p.goto(`${h.server.url}/?ds=${L2024.id}&lang=en`);
  await p.waitForFunction(() => document.querySelector('h1')?.textContent.includes('2024'), null, { timeout: 20000 });
  assert.equal(await rowCount(p), L2024.projects);
  assert.equal(seen.filter((u) => u.endsWith(L2024.file)).length, 1, 'the JSON, once');
  assert.equal(await p.locator('[data-testid="notice"]').count(), 0, 'nothing to report: the same list');
});

test('a manifest of before the packed files still opens its lists, from their JSON', async () => {
  const p = await h.page();
  const seen = requests(p);
  const jsonOnly = JSON.stringify({ ...manifest, lists: manifest.lists.map(({ packed, ...l }) => l) });
  await p.route('**/data/lists/manifest.json', (r) => r.fulfill({ status: 200, body: jsonOnly, contentType: 'application/json' }));
  await p.goto(`${h.server.url}/?ds=${L2024.id}&lang=en`);
  await p.waitForFunction(() => document.querySelector('h1')?.textContent.includes('2024'), null, { timeout: 20000 });
  assert.equal(await rowCount(p), L2024.projects);
  assert.equal(seen.filter((u) => u.endsWith(L2024.file)).length, 1);
});

test('a data= file beside ds= is said to be its sender\'s, and the list opens', async () => {
  const p = await h.page(`/?ds=${L2023.id}&data=my-list.csv&lang=en`);
  const items = await notices(p);
  assert.ok(items.some((t) => t.includes('my-list.csv') && t.includes('only on its sender')), items.join(' | '));
  assert.match(await p.textContent('h1'), /2023/);
  assert.equal(await p.$('[data-testid="file-needed"]'), null);
});

test('search all lists finds a project in another list and opens it there', async () => {
  const target = list2024.projects.find((x) => x.name.zh === '合成项目2050号');
  assert.ok(target, 'a project only the 2024 list has');
  const p = await h.page('/?lang=zh');
  await p.fill('#q', '合成项目2050号');
  assert.equal(await rowCount(p).catch(() => 0), 0, 'not in the embedded list');
  await p.check('[data-testid="search-all"]');
  const results = await p.waitForSelector('[data-testid="all-lists-results"]');
  const groups = await results.$$eval('.list-hits', (s) => s.map((g) => g.dataset.list));
  assert.deepEqual(groups, [L2024.id], 'grouped by list; only the list that has it');
  await p.click(`[data-testid="all-lists-results"] a`);
  await p.waitForSelector('[data-testid="detail"]', { timeout: 20000 });
  assert.equal(query(p).get('ds'), L2024.id);
  assert.equal(query(p).get('p'), target.id);
  assert.match(await p.textContent('[data-testid="detail"] h2'), /合成项目2050号/);
});

test('the changes view between the two example releases, with the filters on both', async () => {
  const p = await h.page(`/?ds=${L2024.id}&vs=${L2023.id}&lang=en`);
  await p.waitForSelector('[data-testid="compare-summary"]', { timeout: 20000 });
  const text = (s) => p.textContent(`[data-testid="compare-summary"] [data-status="${s}"]`);
  // The generator drops every 20th project, adds 100 and moves every 7th amount by 10%.
  assert.match(await text('new'), /New 100 projects/);
  assert.match(await text('carried'), /Carried over 1,?900 projects.*271 of them with a changed amount/);
  assert.match(await text('dropped'), /Dropped 100 projects/);
  const csv = parseCsv((await download(p, '[data-testid="compare-download"]')).bytes.toString('utf8'));
  assert.equal(csv.length, 1 + 2100);
  assert.deepEqual(csv[0].slice(0, 3), ['status', 'matched_by', 'id']);
  // A filter applies to both lists.
  await p.goto(`${h.server.url}/?ds=${L2024.id}&vs=${L2023.id}&sector=${SECTOR}&lang=en`);
  await p.waitForSelector('[data-testid="compare-summary"]', { timeout: 20000 });
  const list2023 = JSON.parse(readFileSync(`data/lists/${L2023.file}`, 'utf8'));
  const now = new Set(list2024.projects.map((x) => x.id));
  const expected = list2024.projects.filter((x) => x.sector === SECTOR).length
    + list2023.projects.filter((x) => x.sector === SECTOR && !now.has(x.id)).length;
  const filtered = parseCsv((await download(p, '[data-testid="compare-download"]')).bytes.toString('utf8'));
  assert.equal(filtered.length - 1, expected);
  // Chart bars filter the table by status; the chart is drawn with four marks.
  await p.locator('[data-testid="compare-chart"]').scrollIntoViewIfNeeded();
  await p.waitForFunction(() => document.querySelector('[data-testid="compare-chart"]')?.dataset.anchors?.split(',').length === 4);
  await p.click('.compare-actions button:nth-child(2)');
  const statuses = await p.$$eval('[data-testid="compare-table"] tbody tr', (r) => [...new Set(r.map((x) => x.dataset.status))]);
  assert.deepEqual(statuses, ['new']);
  await p.click('[data-testid="compare-close"]');
  await p.waitForFunction(() => !document.querySelector('[data-testid="compare"]'));
  assert.equal(query(p).get('vs'), null);
});
