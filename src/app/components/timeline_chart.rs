use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use super::chart_canvas::DrawFn;
use super::chart_panel::{chart_style, drawn, ChartPanel, DataRow};
use crate::app::state::use_app;
use crate::charts::ChartStyle;
use crate::charts::timeline::draw;
use crate::core::chart_data::{dated, timeline};
use crate::core::format::group_thousands;
use crate::core::i18n::{column_label, fill_named, texts};
use crate::core::model::Lang;
use crate::core::sort::Column;

const ROW_PX: f64 = 45.0;
const CHROME_PX: f64 = 90.0;

#[component]
pub fn TimelineChart() -> impl IntoView {
    let state = use_app();
    let dated = Memo::new(move |_| state.catalog.with(|c| Arc::new(dated(c))));
    let data = Memo::new(move |_| {
        let lang = state.lang.get();
        let selected = state.view.with(|v| v.project.clone());
        // Both lists are in dataset order: the dated projects in view, by binary search.
        let rows: Vec<usize> =
            dated.with(|d| state.in_view.with(|shown| d.iter().copied().filter(|i| shown.binary_search(i).is_ok()).collect()));
        state.catalog.with(|c| timeline(c, &rows, lang, selected.as_deref()))
    });
    let draw_fn: DrawFn = Rc::new(move |root, scale| {
        let lang = state.lang.get();
        // What is missing here is dates, not investment figures.
        let style = ChartStyle { empty_text: texts(lang).empty_timeline.to_string(), ..chart_style(lang, scale, texts(lang).chart_timeline_title) };
        drawn("timeline", draw(root, &data.get(), &style))
    });
    let t = move || texts(state.lang.get());
    let lang = move || state.lang.get();
    let marks_text = |marks: &[crate::charts::timeline::TimelineMark]| {
        // Each mark's label already says its date as printed ("投产 2023年底").
        marks.iter().map(|m| m.label.as_str()).collect::<Vec<_>>().join("; ")
    };
    view! {
        <ChartPanel
            name="timeline"
            title=Signal::derive(move || t().chart_timeline_title.to_string())
            label=Signal::derive(move || {
                let years = data.with(|d| [("first", d.first_year.to_string()), ("last", d.last_year.to_string())]);
                fill_named(t().chart_timeline_label, &years)
            })
            hint=Signal::derive(move || {
                data.with(|d| {
                    let mut hint = Vec::new();
                    if d.dated > d.rows.len() {
                        let counts = [("shown", d.rows.len().to_string()), ("dated", group_thousands(d.dated as f64, 0))];
                        hint.push(fill_named(t().timeline_capped, &counts));
                    }
                    if d.has_years_alone() {
                        hint.push(t().timeline_years_alone.to_string());
                    }
                    hint.push(t().chart_timeline_hint.to_string());
                    // Chinese sentences end in "。" and take no space after it.
                    hint.join(if lang() == Lang::Zh { "" } else { " " })
                })
            })
            height=Signal::derive(move || CHROME_PX + ROW_PX * data.with(|d| d.rows.len()).max(1) as f64)
            draw=draw_fn
            on_pick=Callback::new(move |id: String| state.open_project(&id))
            describe=Callback::new(move |id: String| {
                data.with(|d| d.rows.iter().find(|r| r.id == id).map(|r| format!("{}: {}", r.label, marks_text(&r.marks))).unwrap_or_default())
            })
            head=Signal::derive(move || vec![column_label(Column::Name, lang()).to_string(), t().col_date.to_string()])
            rows=Signal::derive(move || data.get().rows.into_iter().map(|r| DataRow {
                cells: vec![r.label.clone(), marks_text(&r.marks)],
                selected: r.selected,
                id: r.id,
            }).collect::<Vec<_>>())
        />
    }
}
