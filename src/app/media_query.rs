//! Following a CSS media query into a signal.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Sets `set` to whether `query` (e.g. `print`, `(prefers-color-scheme: dark)`) matches,
/// now and on every change, for the page's life.
pub fn follow(query: &str, set: WriteSignal<bool>) {
    let Some(list) = window().match_media(query).ok().flatten() else { return };
    set.set(list.matches());
    let watched = list.clone();
    let on_change = Closure::<dyn FnMut()>::new(move || set.set(watched.matches()));
    let _ = list.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
    // Kept for the page's life, as the listener is.
    on_change.forget();
}
