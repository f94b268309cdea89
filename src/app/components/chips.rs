use leptos::prelude::*;

use super::filters::value_label;
use crate::app::state::{use_app, Nav};
use crate::core::describe::bound_text;
use crate::core::filter::{Facet, Filter};
use crate::core::i18n::{colon, facet_label, fill, texts};
use crate::core::model::Lang;

/// One active filter: what it says, and how to take it away.
#[derive(Clone)]
struct Chip {
    text: String,
    remove: std::rc::Rc<dyn Fn(&mut Filter)>,
}

fn chips(state: &crate::app::state::AppState, f: &Filter, lang: Lang) -> Vec<Chip> {
    let mut out = Vec::new();
    for facet in Facet::ALL {
        for v in f.selected(facet) {
            let value = v.clone();
            out.push(Chip {
                text: format!("{}{}{}", facet_label(facet.key(), lang), colon(lang), value_label(state, facet, v, lang)),
                remove: std::rc::Rc::new(move |f: &mut Filter| {
                    f.selected_mut(facet).remove(&value);
                }),
            });
        }
    }
    for t in &f.themes {
        let name = state.catalog.with(|c| c.ds.themes.iter().find(|x| &x.id == t).map(|x| x.name.get(lang).to_string()));
        let id = t.clone();
        out.push(Chip {
            text: format!("{}{}{}", facet_label("theme", lang), colon(lang), name.unwrap_or_else(|| t.clone())),
            remove: std::rc::Rc::new(move |f: &mut Filter| {
                f.themes.remove(&id);
            }),
        });
    }
    if !f.q.is_empty() {
        out.push(Chip { text: format!("“{}”", f.q), remove: std::rc::Rc::new(|f: &mut Filter| f.q.clear()) });
    }
    let t = texts(lang);
    let bound = |word: &str, v: f64| format!("{word}{}{}", colon(lang), bound_text(v, lang));
    if let Some(v) = f.min {
        out.push(Chip { text: bound(t.min, v), remove: std::rc::Rc::new(|f: &mut Filter| f.min = None) });
    }
    if let Some(v) = f.max {
        out.push(Chip { text: bound(t.max, v), remove: std::rc::Rc::new(|f: &mut Filter| f.max = None) });
    }
    out
}

/// The active filters as removable chips above the results, on every width and in embed
/// mode: with the filter panel collapsed (a phone) or absent (embed), nothing else says
/// what the view is filtered by.
#[component]
pub fn ActiveFilters() -> impl IntoView {
    let state = use_app();
    move || {
        let lang = state.lang.get();
        let list = state.view.with(|v| chips(&state, &v.filter, lang));
        (!list.is_empty()).then(|| {
            let t = texts(lang);
            view! {
                <ul class="chips" aria-label=t.active_filters data-testid="chips">
                    {list
                        .into_iter()
                        .map(|c| {
                            let remove = c.remove.clone();
                            view! {
                                <li class="chip">
                                    <span>{c.text.clone()}</span>
                                    <button
                                        aria-label=fill(t.remove_filter, &c.text)
                                        on:click=move |_| state.update(Nav::Push, |v| remove(&mut v.filter))
                                    >"×"</button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
        })
    }
}
