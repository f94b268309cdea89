// The loader readies the page's font strikes (each weight and size its text uses) while the
// wasm downloads (scripts/defer-wasm.mjs): a strike first met in a layout costs that layout
// a round trip to the browser process. This keeps its list equal to what the page uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { harness } from './harness.mjs';
import { PAGE_FONTS } from '../../scripts/defer-wasm.mjs';

const h = harness();

/** Every weight and size of rendered text on the page, with an element that has it. */
const usedFonts = (p) => p.evaluate(() => {
  const seen = {};
  for (const el of document.querySelectorAll('body *')) {
    const text = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!text || el.getClientRects().length === 0) continue;
    const cs = getComputedStyle(el);
    seen[`${cs.fontWeight} ${cs.fontSize}`] ??= el.tagName.toLowerCase() + (el.className ? `.${String(el.className).split(' ')[0]}` : '');
  }
  return seen;
});

test('the built loader readies the fonts it lists', async () => {
  const html = readFileSync('dist/index.html', 'utf8');
  assert.ok(html.includes(JSON.stringify(PAGE_FONTS)), 'dist/index.html carries PAGE_FONTS');
});

for (const [lang, width] of [['zh', 390], ['en', 390], ['zh', 1024], ['en', 1440]]) {
  test(`every weight and size the page's text uses is readied (${lang}, ${width} px)`, async () => {
    const p = await h.page(`/?lang=${lang}`, { viewport: { width, height: 900 } });
    // Every panel mounted (the last stage is the audit).
    await p.waitForSelector('section.audit');
    const used = await usedFonts(p);
    const missing = Object.entries(used).filter(([f]) => !PAGE_FONTS.includes(f));
    assert.deepEqual(missing, [], `not in PAGE_FONTS (scripts/defer-wasm.mjs): ${JSON.stringify(missing)}`);
  });
}
