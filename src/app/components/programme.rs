use leptos::prelude::*;

use super::detail::source_ref_view;
use crate::app::state::use_app;
use crate::core::aggregate::totals;
use crate::core::format::{qualified, trim_decimals, yuan};
use crate::core::i18n::{fill_named, group_label, texts};
use crate::core::model::{Metric, ProgrammeGroup};

/// The city-wide programme as printed, beside what the named projects add up to.
#[component]
pub fn ProgrammePanel() -> impl IntoView {
    let state = use_app();
    let content = move || {
        let lang = state.lang.get();
        let t = texts(lang);
        state.catalog.with(|c| {
            let all: Vec<usize> = (0..c.ds.projects.len()).collect();
            let named = totals(c, &all);
            let programme_total = c
                .ds
                .programme
                .iter()
                .find(|g| g.group == ProgrammeGroup::KeyProjects && g.figure.metric == Metric::Investment)
                .map(|g| g.figure.value);
            let share = programme_total.filter(|v| *v > 0.0).map(|v| {
                fill_named(
                    t.programme_share,
                    &[
                        ("named", yuan(named.investment, lang)),
                        ("total", yuan(v, lang)),
                        ("pct", trim_decimals(named.investment / v * 100.0, 1)),
                    ],
                )
            });
            let rows = c
                .ds
                .programme
                .iter()
                .map(|g| {
                    view! {
                        <tr data-id=g.id.clone()>
                            <td>{group_label(g.group, lang)}</td>
                            <th scope="row">{g.label.get(lang).to_string()}</th>
                            <td class="num">{qualified(g.figure.value, g.figure.unit, g.figure.qualifier, lang)}</td>
                            <td lang="zh-CN">{g.figure.printed.clone()}</td>
                            <td>{source_ref_view(c.ds.source.title.get(lang), &g.figure.src, None, lang)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                {share.map(|s| view! { <p class="programme-share" data-testid="programme-share">{s}</p> })}
                <details>
                    <summary>{t.show_data}</summary>
                    <div class="table-wrap">
                        <table class="programme-table">
                            <thead>
                                <tr>
                                    <th scope="col">{t.group}</th>
                                    <th scope="col">{t.col_metric}</th>
                                    <th scope="col" class="num">{t.col_value}</th>
                                    <th scope="col">{t.col_printed}</th>
                                    <th scope="col">{t.col_source}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                </details>
            }
        })
    };
    view! {
        <section class="programme" aria-labelledby="programme-title">
            <h2 id="programme-title">{move || texts(state.lang.get()).programme_title}</h2>
            // The panel is the printed programme, not the view: say so, rather than let it
            // read as the filtered figures beside a filtered chart.
            <p class="scope-note" data-testid="programme-scope">{move || texts(state.lang.get()).programme_whole_list}</p>
            {content}
        </section>
    }
}
