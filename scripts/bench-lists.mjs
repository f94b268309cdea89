// The published-lists part of the benchmark: each list in dist/data/lists opened from the
// picker on an already-started page, picker click → its table shown, with the bytes, the
// time per MB, the wasm heap growth per project and the longest main-thread task. These
// are the numbers that say where static JSON lists stop (README, "Where this design stops").
import { readFileSync, statSync } from 'node:fs';
import { startedPage } from './bench-large.mjs';

export async function benchLists({ browser, server, report }) {
  const manifest = JSON.parse(readFileSync('dist/data/lists/manifest.json', 'utf8'));
  for (const list of manifest.lists) {
    const { page, heap: heapBefore } = await startedPage(browser, server);
    await page.click('[data-testid="list-picker"] summary');
    await page.waitForSelector(`[data-testid="list-${list.id}"]`);
    await page.evaluate(() => {
      window.__long = [];
      new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
    });
    const t0 = await page.evaluate(() => performance.now());
    await page.click(`[data-testid="list-${list.id}"]`);
    await page.waitForFunction((n) => document.querySelector('[data-testid="row-count"]')?.textContent === String(n)
      && document.querySelector('h1')?.textContent !== '' && !document.querySelector('[data-testid="list-loading"]'), list.projects, { timeout: 60000 });
    const ms = (await page.evaluate(() => performance.now())) - t0;
    await page.waitForTimeout(200);
    const long = await page.evaluate(() => window.__long);
    const heapAfter = await page.evaluate(() => window.__wasm.memory.buffer.byteLength);
    // The file the page fetches: the packed one when the manifest names it.
    const file = list.packed?.file ?? list.file;
    const mb = statSync(`dist/data/lists/${file}`).size / 1048576;
    report(`list ${list.id} (${list.projects} projects, ${file}, ${mb.toFixed(2)} MiB): picker click → table shown`, ms.toFixed(0), 'ms');
    report(`list ${list.id}: fetch + decode per MiB`, (ms / mb).toFixed(0), 'ms/MiB');
    report(`list ${list.id}: wasm heap growth per project`, ((heapAfter - heapBefore) / list.projects / 1024).toFixed(1), 'KiB');
    report(`list ${list.id}: longest main-thread task while opening`, Math.max(0, ...long).toFixed(0), 'ms', 'goal ≤ 50');
    await page.close();
  }
}
