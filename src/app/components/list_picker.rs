//! The list picker in the header: the embedded list and every published one, each with
//! its title, region, year and project count. Choosing is a link, so it is a history
//! entry and Back returns to the previous list and view.

use leptos::prelude::*;

use crate::app::state::use_app;
use crate::core::i18n::{count_projects, fill, texts};
use crate::core::lists::ListEntry;
use crate::core::model::Lang;
use crate::core::query::ViewState;

fn list_href(list: Option<&str>, lang: Lang) -> String {
    let v = ViewState { list: list.map(String::from), lang: Some(lang), ..Default::default() };
    format!("?{}", v.to_query())
}

fn year_text(year: u16, lang: Lang) -> String {
    match (year, lang) {
        (0, _) => String::new(),
        (y, Lang::Zh) => format!(" · {y}年"),
        (y, Lang::En) => format!(" · {y}"),
    }
}

#[component]
pub fn ListPicker() -> impl IntoView {
    let state = use_app();
    let lists = state.lists;
    let t = move || texts(state.lang.get());
    let menu = NodeRef::<leptos::html::Details>::new();
    let current = move || state.current.with(|c| c.as_ref().map(|l| l.id.clone()));
    // A deployment with no lists beside it shows no picker (once that is known).
    let shown = move || !matches!(lists.manifest.get(), Some(Err(_))) || current().is_some();
    let close = move |_| {
        if let Some(d) = menu.get() {
            d.set_open(false);
        }
    };
    let entry = move |e: ListEntry| {
        let lang = state.lang.get();
        let here = current().as_deref() == Some(e.id.as_str());
        let compare = current().filter(|c| *c != e.id).map(|_| {
            let href = format!("?{}", state.view.with(|v| ViewState { versus: Some(e.id.clone()), project: None, ..v.clone() }).to_query());
            view! {
                <a class="compare-link" href=href on:click=close title=t().lists_compare_hint data-testid=format!("compare-{}", e.id)>
                    {t().lists_compare}
                </a>
            }
        });
        view! {
            <li>
                <a href=list_href(Some(&e.id), lang) on:click=close aria-current=here.then_some("true") data-testid=format!("list-{}", e.id)>
                    <span class="list-title">{e.title.get(lang).to_string()}</span>
                    <span class="list-meta">
                        {format!("{}{} · {}", e.region.get(lang), year_text(e.year, lang), count_projects(e.projects as usize, lang))}
                    </span>
                </a>
                {compare}
            </li>
        }
    };
    let builtin = move || {
        let lang = state.lang.get();
        let c = state.embedded();
        let ds = &c.ds;
        view! {
            <li>
                <a href=list_href(None, lang) on:click=close aria-current=state.is_embedded().then_some("true") data-testid="list-embedded">
                    <span class="list-title">{ds.source.title.get(lang).to_string()}</span>
                    <span class="list-meta">
                        {format!("{}{} · {} · {}", ds.region.get(lang), year_text(ds.source.year, lang), count_projects(ds.projects.len(), lang), t().lists_builtin)}
                    </span>
                </a>
            </li>
        }
    };
    let rest = move || match lists.manifest.get() {
        None => view! { <li class="hint" role="status">{t().lists_loading}</li> }.into_any(),
        Some(Err(e)) => view! { <li class="hint">{fill(t().lists_failed, e)}</li> }.into_any(),
        Some(Ok(m)) if m.lists.is_empty() => view! { <li class="hint">{t().lists_none}</li> }.into_any(),
        Some(Ok(m)) => m.lists.iter().cloned().map(entry).collect_view().into_any(),
    };
    view! {
        <Show when=shown>
            <details class="list-picker" data-testid="list-picker" node_ref=menu on:toggle=move |_| lists.fetch_manifest()>
                <summary>{move || t().lists_label}</summary>
                <ul class="list-menu">
                    {builtin}
                    {rest}
                </ul>
            </details>
        </Show>
    }
}
