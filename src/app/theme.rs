//! Which chart palette the screen uses: dark while the reader's system prefers a dark
//! scheme, light otherwise, and always light for print and for PNG downloads (a picture
//! is pasted into documents, and paper is white).

use std::cell::Cell;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::charts::{ChartPalette, DARK, LIGHT};

thread_local! {
    static SIGNALS: Cell<Option<(ReadSignal<bool>, ReadSignal<bool>)>> = const { Cell::new(None) };
    static FORCE_LIGHT: Cell<bool> = const { Cell::new(false) };
}

/// A signal that follows `prefers-color-scheme: dark`.
fn prefers_dark() -> ReadSignal<bool> {
    let query = window().match_media("(prefers-color-scheme: dark)").ok().flatten();
    let (dark, set) = signal(query.as_ref().is_some_and(|q| q.matches()));
    if let Some(query) = query {
        let watched = query.clone();
        let on_change = Closure::<dyn FnMut()>::new(move || set.set(watched.matches()));
        let _ = query.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        on_change.forget();
    }
    dark
}

/// Starts following the colour scheme; `printing` is the app's print signal.
pub fn install(printing: ReadSignal<bool>) {
    SIGNALS.with(|s| s.set(Some((prefers_dark(), printing))));
}

/// The palette charts draw with now. Read inside a chart's drawing, it tracks the scheme
/// and printing, so a change of either redraws the chart.
pub fn palette() -> &'static ChartPalette {
    let Some((dark, printing)) = SIGNALS.with(Cell::get) else { return &LIGHT };
    let (dark, printing) = (dark.get(), printing.get());
    if dark && !printing && !FORCE_LIGHT.with(Cell::get) { &DARK } else { &LIGHT }
}

/// Runs `f` (drawing a PNG) with the light palette.
pub fn in_light<R>(f: impl FnOnce() -> R) -> R {
    FORCE_LIGHT.with(|c| c.set(true));
    let out = f();
    FORCE_LIGHT.with(|c| c.set(false));
    out
}
