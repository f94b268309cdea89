// Lighthouse 12's mobile preset (slow 4G, 4× CPU slowdown) on the three views of the
// first-load issue, served compressed as a static host would; median of RUNS each.
// Usage: node scripts/lighthouse.mjs [runs]   (needs a release build in dist/)
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../tests/e2e/server.mjs';

const RUNS = Number(process.argv[2] ?? 3);
const ds = JSON.parse(readFileSync('data/tongliao-2022.json', 'utf8'));
const VIEWS = [['/?lang=zh', 'zh home'], ['/?lang=en&sector=energy', 'en, energy'], [`/?lang=en&p=${ds.projects[0].id}`, 'a project']];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function lighthouse({ report = (...a) => console.log(...a), runs = RUNS } = {}) {
  const server = await startServer({ compress: true });
  const dir = mkdtempSync(join(tmpdir(), 'lh-'));
  try {
    // A static host serves files compressed ahead of time; this server compresses each file
    // at its first request (seconds for the wasm at brotli's best), so each is asked for once
    // before any run, or the first run would wait for it.
    for (const f of readdirSync('dist').filter((f) => /\.(html|js|css|wasm)$/.test(f))) {
      await fetch(`${server.url}/${f}`, { headers: { 'accept-encoding': 'br' } }).then((r) => r.arrayBuffer());
    }
    for (const [path, name] of VIEWS) {
      const got = [];
      for (let i = 0; i < runs; i += 1) {
        const out = join(dir, `${i}.json`);
        // Not execFileSync: the server answering Lighthouse runs in this process.
        await promisify(execFile)(process.execPath, ['node_modules/lighthouse/cli/index.js', server.url + path, '--only-categories=performance',
          '--output=json', `--output-path=${out}`, '--quiet', '--chrome-flags=--headless --no-sandbox'],
        { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' }, maxBuffer: 64 << 20 });
        const r = JSON.parse(readFileSync(out, 'utf8'));
        const a = r.audits;
        got.push({ score: r.categories.performance.score * 100, lcp: a['largest-contentful-paint'].numericValue,
          tbt: a['total-blocking-time'].numericValue, cls: a['cumulative-layout-shift'].numericValue,
          dom: a['dom-size']?.numericValue ?? 0 });
      }
      const m = (k) => median(got.map((g) => g[k]));
      report(`Lighthouse mobile ${name}: performance (median of ${runs})`, m('score').toFixed(0), '', 'goal ≥ 95');
      report(`Lighthouse mobile ${name}: LCP`, (m('lcp') / 1000).toFixed(2), 's', 'goal ≤ 2.0');
      report(`Lighthouse mobile ${name}: TBT`, m('tbt').toFixed(0), 'ms', 'goal ≤ 150');
      report(`Lighthouse mobile ${name}: CLS`, m('cls').toFixed(3), '', 'goal ≤ 0.02');
      report(`Lighthouse mobile ${name}: DOM elements`, m('dom').toFixed(0), '');
      report(`Lighthouse mobile ${name}: all runs`, got.map((g) => `${g.score}/${(g.lcp / 1000).toFixed(2)}s/${g.tbt.toFixed(0)}ms/${g.cls.toFixed(3)}`).join(' '), '');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await lighthouse();
