// Trunk post-build hook: Trunk writes an inline module loader into index.html, so the
// Content-Security-Policy allows exactly that script by its SHA-256, never 'unsafe-inline'.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const file = join(process.env.TRUNK_STAGING_DIR ?? 'dist', 'index.html');
let html = readFileSync(file, 'utf8');
const scripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
if (scripts.length === 0) throw new Error(`no inline script in ${file}`);
const hashes = scripts.map((s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`);
if (!html.includes("'sha256-LOADER'")) throw new Error(`no CSP placeholder in ${file}`);
html = html.replaceAll("'sha256-LOADER'", () => hashes.join(' '));
writeFileSync(file, html);
console.log(`CSP: allowed ${hashes.length} inline loader script(s) by hash in ${file}`);
