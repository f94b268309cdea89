//! Where the page's heap goes after a large load: the list is packed as the import
//! worker packs it, then read back as the page reads it (`data_tools::assemble`), with a
//! counting allocator. Heap blocks are priced as wasm32's dlmalloc lays them out (a 4-byte
//! header, 8-byte steps, 16 bytes at least), so the figures estimate the page's, whose
//! pointers are half as wide. `node scripts/gen-synthetic.mjs 100000 target/synthetic-100k.csv`,
//! then `cargo run --release --example heap_census [file]` (`PEEK=1` also prints a few
//! projects' search texts).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use tongliao_explorer::core::dataset::Catalog;
use tongliao_explorer::core::import::long_format;
use tongliao_explorer::core::model::{Dataset, Project, Slug};
use tongliao_explorer::core::packed::{pack, put_slice, unpack, Writer};
use tongliao_explorer::core::packed_index::{pack_index, IndexReader, CHUNK};

struct Counting;
static BLOCKS: AtomicUsize = AtomicUsize::new(0);

/// What a block of `n` bytes takes in wasm32 dlmalloc.
fn wasm_block(n: usize) -> usize {
    if n == 0 {
        0
    } else {
        ((n + 4 + 7) & !7).max(16)
    }
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        BLOCKS.fetch_add(1, Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        BLOCKS.fetch_sub(1, Relaxed);
        unsafe { System.dealloc(p, l) }
    }
}

#[global_allocator]
static A: Counting = Counting;

// wasm32's sizes; the page's build asserts the first three (`model.rs`, `dataset.rs`).
const WASM_PROJECT: usize = 160;
const WASM_FIGURE: usize = 56;
const WASM_ROW: usize = 56;
const WASM_MILESTONE: usize = 48;

fn mib(b: usize) -> String {
    format!("{:.1} MiB", b as f64 / 1048576.0)
}

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "target/synthetic-100k.csv".into());
    let Ok(bytes) = std::fs::read(&path) else { return eprintln!("{path}: cannot read") };
    let file = bytes.len();
    // The worker's side: parse, index, pack in chunks.
    let Ok(ds) = long_format::parse_csv(&String::from_utf8_lossy(&bytes)) else { return eprintln!("not a list") };
    drop(bytes);
    let Ok(cat) = Catalog::new(ds) else { return eprintln!("invalid") };
    let index = pack_index(&cat, CHUNK);
    let chunks: Vec<Vec<u8>> = cat
        .ds
        .projects
        .chunks(CHUNK)
        .map(|c| {
            let mut w = Writer::new();
            put_slice(c, &mut w);
            w.buf
        })
        .collect();
    let head = pack(&Dataset { projects: Vec::new(), ..cat.ds.clone() });
    drop(cat);
    // The page's side, measured.
    let blocks0 = BLOCKS.load(Relaxed);
    let mut ds: Dataset = unpack(&head).expect("head");
    let index_bytes = index.chunks.iter().map(Vec::len).sum();
    let mut reader = IndexReader::new(&index.head, index_bytes).expect("index head");
    ds.projects.reserve(reader.len());
    for (chunk, part) in chunks.iter().zip(&index.chunks) {
        let from = ds.projects.len();
        ds.projects.extend(unpack::<Vec<Project>>(chunk).expect("chunk"));
        reader.read_chunk(part, &ds.projects[from..]).expect("index chunk");
    }
    let index = reader.finish(&ds).expect("index");
    let cat = Catalog::with_index(ds, index);
    let blocks = BLOCKS.load(Relaxed) - blocks0;
    let n = cat.ds.projects.len();
    // Each part priced at wasm32's sizes: the native allocator's counts hold 64-bit structs.
    let s = |t: &String| wasm_block(t.capacity());
    let one = |t: &String| (usize::from(t.capacity() > 0), s(t));
    let add = |a: (usize, usize), b: (usize, usize)| (a.0 + b.0, a.1 + b.1);
    // A `Slug` is priced once per allocation: two counts (8 bytes on wasm32) and the text.
    let seen = std::cell::RefCell::new(std::collections::HashSet::new());
    let slug = |t: &Slug| if seen.borrow_mut().insert(t.as_ptr()) { (1, wasm_block(8 + t.len())) } else { (0, 0) };
    let opt_slug = |t: &Option<Slug>| t.as_ref().map_or((0, 0), slug);
    let vector = |len: usize, size: usize| {
        let b = wasm_block(len * size);
        (usize::from(b > 0), b)
    };
    // A `ThinVec` keeps its length and capacity in its block (8 bytes on wasm32).
    let thin = |cap: usize, size: usize| if cap == 0 { (0, 0) } else { (1, wasm_block(8 + cap * size)) };
    type Part<'a> = (&'a str, Box<dyn Fn(&Project) -> (usize, usize) + 'a>);
    let parts: Vec<Part> = vec![
        ("id", Box::new(|p| one(&p.id))),
        ("name zh+en", Box::new(|p| add(one(&p.name.zh), one(&p.name.en)))),
        ("district", Box::new(|p| opt_slug(&p.district))),
        ("sector", Box::new(|p| slug(&p.sector))),
        ("section, status", Box::new(|p| add(opt_slug(&p.section), opt_slug(&p.status)))),
        ("company", Box::new(|p| p.company.as_ref().map_or((0, 0), |c| add(vector(1, 24), add(one(&c.zh), one(&c.en)))))),
        ("summary", Box::new(|p| add(one(&p.summary.zh), one(&p.summary.en)))),
        ("themes, places", Box::new(|p| {
            let strings = p.themes.iter().chain(&p.places).map(slug).fold((0, 0), add);
            add(add(thin(p.themes.capacity(), 8), thin(p.places.capacity(), 8)), strings)
        })),
        ("milestones", Box::new(|p| {
            let strings = p.milestones.iter().map(|m| add(add(one(&m.date), one(&m.printed)), opt_slug(&m.part))).fold((0, 0), add);
            add(thin(p.milestones.capacity(), WASM_MILESTONE), strings)
        })),
        ("figures (vector)", Box::new(|p| vector(p.figures.capacity(), WASM_FIGURE))),
        ("figures' strings", Box::new(|p| {
            p.figures
                .iter()
                .map(|f| {
                    let item = f.item.as_ref().map_or((0, 0), |i| add(vector(1, 24), add(one(&i.zh), one(&i.en))));
                    add(add(one(&f.printed), opt_slug(&f.unit_from)), add(item, opt_slug(&f.part)))
                })
                .fold((0, 0), add)
        })),
        ("cells", Box::new(|p| add(thin(p.cells.capacity(), 16), p.cells.iter().map(|c| one(&c.text)).fold((0, 0), add)))),
    ];
    let index = [
        ("index rows", vector(cat.rows.capacity(), WASM_ROW)),
        ("search text", vector(cat.search.text.capacity(), 1)),
        ("search text ends", vector(cat.search.ends.capacity(), 4)),
    ];
    let projects = vector(n, WASM_PROJECT);
    let priced: Vec<(&str, (usize, usize))> = std::iter::once(("projects' vector", projects))
        .chain(parts.iter().map(|(name, f)| (*name, cat.ds.projects.iter().map(f).fold((0, 0), add))))
        .chain(index)
        .collect();
    if std::env::var_os("PEEK").is_some() {
        peek(&cat);
    }
    let total = priced.iter().map(|(_, (_, b))| b).sum::<usize>();
    println!("{n} projects from {path} ({}); the page reads them in {blocks} heap blocks", mib(file));
    println!("the list on the page, estimated for wasm32: {} = {:.2}× the file", mib(total), total as f64 / file as f64);
    for (name, (blocks, bytes)) in priced {
        println!("  {name:<20} {blocks:>8} blocks {:>10}", mib(bytes));
    }
}

/// What a search reads per project.
fn peek(cat: &Catalog) {
    for i in [0, 1, 2, 50_000] {
        println!("{:?}", cat.search.get(i));
    }
}
