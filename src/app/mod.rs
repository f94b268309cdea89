//! The browser shell: mounts the app, provides the URL-derived state.

pub mod components;
pub mod state;

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::Router;

use crate::core::dataset::{embedded, Catalog};
use crate::core::i18n::texts;
use crate::core::model::Lang;
use components::explorer::Explorer;
use state::AppState;

pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    view! {
        <Router>
            {match embedded() {
                Ok(catalog) => view! { <Main catalog=Arc::new(catalog)/> }.into_any(),
                // A broken embedded release is a build defect, but the page still says so.
                Err(e) => view! {
                    <main class="load-error" role="alert">
                        <h1>{texts(Lang::Zh).load_error} " / " {texts(Lang::En).load_error}</h1>
                        <pre>{e.to_string()}</pre>
                    </main>
                }.into_any(),
            }}
        </Router>
    }
}

#[component]
fn Main(catalog: Arc<Catalog>) -> impl IntoView {
    let state = AppState::new(catalog);
    provide_context(state);
    Effect::new(move |_| {
        let lang = state.lang.get();
        let t = texts(lang);
        let doc = document();
        doc.set_title(t.title);
        if let Some(el) = doc.document_element() {
            let _ = el.set_attribute("lang", if lang == Lang::Zh { "zh-CN" } else { "en" });
        }
    });
    view! { <Explorer/> }
}
