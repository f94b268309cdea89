// Benchmark: prints bundle sizes, start-up times, and (given a synthetic file) load
// and interaction times at 100k projects with a crossfilter2 comparison in the same page.
// Run through scripts/bench.sh, which builds the release bundle first. Prints figures; asserts nothing.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { launch, newPage } from '../tests/e2e/browser.mjs';
import { startServer } from '../tests/e2e/server.mjs';
import { benchLarge, scriptPerClick, timeClicks } from './bench-large.mjs';
import { benchImport } from './bench-import.mjs';
import { benchLists } from './bench-lists.mjs';
import { lighthouse } from './lighthouse.mjs';

const require = createRequire(import.meta.url);
const RUNS = Number(process.env.RUNS ?? 10);
const results = [];
const report = (name, value, unit, goal) => {
  results.push({ name, value, unit, goal });
  console.log(`${name.padEnd(58)} ${String(value).padStart(12)} ${unit.padEnd(6)} ${goal ?? ''}`);
};
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]; };
const kib = (n) => (n / 1024).toFixed(1);

// 1. Bundle sizes.
// The first load as the size gate counts it; the import worker (importer*), fetched only
// when a list is imported, apart.
let totalGz = 0;
let workerGz = 0;
for (const f of readdirSync('dist').filter((f) => /\.(wasm|js|css)$/.test(f))) {
  const raw = readFileSync(join('dist', f));
  const gz = gzipSync(raw, { level: 9 }).length;
  if (f.startsWith('importer')) workerGz += gz; else totalGz += gz;
  report(`bundle ${f.replace(/-[0-9a-f]{16}/, '')} raw / gzip KiB`, `${kib(raw.length)} / ${kib(gz)}`, 'KiB');
}
report('first load total gzip (dataset included)', kib(totalGz), 'KiB', 'goal ≤ 150, budget ≤ 200');
report('import worker total gzip (on demand)', kib(workerGz), 'KiB');

const server = await startServer();
const browser = await launch();
try {
  // 2. Start-up: navigation → first chart painted, and → interactive.
  const painted = [];
  const interactive = [];
  for (let i = 0; i < RUNS; i += 1) {
    const page = await newPage(browser.context);
    await page.addInitScript(() => {
      addEventListener('TrunkApplicationStarted', () => { window.__interactive = performance.now(); });
      new MutationObserver(() => {
        const c = document.querySelector('canvas[data-anchors]');
        if (c && c.dataset.anchors && !window.__painted) window.__painted = performance.now();
      }).observe(document, { subtree: true, attributes: true, childList: true });
    });
    await page.goto(`${server.url}/?lang=zh`);
    await page.waitForFunction(() => window.__painted && window.__interactive);
    const t = await page.evaluate(() => [window.__painted, window.__interactive]);
    painted.push(t[0]);
    interactive.push(t[1]);
    await page.close();
  }
  report(`start-up: navigation → first chart painted (median of ${RUNS})`, median(painted).toFixed(0), 'ms', 'goal ≤ 300');
  report(`start-up: navigation → interactive (median of ${RUNS})`, median(interactive).toFixed(0), 'ms');

  // 3. Interaction on the embedded data: a facet click → table and chart updated.
  const page = await newPage(browser.context);
  await page.goto(`${server.url}/?lang=en`);
  // The chart the clicks time (the charts draw in a task each, the tile map may be first).
  await page.waitForSelector('[data-testid="sector-chart"][data-anchors]');
  const clicks = await timeClicks(page, 'fieldset[data-facet="sector"] input[value="energy"]', RUNS);
  report('filter click → table + chart updated, embedded data (median)', median(clicks).toFixed(1), 'ms');
  report('filter click → table + chart updated, embedded data (p95)', p95(clicks).toFixed(1), 'ms');
  const script = await scriptPerClick(browser, page, 'fieldset[data-facet="sector"] input[value="energy"]', RUNS);
  report('filter click, embedded data, profiled script time per click', script.toFixed(1), 'ms', 'goal ≤ 6');
  await page.close();

  // 4. A 5,000-project published list through the import worker and its review.
  const lists = ['target/big-5000.xlsx', 'target/big-5000-gbk.csv', 'target/big-100000.xlsx', 'target/big-100000-gbk.csv'].filter((f) => existsSync(f));
  if (lists.length) await benchImport({ browser, server, files: lists, report });

  // 5. The published lists beside the app, opened from the picker.
  await benchLists({ browser, server, report });

  // 6. 100k synthetic projects, loaded through the user-file path (see scripts/gen-synthetic.mjs).
  const big = process.env.SYNTHETIC ?? 'target/synthetic-100k.csv';
  if (existsSync(big)) {
    await benchLarge({ browser, server, file: big, report, median, p95, runs: RUNS, crossfilter: readFileSync(require.resolve('crossfilter2/crossfilter.min.js'), 'utf8') });
  } else {
    console.log(`(no ${big}: run scripts/bench.sh to generate it)`);
  }
} finally {
  await browser.close();
  await server.close();
}

// 7. Lighthouse 12, mobile preset, served compressed: the first-load issue's figures.
await lighthouse({ report, runs: 3 });
