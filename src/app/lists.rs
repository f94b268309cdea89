//! The published lists beside the app: the manifest (fetched when the browser is idle, or
//! when a link or the picker needs it), each list fetched from the same origin when opened
//! with its progress shown, and the last few kept for the session so switching back is
//! instant. What failed is remembered per list, so the view can name it.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::changelog::{self, Changelog};
use crate::core::dataset::Catalog;
use crate::core::import::long_format::load_packed;
use crate::core::packed::other_version;
use crate::core::model::Lang;
use crate::core::lists::{parse_manifest, parse_names, Manifest, NamesIndex, LISTS_DIR, MANIFEST_FILE, NAMES_FILE};
use crate::core::query::Problem;
use crate::app::import_client::{Failure, ImportClient, ImportState};

/// A packed list above this size is read in the import worker, which also builds its
/// index, so that no main-thread task grows with the list; below it, reading on the page
/// is one short task and spares the worker's download. (A 0.76 MiB, 2,000-project list
/// read on the page opened in 190–220 ms with an 85 ms task; through the worker, 300–330
/// ms with none over 50 ms.) A list published without a packed file is always read there.
const DECODE_IN_WORKER: u32 = 512 * 1024;

/// Lists kept in memory besides the one shown: enough to switch back and forth, few
/// enough that a phone does not hold many large lists at once.
const KEEP: usize = 3;

/// A list as the page holds it.
pub struct Loaded {
    pub id: String,
    pub catalog: Arc<Catalog>,
    pub changelog: Option<Changelog>,
}

/// A list that could not be opened, and why (`UnknownValue`: not in the manifest).
#[derive(Debug, Clone, PartialEq)]
pub struct Failed {
    pub id: String,
    pub problem: Problem,
    /// What went wrong, for the notice's detail (an HTTP status, the parser's message).
    pub detail: String,
}

/// Bytes received of a list being fetched, and its size as the manifest states it.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    pub id: String,
    pub received: f64,
    pub total: f64,
}

#[derive(Clone, Copy)]
pub struct Lists {
    /// `None` until fetched; `Some(Err)` when the deployment has none or it is broken.
    pub manifest: RwSignal<Option<Result<Arc<Manifest>, String>>>,
    pub names: RwSignal<Option<Result<Arc<NamesIndex>, String>>>,
    pub progress: RwSignal<Option<Progress>>,
    pub failed: RwSignal<Vec<Failed>>,
    kept: StoredValue<Vec<Arc<Loaded>>>,
    /// Decodes large lists off the main thread, one at a time (`decoding`).
    worker: ImportClient,
    decoding: StoredValue<bool>,
    /// Lists being opened: a second request for one waits for the first.
    opening: StoredValue<Vec<String>>,
    manifest_started: StoredValue<bool>,
    names_started: StoredValue<bool>,
}

/// Why a fetch failed: the server's answer, or none at all.
enum FetchError {
    Status(u16),
    Network,
}

/// GETs a same-origin file as bytes, reporting progress. XMLHttpRequest, not fetch: its
/// progress events need no stream reader.
/// One function for every fetch (not generic over the callback), so its code is in the
/// bundle once.
async fn get(url: &str, on_progress: Option<Box<dyn Fn(f64)>>) -> Result<js_sys::Uint8Array, FetchError> {
    let xhr = web_sys::XmlHttpRequest::new().map_err(|_| FetchError::Network)?;
    xhr.open("GET", url).map_err(|_| FetchError::Network)?;
    xhr.set_response_type(web_sys::XmlHttpRequestResponseType::Arraybuffer);
    let progress = on_progress.map(|f| Closure::<dyn Fn(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| f(e.loaded())));
    if let Some(p) = &progress {
        xhr.set_onprogress(Some(p.as_ref().unchecked_ref()));
    }
    let done = js_sys::Promise::new(&mut |resolve, _| {
        xhr.set_onloadend(Some(&resolve));
    });
    xhr.send().map_err(|_| FetchError::Network)?;
    let _ = wasm_bindgen_futures::JsFuture::from(done).await;
    drop(progress);
    match xhr.status().unwrap_or(0) {
        200 => {
            let buf = xhr.response().map_err(|_| FetchError::Network)?;
            Ok(js_sys::Uint8Array::new(&buf))
        }
        0 => Err(FetchError::Network),
        s => Err(FetchError::Status(s)),
    }
}

/// Fetches a file of the lists folder into `slot`, parsed, unless `started` says it was.
fn fetch_once<T: Send + Sync + 'static>(
    started: StoredValue<bool>,
    file: &'static str,
    parse: impl FnOnce(&[u8]) -> Result<T, String> + 'static,
    slot: RwSignal<Option<Result<Arc<T>, String>>>,
) {
    if started.get_value() {
        return;
    }
    started.set_value(true);
    leptos::task::spawn_local(async move {
        let result = match get(&url(file), None).await {
            Ok(bytes) => parse(&bytes.to_vec()).map(Arc::new),
            Err(FetchError::Status(s)) => Err(format!("HTTP {s}")),
            Err(FetchError::Network) => Err("network".into()),
        };
        slot.set(Some(result));
    });
}

fn url(file: &str) -> String {
    format!("./{LISTS_DIR}/{file}")
}

impl Lists {
    #[allow(clippy::new_without_default)]
    pub fn new() -> Lists {
        Lists {
            manifest: RwSignal::new(None),
            names: RwSignal::new(None),
            progress: RwSignal::new(None),
            failed: RwSignal::new(Vec::new()),
            kept: StoredValue::new(Vec::new()),
            worker: ImportClient::new(),
            decoding: StoredValue::new(false),
            opening: StoredValue::new(Vec::new()),
            manifest_started: StoredValue::new(false),
            names_started: StoredValue::new(false),
        }
    }

    /// Starts fetching the manifest, once.
    pub fn fetch_manifest(&self) {
        let parse = |b: &[u8]| {
            parse_manifest(b).map_err(|errs| errs.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))
        };
        fetch_once(self.manifest_started, MANIFEST_FILE, parse, self.manifest);
    }

    /// Starts fetching the names index, once (when the reader asks to search all lists).
    pub fn fetch_names(&self) {
        fetch_once(self.names_started, NAMES_FILE, parse_names, self.names);
    }

    /// The manifest, once fetched.
    async fn manifest(&self) -> Result<Arc<Manifest>, String> {
        self.fetch_manifest();
        loop {
            if let Some(m) = self.manifest.get_untracked() {
                return m;
            }
            crate::app::sleep(30).await;
        }
    }

    pub fn kept(&self, id: &str) -> Option<Arc<Loaded>> {
        self.kept.with_value(|k| k.iter().find(|l| l.id == id).cloned())
    }

    pub fn failure(&self, id: &str) -> Option<Failed> {
        self.failed.with(|f| f.iter().find(|x| x.id == id).cloned())
    }

    fn fail(&self, id: &str, problem: Problem, detail: String) {
        // The notice says what kind of failure; the console keeps the detail for the publisher.
        if !detail.is_empty() {
            leptos::logging::warn!("list {id}: {detail}");
        }
        self.failed.update(|f| {
            f.retain(|x| x.id != id);
            f.push(Failed { id: id.to_string(), problem, detail });
        });
    }

    /// The list `id`, kept or fetched; `None` when it failed (see `failure`).
    pub async fn open(&self, id: String) -> Option<Arc<Loaded>> {
        while self.opening.with_value(|o| o.contains(&id)) {
            crate::app::sleep(15).await;
        }
        if let Some(l) = self.kept(&id) {
            return Some(l);
        }
        if self.failed.with_untracked(|f| f.iter().any(|x| x.id == id)) {
            return None;
        }
        self.opening.update_value(|o| o.push(id.clone()));
        let loaded = self.fetch(id.clone()).await;
        self.opening.update_value(|o| o.retain(|x| *x != id));
        loaded
    }

    async fn fetch(&self, id: String) -> Option<Arc<Loaded>> {
        let manifest = match self.manifest().await {
            Ok(m) => m,
            Err(detail) => {
                self.fail(&id, Problem::UnknownValue, detail);
                return None;
            }
        };
        let Some(entry) = manifest.get(&id).cloned() else {
            self.fail(&id, Problem::UnknownValue, String::new());
            return None;
        };
        // The packed file when the manifest names one: the page reads it with no JSON
        // parser (a large one in the worker). Otherwise the JSON, in the worker.
        let (file, size) = entry.packed.as_ref().map_or((&entry.file, entry.bytes), |p| (&p.file, p.bytes));
        let progress = self.progress;
        progress.set(Some(Progress { id: id.clone(), received: 0.0, total: size as f64 }));
        let (pid, total) = (id.clone(), size as f64);
        let on_progress = move |received| progress.set(Some(Progress { id: pid.clone(), received, total }));
        let fetched = get(&url(file), Some(Box::new(on_progress))).await;
        let bytes = match fetched {
            Ok(b) => b,
            Err(e) => {
                progress.set(None);
                let (problem, detail) = match e {
                    FetchError::Status(404) => (Problem::ListMissing, "HTTP 404".to_string()),
                    FetchError::Status(s) => (Problem::ListBroken, format!("HTTP {s}")),
                    FetchError::Network => (Problem::ListMissing, "network".to_string()),
                };
                self.fail(&id, problem, detail);
                return None;
            }
        };
        // A packed file of another version of the format (published before the schema
        // grew) is passed over for the list's JSON, which stays readable.
        let (file, bytes) = if entry.packed.is_some() && other_version(&bytes.subarray(0, 6).to_vec()) {
            match get(&url(&entry.file), None).await {
                Ok(json) => (&entry.file, json),
                Err(_) => {
                    progress.set(None);
                    self.fail(&id, Problem::ListBroken, "packed file of another version, and no JSON".to_string());
                    return None;
                }
            }
        } else {
            (file, bytes)
        };
        // The JSON (no packed file, or one passed over) is read in the worker; so is a large packed one.
        let parsed = if *file == entry.file || bytes.length() > DECODE_IN_WORKER {
            self.decode_in_worker(file, bytes).await
        } else {
            // The progress line is painted before the read holds the thread.
            crate::app::next_task().await;
            load_packed(&bytes.to_vec()).map_err(|e| e.message(Lang::En))
        };
        progress.set(None);
        let catalog = match parsed {
            Ok(c) => c,
            Err(detail) => {
                self.fail(&id, Problem::ListBroken, detail);
                return None;
            }
        };
        // A changelog that cannot be read costs the list nothing but its release notes.
        let changelog = match &entry.changelog {
            Some(file) => match get(&url(file), None).await {
                Ok(b) => String::from_utf8(b.to_vec()).ok().and_then(|t| changelog::parse(&t).ok()),
                Err(_) => None,
            },
            None => None,
        };
        let loaded = Arc::new(Loaded { id: id.clone(), catalog: Arc::new(catalog), changelog });
        self.kept.update_value(|k| {
            k.retain(|l| l.id != id);
            k.insert(0, loaded.clone());
            k.truncate(KEEP);
        });
        Some(loaded)
    }

    /// The import worker reads and validates the list and sends its projects in chunks,
    /// which the page parses one per task (the worker's version is checked, as for imports).
    async fn decode_in_worker(&self, name: &str, bytes: js_sys::Uint8Array) -> Result<Catalog, String> {
        let file = web_sys::File::new_with_u8_array_sequence(&js_sys::Array::of1(&bytes), name)
            .map_err(|_| "the browser could not hand the list to the worker".to_string())?;
        while self.decoding.get_value() {
            crate::app::sleep(15).await;
        }
        self.decoding.set_value(true);
        let result = self.decode_with(file).await;
        self.decoding.set_value(false);
        result
    }

    async fn decode_with(&self, file: web_sys::File) -> Result<Catalog, String> {
        let client = self.worker;
        client.ready.set(false);
        client.open(file, None);
        loop {
            if client.ready.get_untracked() {
                client.ready.set(false);
                break;
            }
            if let ImportState::Failed { failure, .. } = client.state.get_untracked() {
                client.cancel();
                return Err(match failure {
                    Failure::Message { en, .. } => en,
                    Failure::Crashed => "the decoder stopped".into(),
                    Failure::TimedOut => "the decoder took too long".into(),
                    Failure::Stale => "the decoder is from another build; reload the page".into(),
                });
            }
            crate::app::sleep(15).await;
        }
        let (_, parts) = client.take_dataset().ok_or_else(|| "the decoder sent no list".to_string())?;
        crate::app::components::data_tools::assemble(&parts).await.map_err(|e| e.message(Lang::En))
    }
}
