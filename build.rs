//! Writes the pinyin of the embedded dataset's Chinese names (projects, companies,
//! districts) to `$OUT_DIR/pinyin.rs`, so that a search for `longma` or `kailu`
//! finds 龙马 and 开鲁 without a pinyin dictionary in the bundle: the dictionary is a
//! build dependency only.

use std::collections::BTreeMap;
use std::path::Path;

use pinyin::ToPinyin;

/// The schema and its packed form, the crate's own files: a build script cannot use the
/// crate it builds, but it can compile these two, which need only serde.
/// (`packed` reads `super::model`, which here is this one.)
#[allow(dead_code)]
#[path = "src/core/model.rs"]
mod model;
#[allow(dead_code)]
#[path = "src/core/packed.rs"]
mod packed;

const DATASET: &str = "data/tongliao-2022.json";

/// Toneless pinyin, syllables joined; ASCII letters and digits kept, anything else dropped.
fn pinyin_of(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c.to_pinyin() {
            // ü is typed v on a keyboard (lv, nv), as pinyin input methods take it.
            Some(p) => out.push_str(&p.plain().replace('ü', "v")),
            None if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase()),
            None => {}
        }
    }
    out
}

/// The Chinese names a search looks up: projects' names and companies, districts' names.
fn names(json: &serde_json::Value) -> Vec<String> {
    let zh = |v: &serde_json::Value| v.get("zh").and_then(|z| z.as_str()).map(String::from);
    let list = |key: &str| json.get(key).and_then(|v| v.as_array()).cloned().unwrap_or_default();
    let mut out = Vec::new();
    for p in list("projects") {
        out.extend(p.get("name").and_then(zh));
        out.extend(p.get("company").and_then(zh));
    }
    for d in list("districts") {
        out.extend(d.get("name").and_then(zh));
    }
    out
}

fn main() {
    println!("cargo:rerun-if-changed={DATASET}");
    println!("cargo:rerun-if-changed=build.rs");
    let text = std::fs::read_to_string(DATASET).expect("the embedded dataset is readable");
    let json: serde_json::Value = serde_json::from_str(&text).expect("the embedded dataset is JSON");
    // The embedded list goes into the bundle without its indentation: 28 KB less wasm
    // for the page to download and for serde_json to skip at start-up.
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let min = serde_json::to_string(&json).expect("a JSON value serialises");
    std::fs::write(Path::new(&out_dir).join("tongliao-2022.min.json"), min).expect("OUT_DIR is writable");
    // And packed (`core::packed`), which the page reads at start-up with no JSON parser.
    let ds: model::Dataset = serde_json::from_str(&text).expect("the embedded dataset is of the schema");
    std::fs::write(Path::new(&out_dir).join("tongliao-2022.packed"), packed::pack(&ds)).expect("OUT_DIR is writable");
    println!("cargo:rerun-if-changed=src/core/model.rs");
    println!("cargo:rerun-if-changed=src/core/packed.rs");
    // Citations call only the embedded source a newspaper page: its file name, known here,
    // spares the page a second parse of the list.
    let file = json.pointer("/source/file").and_then(|f| f.as_str()).expect("the embedded dataset names its source file");
    println!("cargo:rustc-env=EMBEDDED_SOURCE_FILE={file}");
    let found = names(&json);
    let table: BTreeMap<String, String> =
        found.into_iter().map(|zh| (pinyin_of(&zh), zh)).filter(|(py, _)| !py.is_empty()).map(|(py, zh)| (zh, py)).collect();
    let mut out = String::from("/// (Chinese name, toneless pinyin), sorted by name: written by build.rs.\npub static PINYIN: &[(&str, &str)] = &[\n");
    for (zh, py) in &table {
        out.push_str(&format!("    ({zh:?}, {py:?}),\n"));
    }
    out.push_str("];\n");
    let dest = Path::new(&out_dir).join("pinyin.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
    importer_version();
}

/// The import worker's version: the package version and a hash of the sources the worker
/// is built from, which the page (built from the same sources) checks, since Trunk leaves
/// worker files unhashed and a cached old worker must not answer a new page.
fn importer_version() {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir("src/core/import")
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    // The worker and the page must agree on the model and on the packed form it crosses in.
    files.extend(
        ["src/importer.rs", "src/core/model.rs", "src/core/packed.rs", "src/core/packed_index.rs", "src/core/dataset.rs"]
            .map(std::path::PathBuf::from),
    );
    files.sort();
    let mut h = 0x811c_9dc5u32;
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        for b in std::fs::read(f).unwrap_or_default() {
            h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
        }
    }
    println!("cargo:rerun-if-changed=src/core/import");
    println!("cargo:rustc-env=IMPORTER_VERSION={}-{h:08x}", std::env::var("CARGO_PKG_VERSION").unwrap_or_default());
}
