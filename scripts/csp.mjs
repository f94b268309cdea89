// For the post-build hook (post-build.mjs): Trunk writes an inline module loader into index.html, so the
// Content-Security-Policy allows exactly that script by its SHA-256, never 'unsafe-inline'.
import { createHash } from 'node:crypto';

export function allowLoaderByHash(html) {
  const scripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  if (scripts.length === 0) throw new Error('csp: no inline script in index.html');
  const hashes = scripts.map((s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`);
  if (!html.includes("'sha256-LOADER'")) throw new Error('csp: no CSP placeholder in index.html');
  console.log(`CSP: allowed ${hashes.length} inline loader script(s) by hash`);
  return html.replaceAll("'sha256-LOADER'", () => hashes.join(' '));
}
