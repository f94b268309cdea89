// Trunk's post-build hook. Trunk runs the hooks of a stage at the same time, so the steps
// are one hook, in order: the JS minified, the loader rewritten, then its hash taken.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deferWasm } from './defer-wasm.mjs';
import { allowLoaderByHash } from './csp.mjs';
import { minifyScripts } from './minify-js.mjs';

const dir = process.env.TRUNK_STAGING_DIR ?? 'dist';
await minifyScripts(dir);
const file = join(dir, 'index.html');
writeFileSync(file, allowLoaderByHash(deferWasm(readFileSync(file, 'utf8'))));
