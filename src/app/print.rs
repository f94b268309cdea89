//! Printing: a signal that is true while the page is printed or shown as for print, so
//! that what a printout needs (every chart drawn, every row in view) is there only then.

use leptos::prelude::*;

use crate::app::media_query;

/// True from `beforeprint` to `afterprint`, and while the print media query matches
/// (print preview, emulated print media): either may come without the other.
pub fn printing() -> ReadSignal<bool> {
    let (printing, set) = signal(false);
    let _ = window_event_listener_untyped("beforeprint", move |_| set.set(true));
    let _ = window_event_listener_untyped("afterprint", move |_| set.set(false));
    media_query::follow("print", set);
    printing
}
