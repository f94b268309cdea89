// Shared set-up for the browser test files: one server and one browser per file,
// and a check after every test that no page logged an error or threw.
import { before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, newPage, open } from './browser.mjs';
import { startServer } from './server.mjs';

export function harness() {
  const h = { server: null, browser: null, pages: [] };
  before(async () => {
    h.server = await startServer();
    h.browser = await launch();
  });
  after(async () => {
    await h.browser?.close();
    await h.server?.close();
  });
  afterEach(() => {
    for (const page of h.pages.splice(0)) {
      assert.deepEqual(page.problems, [], `console errors on ${page.url()}`);
    }
  });
  /** A fresh page, opened at `path` unless it is undefined. */
  h.page = async (path, options) => {
    const p = await newPage(h.browser.context, options);
    h.pages.push(p);
    if (path !== undefined) await open(p, h.server.url, path);
    return p;
  };
  return h;
}

export const rowIds = (p) => p.$$eval('table.projects tbody tr[data-id]', (rows) => rows.map((r) => r.dataset.id));
export const rowCount = async (p) => Number(await p.textContent('[data-testid="row-count"]'));
export const query = (p) => new URL(p.url()).searchParams;

/** Sums the page's layout shifts not caused by input, from before its first paint: call
 * before `goto`; the returned function reads the sum so far. */
export async function watchLayoutShift(p) {
  await p.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; }).observe({ type: 'layout-shift', buffered: true });
  });
  return () => p.evaluate(() => window.__shift);
}

/** Mark anchors (CSS px) published by a chart from plotters' own coordinate mapping. A
 * chart out of view is drawn when it comes into view, so it is scrolled there first. */
export async function anchors(p, testid) {
  await p.locator(`[data-testid="${testid}"]`).scrollIntoViewIfNeeded();
  await p.waitForFunction((t) => document.querySelector(`[data-testid="${t}"]`)?.dataset.anchors, testid);
  const text = await p.getAttribute(`[data-testid="${testid}"]`, 'data-anchors');
  return Object.fromEntries(text.split(',').map((a) => {
    const [id, x, y] = a.split(':');
    return [id, { x: Number(x), y: Number(y) }];
  }));
}

/** Clicks a chart mark where the chart says it is. */
export async function clickMark(p, testid, id) {
  const at = (await anchors(p, testid))[id];
  assert.ok(at, `${id} is drawn in ${testid}`);
  const canvas = p.locator(`[data-testid="${testid}"]`);
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  await p.mouse.click(box.x + at.x, box.y + at.y);
}

/** Parses our CSV export (quoted fields allowed) into rows of cells. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i += 1; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else if (c !== '\r') cell += c;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

/** Clicks a download button and returns the file's name and bytes. */
export async function download(p, selector) {
  const [d] = await Promise.all([p.waitForEvent('download'), p.click(selector)]);
  return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
}

