//! Which chart palette the screen uses: dark while the reader's system prefers a dark
//! scheme, light otherwise, and always light for print and for PNG downloads (a picture
//! is pasted into documents, and paper is white).

use std::cell::Cell;

use leptos::prelude::*;

use crate::app::media_query;
use crate::charts::{ChartPalette, DARK, LIGHT};

thread_local! {
    static SIGNALS: Cell<Option<(ReadSignal<bool>, ReadSignal<bool>)>> = const { Cell::new(None) };
    static FORCE_LIGHT: Cell<bool> = const { Cell::new(false) };
}

/// Starts following the colour scheme; `printing` is the app's print signal.
pub fn install(printing: ReadSignal<bool>) {
    let (dark, set) = signal(false);
    media_query::follow("(prefers-color-scheme: dark)", set);
    SIGNALS.with(|s| s.set(Some((dark, printing))));
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
