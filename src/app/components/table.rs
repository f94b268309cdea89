use leptos::prelude::*;

use super::filters::value_label;
use crate::app::state::{use_app, Nav};
use crate::core::aggregate::totals;
use crate::core::dataset::Amount;
use crate::core::filter::{facet_value, Facet};
use crate::core::format::{quantity, yuan};
use crate::core::i18n::{column_label, fill, texts};
use crate::core::model::{Lang, Unit};
use crate::core::sort::Column;

fn amount_text(a: Option<Amount>, unit: Unit, lang: Lang) -> String {
    match a {
        Some(a) => {
            let s = quantity(a.value, unit, lang);
            if a.derived { format!("{s}{}", texts(lang).derived_mark) } else { s }
        }
        None => "—".into(),
    }
}

#[component]
fn HeaderCell(column: Column) -> impl IntoView {
    let state = use_app();
    let sort = Memo::new(move |_| state.view.with(|v| v.sort));
    let aria = move || {
        let s = sort.get();
        if s.column != column {
            "none"
        } else if s.descending {
            "descending"
        } else {
            "ascending"
        }
    };
    let arrow = move || match aria() {
        "ascending" => " ▲",
        "descending" => " ▼",
        _ => "",
    };
    let numeric = matches!(column, Column::Investment | Column::Jobs);
    view! {
        <th scope="col" aria-sort=aria class:num=numeric>
            <button
                class="sort"
                data-column=column.slug()
                on:click=move |_| {
                    let next = sort.get_untracked().clicked(column);
                    state.update(Nav::Push, |v| v.sort = next);
                }
            >
                {move || column_label(column, state.lang.get())}
                <span aria-hidden="true">{arrow}</span>
            </button>
        </th>
    }
}

/// Rows rendered at first and per "show more": the DOM stays small however many rows match.
const PAGE_ROWS: usize = 100;

#[component]
pub fn ProjectTable() -> impl IntoView {
    let state = use_app();
    let t = move || texts(state.lang.get());
    let limit = RwSignal::new(PAGE_ROWS);
    // A new result set starts again at the first page.
    Effect::new(move |_| {
        state.rows.track();
        limit.set(PAGE_ROWS);
    });
    let hidden = move || state.rows.with(Vec::len).saturating_sub(limit.get());
    let body = move || {
        let lang = state.lang.get();
        let rows = state.rows.get();
        if rows.is_empty() {
            return view! { <tr><td colspan="7" class="empty">{texts(lang).no_match}</td></tr> }.into_any();
        }
        state.catalog.with(|c| {
            rows.iter()
                .take(limit.get())
                .map(|&i| {
                    let p = &c.ds.projects[i];
                    let row = &c.rows[i];
                    let href = state.href_with_project(Some(&p.id));
                    let flagged = state.flagged(&p.id);
                    let district = value_label(&state, Facet::District, facet_value(p, Facet::District), lang);
                    let sector = value_label(&state, Facet::Sector, &p.sector, lang);
                    let kind = value_label(&state, Facet::Kind, facet_value(p, Facet::Kind), lang);
                    let stage = value_label(&state, Facet::Stage, facet_value(p, Facet::Stage), lang);
                    view! {
                        <tr data-id=p.id.clone()>
                            <th scope="row">
                                <a href=href>{p.name.get(lang).to_string()}</a>
                                {flagged.then(|| view! {
                                    <span class="flag" title=texts(lang).audit_mark>" ⚠ "{texts(lang).audit_mark}</span>
                                })}
                            </th>
                            <td>{district}</td>
                            <td>{sector}</td>
                            <td>{kind}</td>
                            <td>{stage}</td>
                            <td class="num">{amount_text(row.investment, Unit::Yuan, lang)}</td>
                            <td class="num">{amount_text(row.jobs, Unit::Person, lang)}</td>
                        </tr>
                    }
                })
                .collect_view()
                .into_any()
        })
    };
    let total = move || {
        let lang = state.lang.get();
        let rows = state.rows.get();
        let tt = state.catalog.with(|c| totals(c, &rows));
        let t = texts(lang);
        (
            format!("{} ({} {})", t.total, tt.count, t.projects_unit),
            yuan(tt.investment, lang),
        )
    };
    view! {
        <section class="table-section" aria-labelledby="table-title">
            <h2 id="table-title">
                {move || t().projects_in_view}
                ": "
                <span data-testid="row-count">{move || state.rows.with(Vec::len)}</span>
            </h2>
            <div class="table-wrap">
                <table class="projects">
                    <thead>
                        <tr>
                            {Column::ALL.into_iter().map(|c| view! { <HeaderCell column=c/> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                    <tfoot>
                        <tr>
                            <th scope="row" colspan="5" data-testid="total-label">{move || total().0}</th>
                            <td class="num" data-testid="total-investment">{move || total().1}</td>
                            <td></td>
                        </tr>
                    </tfoot>
                </table>
            </div>
            <Show when=move || { hidden() > 0 }>
                <button class="more" on:click=move |_| limit.update(|n| *n += PAGE_ROWS)>
                    {move || fill(t().show_more, hidden())}
                </button>
            </Show>
        </section>
    }
}
