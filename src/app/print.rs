//! Printing: a signal that is true while the page is printed or shown as for print, so
//! that what a printout needs (every chart drawn, every row in view) is there only then.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// True from `beforeprint` to `afterprint`, and while the print media query matches
/// (print preview, emulated print media): either may come without the other.
pub fn printing() -> ReadSignal<bool> {
    let (printing, set) = signal(false);
    let _ = window_event_listener_untyped("beforeprint", move |_| set.set(true));
    let _ = window_event_listener_untyped("afterprint", move |_| set.set(false));
    if let Ok(Some(query)) = window().match_media("print") {
        let watched = query.clone();
        let on_change = Closure::<dyn FnMut()>::new(move || set.set(watched.matches()));
        let _ = query.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        // Kept for the page's life, as the listener is.
        on_change.forget();
    }
    printing
}
