//! The browser shell: mounts the app, provides the URL-derived state.

pub mod components;
pub mod import_client;
pub mod lists;
pub mod location;
pub mod media_query;
pub mod print;
pub mod theme;
pub mod state;

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::dataset::{embedded, Catalog};
use crate::core::i18n::texts;
use crate::core::model::Lang;
use components::explorer::Explorer;
use state::AppState;

/// The element matching `selector` at or above an event's target (a click on a link's
/// text lands on the text's parent, not on the link).
pub(crate) fn target_closest(event: &web_sys::Event, selector: &str) -> Option<web_sys::Element> {
    use wasm_bindgen::JsCast;
    event.target()?.dyn_into::<web_sys::Element>().ok()?.closest(selector).ok().flatten()
}

/// Lets the browser run other tasks (input, paint) before the next step. A message to
/// ourselves, not a timer: nested timers are clamped to 4 ms, which 250 chunks would pay.
pub(crate) async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Ok(channel) = web_sys::MessageChannel::new() else {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            return;
        };
        channel.port1().set_onmessage(Some(&resolve));
        let _ = channel.port2().post_message(&wasm_bindgen::JsValue::NULL);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Runs `f` in a task of its own, after the current one: a part of a view built a task
/// later, so that a phone gets two short tasks rather than one long one.
pub(crate) fn in_next_task(f: impl FnOnce() + 'static) {
    leptos::task::spawn_local(async move {
        next_task().await;
        f();
    });
}

/// Runs `f` when the browser is idle, and at the latest after `timeout_ms` (or after that
/// time, where it has no idle callback): work the first view does not need.
pub fn when_idle(timeout_ms: i32, f: impl FnOnce() + 'static) {
    use wasm_bindgen::prelude::Closure;
    use wasm_bindgen::JsCast;
    let cb = Closure::once_into_js(f);
    let w = window();
    let idle = js_sys::Reflect::get(&w, &"requestIdleCallback".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match idle {
        Some(request) => {
            let opts = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&opts, &"timeout".into(), &timeout_ms.into());
            let _ = request.call2(&w, &cb, &opts);
        }
        None => {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), timeout_ms);
        }
    }
}

/// Resolves after `ms` milliseconds: for waiting on the network without spinning.
pub(crate) async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_panic_banner();
    }));
    // index.html's frame was painted before the wasm was fetched (scripts/defer-wasm.mjs).
    // Three short tasks for a phone, not one long one: the embedded list is read, validated
    // and indexed; the state the URL implies is built (and the URL completed); the app is
    // mounted: its header, replacing the frame. The layout and the first two charts follow,
    // a task each (`Explorer`).
    set_timeout(
        || {
            let catalog = embedded();
            set_timeout(
                move || {
                    // Effects need the executor before the mount would start it.
                    let _ = any_spawner::Executor::init_wasm_bindgen();
                    let owner = Owner::new();
                    let state = owner.with(|| catalog.map(|c| start_state(Arc::new(c))));
                    set_timeout(
                        move || {
                            owner.with(|| leptos::mount::mount_to_body(move || view! { <App state/> }));
                            // The root of the page's reactive graph, for as long as the page lives.
                            std::mem::forget(owner);
                            if let Some(el) = document().get_element_by_id("loading") {
                                el.remove();
                            }
                        },
                        std::time::Duration::ZERO,
                    );
                },
                std::time::Duration::ZERO,
            );
        },
        std::time::Duration::ZERO,
    );
}

/// After a panic the reactive runtime cannot be trusted, so the banner is plain DOM:
/// it says what happened and offers a link that reloads the page without the view state.
fn show_panic_banner() {
    let doc = document();
    let Some(body) = doc.body() else { return };
    if doc.get_element_by_id("panic-banner").is_some() {
        return;
    }
    let Ok(banner) = doc.create_element("div") else { return };
    banner.set_id("panic-banner");
    let _ = banner.set_attribute("role", "alert");
    let p = doc.create_element("p").ok();
    if let Some(p) = &p {
        p.set_text_content(Some(&format!("{} {}", texts(Lang::Zh).panic_message, texts(Lang::En).panic_message)));
        let _ = banner.append_child(p);
    }
    if let Ok(a) = doc.create_element("a") {
        let path = window().location().pathname().unwrap_or_else(|_| "/".into());
        let _ = a.set_attribute("href", &path);
        // A full reload: the page's own link handling must not take it, the wasm instance is gone.
        let _ = a.set_attribute("rel", "external");
        a.set_text_content(Some(&format!("{} / {}", texts(Lang::Zh).reset_view, texts(Lang::En).reset_view)));
        let _ = banner.append_child(&a);
    }
    let _ = body.prepend_with_node_1(&banner);
}

thread_local! {
    /// The catalog in use, for the benchmark hooks (`page_hooks.rs`; the UI reads it from its signal).
    #[doc(hidden)]
    pub static CURRENT: std::cell::RefCell<Option<Arc<Catalog>>> = const { std::cell::RefCell::new(None) };
}

#[component]
fn App(state: Result<AppState, crate::core::dataset::LoadError>) -> impl IntoView {
    match state {
        Ok(_) => view! { <Explorer/> }.into_any(),
        // A broken embedded release is a build defect, but the page still says so.
        Err(e) => view! {
            <main class="load-error" role="alert">
                <h1>{texts(Lang::Zh).load_error} " / " {texts(Lang::En).load_error}</h1>
                <pre>{e.to_string()}</pre>
            </main>
        }
        .into_any(),
    }
}

/// The app's state, provided to every component, and the document's title and language
/// following it.
fn start_state(catalog: Arc<Catalog>) -> AppState {
    let state = AppState::new(catalog);
    provide_context(state);
    Effect::new(move |_| {
        let lang = state.lang.get();
        let doc = document();
        // The tab names the open project, so a reader with many tabs finds it.
        let project = state.view.with(|v| v.project.clone()).and_then(|id| {
            state.catalog.with(|c| c.project_index(&id).map(|i| c.ds.projects[i].name.get(lang).to_string()))
        });
        let title = state.title();
        match project {
            Some(name) => doc.set_title(&format!("{name} · {title}")),
            None => doc.set_title(&title),
        }
        if let Some(el) = doc.document_element() {
            let _ = el.set_attribute("lang", if lang == Lang::Zh { "zh-CN" } else { "en" });
        }
    });
    state
}
