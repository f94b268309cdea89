// For the post-build hook (post-build.mjs), before csp.mjs: the app's JS and wasm are fetched after the
// static frame's first paint, not preloaded beside it. On a slow phone the HTML and CSS
// then have the line to themselves, and the frame (the largest paint of the first screen)
// does not wait behind 370 KiB of wasm. Trunk 0.21 has no option for this, so the hook
// rewrites the loader it writes: its static import becomes a dynamic one, after a frame,
// and the wait for the download readies the fonts of the page's text and charts.
import { readFileSync } from 'node:fs';

// The charts' font stack, as src/charts/mod.rs names it: the page's own (main.css).
const FONT = readFileSync(new URL('../src/charts/mod.rs', import.meta.url), 'utf8').match(/pub const FONT: &str = "([^"]+)";/)?.[1];
// Chart text: these sizes in CSS px, in device pixels, normal and bold.
export const CHART_PX = [10, 11, 12, 14, 15];
// Page text: each weight and size (CSS px) of main.css's type scale that the page's text uses
// (tests/e2e/fonts.test.mjs checks this against the page at three widths).
export const PAGE_FONTS = ['400 16px', '500 16px', '600 16px', '700 16px', '400 14px', '400 13.6px', '700 13.6px', '400 14.4px', '500 12.8px', '700 16.8px', '700 18.4px', '700 22.4px'];

export function deferWasm(html) {
  if (!FONT) throw new Error('defer-wasm: no `pub const FONT` in src/charts/mod.rs');
  const loader = /import init, \* as bindings from '([^']+\.js)';\nconst wasm = await init\(\{ module_or_path: '([^']+_bg\.wasm)' \}\);/;
  const found = html.match(loader);
  if (!found) throw new Error("defer-wasm: Trunk's loader not found in index.html (has Trunk changed it?)");
  const [, js, wasm] = found;
  html = html.replace(
    loader,
    [
      // After the browser's own first-contentful-paint entry: a task queued from the frame
      // that paints ran before that frame reached the screen (CI once fetched the JS 5 ms
      // before the paint it reports). Not a short timer either: on a busy phone the first
      // paint can take longer than any timer short enough not to matter; the 3 s one is only
      // a net, so that a page whose paint is never reported still starts. Without paint
      // timing, the frame's next task; a hidden tab, which paints nothing, goes at once or
      // when it is shown.
      '// After the first contentful paint (at once in a hidden tab, which paints nothing).',
      "await new Promise((go) => { if (document.hidden) return go(); document.addEventListener('visibilitychange', go, { once: true }); if (performance.getEntriesByName('first-contentful-paint').length) return go(); if (!((window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || []).includes('paint')) return requestAnimationFrame(() => setTimeout(go, 0)); new PerformanceObserver((seen, watch) => { if (seen.getEntriesByName('first-contentful-paint').length) { watch.disconnect(); go(); } }).observe({ type: 'paint', buffered: true }); setTimeout(go, 3000); });",
      // While the wasm downloads, the fonts of the first screen are readied, one per task: a
      // font's first use at a size and weight (a strike) asks the browser process for its
      // rendering settings, and on Linux searches the fallbacks: 1-2 ms each, ×4 on a phone,
      // which the first layouts and chart drawings paid for some 50 strikes.
      "const ruler = document.createElement('canvas').getContext('2d');",
      `const dpr = Math.max(devicePixelRatio || 1, 1), stack = ${JSON.stringify(FONT)};`,
      `const fonts = ['normal', 'bold'].flatMap((w) => ${JSON.stringify(CHART_PX)}.map((px) => \`\${w} \${Math.round(px * dpr)}px \${stack}\`)).concat(${JSON.stringify(PAGE_FONTS)}.map((f) => \`\${f} \${stack}\`));`,
      "let warmed; const ready = new Promise((done) => { warmed = done; });",
      "const warm = () => { const font = fonts.shift(); if (font && ruler) { ruler.font = font; ruler.measureText('通辽市 Tongliao 0.9%'); setTimeout(warm, 0); } else warmed(); };",
      'warm();',
      // Both files are requested at once; the wasm starts once the fonts are ready, which on
      // a phone is long before it has arrived.
      `const response = fetch('${wasm}');`,
      `const bindings = await import('${js}');`,
      'await ready;',
      `const wasm = await bindings.default({ module_or_path: response });`,
    ].join('\n'),
  );
  // The preloads of exactly these two files go (quoted or, minified, not); the import
  // worker's files are not preloaded.
  const before = html.length;
  html = html.replace(/<link\b[^>]*>/g, (tag) => {
    const href = tag.match(/\bhref="?([^"\s>]+)/)?.[1];
    return /\brel="?(?:module)?preload\b/.test(tag) && (href === js || href === wasm) ? '' : tag;
  });
  if (html.length === before) throw new Error(`defer-wasm: no preload of ${js} or ${wasm} in index.html`);
  console.log(`defer-wasm: ${js} and its wasm load after the first paint`);
  return html;
}
