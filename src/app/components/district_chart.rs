use std::collections::BTreeSet;
use std::rc::Rc;

use leptos::prelude::*;

use super::chart_canvas::DrawFn;
use super::chart_panel::{chart_style, drawn, ChartPanel, DataRow};
use crate::app::state::use_app;
use crate::charts::district_map::draw;
use crate::core::chart_data::district_tiles;
use crate::core::filter::Facet;
use crate::core::i18n::{column_label, facet_label, texts};
use crate::core::sort::Column;

#[component]
pub fn DistrictChart() -> impl IntoView {
    let state = use_app();
    // The map shows every district. Its numbers are the facet counts, which leave the
    // district filter out, so unselected tiles stay visible (dimmed) beside the selected ones.
    let tiles = Memo::new(move |_| {
        let lang = state.lang.get();
        let selected: BTreeSet<String> = state.view.with(|v| v.filter.districts.clone());
        let counts = state.counts.get();
        state.catalog.with(|c| district_tiles(c, &counts.facets[Facet::District.index()], lang, &selected))
    });
    let draw_fn: DrawFn = Rc::new(move |root, scale| {
        let lang = state.lang.get();
        drawn("district", draw(root, &tiles.get(), &chart_style(lang, scale, texts(lang).chart_district_title)))
    });
    let t = move || texts(state.lang.get());
    let lang = move || state.lang.get();
    view! {
        <ChartPanel
            name="district"
            title=Signal::derive(move || t().chart_district_title.to_string())
            label=Signal::derive(move || t().chart_district_label.to_string())
            hint=Signal::derive(move || t().chart_district_hint.to_string())
            height=Signal::derive(|| 330.0)
            draw=draw_fn
            on_pick=Callback::new(move |id: String| state.toggle(Facet::District, &id))
            describe=Callback::new(move |id: String| {
                tiles.with(|ts| ts.iter().find(|x| x.id == id).map(|x| format!("{}: {} · {}", x.label, x.value_label, x.count_label)).unwrap_or_default())
            })
            head=Signal::derive(move || vec![
                facet_label("district", lang()).to_string(),
                column_label(Column::Investment, lang()).to_string(),
                t().count.to_string(),
            ])
            rows=Signal::derive(move || tiles.get().into_iter().map(|x| DataRow {
                cells: vec![x.label, x.value_label, x.count.to_string()],
                selected: x.selected,
                id: x.id,
            }).collect::<Vec<_>>())
        />
    }
}
