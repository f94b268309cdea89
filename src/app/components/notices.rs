use leptos::prelude::*;

use crate::app::state::{use_app, Nav};
use crate::core::describe::bound_text;
use crate::core::changelog::{changes_in_view, changes_since, embedded as changelog};
use crate::core::i18n::{facet_label, fill, fill_named, problem_label, texts};
use crate::core::query::Problem;

/// What changed between the link's release and this one, among the projects in view.
#[component]
fn ReleaseNotice() -> impl IntoView {
    let state = use_app();
    let content = move || {
        let lang = state.lang.get();
        let t = texts(lang);
        let from = state.view.with(|v| v.release.clone())?;
        let to = state.catalog.with(|c| c.ds.release.clone());
        if from == to || state.loaded_file.with(Option::is_some) {
            return None;
        }
        let head = fill_named(t.release_notice, &[("from", from.clone()), ("to", to.clone())]);
        // A published list keeps its own changelog beside it; the embedded one ships inside.
        let log = match state.current.get() {
            Some(l) => l.changelog.clone(),
            None => changelog().ok(),
        };
        let items = log.and_then(|cl| changes_since(&cl, &from, &to).ok()).map(|changes| {
            state.rows.with(|rows| state.catalog.with(|c| {
                changes_in_view(&changes, c, rows)
                    .into_iter()
                    .map(|ch| {
                        let what = ch.project.clone().or_else(|| ch.programme.clone()).unwrap_or_default();
                        format!("{what} · {}: {} → {} — {}", ch.field, ch.before, ch.after, ch.note.get(lang))
                    })
                    .collect::<Vec<_>>()
            }))
        });
        Some(view! {
            <div class="notice" role="status" data-testid="release-notice">
                {match items {
                    Some(items) => view! {
                        <p>{head}</p>
                        <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
                    }.into_any(),
                    None => view! { <p>{fill_named(t.release_unknown_changes, &[("from", from)])}</p> }.into_any(),
                }}
            </div>
        })
    };
    view! { {content} }
}

/// Whether the view needs, or shows, a user-loaded file.
#[component]
fn FileNotice() -> impl IntoView {
    let state = use_app();
    let content = move || {
        let t = texts(state.lang.get());
        let wanted = state.view.with(|v| v.data_file.clone());
        match (state.loaded_file.get(), wanted) {
            (Some(name), _) => Some(view! {
                <div class="notice info" role="status" data-testid="file-loaded">{fill(t.loaded_file_notice, name)}</div>
            }.into_any()),
            (None, Some(name)) => Some(view! {
                <div class="notice" role="status" data-testid="file-needed">{fill(t.file_needed_notice, name)}</div>
            }.into_any()),
            (None, None) => None,
        }
    };
    view! { {content} }
}

/// An investment range whose minimum is above its maximum matches nothing: say so, and
/// offer the swapped range.
#[component]
fn RangeNotice() -> impl IntoView {
    let state = use_app();
    let inverted = Memo::new(move |_| state.view.with(|v| match (v.filter.min, v.filter.max) {
        (Some(min), Some(max)) if min > max => Some((min, max)),
        _ => None,
    }));
    move || {
        let (min, max) = inverted.get()?;
        let lang = state.lang.get();
        let t = texts(lang);
        Some(view! {
            <div class="notice" role="status" data-testid="range-notice">
                <p>{fill_named(t.range_inverted, &[("min", bound_text(min, lang)), ("max", bound_text(max, lang))])}</p>
                <button data-testid="swap-range" on:click=move |_| state.update(Nav::Push, |v| {
                    std::mem::swap(&mut v.filter.min, &mut v.filter.max);
                })>{t.swap_range}</button>
            </div>
        })
    }
}

/// Says exactly what the link held that the view could not use.
#[component]
pub fn Notices() -> impl IntoView {
    let state = use_app();
    let dismissed = RwSignal::new(false);
    // A new link brings its own notices back.
    Effect::new(move |_| {
        state.notices.track();
        dismissed.set(false);
    });
    let ignored = Memo::new(move |_| {
        state.notices.with(|n| n.iter().filter(|n| n.problem != Problem::OtherRelease).cloned().collect::<Vec<_>>())
    });
    let visible = move || !dismissed.get() && ignored.with(|n| !n.is_empty());
    view! {
        <ReleaseNotice/>
        <FileNotice/>
        <RangeNotice/>
        <Show when=visible>
            <div class="notice" role="status" data-testid="notice">
                <p>{move || texts(state.lang.get()).ignored_from_link}</p>
                <ul>
                    {move || {
                        let lang = state.lang.get();
                        ignored
                            .get()
                            .into_iter()
                            .map(|n| {
                                let key_label = facet_label(&n.key, lang);
                                let key = if key_label.is_empty() { n.key.clone() } else { format!("{} ({})", n.key, key_label) };
                                let suggestion = n.suggestion.as_ref().map(|s| {
                                    let href = format!("?{}", state.view.with(|v| v.with_pair(&n.key, s)).to_query());
                                    view! { " " <a href=href data-testid="suggestion">{fill(texts(lang).did_you_mean, s)}</a> }
                                });
                                view! {
                                    <li>
                                        <code>{key}</code>
                                        " = "
                                        <code>{format!("“{}”", n.value)}</code>
                                        " — "
                                        {problem_label(n.problem, lang)}
                                        {suggestion}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
                <button on:click=move |_| dismissed.set(true)>{move || texts(state.lang.get()).dismiss}</button>
            </div>
        </Show>
    }
}
