// For the post-build hook (post-build.mjs), before csp.mjs: the app's JS and wasm are fetched after the
// static frame's first paint, not preloaded beside it. On a slow phone the HTML and CSS
// then have the line to themselves, and the frame (the largest paint of the first screen)
// does not wait behind 370 KiB of wasm. Trunk 0.21 has no option for this, so the hook
// rewrites the loader it writes: its static import becomes a dynamic one, after a frame,
// and the wait for the download readies the charts' fonts.
export function deferWasm(html) {
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
      // While the wasm downloads, the charts' fonts are readied, one per task: a font's first
      // use (its CJK fallback above all) cost the first chart drawings 5-15 ms each, ×4 on a phone.
      "const ruler = document.createElement('canvas').getContext('2d');",
      "const fonts = ['normal', 'bold'].flatMap((w) => [10, 11, 12, 14, 15].map((px) => `${w} ${Math.round(px * Math.max(devicePixelRatio || 1, 1))}px sans-serif`));",
      "const warm = () => { const font = fonts.shift(); if (font && ruler) { ruler.font = font; ruler.measureText('通辽市 Tongliao 0.9%'); setTimeout(warm, 0); } };",
      'warm();',
      `const bindings = await import('${js}');`,
      `const wasm = await bindings.default({ module_or_path: '${wasm}' });`,
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
