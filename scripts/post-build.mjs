// Trunk's post-build hook. Trunk runs the hooks of a stage at the same time, so the two
// rewrites of index.html are one hook, in order: the loader first, then its hash.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deferWasm } from './defer-wasm.mjs';
import { allowLoaderByHash } from './csp.mjs';

const file = join(process.env.TRUNK_STAGING_DIR ?? 'dist', 'index.html');
writeFileSync(file, allowLoaderByHash(deferWasm(readFileSync(file, 'utf8'))));
