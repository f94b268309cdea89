use std::rc::Rc;

use leptos::prelude::*;

use super::chart_canvas::DrawFn;
use super::chart_panel::{chart_style, drawn, ChartPanel, DataRow};
use crate::app::state::use_app;
use crate::charts::programme_share::draw;
use crate::core::chart_data::{programme_bars, scope, Scope};
use crate::core::i18n::texts;

#[component]
pub fn ProgrammeChart() -> impl IntoView {
    let state = use_app();
    let bars = Memo::new(move |_| {
        let lang = state.lang.get();
        state.in_view.with(|rows| state.catalog.with(|c| {
            // A bar is selected when its theme is the one filtered on.
            let themes = state.view.with(|v| v.filter.themes.clone());
            let selected = c.ds.programme.iter().find(|f| matches!(scope(f), Scope::Theme(t) if themes.contains(t))).map(|f| f.id.clone());
            state.counts.with(|n| programme_bars(c, rows, &n.themes, lang, selected.as_deref()))
        }))
    });
    let draw_fn: DrawFn = Rc::new(move |root, scale| {
        let lang = state.lang.get();
        drawn("programme", draw(root, &bars.get(), &chart_style(lang, scale, texts(lang).chart_programme_title)))
    });
    // A click filters by the theme that itemises the figure, where one does.
    let pick = Callback::new(move |id: String| {
        let theme = state.catalog.with(|c| c.ds.programme.iter().find(|f| f.id == id).map(scope));
        if let Some(Scope::Theme(t)) = theme {
            state.toggle_theme(t);
        }
    });
    // On a phone each row stacks its label, its printed figure and its bars (see
    // `programme_share`): three lines need taller rows. One listener for the page, in the
    // state: this chart is mounted afresh each time a project's page is left.
    let row_px = move || if state.narrow.get() { 54.0 } else { 36.0 };
    let t = move || texts(state.lang.get());
    view! {
        <ChartPanel
            name="programme"
            title=Signal::derive(move || t().chart_programme_title.to_string())
            label=Signal::derive(move || t().chart_programme_label.to_string())
            hint=Signal::derive(move || t().chart_programme_hint.to_string())
            height=Signal::derive(move || 70.0 + row_px() * bars.with(Vec::len).max(2) as f64)
            draw=draw_fn
            on_pick=pick
            describe=Callback::new(move |id: String| {
                bars.with(|b| b.iter().find(|x| x.id == id).map(|x| format!("{}: {} — {}", x.label, x.total_label, x.share_label)).unwrap_or_default())
            })
            head=Signal::derive(move || vec![t().col_programme.to_string(), t().col_metric.to_string(), t().col_share.to_string()])
            rows=Signal::derive(move || bars.get().into_iter().map(|x| DataRow {
                cells: vec![x.label, x.total_label, x.share_label],
                selected: x.selected,
                id: x.id,
            }).collect::<Vec<_>>())
        />
    }
}
