// For the post-build hook (post-build.mjs): Trunk 0.21 minifies CSS and HTML but not the
// JS glue that wasm-bindgen writes (67 KB for the page). terser, as an ES module: export
// and import names stay, and so do the property names the wasm looks up its imports by.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';

export async function minifyScripts(dir) {
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    const file = join(dir, name);
    const source = readFileSync(file, 'utf8');
    const { code } = await minify(source, { module: true, compress: true, mangle: true });
    if (!code) throw new Error(`minify-js: terser returned nothing for ${name}`);
    writeFileSync(file, code);
    console.log(`minify-js: ${name} ${source.length} → ${code.length} bytes`);
  }
}
