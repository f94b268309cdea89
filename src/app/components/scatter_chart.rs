use std::rc::Rc;

use leptos::prelude::*;

use super::chart_canvas::DrawFn;
use super::chart_panel::{ChartPanel, DataRow};
use super::sector_chart::{chart_style, drawn};
use crate::app::state::use_app;
use crate::charts::scatter::draw;
use crate::core::chart_data::scatter_points;
use crate::core::format::{quantity, yuan};
use crate::core::i18n::{column_label, texts};
use crate::core::model::Unit;
use crate::core::sort::Column;

#[component]
pub fn ScatterChart() -> impl IntoView {
    let state = use_app();
    let points = Memo::new(move |_| {
        let lang = state.lang.get();
        let rows = state.rows.get();
        let selected = state.view.with(|v| v.project.clone());
        state.catalog.with(|c| scatter_points(c, &rows, lang, selected.as_deref()))
    });
    let draw_fn: DrawFn = Rc::new(move |root, scale| {
        let lang = state.lang.get();
        drawn("scatter", draw(root, &points.get(), &chart_style(lang, scale, texts(lang).chart_scatter_title)))
    });
    let t = move || texts(state.lang.get());
    let lang = move || state.lang.get();
    view! {
        <ChartPanel
            name="scatter"
            title=Signal::derive(move || t().chart_scatter_title.to_string())
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
                column_label(Column::Jobs, lang()).to_string(),
            ])
            rows=Signal::derive(move || points.get().into_iter().map(|x| DataRow {
                cells: vec![x.label, yuan(x.investment, lang()), quantity(x.jobs, Unit::Person, lang())],
                selected: x.selected,
                id: x.id,
            }).collect::<Vec<_>>())
        />
    }
}
