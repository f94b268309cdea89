// For the post-build hook (post-build.mjs), before csp.mjs: the app's JS and wasm are fetched after the
// static frame's first paint, not preloaded beside it. On a slow phone the HTML and CSS
// then have the line to themselves, and the frame (the largest paint of the first screen)
// does not wait behind 370 KiB of wasm. Trunk 0.21 has no option for this, so the hook
// rewrites the loader it writes: its static import becomes a dynamic one, after a frame.
export function deferWasm(html) {
  const loader = /import init, \* as bindings from '([^']+\.js)';\nconst wasm = await init\(\{ module_or_path: '([^']+_bg\.wasm)' \}\);/;
  const found = html.match(loader);
  if (!found) throw new Error("defer-wasm: Trunk's loader not found in index.html (has Trunk changed it?)");
  const [, js, wasm] = found;
  html = html.replace(
    loader,
    [
      '// After the first paint: a task queued in the frame that paints it (or 100 ms, for a hidden tab).',
      'await new Promise((go) => { requestAnimationFrame(() => setTimeout(go, 0)); setTimeout(go, 100); });',
      `const bindings = await import('${js}');`,
      `const wasm = await bindings.default({ module_or_path: '${wasm}' });`,
    ].join('\n'),
  );
  // The preloads of exactly these two files go; the import worker's files are not preloaded.
  const preload = (href) => new RegExp(`<link rel="(?:modulepreload|preload)" href="${href.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>`, 'g');
  const before = html.length;
  html = html.replace(preload(js), '').replace(preload(wasm), '');
  if (html.length === before) throw new Error(`defer-wasm: no preload of ${js} or ${wasm} in index.html`);
  console.log(`defer-wasm: ${js} and its wasm load after the first paint`);
  return html;
}
