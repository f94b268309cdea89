use leptos::prelude::*;

use crate::app::state::{use_app, AppState, Nav};
use crate::core::filter::{Facet, Filter};
use crate::core::i18n::{facet_label, kind_label, stage_label, texts};
use crate::core::model::Lang;

/// Display name of a facet value in the current language.
pub fn value_label(state: &AppState, facet: Facet, value: &str, lang: Lang) -> String {
    state.catalog.with(|c| match facet {
        Facet::Sector => c
            .ds
            .sectors
            .iter()
            .find(|s| s.id == value)
            .map(|s| format!("{} {}", s.code, s.name.get(lang))),
        Facet::District => c.ds.districts.iter().find(|d| d.id == value).map(|d| d.name.get(lang).to_string()),
        Facet::Kind => Some(kind_label(value, lang).to_string()),
        Facet::Stage => Some(stage_label(value, lang).to_string()),
    })
    .unwrap_or_else(|| texts(lang).unstated.to_string())
}

#[component]
fn FacetGroup(facet: Facet) -> impl IntoView {
    let state = use_app();
    let counts = Memo::new(move |_| {
        let counts = state.counts.get();
        state.catalog.with(|c| counts.for_facet(c, facet))
    });
    view! {
        <fieldset class="facet" data-facet=facet.key()>
            <legend>{move || facet_label(facet.key(), state.lang.get())}</legend>
            {move || {
                let lang = state.lang.get();
                let selected = state.view.with(|v| v.filter.selected(facet).clone());
                counts
                    .get()
                    .into_iter()
                    .map(|(value, count)| {
                        let checked = selected.contains(&value);
                        let label = value_label(&state, facet, &value, lang);
                        let v = value.clone();
                        view! {
                            <label class="facet-value" class:empty=count == 0 class:checked=checked>
                                <input
                                    type="checkbox"
                                    value=value.clone()
                                    prop:checked=checked
                                    on:change=move |_| state.toggle(facet, &v)
                                />
                                <span class="facet-name">{label}</span>
                                <span class="facet-count">{count}</span>
                            </label>
                        }
                    })
                    .collect_view()
            }}
        </fieldset>
    }
}

/// Theme tags: a project carries several, so this is not one of the exclusive facets.
#[component]
fn ThemeGroup() -> impl IntoView {
    let state = use_app();
    let counts = Memo::new(move |_| {
        let counts = state.counts.get();
        state.catalog.with(|c| counts.for_themes(c))
    });
    view! {
        <fieldset class="facet" data-facet="theme">
            <legend>{move || facet_label("theme", state.lang.get())}</legend>
            {move || {
                let lang = state.lang.get();
                let selected = state.view.with(|v| v.filter.themes.clone());
                counts
                    .get()
                    .into_iter()
                    .filter(|(id, n)| *n > 0 || selected.contains(id))
                    .map(|(id, count)| {
                        let checked = selected.contains(&id);
                        let label = state.catalog.with(|c| {
                            c.ds.themes.iter().find(|t| t.id == id).map(|t| t.name.get(lang).to_string()).unwrap_or_default()
                        });
                        let v = id.clone();
                        view! {
                            <label class="facet-value" class:checked=checked>
                                <input
                                    type="checkbox"
                                    value=id
                                    prop:checked=checked
                                    on:change=move |_| state.toggle_theme(&v)
                                />
                                <span class="facet-name">{label}</span>
                                <span class="facet-count">{count}</span>
                            </label>
                        }
                    })
                    .collect_view()
            }}
        </fieldset>
    }
}

fn parse_bound(s: &str) -> Option<f64> {
    s.trim().parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0)
}

#[component]
pub fn Filters() -> impl IntoView {
    let state = use_app();
    let t = move || texts(state.lang.get());
    let q = Memo::new(move |_| state.view.with(|v| v.filter.q.clone()));
    let bound = move |min: bool| {
        state.view.with(|v| if min { v.filter.min } else { v.filter.max }).map(|x| x.to_string()).unwrap_or_default()
    };
    view! {
        <aside class="filters" aria-label=move || t().filters>
            // On a narrow screen the filters start folded, so the results come first.
            <details class="filters-panel" open=window().inner_width().ok().and_then(|w| w.as_f64()).is_none_or(|w| w >= 760.0)>
                <summary>{move || t().filters}</summary>
                <div class="search">
                    <label for="q">{move || t().search}</label>
                    <input
                        id="q"
                        type="search"
                        autocomplete="off"
                        maxlength="200"
                        placeholder=move || t().search_placeholder
                        prop:value=move || q.get()
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            state.update(Nav::Replace, |v| v.filter.q = text);
                        }
                    />
                </div>
                <FacetGroup facet=Facet::Sector/>
                <FacetGroup facet=Facet::District/>
                <FacetGroup facet=Facet::Kind/>
                <FacetGroup facet=Facet::Stage/>
                <ThemeGroup/>
                <fieldset class="range">
                    <legend>{move || format!("{} ({})", t().investment_range, t().range_unit)}</legend>
                    <label>
                        {move || t().min}
                        <input
                            type="number"
                            min="0"
                            step="any"
                            name="min"
                            prop:value=move || bound(true)
                            on:change=move |ev| {
                                let x = parse_bound(&event_target_value(&ev));
                                state.update(Nav::Replace, |v| v.filter.min = x);
                            }
                        />
                    </label>
                    <label>
                        {move || t().max}
                        <input
                            type="number"
                            min="0"
                            step="any"
                            name="max"
                            prop:value=move || bound(false)
                            on:change=move |ev| {
                                let x = parse_bound(&event_target_value(&ev));
                                state.update(Nav::Replace, |v| v.filter.max = x);
                            }
                        />
                    </label>
                </fieldset>
                <button
                    class="clear"
                    disabled=move || state.view.with(|v| v.filter.is_empty())
                    on:click=move |_| state.update(Nav::Push, |v| v.filter = Filter::default())
                >
                    {move || t().clear_all}
                </button>
            </details>
        </aside>
    }
}
