use std::rc::Rc;

use leptos::prelude::*;

use super::chart_canvas::DrawFn;
use super::chart_panel::{chart_style, drawn, ChartPanel, DataRow};
use super::filters::{short_value_label, value_label};
use crate::app::state::use_app;
use crate::charts::sector_bars::{draw, Bar};
use crate::core::aggregate::{dimension, stable_order, Group};
use crate::core::filter::Facet;
use crate::core::chart_data::amount_label;
use crate::core::i18n::{column_label, count_projects, facet_label, texts};
use crate::core::model::Lang;
use crate::core::sort::Column;

fn amount_text(g: &Group, lang: Lang) -> String {
    if g.count == 0 { "—".to_string() } else { amount_label(g.investment, g.with_investment, lang) }
}

/// CSS pixel height per bar row, plus room for title and axis.
const ROW_PX: f64 = 30.0;
const CHROME_PX: f64 = 64.0;

#[component]
pub fn SectorChart() -> impl IntoView {
    let state = use_app();
    // Every sector of the list, in one order, summed under the other filters: choosing
    // one leaves the rest to add (the crossfilter convention), and the bars never jump.
    let order = Memo::new(move |_| state.catalog.with(|c| stable_order(c, Facet::Sector)));
    let groups = Memo::new(move |_| state.counts.with(|n| order.with(|o| state.catalog.with(|c| dimension(c, n, Facet::Sector, o)))));
    let bars = Memo::new(move |_| {
        let lang = state.lang.get();
        let selected = state.view.with(|v| v.filter.sectors.clone());
        // Nothing in view under the other filters: the empty state, with no marks.
        if groups.with(|g| g.iter().all(|g| g.count == 0)) {
            return Vec::new();
        }
        groups
            .get()
            .into_iter()
            .map(|g| {
                let amount = amount_text(&g, lang);
                Bar {
                    // Short names, so labels are not cut; the data table and tooltips give the full ones.
                    label: short_value_label(&state, Facet::Sector, &g.id, lang),
                    value: g.investment,
                    // A sector with no project under the other filters has nothing to state.
                    value_label: if g.count == 0 {
                        count_projects(0, lang)
                    } else {
                        format!("{amount} · {}", count_projects(g.count, lang))
                    },
                    selected: selected.contains(&g.id),
                    count: g.count,
                    id: g.id,
                }
            })
            .collect::<Vec<_>>()
    });
    let draw_fn: DrawFn = Rc::new(move |root, scale| {
        let lang = state.lang.get();
        drawn("sector", draw(root, &bars.get(), &chart_style(lang, scale, texts(lang).chart_sector_title)))
    });
    // The data table says "no amount stated" where the chart does: not stated is not 0.
    let amounts = Memo::new(move |_| {
        let lang = state.lang.get();
        groups.with(|g| g.iter().map(|g| amount_text(g, lang)).collect::<Vec<_>>())
    });
    let t = move || texts(state.lang.get());
    let lang = move || state.lang.get();
    view! {
        <ChartPanel
            name="sector"
            title=Signal::derive(move || t().chart_sector_title.to_string())
            label=Signal::derive(move || t().chart_sector_label.to_string())
            hint=Signal::derive(move || t().chart_hint.to_string())
            height=Signal::derive(move || CHROME_PX + ROW_PX * bars.with(Vec::len).max(2) as f64)
            draw=draw_fn
            on_pick=Callback::new(move |id: String| state.toggle(Facet::Sector, &id))
            describe=Callback::new(move |id: String| {
                let full = value_label(&state, Facet::Sector, &id, state.lang.get_untracked());
                bars.with(|b| b.iter().find(|b| b.id == id).map(|b| format!("{full}: {}", b.value_label)).unwrap_or_default())
            })
            head=Signal::derive(move || vec![
                facet_label("sector", lang()).to_string(),
                column_label(Column::Investment, lang()).to_string(),
                t().count.to_string(),
            ])
            rows=Signal::derive(move || bars.get().into_iter().zip(amounts.get()).map(|(b, amount)| DataRow {
                cells: vec![value_label(&state, Facet::Sector, &b.id, lang()), amount, b.count.to_string()],
                selected: b.selected,
                id: b.id,
            }).collect::<Vec<_>>())
        />
    }
}
