//! The address bar's query string as a signal. This is all the app needed from a router:
//! history entries, the back button and in-page links, without the router's weight in the
//! bundle or its double decoding of query values.

use leptos::ev;
use leptos::prelude::*;

/// How a view change enters the history: typing replaces, choices push.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Push,
    Replace,
}

/// The query string as the address bar holds it, `?` included (empty when there is none).
fn read_search() -> String {
    window().location().search().unwrap_or_default()
}

#[derive(Clone, Copy)]
pub struct Location {
    search: RwSignal<String>,
}

impl Location {
    /// Starts following the address bar: the back and forward buttons, and clicks on
    /// links inside the page that only change the query. Not `Default`: it installs
    /// window listeners, once, when the app starts.
    #[allow(clippy::new_without_default)]
    pub fn new() -> Location {
        let location = Location { search: RwSignal::new(read_search()) };
        let _ = window_event_listener(ev::popstate, move |_| location.search.set(read_search()));
        let _ = window_event_listener(ev::click, move |e| location.follow_link(e));
        location
    }

    pub fn search(&self) -> String {
        self.search.get()
    }

    pub fn search_untracked(&self) -> String {
        self.search.get_untracked()
    }

    /// Writes `?query` into the address bar and the signal. The page does not scroll:
    /// a filter click must leave the reader where they were.
    pub fn navigate(&self, query: &str, nav: Nav) {
        let path = window().location().pathname().unwrap_or_else(|_| "/".into());
        let url = if query.is_empty() { path } else { format!("{path}?{query}") };
        if let Ok(history) = window().history() {
            let _ = match nav {
                Nav::Push => history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url)),
                Nav::Replace => history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url)),
            };
        }
        self.search.set(read_search());
    }

    /// A plain click on an in-page link (`href="?…"`) becomes a history entry instead of
    /// a reload. Modified clicks, new tabs, downloads and `rel="external"` go to the browser.
    fn follow_link(&self, e: web_sys::MouseEvent) {
        if e.default_prevented() || e.button() != 0 || e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key() {
            return;
        }
        let Some(anchor) = crate::app::target_closest(&e, "a[href]") else {
            return;
        };
        let attr = |name: &str| anchor.get_attribute(name).unwrap_or_default();
        let href = attr("href");
        let Some(query) = href.strip_prefix('?') else { return };
        if !attr("target").is_empty() || anchor.has_attribute("download") || attr("rel").contains("external") {
            return;
        }
        e.prevent_default();
        self.navigate(query, Nav::Push);
    }
}
