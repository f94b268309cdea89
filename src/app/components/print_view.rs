use leptos::prelude::*;

use super::filters::value_label;
use super::table::{amount_text, jobs_unit};
use crate::app::state::use_app;
use crate::core::filter::{facet_value, Facet};
use crate::core::i18n::{column_label, fill, fill_named, texts};
use crate::core::model::Unit;
use crate::core::sort::Column;

/// Rows a printout lists at most; past that it points to the CSV export.
pub const PRINT_ROWS: usize = 1000;

/// What a printout has that the screen shows otherwise: the filter in words, every row in
/// view (the table on screen is virtualized and scrolls in its box), the link and the
/// source. Built only while printing, so filter clicks never pay for it.
#[component]
pub fn PrintView() -> impl IntoView {
    let state = use_app();
    let content = move || {
        if !state.printing.get() {
            return None;
        }
        let lang = state.lang.get();
        let t = texts(lang);
        let total = state.rows.with(Vec::len);
        let columns = [Column::Name, Column::District, Column::Sector, Column::Stage, Column::Investment, Column::Jobs];
        let rows = state.rows.with(|rows| {
            state.catalog.with(|c| {
                rows.iter()
                    .take(PRINT_ROWS)
                    .map(|&i| {
                        let (p, row) = (&c.ds.projects[i], &c.rows[i]);
                        let label = |f: Facet| value_label(&state, f, facet_value(p, f), lang);
                        view! {
                            <tr>
                                <th scope="row">{p.name.get(lang).to_string()}</th>
                                <td>{label(Facet::District)}</td>
                                <td>{label(Facet::Sector)}</td>
                                <td>{label(Facet::Stage)}</td>
                                <td class="num">{amount_text(row.investment, Unit::Yuan, lang)}</td>
                                <td class="num">{amount_text(row.jobs, jobs_unit(lang), lang)}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        });
        let (filter, source) = (state.filter_in_words(), state.source_credit());
        let capped = (total > PRINT_ROWS).then(|| {
            fill_named(t.print_capped, &[("shown", PRINT_ROWS.to_string()), ("total", total.to_string())])
        });
        Some(view! {
            <section class="print-only" data-testid="print-view">
                <p class="print-filter">{filter}</p>
                <table class="print-table">
                    <thead>
                        <tr>{columns.map(|c| view! { <th scope="col">{column_label(c, lang)}</th> }).into_iter().collect_view()}</tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
                {capped.map(|c| view! { <p class="print-capped">{c}</p> })}
                <p class="print-link">{fill(t.print_link, state.canonical_link())}</p>
                <p class="print-source">{source}</p>
            </section>
        })
    };
    view! { {content} }
}
