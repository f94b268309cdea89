use leptos::prelude::*;

use super::list_search::ListSearch;

use crate::app::state::{use_app, AppState, Nav};
use crate::core::describe::{list_stage, section_name};
use crate::core::filter::{facet_values, range_from_input, range_to_input, Facet, Filter};
use crate::core::i18n::{bracketed, facet_label, kind_label, stage_label, texts};
use crate::core::model::Lang;

/// Display name of a facet value in the current language.
pub fn value_label(state: &AppState, facet: Facet, value: &str, lang: Lang) -> String {
    state.catalog.with(|c| match facet {
        Facet::Sector => c
            .ds
            .sectors
            .iter()
            .find(|s| s.id == value)
            .map(|s| format!("{} {}", s.code, s.name.get(lang)).trim_start().to_string()),
        Facet::District => c.ds.districts.iter().find(|d| d.id == value).map(|d| d.name.get(lang).to_string()),
        Facet::Kind => Some(kind_label(value, lang).to_string()),
        Facet::Stage => Some(list_stage(c, value, lang).unwrap_or_else(|| stage_label(value, lang).to_string())),
        Facet::Section => section_name(c, value, lang),
    })
    .unwrap_or_else(|| texts(lang).unstated.to_string())
}

/// A sector's letter and short name where room is tight (table cells, chart labels),
/// its full label otherwise; other facets' labels are short already.
pub fn short_value_label(state: &AppState, facet: Facet, value: &str, lang: Lang) -> String {
    let short = (facet == Facet::Sector)
        .then(|| {
            state.catalog.with(|c| {
                let s = c.ds.sectors.iter().find(|s| s.id == value)?;
                s.short.as_ref().map(|n| format!("{} {}", s.code, n.get(lang)).trim_start().to_string())
            })
        })
        .flatten();
    short.unwrap_or_else(|| value_label(state, facet, value, lang))
}

/// One checkbox of a facet or theme list. The lists are built once per dataset and
/// language; a filter click only updates each option's count and checked state.
#[component]
fn FacetOption(
    value: String,
    label: String,
    #[prop(into)] count: Signal<usize>,
    #[prop(into)] checked: Signal<bool>,
    /// Theme tags with no project under the other filters are hidden unless chosen.
    hide_when_empty: bool,
    on_toggle: Callback<()>,
) -> impl IntoView {
    view! {
        <label
            class="facet-value"
            class:empty=move || count.get() == 0
            class:checked=move || checked.get()
            class:hidden=move || hide_when_empty && count.get() == 0 && !checked.get()
        >
            <input type="checkbox" value=value prop:checked=move || checked.get() on:change=move |_| on_toggle.run(())/>
            <span class="facet-name">{label}</span>
            <span class="facet-count">{move || count.get()}</span>
        </label>
    }
}

#[component]
fn FacetGroup(facet: Facet) -> impl IntoView {
    let state = use_app();
    let options = move || {
        let lang = state.lang.get();
        state.catalog.with(|c| {
            facet_values(c, facet)
                .iter()
                .enumerate()
                .map(|(code, value)| {
                    let count = move || state.counts.with(|n| n.facets[facet.index()].get(code).map_or(0, |t| t.count));
                    let (chosen, picked) = (value.clone(), value.clone());
                    let checked = move || state.view.with(|v| v.filter.selected(facet).contains(&chosen));
                    view! {
                        <FacetOption
                            value=value.clone()
                            label=value_label(&state, facet, value, lang)
                            count=Signal::derive(count)
                            checked=Signal::derive(checked)
                            hide_when_empty=false
                            on_toggle=Callback::new(move |()| state.toggle(facet, &picked))
                        />
                    }
                })
                .collect_view()
        })
    };
    view! {
        <fieldset class="facet" data-facet=facet.key()>
            <legend>{move || facet_label(facet.key(), state.lang.get())}</legend>
            {options}
        </fieldset>
    }
}

/// Theme tags: a project carries several, so this is not one of the exclusive facets.
#[component]
fn ThemeGroup() -> impl IntoView {
    let state = use_app();
    let options = move || {
        let lang = state.lang.get();
        state.catalog.with(|c| {
            c.ds.themes
                .iter()
                .enumerate()
                .map(|(code, theme)| {
                    let count = move || state.counts.with(|n| n.themes.get(code).map_or(0, |t| t.count));
                    let (chosen, picked) = (theme.id.clone(), theme.id.clone());
                    let checked = move || state.view.with(|v| v.filter.themes.contains(&chosen));
                    view! {
                        <FacetOption
                            value=theme.id.clone()
                            label=theme.name.get(lang).to_string()
                            count=Signal::derive(count)
                            checked=Signal::derive(checked)
                            hide_when_empty=true
                            on_toggle=Callback::new(move |()| state.toggle_theme(&picked))
                        />
                    }
                })
                .collect_view()
        })
    };
    view! {
        <fieldset class="facet" data-facet="theme">
            <legend>{move || facet_label("theme", state.lang.get())}</legend>
            {options}
        </fieldset>
    }
}

#[component]
pub fn Filters() -> impl IntoView {
    let state = use_app();
    let t = move || texts(state.lang.get());
    let q = Memo::new(move |_| state.view.with(|v| v.filter.q.clone()));
    let bound = move |min: bool| {
        let lang = state.lang.get();
        state.view.with(|v| if min { v.filter.min } else { v.filter.max }).map(|x| range_to_input(x, lang)).unwrap_or_default()
    };
    // On a narrow screen the filters start folded, so the results come first; their ~190
    // elements are then built once the browser is idle (or when the panel is opened), not
    // in the task that mounts the first screen.
    let open = window().inner_width().ok().and_then(|w| w.as_f64()).is_none_or(|w| w >= 760.0);
    let built = RwSignal::new(open);
    if !open {
        crate::app::when_idle(300, move || {
            let _ = built.try_set(true);
        });
    }
    view! {
        <aside class="filters" aria-label=move || t().filters>
            <details class="filters-panel" open=open on:toggle=move |_| if !built.get_untracked() { built.set(true) }>
                <summary>{move || t().filters}</summary>
                <Show when=move || built.get()>
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
                            state.update_typed("q", |v| v.filter.q = text);
                        }
                    />
                    // Only where the deployment publishes lists beside the app.
                    <Show when=move || !matches!(state.lists.manifest.get(), Some(Err(_)))>
                        <ListSearch/>
                    </Show>
                </div>
                <FacetGroup facet=Facet::Sector/>
                <FacetGroup facet=Facet::District/>
                <FacetGroup facet=Facet::Kind/>
                <FacetGroup facet=Facet::Stage/>
                // Only an imported list with sections has this group.
                <Show when=move || state.catalog.with(|c| !facet_values(c, Facet::Section).is_empty())>
                    <FacetGroup facet=Facet::Section/>
                </Show>
                <ThemeGroup/>
                <fieldset class="range">
                    <legend>{move || format!("{}{}", t().investment_range, bracketed(t().range_unit, state.lang.get()))}</legend>
                    <label>
                        {move || t().min}
                        <input
                            type="number"
                            min="0"
                            step="any"
                            name="min"
                            prop:value=move || bound(true)
                            on:change=move |ev| {
                                let x = range_from_input(&event_target_value(&ev), state.lang.get_untracked());
                                state.update_typed("min", |v| v.filter.min = x);
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
                                let x = range_from_input(&event_target_value(&ev), state.lang.get_untracked());
                                state.update_typed("max", |v| v.filter.max = x);
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
                </Show>
            </details>
        </aside>
    }
}
