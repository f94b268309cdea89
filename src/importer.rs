//! The import worker: a second wasm, started only when a reader picks a file that is not
//! our own format. A thin shell over `core::import`: it reads the file once, keeps the
//! workbook while the reader changes the mapping, and answers each request with the review
//! (as HTML, in both languages) and, where nothing blocks, the dataset as JSON.
//!
//! Messages in: `{cmd: "open", name, bytes}` (the bytes transferred), `{cmd: "choose",
//! fields, unit, sheet}` (the review's selects, as the page read them). Messages out: `{type: "ready", version}` first (a message
//! posted before the wasm started would be lost), then `progress`, `review` or `error`.

#[cfg(target_arch = "wasm32")]
mod worker {
    use std::cell::RefCell;

    use tongliao_explorer::core::import::assemble::{analyse_workbook, release_of};
    use tongliao_explorer::core::import::grid::{read, Workbook};
    use tongliao_explorer::core::import::long_format::{is_long_csv, load_csv, load_json_dataset, looks_like_json, UserDataError};
    use tongliao_explorer::core::import::review_html::review_html;
    use tongliao_explorer::core::import::{Choices, ImportError, MAX_IMPORT_BYTES};
    use tongliao_explorer::core::import::columns::Field;
    use tongliao_explorer::core::model::{slug_of, Dataset, Lang};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    /// The page checks it: Trunk leaves worker files unhashed, so a cached old worker must be refused.
    pub const VERSION: &str = env!("IMPORTER_VERSION");
    /// Projects per chunk: about 20 ms of parsing each on these cores, for a list whose
    /// rows keep every printed cell.
    const CHUNK: usize = 200;

    struct Open {
        name: String,
        release: String,
        workbook: Workbook,
    }

    thread_local! {
        static OPEN: RefCell<Option<Open>> = const { RefCell::new(None) };
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
                    let (head, chunks) = dataset_parts(ds);
                    fields.push(("head", head.into()));
                    fields.push(("chunks", chunks.clone().into()));
                    return post_with(&fields, &chunks);
                }
                post(&fields);
            }
            Err(e) => post_error(&e),
        }
    }

    /// The dataset without its projects, and the projects in chunks of JSON bytes to be
    /// transferred, not copied: the page parses one chunk per task, so no main-thread task
    /// grows with the list.
    fn dataset_parts(mut ds: Dataset) -> (String, js_sys::Array) {
        let projects = std::mem::take(&mut ds.projects);
        let head = serde_json::to_string(&ds).unwrap_or_default();
        let chunks = projects
            .chunks(CHUNK)
            .map(|c| js_sys::Uint8Array::from(serde_json::to_vec(c).unwrap_or_default().as_slice()).buffer())
            .collect();
        (head, chunks)
    }

    /// A dataset that needs no review (our CSV, a published list's JSON), or why it failed.
    fn post_dataset(name: &str, read: Result<Dataset, UserDataError>) {
        match read {
            Ok(ds) => {
                let (head, chunks) = dataset_parts(ds);
                let fields = [("type", "dataset".into()), ("file", name.into()), ("head", head.into()), ("chunks", chunks.clone().into())];
                post_with(&fields, &chunks)
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
