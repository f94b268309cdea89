//! Take the view away (CSV/JSON export, citation) and bring another list in
//! (a CSV or JSON file, parsed here in the browser and never sent anywhere).

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::app::state::{use_app, Nav};
use crate::core::cite::{cite_bibtex, cite_text};
use crate::core::export::{file_name_for, to_csv, to_json};
use crate::core::i18n::texts;
use crate::app::components::import_review::ImportPanel;
use crate::app::import_client::{dataset_file, Failure, ImportClient, Parts};
use crate::core::import::long_format::{template_csv, UserDataError};
use crate::core::import::MAX_IMPORT_BYTES;

/// Saves text as a file through a Blob URL (no network, nothing leaves the page).
pub fn save_text(text: &str, mime: &str, file_name: &str) {
    save_parts(&js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text)), mime, file_name);
}

/// Saves a Blob of `parts` (strings or buffers) as a file.
fn save_parts(parts: &js_sys::Array, mime: &str, file_name: &str) {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Some(a) = document().create_element("a").ok().and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok()) {
        a.set_href(&url);
        a.set_download(file_name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

fn today() -> String {
    let d = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
}

#[component]
fn Export() -> impl IntoView {
    let state = use_app();
    let t = move || texts(state.lang.get());
    let export = move |json: bool| {
        let lang = state.lang.get_untracked();
        let rows = state.rows.get_untracked();
        let view = state.view.get_untracked();
        state.catalog.with_untracked(|c| {
            if json {
                save_text(&to_json(c, &rows, lang), "application/json", &file_name_for(c, &view, "json"));
            } else {
                save_text(&to_csv(c, &rows, lang), "text/csv;charset=utf-8", &file_name_for(c, &view, "csv"));
            }
        });
    };
    view! {
        <div class="export">
            <h3>{move || t().export_title}</h3>
            <p class="hint">{move || t().export_hint}</p>
            <button data-testid="export-csv" on:click=move |_| export(false)>"CSV"</button>
            <button data-testid="export-json" on:click=move |_| export(true)>"JSON"</button>
        </div>
    }
}

#[component]
fn Cite() -> impl IntoView {
    let state = use_app();
    let t = move || texts(state.lang.get());
    // The access date is the day the page was opened.
    let accessed = StoredValue::new(today());
    let bibtex_open = RwSignal::new(false);
    let citation = move |bibtex: bool| {
        let lang = state.lang.get();
        let view = state.view.get();
        let link = state.canonical_link();
        let accessed = accessed.get_value();
        state.catalog.with(|c| {
            let shown = state.rows.with(Vec::len);
            if bibtex {
                cite_bibtex(c, &view, shown, lang, &accessed, &link)
            } else {
                cite_text(c, &view, shown, lang, &accessed, &link)
            }
        })
    };
    view! {
        <div class="cite">
            <h3>{move || t().cite_title}</h3>
            <p data-testid="cite-text" class="citation">{move || citation(false)}</p>
            // The BibTeX entry is written only while it is shown: a filter click need not.
            <details on:toggle=move |e| bibtex_open.set(event_target::<web_sys::HtmlDetailsElement>(&e).open())>
                <summary>"BibTeX"</summary>
                <pre data-testid="cite-bibtex">{move || bibtex_open.get().then(|| citation(true))}</pre>
            </details>
        </div>
    }
}


/// The worker's dataset, one task per step: the head, then each chunk of projects with
/// its part of the index. The index is adopted when every part is this dataset's (built
/// here again otherwise: it is derived, so nothing is lost). The worker validated the list
/// (a worker of another build is refused by its version), so the page does not spend a
/// second pass on it.
pub(crate) async fn assemble(parts: &Parts) -> Result<crate::core::dataset::Catalog, UserDataError> {
    use crate::core::dataset::Catalog;
    use crate::core::model::{Dataset, Project};
    use crate::core::packed::{unpack, PackError};
    use crate::core::packed_index::{IndexReader, CHUNK};
    let bytes = |b: &js_sys::ArrayBuffer| js_sys::Uint8Array::new(b).to_vec();
    let damaged = |e: PackError| UserDataError::Packed(e.to_string());
    let mut ds: Dataset = unpack(&bytes(&parts.head)).map_err(damaged)?;
    let index_bytes = parts.index_chunks.iter().map(|b| b.byte_length() as usize).sum();
    let mut index = (parts.index_chunks.len() == parts.chunks.len())
        .then(|| parts.index.as_ref().and_then(|b| IndexReader::new(&bytes(b), index_bytes).ok()))
        .flatten();
    // Room for every project at once: growing by doubling would hold the list one and a
    // half times over at its peak, and the wasm heap never shrinks.
    ds.projects.reserve(index.as_ref().map_or(0, |r| r.len()).min(parts.chunks.len() * CHUNK));
    for (k, chunk) in parts.chunks.iter().enumerate() {
        crate::app::next_task().await;
        let from = ds.projects.len();
        ds.projects.extend(unpack::<Vec<Project>>(&bytes(chunk)).map_err(damaged)?);
        if let Some(reader) = index.as_mut() {
            if reader.read_chunk(&bytes(&parts.index_chunks[k]), &ds.projects[from..]).is_err() {
                index = None;
            }
        }
    }
    crate::app::next_task().await;
    let mut cat = match index.map(|r| r.finish(&ds)) {
        Some(Ok(index)) => Catalog::with_index(ds, index),
        _ => Catalog::index(ds),
    };
    cat.presorted = parts.order.as_ref().and_then(|b| crate::core::packed_index::unpack_order(&bytes(b), cat.ds.projects.len()).ok());
    // The first render of the list gets a task of its own.
    crate::app::next_task().await;
    Ok(cat)
}

#[component]
fn LoadFile() -> impl IntoView {
    let state = use_app();
    let t = move || texts(state.lang.get());
    // The file's name and what went wrong (`None`: the browser could not read it), kept
    // as data so the message follows the language switch.
    let error = RwSignal::new(None::<(String, Option<UserDataError>)>);
    let busy = RwSignal::new(false);
    let client = ImportClient::new();
    // The loaded list as the worker packed it, in buffers of the browser's, outside the
    // wasm heap: "Save as dataset file" has the worker write them as JSON, so the page
    // carries no JSON writer and a load does not pay for one.
    let imported = RwSignal::new(None::<(String, send_wrapper::SendWrapper<Parts>)>);
    let saving = RwSignal::new(false);
    // Why the last "Save as dataset file" failed, kept as data so it follows the language.
    let save_error = RwSignal::new(None::<(String, Failure)>);
    let adopt = move |catalog: Arc<crate::core::dataset::Catalog>, name: String| {
        error.set(None);
        state.current.set(None);
        state.catalog.set(catalog);
        state.loaded_file.set(Some(name.clone()));
        state.update(Nav::Push, |v| {
            v.filter = Default::default();
            v.project = None;
            v.list = None;
            v.versus = None;
            v.data_file = Some(name);
        });
    };
    // The reviewed list on confirm, or our own CSV as soon as the worker has read it.
    let finish = move || {
        let Some((name, parts)) = client.take_dataset() else { return };
        busy.set(true);
        spawn_local(async move {
            let result = assemble(&parts).await;
            match result {
                Ok(catalog) => {
                    // Audited and selected in tasks of their own, before the list's first render.
                    let catalog = Arc::new(catalog);
                    state.prepare(&catalog).await;
                    busy.set(false);
                    adopt(catalog, name.clone());
                    imported.set(Some((name, send_wrapper::SendWrapper::new(parts))));
                    // The review was long: the reader goes on with the list from its top. In a
                    // task of its own: scrolling lays the new page out at once.
                    crate::app::in_next_task(|| window().scroll_to_with_x_and_y(0.0, 0.0));
                }
                Err(e) => {
                    busy.set(false);
                    error.set(Some((name, Some(e))));
                }
            }
        });
    };
    let on_confirm = Callback::new(move |()| finish());
    Effect::new(move |_| {
        if client.ready.get() {
            client.ready.set(false);
            finish();
        }
    });
    let read = move |file: web_sys::File| {
        let name = file.name();
        // A new file replaces whatever the last import showed.
        client.cancel();
        // Checked before reading a byte, so a huge file costs nothing.
        if file.size() > MAX_IMPORT_BYTES as f64 {
            error.set(Some((name, Some(UserDataError::TooLarge { bytes: file.size() as usize, limit: MAX_IMPORT_BYTES }))));
            return;
        }
        error.set(None);
        // Every file goes to the import worker: dataset JSON and packed lists are read
        // there too, so the page carries no reader but the packed one. A loaded file opens
        // with the filter cleared and the sort kept: the worker sorts for it.
        let sort = state.view.with_untracked(|v| v.sort.to_string());
        client.open(file, Some((sort, state.lang.get_untracked())));
    };
    let on_change = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        if let Some(file) = input.as_ref().and_then(|i| i.files()).and_then(|f| f.get(0)) {
            read(file);
        }
        if let Some(i) = input {
            i.set_value("");
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
            read(file);
        }
    };
    let back_to_embedded = move |_| {
        imported.set(None);
        state.show_embedded();
        state.update(Nav::Push, |v| {
            v.filter = Default::default();
            v.project = None;
            v.list = None;
            v.versus = None;
            v.data_file = None;
        });
    };
    let loaded = move || state.loaded_file.with(Option::is_some);
    view! {
        <div class="load" on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
            <h3>{move || t().load_title}</h3>
            <p class="hint">{move || t().load_hint}</p>
            <label class="file">
                {move || t().load_pick}
                <input type="file" data-testid="file-input" accept=".csv,.tsv,.txt,.json,.packed,.xlsx,.xlsm,.xls,.ods,text/csv,application/json" on:change=on_change/>
            </label>
            <button on:click=move |_| save_text(&template_csv(), "text/csv;charset=utf-8", "explorer-template.csv")>
                {move || t().load_template}
            </button>
            <Show when=move || imported.with(Option::is_some)>
                <button data-testid="save-dataset" disabled=move || saving.get() on:click=move |_| {
                    // The whole list in the dataset schema: it can be published, and reopens identically.
                    let Some((name, parts)) = imported.get_untracked() else { return };
                    saving.set(true);
                    save_error.set(None);
                    spawn_local(async move {
                        let written = dataset_file(&parts).await;
                        saving.set(false);
                        let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
                        match written {
                            Ok(json) => save_parts(&js_sys::Array::of1(&json), "application/json", &format!("{stem}.dataset.json")),
                            Err(why) => save_error.set(Some((name.clone(), why))),
                        }
                    });
                }>{move || t().save_dataset}</button>
            </Show>
            <Show when=loaded>
                <button data-testid="back-to-embedded" on:click=back_to_embedded>{move || t().load_back}</button>
            </Show>
            <Show when=move || busy.get()>
                <p role="status">{move || t().load_busy}</p>
            </Show>
            {move || save_error.with(|e| e.as_ref().map(|(name, why)| {
                let lang = state.lang.get();
                view! {
                    <div class="load-error-message" role="alert" data-testid="save-error">
                        <strong>{texts(lang).save_failed}</strong>
                        <pre>{format!("{name}: {}", why.message(lang))}</pre>
                    </div>
                }
            }))}
            <ImportPanel client on_confirm/>
            {move || error.with(|e| e.as_ref().map(|(name, e)| {
                let lang = state.lang.get();
                let what = e.as_ref().map_or_else(|| texts(lang).file_unreadable.to_string(), |e| e.message(lang));
                view! {
                    <div class="load-error-message" role="alert" data-testid="load-error">
                        <strong>{texts(lang).load_failed}</strong>
                        <pre>{format!("{name}: {what}")}</pre>
                    </div>
                }
            }))}
        </div>
    }
}

#[component]
pub fn DataTools() -> impl IntoView {
    view! {
        <section class="data-tools" aria-label="data">
            <Export/>
            <Cite/>
            <LoadFile/>
        </section>
    }
}
