//! "Search all lists": the search box's text against the names index of every published
//! list (and the embedded list's own names), grouped by list, each hit a link to the
//! project in its list.

use leptos::prelude::*;

use crate::app::state::use_app;
use crate::core::i18n::{fill, texts};
use crate::core::lists::{search_names, ListNames, NamesIndex};
use crate::core::model::Lang;
use crate::core::query::ViewState;

/// Hits shown per list; the rest are counted.
const PER_LIST: usize = 8;

fn project_href(list: Option<&str>, id: &str, lang: Lang) -> String {
    let v = ViewState { list: list.map(String::from), project: Some(id.to_string()), lang: Some(lang), ..Default::default() };
    format!("?{}", v.to_query())
}

#[component]
pub fn ListSearch() -> impl IntoView {
    let state = use_app();
    let lists = state.lists;
    let on = RwSignal::new(false);
    let t = move || texts(state.lang.get());
    // The embedded list is searched from its catalog, as a list of its own.
    let embedded = StoredValue::new(NamesIndex { version: 1, lists: vec![ListNames::of(&state.embedded(), "")] });
    let results = move || {
        if !on.get() {
            return None;
        }
        let lang = state.lang.get();
        let q = state.view.with(|v| v.filter.q.clone());
        if q.trim().is_empty() {
            return None;
        }
        let index = match lists.names.get() {
            None => return Some(view! { <p class="hint" role="status">{t().search_all_loading}</p> }.into_any()),
            Some(Err(e)) => return Some(view! { <p class="hint">{fill(t().search_all_failed, e)}</p> }.into_any()),
            Some(Ok(i)) => i,
        };
        let manifest = lists.manifest.get().and_then(Result::ok);
        let title_of = |id: &str| -> String {
            if id.is_empty() {
                return state.embedded().ds.source.title.get(lang).to_string();
            }
            manifest.as_ref().and_then(|m| m.get(id)).map_or(id.to_string(), |e| e.title.get(lang).to_string())
        };
        let mut groups = Vec::new();
        embedded.with_value(|e| {
            for (index, hits) in [(e, search_names(e, &q, PER_LIST)), (&*index, search_names(&index, &q, PER_LIST))] {
                for h in hits {
                    let names = index.lists.iter().find(|l| l.id == h.list).expect("hits name their list");
                    let list = (!h.list.is_empty()).then_some(h.list);
                    let items = h.projects.iter().map(|&i| {
                        let p = &names.projects[i];
                        let (name, district) = match lang {
                            Lang::Zh => (&p[1], &p[3]),
                            Lang::En => (&p[2], &p[4]),
                        };
                        let place = if district.is_empty() { String::new() } else { format!(" · {district}") };
                        view! { <li><a href=project_href(list, &p[0], lang)>{name.clone()}</a>{place}</li> }
                    }).collect_view();
                    let more = (h.total > h.projects.len()).then(|| view! { <p class="hint">{fill(t().search_all_more, h.total - h.projects.len())}</p> });
                    groups.push(view! {
                        <section class="list-hits" data-list=h.list.to_string()>
                            <h3>{title_of(h.list)}</h3>
                            <ul>{items}</ul>
                            {more}
                        </section>
                    });
                }
            }
        });
        Some(if groups.is_empty() {
            view! { <p class="hint">{t().search_all_none}</p> }.into_any()
        } else {
            view! { <div class="all-lists-results" data-testid="all-lists-results" aria-label=t().search_all_title>{groups}</div> }.into_any()
        })
    };
    view! {
        <label class="search-all">
            <input type="checkbox" data-testid="search-all" prop:checked=move || on.get() on:change=move |e| {
                let checked = event_target_checked(&e);
                on.set(checked);
                if checked {
                    lists.fetch_manifest();
                    lists.fetch_names();
                }
            }/>
            {move || t().search_all_lists}
        </label>
        <div aria-live="polite">{results}</div>
    }
}
