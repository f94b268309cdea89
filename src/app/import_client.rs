//! The page's side of the import worker (`src/importer.rs`): starts it when a file is
//! chosen, checks its version, transfers the bytes, and turns its messages into a state
//! the review shows. The worker is terminated on cancel, on confirm, on a crash and after
//! a time limit, so a hostile file can neither freeze the page nor leave half a list.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::i18n::{fill_named, texts};
use crate::core::model::Lang;


/// The worker's script: Trunk writes it unhashed (data-loader-shim).
const WORKER_URL: &str = "./importer_loader.js";
/// Time the worker may take for one answer before it is stopped.
pub const TIME_LIMIT_MS: i32 = 60_000;
pub const VERSION: &str = env!("IMPORTER_VERSION");

#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// The importer's own message, in both languages.
    Message { zh: String, en: String },
    Crashed,
    TimedOut,
    Stale,
}

impl Failure {
    /// What went wrong, for the reader.
    pub fn message(&self, lang: Lang) -> String {
        let t = texts(lang);
        match self {
            Failure::Message { zh, en } => if lang == Lang::Zh { zh.clone() } else { en.clone() },
            Failure::Crashed => t.import_crashed.to_string(),
            Failure::TimedOut => fill_named(t.import_timeout, &[("seconds", (TIME_LIMIT_MS / 1000).to_string())]),
            Failure::Stale => t.import_stale.to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ImportState {
    Idle,
    Starting { name: String },
    Reading { name: String, bytes: usize, rows: Option<usize> },
    /// The review as the worker wrote it, in Chinese and English.
    /// `ready`: the worker built a dataset that Confirm loads (`ImportClient::take_dataset`).
    Reviewing { file: String, zh: String, en: String, ready: bool, busy: bool },
    Failed { name: String, failure: Failure },
}

/// A reviewed dataset as the worker sent it, in transferred buffers, each packed
/// (`core::packed`): the dataset without its projects, the projects in chunks (read one
/// per task), the catalog's index (a head, and a part per chunk of projects) and table order.
#[derive(Clone)]
pub struct Parts {
    pub head: js_sys::ArrayBuffer,
    pub chunks: Vec<js_sys::ArrayBuffer>,
    pub index: Option<js_sys::ArrayBuffer>,
    pub index_chunks: Vec<js_sys::ArrayBuffer>,
    /// The table order asked for with `open`, for `Catalog::presorted`.
    pub order: Option<js_sys::ArrayBuffer>,
}

/// One import at a time; its state drives the review panel.
#[derive(Clone, Copy)]
pub struct ImportClient {
    pub state: RwSignal<ImportState>,
    worker: StoredValue<Option<send_wrapper::SendWrapper<web_sys::Worker>>>,
    timer: StoredValue<Option<i32>>,
    choices: StoredValue<Choices>,
    parts: StoredValue<Option<send_wrapper::SendWrapper<Parts>>>,
    /// The worker read a dataset that needs no review (our long-format CSV): take it with
    /// `take_dataset`.
    pub ready: RwSignal<bool>,
}

/// What the reader changed in the review, as its selects hold it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Choices {
    pub sheet: Option<u32>,
    pub fields: Option<Vec<String>>,
    pub unit: Option<String>,
    pub gbt: bool,
}

fn field(data: &JsValue, key: &str) -> Option<JsValue> {
    js_sys::Reflect::get(data, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

impl Default for ImportClient {
    fn default() -> Self {
        Self::new()
    }
}

impl ImportClient {
    pub fn new() -> Self {
        ImportClient {
            state: RwSignal::new(ImportState::Idle),
            worker: StoredValue::new(None),
            timer: StoredValue::new(None),
            choices: StoredValue::new(Choices::default()),
            parts: StoredValue::new(None),
            ready: RwSignal::new(false),
        }
    }

    fn stop_timer(&self) {
        if let Some(t) = self.timer.get_value() {
            window().clear_timeout_with_handle(t);
        }
        self.timer.set_value(None);
    }

    fn start_timer(&self) {
        self.stop_timer();
        let this = *self;
        let cb = Closure::once_into_js(move || this.fail(Failure::TimedOut));
        let id = window().set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), TIME_LIMIT_MS).ok();
        self.timer.set_value(id);
    }

    fn name(&self) -> String {
        match self.state.get_untracked() {
            ImportState::Starting { name } | ImportState::Reading { name, .. } | ImportState::Failed { name, .. } => name,
            ImportState::Reviewing { file, .. } => file,
            ImportState::Idle => String::new(),
        }
    }

    fn fail(&self, failure: Failure) {
        let name = self.name();
        self.terminate();
        self.state.set(ImportState::Failed { name, failure });
    }

    fn terminate(&self) {
        self.stop_timer();
        if let Some(w) = self.worker.get_value() {
            w.terminate();
        }
        self.worker.set_value(None);
    }

    /// Ends the import and leaves the current data as it was.
    pub fn cancel(&self) {
        self.parts.set_value(None);
        self.terminate();
        self.state.set(ImportState::Idle);
    }

    /// Starts the worker for `file`; the bytes go over once it says it is ready, with
    /// `order`, the table order the page will show first (`sort=` and the language), for
    /// the worker to sort.
    pub fn open(&self, file: web_sys::File, order: Option<(String, Lang)>) {
        self.terminate();
        let name = file.name();
        self.choices.set_value(Choices::default());
        self.state.set(ImportState::Starting { name: name.clone() });
        let worker = match start_worker() {
            Ok(w) => w,
            Err(f) => return self.fail(f),
        };
        let this = *self;
        let file = send_wrapper::SendWrapper::new(file);
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            this.on_message(ev.data(), &file, order.as_ref());
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        // A trap in the worker's wasm (panic = "abort") or a failed script load.
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            ev.prevent_default();
            this.fail(Failure::Crashed);
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_error.forget();
        self.worker.set_value(Some(send_wrapper::SendWrapper::new(worker)));
        self.start_timer();
    }

    fn post(&self, msg: &js_sys::Object, transfer: Option<&JsValue>) {
        let Some(w) = self.worker.get_value() else { return };
        let sent = match transfer {
            Some(buf) => w.post_message_with_transfer(msg, &js_sys::Array::of1(buf)),
            None => w.post_message(msg),
        };
        if sent.is_err() {
            self.fail(Failure::Crashed);
        }
    }

    fn on_message(&self, data: JsValue, file: &web_sys::File, order: Option<&(String, Lang)>) {
        let kind = field(&data, "type").and_then(|v| v.as_string()).unwrap_or_default();
        match kind.as_str() {
            "ready" => {
                if field(&data, "version").and_then(|v| v.as_string()).as_deref() != Some(VERSION) {
                    return self.fail(Failure::Stale);
                }
                let this = *self;
                let name = file.name();
                let promise = file.array_buffer();
                let order = order.cloned();
                leptos::task::spawn_local(async move {
                    match wasm_bindgen_futures::JsFuture::from(promise).await {
                        Ok(buf) => {
                            let msg = js_sys::Object::new();
                            let _ = js_sys::Reflect::set(&msg, &"cmd".into(), &"open".into());
                            let _ = js_sys::Reflect::set(&msg, &"name".into(), &name.as_str().into());
                            let _ = js_sys::Reflect::set(&msg, &"bytes".into(), &buf);
                            if let Some((sort, lang)) = &order {
                                let _ = js_sys::Reflect::set(&msg, &"sort".into(), &sort.as_str().into());
                                let _ = js_sys::Reflect::set(&msg, &"lang".into(), &lang.slug().into());
                            }
                            // Transferred, not copied: a 20 MB file is not held twice.
                            this.post(&msg, Some(&buf));
                        }
                        // The file went away or cannot be read: said as such, in both languages.
                        Err(_) => {
                            let said = |lang| texts(lang).file_unreadable.to_string();
                            this.fail(Failure::Message { zh: said(Lang::Zh), en: said(Lang::En) })
                        }
                    }
                });
            }
            "progress" => {
                let n = |k: &str| field(&data, k).and_then(|v| v.as_f64()).map(|v| v as usize);
                let name = self.name();
                let bytes = n("bytes").unwrap_or_else(|| match self.state.get_untracked() {
                    ImportState::Reading { bytes, .. } => bytes,
                    _ => 0,
                });
                self.state.set(ImportState::Reading { name, bytes, rows: n("rows") });
            }
            "review" | "dataset" => {
                self.stop_timer();
                let s = |k: &str| field(&data, k).and_then(|v| v.as_string());
                let buffer = |k: &str| field(&data, k).and_then(|v| v.dyn_into::<js_sys::ArrayBuffer>().ok());
                let file = s("file").unwrap_or_else(|| self.name());
                let buffers = |k: &str| field(&data, k).map(|c| js_sys::Array::from(&c).iter().filter_map(|x| x.dyn_into().ok()).collect::<Vec<_>>());
                let chunks = buffers("chunks");
                let parts = match (buffer("head"), chunks) {
                    (Some(head), Some(chunks)) => {
                        Some(send_wrapper::SendWrapper::new(Parts { head, chunks, index: buffer("index"), index_chunks: buffers("indexChunks").unwrap_or_default(), order: buffer("order") }))
                    }
                    _ => None,
                };
                let ready = parts.is_some();
                self.parts.set_value(parts);
                match (kind.as_str(), s("zh"), s("en")) {
                    ("review", Some(zh), Some(en)) => self.state.set(ImportState::Reviewing { file, zh, en, ready, busy: false }),
                    // Our own long-format CSV, read by the worker: loaded as it is, like a JSON file.
                    ("dataset", _, _) if ready => {
                        self.terminate();
                        self.state.set(ImportState::Reviewing { file, zh: String::new(), en: String::new(), ready, busy: true });
                        self.ready.set(true);
                    }
                    _ => self.fail(Failure::Crashed),
                }
            }
            "error" => {
                let s = |k: &str| field(&data, k).and_then(|v| v.as_string()).unwrap_or_default();
                self.fail(Failure::Message { zh: s("zh"), en: s("en") });
            }
            _ => {}
        }
    }

    /// Asks the worker again with a changed sheet, mapping or unit.
    pub fn choose(&self, change: impl FnOnce(&mut Choices)) {
        let mut choices = self.choices.get_value();
        change(&mut choices);
        self.choices.set_value(choices.clone());
        self.state.update(|s| {
            if let ImportState::Reviewing { busy, .. } = s {
                *busy = true;
            }
        });
        let msg = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&msg, &"cmd".into(), &"choose".into());
        if let Some(sheet) = choices.sheet {
            let _ = js_sys::Reflect::set(&msg, &"sheet".into(), &f64::from(sheet).into());
        }
        if let Some(fields) = &choices.fields {
            let list: js_sys::Array = fields.iter().map(|f| JsValue::from_str(f)).collect();
            let _ = js_sys::Reflect::set(&msg, &"fields".into(), &list);
        }
        if let Some(unit) = &choices.unit {
            let _ = js_sys::Reflect::set(&msg, &"unit".into(), &unit.as_str().into());
        }
        let _ = js_sys::Reflect::set(&msg, &"gbt".into(), &choices.gbt.into());
        self.start_timer();
        self.post(&msg, None);
    }

    /// The reviewed dataset, and the worker is done.
    pub fn take_dataset(&self) -> Option<(String, Parts)> {
        let ImportState::Reviewing { file, ready: true, .. } = self.state.get_untracked() else { return None };
        let parts = self.parts.try_update_value(Option::take).flatten()?;
        self.terminate();
        self.state.set(ImportState::Idle);
        Some((file, parts.take()))
    }
}

/// A new import worker (a module worker: Trunk's loader shim imports the wasm).
fn start_worker() -> Result<web_sys::Worker, Failure> {
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    web_sys::Worker::new_with_options(WORKER_URL, &options).map_err(|_| Failure::Crashed)
}

/// The list in `parts` as a dataset JSON file, written by a worker started for it and
/// stopped after (the page carries no JSON writer). The buffers are copied to it, not
/// transferred, so the list can be saved again.
pub async fn dataset_file(parts: &Parts) -> Result<js_sys::ArrayBuffer, Failure> {
    let worker = start_worker()?;
    let request = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&request, &"cmd".into(), &"json".into());
    let _ = js_sys::Reflect::set(&request, &"head".into(), &parts.head);
    let chunks: js_sys::Array = parts.chunks.iter().collect();
    let _ = js_sys::Reflect::set(&request, &"chunks".into(), &chunks);
    let mut on_message: Option<Closure<dyn FnMut(web_sys::MessageEvent)>> = None;
    let mut on_error: Option<Closure<dyn FnMut(web_sys::Event)>> = None;
    let answer = js_sys::Promise::new(&mut |resolve, reject| {
        let (fail, timeout) = (reject.clone(), reject.clone());
        let (worker_in, request_in) = (worker.clone(), request.clone());
        on_message = Some(Closure::new(move |ev: web_sys::MessageEvent| {
            let data = ev.data();
            match field(&data, "type").and_then(|v| v.as_string()).as_deref() {
                Some("ready") if field(&data, "version").and_then(|v| v.as_string()).as_deref() == Some(VERSION) => {
                    let _ = worker_in.post_message(&request_in);
                }
                Some("ready") => drop(reject.call1(&JsValue::NULL, &"stale".into())),
                Some("json") => drop(resolve.call1(&JsValue::NULL, &field(&data, "json").unwrap_or(JsValue::NULL))),
                Some("error") => drop(reject.call1(&JsValue::NULL, &data)),
                _ => {}
            }
        }));
        on_error = Some(Closure::new(move |ev: web_sys::Event| {
            ev.prevent_default();
            let _ = fail.call1(&JsValue::NULL, &"crashed".into());
        }));
        let late = Closure::once_into_js(move || drop(timeout.call1(&JsValue::NULL, &"timed-out".into())));
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(late.unchecked_ref(), TIME_LIMIT_MS);
    });
    worker.set_onmessage(on_message.as_ref().map(|c| c.as_ref().unchecked_ref()));
    worker.set_onerror(on_error.as_ref().map(|c| c.as_ref().unchecked_ref()));
    let result = wasm_bindgen_futures::JsFuture::from(answer).await;
    worker.terminate();
    worker.set_onmessage(None);
    worker.set_onerror(None);
    match result {
        Ok(json) => json.dyn_into().map_err(|_| Failure::Crashed),
        Err(why) => Err(match why.as_string().as_deref() {
            Some("stale") => Failure::Stale,
            Some("timed-out") => Failure::TimedOut,
            Some(_) => Failure::Crashed,
            None => {
                let s = |k: &str| field(&why, k).and_then(|v| v.as_string()).unwrap_or_default();
                Failure::Message { zh: s("zh"), en: s("en") }
            }
        }),
    }
}
