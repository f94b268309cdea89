// Size budget of the first load (deterministic, so a real test): the page's wasm, js and
// css. The import worker (importer*), fetched only when a list is imported, is reported
// apart and has its own budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { join } from 'node:path';

// The product goal is 150 KiB and the first-load issue's 200 KiB; this build is ~482.2 KiB
// (see BENCHMARKS.md for where it goes, and why the defect, polish, import and published-lists
// issues raised it from 405; the packed format took the dataset JSON reader off the page,
// 500 → 479, with the large-lists fixes after it). Mounting the first screen in five tasks
// instead of two (state, header, layout, each first chart: Lighthouse's TBT on /?lang=zh
// from ~300 to ~100 ms) took 2.2 KiB, 479 → 481, and a project's page in two tasks (its TBT
// from ~110 to ~20 ms) 1.1 KiB more, 481 → 482. Reading a 100,000-project list's index a
// chunk per task, and its audit and first selection a task each before its first render
// (its longest main-thread task from 90–160 to 0–64 ms), took 1.7 KiB, and capping the
// timeline at its 40 earliest rows gave 0.9 back (its sort went): 482.2 KiB, gate 483. The
// timeline's marks for a year alone took 0.7 (482.9). Table rows that keep their elements and
// rewrite their texts when a filter changes them took 2.7 KiB, 482.9 → 485.6, gate 486: a
// click on a 100,000-project list went from 54.5–59.7 to 33.3–34.3 ms of script, old and new
// alternated (BENCHMARKS.md). The facet cube of a long list (`core::cube`, built in the
// background once the list is shown) took 2.7 KiB more, 485.6 → 488.3, gate 489: a one-facet
// click adds up its counts in 0.4 ms instead of a 4.5 ms pass at 100,000 projects, and the
// cleared filter's selection is kept for its list. Keeping the table's row elements (hidden)
// when a filter shortens the list, and the map tiles' "not stated", took 1.0 KiB, 488.1 →
// 489.1: a click on the embedded list went from 22.4–23.4 to 16.9–19.0 ms of script, old and
// new alternated. The benchmark's hooks that time a click's cube against crossfilter2
// (`page_hooks.rs`) took 1.1 KiB, → 490.2, gate 491. The heap round (shared vocabulary
// slugs interned as a packed list is read, boxed cold fields, search texts without the
// district and theme names, which the filter looks up once per list) took 1.2 KiB, 490.1 →
// 491.3, gate 492 (2.0 before the piece splitter took its test as a `dyn Fn`, one copy):
// a 100,000-project list's heap went from 73.2 to 57.4 MiB, 4.11× → 3.22× the file. The
// heap's second round (a project's five rarely-filled lists as thin vectors, a part id a
// slug, facet codes in 16 bits) took 0.9 KiB, 491.4 → 492.3, gate 493: the heap went from
// 57.4 to 52.2 MiB, 2.93× the file, under the 3×. This budget does not enforce
// 200 KiB: it stops any further growth.
const BUDGET_KIB = 493;
// calamine, the decoders, pinyin, the review, the published lists' reader, and since the
// large-lists issue the catalog's index, the table sort and the packed writer, which moved
// off the page's main thread: 577.6 KiB gzip today (560 before them). The page's test and
// benchmark hooks were in it too, exported by the library, until they moved to the page's
// own binary (`page_hooks.rs`): 577.8 → 577.6, gate 578. The heap round's slugs and shared
// search texts (the worker builds the index too): 577.6 → 578.3, gate 579. The heap's
// second round (thin vectors, which the readers and importers build): 578.3 → 579.5, gate 580.
const WORKER_BUDGET_KIB = 580;

const sizes = (pick) => {
  const files = readdirSync('dist').filter((f) => /\.(wasm|js|css)$/.test(f)).filter(pick);
  const bytes = files.map((f) => readFileSync(join('dist', f)));
  return {
    files,
    gzip: bytes.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0),
    brotli: bytes.reduce((n, b) => n + brotliCompressSync(b).length, 0),
  };
};
const kib = (n) => (n / 1024).toFixed(1);

test(`first-load bundle (wasm + js + css, gzip -9) stays within ${BUDGET_KIB} KiB`, () => {
  const s = sizes((f) => !f.startsWith('importer'));
  assert.ok(s.files.some((f) => f.endsWith('.wasm')), 'dist/ holds a release build');
  console.log(`first load: gzip ${kib(s.gzip)} KiB, brotli ${kib(s.brotli)} KiB`);
  assert.ok(s.gzip <= BUDGET_KIB * 1024, `${kib(s.gzip)} KiB > ${BUDGET_KIB} KiB`);
});

test(`import worker (loaded on demand) stays within ${WORKER_BUDGET_KIB} KiB`, () => {
  const s = sizes((f) => f.startsWith('importer'));
  assert.ok(s.files.some((f) => f.endsWith('.wasm')), 'dist/ holds the import worker');
  console.log(`import worker: gzip ${kib(s.gzip)} KiB, brotli ${kib(s.brotli)} KiB`);
  assert.ok(s.gzip <= WORKER_BUDGET_KIB * 1024, `${kib(s.gzip)} KiB > ${WORKER_BUDGET_KIB} KiB`);
});
