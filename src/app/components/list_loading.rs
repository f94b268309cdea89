//! What the page shows while a linked list is fetched: its name and the bytes received,
//! instead of a view of the wrong list.

use leptos::prelude::*;

use crate::app::state::use_app;
use crate::core::i18n::{fill, texts};

#[component]
pub fn ListLoading() -> impl IntoView {
    let state = use_app();
    let wanted = move || state.view.with(|v| v.list.clone()).unwrap_or_default();
    let percent = move || {
        state.lists.progress.with(|p| {
            p.as_ref().filter(|p| p.total > 0.0 && state.view.with_untracked(|v| v.list.as_deref() == Some(p.id.as_str()))).map(|p| (100.0 * p.received / p.total).clamp(0.0, 100.0).round())
        })
    };
    view! {
        <div class="list-loading" role="status" data-testid="list-loading">
            <p>{move || fill(texts(state.lang.get()).list_opening, wanted())}</p>
            <progress max="100" value=move || percent().map(|p| p.to_string())></progress>
            <span class="percent">{move || percent().map(|p| format!("{p}%")).unwrap_or_default()}</span>
        </div>
    }
}
