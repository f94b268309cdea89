use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use super::chart_canvas::DrawFn;
use super::chart_panel::{chart_style, drawn, ChartPanel, DataRow};
use crate::app::state::use_app;
use crate::charts::ChartStyle;
use crate::charts::scatter::draw;
use crate::core::chart_data::{plottable, scatter_points};
use crate::app::state::Nav;
use crate::core::format::yuan;
use crate::core::i18n::{chart_word, column_label, fill, texts, ChartWord};
use crate::core::model::Lang;
use crate::core::query::Measure;
use crate::core::sort::Column;

fn y_word(m: Measure) -> ChartWord {
    match m {
        Measure::Jobs => ChartWord::ScatterY,
        Measure::Output => ChartWord::ScatterYOutput,
        Measure::Revenue => ChartWord::ScatterYRevenue,
    }
}

/// "Investment vs jobs", "投资与年产值".
fn title(word: ChartWord, lang: Lang) -> String {
    let measure = chart_word(word, lang);
    let measure = if lang == Lang::En { measure.to_ascii_lowercase() } else { measure.to_string() };
    fill(texts(lang).chart_scatter_title, measure)
}

#[component]
pub fn ScatterChart() -> impl IntoView {
    let state = use_app();
    // Which projects can be points for the measure shown: once per dataset and measure,
    // not for all three (each of the other two reads every project's figures: 28 ms of a
    // 100,000-project list's first render, in a names-kept build).
    let measure = Memo::new(move |_| state.view.with(|v| v.measure));
    let plottable = Memo::new(move |_| {
        let m = measure.get();
        state.catalog.with(|c| Arc::new(plottable(c, m)))
    });
    let points = Memo::new(move |_| {
        let lang = state.lang.get();
        let selected = state.view.with(|v| v.project.clone());
        let measure = measure.get();
        let candidates: Vec<usize> =
            plottable.with(|ok| state.rows.with(|rows| rows.iter().copied().filter(|&i| ok.get(i) == Some(&true)).collect()));
        state.catalog.with(|c| scatter_points(c, &candidates, lang, selected.as_deref(), measure))
    });
    let draw_fn: DrawFn = Rc::new(move |root, scale| {
        let lang = state.lang.get();
        let word = y_word(state.view.with(|v| v.measure));
        // The empty state names what is missing for this measure, not only investment.
        let t = texts(lang);
        let empty = match state.view.with(|v| v.measure) {
            Measure::Jobs => t.empty_scatter_jobs,
            Measure::Output => t.empty_scatter_output,
            Measure::Revenue => t.empty_scatter_revenue,
        };
        let style = ChartStyle { empty_text: empty.to_string(), ..chart_style(lang, scale, &title(word, lang)) };
        drawn("scatter", draw(root, &points.get(), word, &style))
    });
    let t = move || texts(state.lang.get());
    let lang = move || state.lang.get();
    let measure_button = move |m: Measure| {
        view! {
            <button
                data-measure=m.slug()
                aria-pressed=move || (state.view.with(|v| v.measure) == m).to_string()
                on:click=move |_| state.update(Nav::Push, |v| v.measure = m)
            >
                {move || chart_word(y_word(m), state.lang.get())}
            </button>
        }
    };
    view! {
        <ChartPanel
            name="scatter"
            title=Signal::derive(move || title(y_word(state.view.with(|v| v.measure)), state.lang.get()))
            label=Signal::derive(move || t().chart_scatter_label.to_string())
            hint=Signal::derive(move || t().chart_scatter_hint.to_string())
            height=Signal::derive(|| 360.0)
            draw=draw_fn
            on_pick=Callback::new(move |id: String| state.open_project(&id))
            describe=Callback::new(move |id: String| {
                points.with(|ps| ps.iter().find(|x| x.id == id).map(|x| format!("{}: {}", x.label, x.value_label)).unwrap_or_default())
            })
            head=Signal::derive(move || vec![
                column_label(Column::Name, lang()).to_string(),
                column_label(Column::Investment, lang()).to_string(),
                chart_word(y_word(state.view.with(|v| v.measure)), lang()).to_string(),
            ])
            rows=Signal::derive(move || points.get().into_iter().map(|x| DataRow {
                cells: vec![x.label, yuan(x.investment, lang()), x.y_label],
                selected: x.selected,
                id: x.id,
            }).collect::<Vec<_>>())
        >
            <div class="measure-switch" role="group" aria-label=move || t().scatter_measure>
                {Measure::ALL.into_iter().map(measure_button).collect_view()}
            </div>
        </ChartPanel>
    }
}
