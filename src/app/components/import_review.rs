//! The import panel: progress and failures, and the review the worker wrote (sheet,
//! header, each column's field with a sample, the unit, what each row became and why,
//! every problem by row and column). The review arrives as HTML in both languages, so its
//! code stays in the worker; this shell inserts it and turns its controls into requests.
//! Confirm loads the list; Cancel leaves the current data exactly as it was.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::import_client::{ImportClient, ImportState};
use crate::app::state::use_app;
use crate::core::format::group_thousands;
use crate::core::i18n::{fill_named, texts};
use crate::core::model::Lang;

fn size_text(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / 1_048_576.0)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

fn selects(host: &web_sys::Element, selector: &str) -> Vec<web_sys::HtmlSelectElement> {
    let Ok(list) = host.query_selector_all(selector) else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok()).collect()
}

/// A change in the review's controls: a column's field, the unit or the sheet.
fn on_change(client: ImportClient, ev: web_sys::Event) {
    let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
    let Some(host) = target.closest(".import-host").ok().flatten() else { return };
    if target.get_attribute("data-testid").as_deref() == Some("import-checked") {
        let checked = target.dyn_ref::<web_sys::HtmlInputElement>().is_some_and(|i| i.checked());
        if let Ok(Some(button)) = host.query_selector("[data-testid=import-confirm]") {
            let _ = if checked { button.remove_attribute("disabled") } else { button.set_attribute("disabled", "") };
        }
        return;
    }
    if target.has_attribute("data-gbt") {
        let gbt = target.dyn_ref::<web_sys::HtmlInputElement>().is_some_and(|i| i.checked());
        return client.choose(|c| c.gbt = gbt);
    }
    let Some(select) = target.dyn_ref::<web_sys::HtmlSelectElement>() else { return };
    if select.has_attribute("data-sheet") {
        let sheet = select.value().parse().ok();
        return client.choose(|c| {
            c.sheet = sheet;
            c.fields = None;
        });
    }
    if select.has_attribute("data-unit") {
        let unit = select.value();
        return client.choose(|c| c.unit = Some(unit));
    }
    if select.has_attribute("data-col") {
        let chosen = select.value();
        let mut columns = selects(&host, "select[data-col]");
        columns.sort_by_key(|s| s.get_attribute("data-col").and_then(|c| c.parse::<usize>().ok()));
        // A field belongs to one column: the one it was on becomes "other".
        for other in columns.iter().filter(|s| *s != select && chosen != "other" && s.value() == chosen) {
            other.set_value("other");
        }
        let fields = columns.iter().map(|s| s.value()).collect();
        client.choose(|c| c.fields = Some(fields));
    }
}

fn on_click(client: ImportClient, on_confirm: Callback<()>, ev: web_sys::MouseEvent) {
    let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
    let Some(button) = target.closest("button").ok().flatten() else { return };
    match button.get_attribute("data-testid").as_deref() {
        Some("import-confirm") if !button.has_attribute("disabled") => on_confirm.run(()),
        Some("import-cancel") => client.cancel(),
        _ => {}
    }
}

/// Progress, failure or the review itself, as the worker's state says.
#[component]
pub fn ImportPanel(client: ImportClient, on_confirm: Callback<()>) -> impl IntoView {
    let state = use_app();
    let t = move || texts(state.lang.get());
    move || {
        let lang = state.lang.get();
        match client.state.get() {
            ImportState::Idle => ().into_any(),
            ImportState::Starting { name } => view! {
                <div class="import-progress" role="status" data-testid="import-progress">
                    <strong>{name}</strong> " · " {t().import_starting}
                    <button data-testid="import-cancel" on:click=move |_| client.cancel()>{t().import_cancel}</button>
                </div>
            }
            .into_any(),
            ImportState::Reading { name, bytes, rows } => {
                let what = match rows {
                    Some(r) => fill_named(t().import_parsed, &[("rows", group_thousands(r as f64, 0))]),
                    None => fill_named(t().import_reading, &[("bytes", size_text(bytes))]),
                };
                view! {
                    <div class="import-progress" role="status" data-testid="import-progress">
                        <strong>{name}</strong> " · " {what}
                        <button data-testid="import-cancel" on:click=move |_| client.cancel()>{t().import_cancel}</button>
                    </div>
                }
                .into_any()
            }
            ImportState::Failed { name, failure } => {
                let what = failure.message(lang);
                view! {
                    <div class="load-error-message" role="alert" data-testid="import-error">
                        <strong>{t().import_failed}</strong>
                        <pre>{format!("{name}: {what}")}</pre>
                        <button on:click=move |_| client.cancel()>"OK"</button>
                    </div>
                }
                .into_any()
            }
            ImportState::Reviewing { zh, en, busy, .. } => {
                let html = if lang == Lang::Zh { zh } else { en };
                view! {
                    <div
                        class="import-host"
                        class:busy=busy
                        aria-busy=busy.to_string()
                        inner_html=html
                        on:change=move |ev| on_change(client, ev)
                        on:click=move |ev| on_click(client, on_confirm, ev)
                    ></div>
                }
                .into_any()
            }
        }
    }
}
