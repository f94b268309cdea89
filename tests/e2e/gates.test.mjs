// Robustness gates in the real page: CSP, same-origin only, panic banner, mobile,
// accessibility (axe-core) and a few hundred hostile links.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { open } from './browser.mjs';
import { harness, rowCount } from './harness.mjs';

const h = harness();
const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

test('the page declares a strict CSP and breaks none of it', async () => {
  const p = await h.page();
  await p.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await open(p, h.server.url, '/?lang=en&sector=energy');
  await p.click('tr[data-id="jarud-daolaodu-wind-500mw"] a');
  await p.waitForSelector('[data-testid="detail"]');
  const csp = await p.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
  assert.ok(!/script-src[^;]*unsafe-inline/.test(csp), csp);
  assert.deepEqual(await p.evaluate(() => window.__csp), []);
});

test('every request stays on the same origin', async () => {
  const p = await h.page();
  const requests = [];
  p.on('request', (r) => requests.push(r.url()));
  await open(p, h.server.url, '/?lang=zh');
  await p.waitForLoadState('networkidle');
  assert.ok(requests.length >= 3);
  const foreign = requests.filter((u) => !u.startsWith(h.server.url) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(foreign, []);
});

test('a panic shows a banner with a reset link, never a blank page', async () => {
  const p = await h.page('/?lang=en&sector=energy');
  await p.evaluate(() => { try { window.wasmBindings.debug_panic(); } catch (e) { /* the trap after the panic hook */ } });
  const banner = await p.waitForSelector('#panic-banner[role="alert"]');
  assert.match(await banner.textContent(), /internal error/);
  const href = await p.getAttribute('#panic-banner a', 'href');
  assert.equal(href, '/');
  // The page behind the banner is still there, and the reset link brings the app back.
  assert.equal(await rowCount(p), 4);
  assert.ok(p.problems.some((m) => m.includes('debug_panic called')), 'the panic is logged');
  p.problems.length = 0;
  await p.click('#panic-banner a');
  await p.waitForSelector('table.projects');
  assert.equal(await p.$('#panic-banner'), null);
});

test('at 360×740 nothing overflows, filters fold away and the chart fits', async () => {
  const p = await h.page('/?lang=zh', { viewport: { width: 360, height: 740 } });
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px too wide`);
  assert.equal(await p.getAttribute('.filters-panel', 'open'), null, 'filters start folded');
  const box = await p.locator('[data-testid="sector-chart"]').boundingBox();
  assert.ok(box.width <= 360 && box.width >= 250, `chart is ${box.width}px wide`);
  // The table fits too: name, investment and jobs, no sideways scrolling.
  assert.deepEqual(
    await p.$$eval('table.projects thead th', (ths) => ths.filter((t) => t.offsetParent !== null).map((t) => t.dataset.col)),
    ['name', 'investment', 'jobs'],
  );
  assert.ok(await p.$eval('.table-section .table-wrap', (w) => w.scrollWidth <= w.clientWidth));
  await p.click('.filters-panel summary');
  await p.check('fieldset[data-facet="sector"] input[value="mining"]');
  await p.waitForURL(/sector=mining/);
  assert.equal(await rowCount(p), 2);
  mkdirSync('docs', { recursive: true });
  await p.screenshot({ path: 'docs/screenshot-mobile-zh.png' });
});

test('on a phone the detail view keeps each figure\'s name readable', async () => {
  const p = await h.page('/?lang=zh&p=kailu-jinyufeng-corn-circular-park', { viewport: { width: 360, height: 740 } });
  await p.waitForSelector('[data-testid="detail"] table.figures');
  const widths = await p.$$eval('table.figures tbody tr > :first-child', (cells) => cells.map((c) => c.getBoundingClientRect().width));
  assert.ok(widths.length > 3 && Math.min(...widths) >= 120, `name column ${Math.min(...widths)} px wide`);
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px too wide`);
});

test('in a 1024 px window the table keeps investment and jobs in sight; at 1280 it shows every column', async () => {
  const p = await h.page('/?lang=zh', { viewport: { width: 1024, height: 800 } });
  const fits = () => p.$eval('.table-section .table-wrap', (w) => w.scrollWidth <= w.clientWidth);
  const shown = () => p.$$eval('table.projects thead th', (ths) => ths.filter((t) => t.offsetParent !== null).map((t) => t.dataset.col));
  assert.ok(await fits(), 'no sideways scrolling in the table');
  assert.deepEqual(await shown(), ['name', 'district', 'sector', 'investment', 'jobs']);
  const inv = await p.locator('[data-testid="total-investment"]').boundingBox();
  const wrap = await p.locator('.table-section .table-wrap').boundingBox();
  assert.ok(inv.x + inv.width <= wrap.x + wrap.width + 1, 'the total sits under the investment column, in the box');
  await p.setViewportSize({ width: 1280, height: 900 });
  await p.waitForFunction(() => document.querySelectorAll('table.projects thead th[data-col="kind"]')[0].offsetParent !== null);
  assert.deepEqual(await shown(), ['name', 'district', 'sector', 'kind', 'stage', 'investment', 'jobs']);
  assert.ok(await fits());
});

for (const [lang, path] of [['zh', '/?lang=zh'], ['en', '/?lang=en'], ['en', '/?lang=en&p=horqin-longma-wind-equipment-park'], ['zh', '/?lang=zh&sector=retail']]) {
  test(`axe-core finds no violation (${path})`, async () => {
    const p = await h.page(path);
    await p.evaluate(AXE);
    // Open every disclosure so their tables are checked too.
    await p.$$eval('details', (ds) => ds.forEach((d) => { d.open = true; }));
    const result = await p.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    const summary = result.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0].target}`);
    assert.deepEqual(summary, [], `${lang}: ${summary.join('\n')}`);
  });
}

test('every control is reachable by keyboard with a visible focus', async () => {
  const p = await h.page('/?lang=en');
  const seen = new Set();
  for (let i = 0; i < 80; i += 1) {
    await p.keyboard.press('Tab');
    const info = await p.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return { tag: el.tagName, id: el.dataset?.testid ?? el.className ?? '', outline: style.outlineStyle !== 'none' && style.outlineWidth !== '0px' };
    });
    if (info.tag === 'BODY') continue; // past the last control, before the first
    assert.ok(info.outline, `focus ring on ${info.tag}.${info.id}`);
    seen.add(info.tag + ':' + info.id);
  }
  for (const want of ['BUTTON:lang', 'INPUT:', 'CANVAS:sector-chart', 'BUTTON:sort', 'A:']) {
    assert.ok([...seen].some((s) => s.startsWith(want)), `${want} reached; saw ${[...seen].join(' ')}`);
  }
});

/** Deterministic pseudo-random generator, so failures reproduce. */
function rng(seed) {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

function hostileQueries(n) {
  const r = rng(20221129);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const keys = ['sector', 'district', 'kind', 'stage', 'q', 'min', 'max', 'sort', 'p', 'lang', 'v', 'zzz', '', '%', 'sector[]'];
  const values = ['', '%', '%%', '%E9%BE', '%ZZ', '+', '&', '=', '#', ',,,', 'energy,', '-1', 'NaN', '1e400', 'Infinity',
    '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', '龙马', '%F0%9F%A6%80', 'a'.repeat(3000),
    'manufacturing,energy,mining', '-investment', 'highlight', 'zh', 'en', '\u0000', '%00', "';--"];
  const out = [];
  for (let i = 0; i < n; i += 1) {
    const parts = [];
    const count = 1 + Math.floor(r() * 5);
    for (let j = 0; j < count; j += 1) parts.push(`${pick(keys)}=${pick(values)}${r() < 0.2 ? pick(values) : ''}`);
    out.push(parts.join(r() < 0.1 ? ';' : '&'));
  }
  return out;
}

test('hundreds of hostile links: no panic, no console error, a notice when something is ignored', async () => {
  const p = await h.page();
  let dialogs = 0;
  p.on('dialog', (d) => { dialogs += 1; d.dismiss(); });
  const queries = hostileQueries(200);
  for (const q of queries) {
    await open(p, h.server.url, `/?${q}`);
    assert.deepEqual(p.problems, [], `after ?${q.slice(0, 200)}`);
    assert.equal(await p.$('#panic-banner'), null, q);
  }
  // Links with an unknown key always show the notice.
  await open(p, h.server.url, '/?zzz=1&lang=en');
  assert.ok(await p.$('[data-testid="notice"]'));
  assert.equal(dialogs, 0);
});

// A few payloads from the OWASP XSS filter evasion cheat sheet.
const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  '<svg/onload=alert(3)>',
  '"><iframe src="javascript:alert(4)">',
  "';alert(5);//",
  '<a href="javascript:alert(6)">x</a>',
  '<body onload=alert(7)>',
  '<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#56;&#41;>',
];

function csvCell(s) {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

test('XSS payloads in every query key and in a loaded file’s text fields stay text', async () => {
  const p = await h.page();
  let dialogs = 0;
  p.on('dialog', (d) => { dialogs += 1; d.dismiss(); });
  for (const payload of PAYLOADS) {
    const v = encodeURIComponent(payload);
    await open(p, h.server.url, `/?lang=en&sector=${v}&district=${v}&kind=${v}&stage=${v}&theme=${v}&q=${v}&min=${v}&max=${v}&sort=${v}&p=${v}&v=${v}&data=${v}&embed=${v}&${v}=${v}`);
    assert.equal(await p.$('img, iframe, svg:not(canvas svg), script:not([type="module"])'), null, payload);
  }
  // A file whose every text field is a payload.
  await open(p, h.server.url, '/?lang=en');
  const header = 'project_id,kind,name_zh,name_en,district_id,district_zh,district_en,sector_code,themes,stage,company_zh,company_en,summary_zh,summary_en,project_line,metric,part,item_zh,item_en,period,value,unit,printed,qualifier,line';
  const rows = PAYLOADS.map((x, i) => [`x${i}`, 'mentioned', x, x, `d${i}`, x, x, 'C', '', '', x, x, x, x, '1', '', '', '', '', '', '', '', '', '', ''].map(csvCell).join(','));
  await p.setInputFiles('[data-testid="file-input"]', { name: 'xss.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...rows].join('\n')) });
  await p.waitForSelector('[data-testid="file-loaded"]');
  const names = await p.$$eval('table.projects tbody tr[data-id] th a', (a) => a.map((x) => x.textContent));
  assert.deepEqual([...names].sort(), [...PAYLOADS].sort());
  await p.click('table.projects tbody tr[data-id] th a >> nth=0');
  await p.waitForSelector('[data-testid="detail"]');
  assert.equal(await p.$('img, iframe, script:not([type="module"])'), null);
  assert.equal(dialogs, 0);
});
