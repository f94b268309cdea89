//! The import worker: a second wasm, started only when a reader picks a file (or a
//! published list is too large to read on the page). A thin shell over `core::import`: it
//! reads the file once, keeps the workbook while the reader changes the mapping, and
//! answers each request with the review (as HTML, in both languages) and, where nothing
//! blocks, the dataset packed (`core::packed`) with its index and table order.
//!
//! Messages in:
//! - `{cmd: "open", name, bytes, sort?, lang?}`: the bytes transferred, with the table
//!   order the page shows first, which is sorted here;
//! - `{cmd: "choose", fields, unit, sheet}`: the review's selects, as the page read them;
//! - `{cmd: "json", head, chunks}`: a list the page holds packed, to be saved as a dataset file;
//! - `{cmd: "parse-floor", bytes}`: the benchmark's raw CSV read, timed here.
//!
//! Messages out: `{type: "ready", version}` first (a message posted before the wasm
//! started would be lost), then `progress`, `review`, `dataset`, `json`, `parse-floor` or `error`. A message
//! that carries a dataset also says the worker's memory size then (`heap`, bytes).

#[cfg(target_arch = "wasm32")]
mod worker {
    use std::cell::RefCell;

    use tongliao_explorer::core::import::assemble::{analyse_workbook, release_of};
    use tongliao_explorer::core::import::grid::{read, Workbook};
    use tongliao_explorer::core::import::long_format::{
        csv_floor, is_long_csv, load_csv, load_json_dataset, load_packed_dataset, looks_like_json, UserDataError,
    };
    use tongliao_explorer::core::import::review_html::review_html;
    use tongliao_explorer::core::import::{Choices, ImportError, MAX_IMPORT_BYTES};
    use tongliao_explorer::core::import::columns::Field;
    use tongliao_explorer::core::dataset::{Catalog, Presorted};
    use tongliao_explorer::core::sort::{order_key, sort_rows, Sort};
    use tongliao_explorer::core::model::{slug_of, Dataset, Lang, Project};
    use tongliao_explorer::core::packed::{is_packed, pack, put_slice, unpack, PackError, Writer};
    use tongliao_explorer::core::packed_index::{pack_index, pack_order, CHUNK};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    /// The page checks it: Trunk leaves worker files unhashed, so a cached old worker must be refused.
    pub const VERSION: &str = env!("IMPORTER_VERSION");
    struct Open {
        name: String,
        release: String,
        workbook: Workbook,
    }

    thread_local! {
        static OPEN: RefCell<Option<Open>> = const { RefCell::new(None) };
        /// The table order the page asked for with the file.
        static ORDER: RefCell<Option<(Sort, Lang)>> = const { RefCell::new(None) };
    }

    fn scope() -> DedicatedWorkerGlobalScope {
        js_sys::global().unchecked_into()
    }

    fn post(fields: &[(&str, JsValue)]) {
        post_with(fields, &js_sys::Array::new());
    }

    fn post_with(fields: &[(&str, JsValue)], transfer: &js_sys::Array) {
        let msg = js_sys::Object::new();
        for (k, v) in fields {
            let _ = js_sys::Reflect::set(&msg, &JsValue::from_str(k), v);
        }
        let _ = scope().post_message_with_transfer(&msg, transfer);
    }

    /// A failure, in both languages (an importer error or a long-format CSV's).
    fn post_failure(message: impl Fn(Lang) -> String) {
        post(&[("type", "error".into()), ("zh", message(Lang::Zh).into()), ("en", message(Lang::En).into())]);
    }

    fn post_error(e: &ImportError) {
        post_failure(|l| e.message(l));
    }

    fn review(open: &Open, choices: &Choices) {
        match analyse_workbook(&open.workbook, &open.name, &open.release, choices) {
            Ok((review, ds)) => {
                // The review goes as HTML in both languages, so the page carries no code for it.
                let ready = ds.is_some();
                let mut fields = vec![
                    ("type", "review".into()),
                    ("file", review.file.as_str().into()),
                    ("zh", review_html(&review, ready, Lang::Zh).into()),
                    ("en", review_html(&review, ready, Lang::En).into()),
                ];
                if let Some(ds) = ds {
                    let (parts, transfer, _spent) = dataset_fields(ds);
                    fields.extend(parts);
                    return post_with(&fields, &transfer);
                }
                post(&fields);
            }
            Err(e) => post_error(&e),
        }
    }

    /// The fields of a message that carries a dataset, and the buffers it transfers (not
    /// copies): the head (the dataset without its projects), the projects in chunks and
    /// the catalog's index, each packed (`core::packed`), so that the page reads one chunk
    /// per task and adopts the index without a pass of its own: no main-thread task grows
    /// with the list. (The page keeps the head and chunks: "Save as dataset file" sends them
    /// back, `json`.) The projects come back too, to be freed after the message is posted:
    /// freeing 100,000 of them is work the page need not wait for.
    fn dataset_fields(ds: Dataset) -> (Vec<(&'static str, JsValue)>, js_sys::Array, Vec<Project>) {
        let buffer = |bytes: &[u8]| JsValue::from(js_sys::Uint8Array::from(bytes).buffer());
        let cat = Catalog::index(ds);
        let index = pack_index(&cat, CHUNK);
        let index_chunks: js_sys::Array = index.chunks.iter().map(|c| buffer(c)).collect();
        let index = buffer(&index.head);
        // The table order the page will show first, sorted here rather than on its main thread.
        let order = ORDER.with(|o| *o.borrow()).map(|(sort, lang)| {
            let mut rows: Vec<usize> = (0..cat.ds.projects.len()).collect();
            sort_rows(&cat, &mut rows, sort, lang);
            buffer(&pack_order(&Presorted { key: order_key(sort, lang), rows: rows.into() }))
        });
        let mut head = cat.ds;
        let projects = std::mem::take(&mut head.projects);
        let head = buffer(&pack(&head));
        let chunks: js_sys::Array = projects
            .chunks(CHUNK)
            .map(|c| {
                let mut w = Writer::new();
                put_slice(c, &mut w);
                buffer(&w.buf)
            })
            .collect();
        let transfer = chunks.concat(&index_chunks).concat(&js_sys::Array::of2(&head, &index));
        // The worker's wasm memory never shrinks, so its size now is the load's peak (the
        // benchmark reports it apart from the page's heap).
        let heap = (core::arch::wasm32::memory_size(0) * 65536) as f64;
        let mut fields = vec![("head", head), ("chunks", chunks.into()), ("index", index), ("indexChunks", index_chunks.into()), ("heap", heap.into())];
        if let Some(order) = order {
            transfer.push(&order);
            fields.push(("order", order));
        }
        (fields, transfer, projects)
    }

    /// A dataset that needs no review (our CSV, a published list), or why it failed.
    fn post_dataset(name: &str, read: Result<Dataset, UserDataError>) {
        match read {
            Ok(ds) => {
                let (parts, transfer, _spent) = dataset_fields(ds);
                let mut fields = vec![("type", "dataset".into()), ("file", name.into())];
                fields.extend(parts);
                post_with(&fields, &transfer)
            }
            Err(e) => post_failure(|l| e.message(l)),
        }
    }

    fn on_message(ev: MessageEvent) {
        let data = ev.data();
        // A key the message does not carry reads as None, not as `undefined`.
        let get = |k: &str| js_sys::Reflect::get(&data, &JsValue::from_str(k)).ok().filter(|v| !v.is_undefined() && !v.is_null());
        match get("cmd").and_then(|v| v.as_string()).as_deref() {
            Some("open") => {
                let name = get("name").and_then(|v| v.as_string()).unwrap_or_default();
                let sort = get("sort").and_then(|v| v.as_string()).and_then(|s| s.parse::<Sort>().ok());
                let lang = get("lang").and_then(|v| v.as_string()).and_then(|s| Lang::from_slug(&s));
                ORDER.with(|o| *o.borrow_mut() = sort.zip(lang));
                let Some(buf) = get("bytes").filter(|b| b.is_instance_of::<js_sys::ArrayBuffer>()) else {
                    return post_error(&ImportError::Empty);
                };
                let array = js_sys::Uint8Array::new(&buf);
                if array.length() as usize > MAX_IMPORT_BYTES {
                    return post_error(&ImportError::TooLarge { bytes: array.length() as usize, limit: MAX_IMPORT_BYTES });
                }
                let bytes = array.to_vec();
                post(&[("type", "progress".into()), ("stage", "read".into()), ("bytes", (bytes.len() as f64).into())]);
                // A dataset file too large to read in one task on the page (a published
                // list): read and validated here, sent in chunks like an imported list.
                if looks_like_json(&bytes) {
                    return post_dataset(&name, load_json_dataset(bytes));
                }
                if is_packed(&bytes) {
                    return post_dataset(&name, load_packed_dataset(&bytes));
                }
                // Our own long-format CSV is a dataset already: no review, its own messages.
                if is_long_csv(&bytes) {
                    return post_dataset(&name, load_csv(&bytes));
                }
                match read(&bytes) {
                    Ok(workbook) => {
                        let rows: usize = workbook.sheets.iter().map(|s| s.rows.len()).sum();
                        post(&[("type", "progress".into()), ("stage", "parsed".into()), ("rows", (rows as f64).into())]);
                        let open = Open { release: release_of(&bytes), name, workbook };
                        review(&open, &Choices::default());
                        OPEN.with(|o| *o.borrow_mut() = Some(open));
                    }
                    Err(e) => post_error(&e),
                }
            }
            Some("json") => {
                // A list the page holds packed, written as a dataset file ("Save as dataset
                // file"): asked for on the click, so that a load does not pay for it.
                let bytes = |b: &JsValue| js_sys::Uint8Array::new(b).to_vec();
                let read = || -> Result<Dataset, PackError> {
                    let mut ds: Dataset = unpack(&get("head").map(|b| bytes(&b)).ok_or(PackError::NotPacked)?)?;
                    for chunk in get("chunks").map(|c| js_sys::Array::from(&c)).unwrap_or_default().iter() {
                        ds.projects.extend(unpack::<Vec<Project>>(&bytes(&chunk))?);
                    }
                    Ok(ds)
                };
                match read() {
                    Ok(ds) => {
                        let json = JsValue::from(js_sys::Uint8Array::from(serde_json::to_vec(&ds).unwrap_or_default().as_slice()).buffer());
                        post_with(&[("type", "json".into()), ("json", json.clone())], &js_sys::Array::of1(&json));
                    }
                    Err(e) => post_failure(|l| UserDataError::Packed(e.to_string()).message(l)),
                }
            }
            Some("parse-floor") => {
                // Benchmark only (scripts/bench-large.mjs): the csv crate's raw read of the
                // bytes, in this wasm, against which the benchmark sets our load.
                let bytes = get("bytes").map(|b| js_sys::Uint8Array::new(&b).to_vec()).unwrap_or_default();
                let now = || scope().performance().map_or(0.0, |p| p.now());
                let t0 = now();
                let (records, _) = csv_floor(&bytes);
                let ms = now() - t0;
                post(&[("type", "parse-floor".into()), ("ms", ms.into()), ("records", (records as f64).into())]);
            }
            Some("choose") => {
                // Values the review's own selects hold; anything else is ignored.
                let fields = get("fields").map(|v| js_sys::Array::from(&v).iter().filter_map(|f| f.as_string()).collect::<Vec<_>>());
                let fields = fields.map(|f| f.iter().map(|s| Field::ALL.into_iter().find(|x| slug_of(x) == *s).unwrap_or(Field::Other)).collect());
                let choices = Choices {
                    sheet: get("sheet").and_then(|v| v.as_f64()).map(|v| v as usize),
                    fields,
                    unit: get("unit").and_then(|v| v.as_string()),
                    gbt: get("gbt").and_then(|v| v.as_bool()).unwrap_or(false),
                };
                OPEN.with(|o| match o.borrow().as_ref() {
                    Some(open) => review(open, &choices),
                    None => post_error(&ImportError::Empty),
                });
            }
            _ => {}
        }
    }

    pub fn start() {
        let handler = Closure::<dyn Fn(MessageEvent)>::new(on_message);
        scope().set_onmessage(Some(handler.as_ref().unchecked_ref()));
        handler.forget();
        post(&[("type", "ready".into()), ("version", VERSION.into())]);
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start();
}

/// Natively: import a file and print its review, for trying lists by hand.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use tongliao_explorer::core::import::{analyse, Choices};
    use tongliao_explorer::core::model::Lang;
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: importer <file>");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1);
    });
    match analyse(&bytes, &path, &Choices::default()) {
        Ok((review, ds)) => {
            println!("{}", serde_json::to_string_pretty(&review).unwrap_or_default());
            if let Some(ds) = ds {
                eprintln!("{} projects", ds.projects.len());
            }
        }
        Err(e) => {
            eprintln!("{}", e.message(Lang::En));
            std::process::exit(1);
        }
    }
}
