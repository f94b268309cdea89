use std::rc::Rc;

use leptos::prelude::*;

use super::chart_canvas::{ChartCanvas, DrawFn};
use super::filters::value_label;
use crate::app::state::use_app;
use crate::charts::sector_bars::{draw, Bar};
use crate::charts::{ChartStyle, Pick};
use crate::core::aggregate::{by_facet, ranked};
use crate::core::filter::Facet;
use crate::core::format::yuan;
use crate::core::i18n::{column_label, facet_label, fill, texts};
use crate::core::sort::Column;

/// CSS pixel height per bar row, plus room for title and axis.
const ROW_PX: f64 = 30.0;
const CHROME_PX: f64 = 64.0;

#[component]
pub fn SectorChart() -> impl IntoView {
    let state = use_app();
    // The chart follows the whole filter: one bar per sector among the rows in view.
    let bars = Memo::new(move |_| {
        let lang = state.lang.get();
        let t = texts(lang);
        let rows = state.rows.get();
        let selected = state.view.with(|v| v.filter.sectors.clone());
        let groups = state.catalog.with(|c| ranked(by_facet(c, &rows, Facet::Sector)));
        groups
            .into_iter()
            .map(|g| {
                let amount = if g.with_investment == 0 { t.no_amount.to_string() } else { yuan(g.investment, lang) };
                Bar {
                    label: value_label(&state, Facet::Sector, &g.id, lang),
                    value: g.investment,
                    value_label: format!("{amount} · {}", fill(t.n_projects, g.count)),
                    selected: selected.contains(&g.id),
                    count: g.count,
                    id: g.id,
                }
            })
            .collect::<Vec<_>>()
    });
    let draw_fn: DrawFn = Rc::new(move |root, scale| {
        let t = texts(state.lang.get());
        let style = ChartStyle {
            scale,
            title: t.chart_sector_title.to_string(),
            lang: state.lang.get(),
            empty_text: t.chart_empty.to_string(),
        };
        match draw(root, &bars.get(), &style) {
            Ok(layout) => layout.map(|l| Box::new(l) as Box<dyn Pick>),
            Err(e) => {
                leptos::logging::warn!("sector chart not drawn: {e}");
                None
            }
        }
    });
    let t = move || texts(state.lang.get());
    let describe = Callback::new(move |id: String| {
        bars.with(|b| b.iter().find(|b| b.id == id).map(|b| format!("{}: {}", b.label, b.value_label)).unwrap_or_default())
    });
    view! {
        <section class="chart" aria-labelledby="sector-chart-title">
            <h2 id="sector-chart-title" class="visually-hidden">{move || t().chart_sector_title}</h2>
            <ChartCanvas
                draw=draw_fn
                height=Signal::derive(move || CHROME_PX + ROW_PX * bars.with(Vec::len).max(2) as f64)
                label=Signal::derive(move || t().chart_sector_label.to_string())
                testid="sector-chart"
                marks=Signal::derive(move || bars.with(|b| b.iter().map(|b| b.id.clone()).collect::<Vec<_>>()))
                on_pick=Callback::new(move |id: String| state.toggle(Facet::Sector, &id))
                describe=describe
                caption=Signal::derive(move || state.caption())
                file_name=Signal::derive(move || state.file_name("sector", "png"))
                download_label=Signal::derive(move || t().download_png.to_string())
            />
            <p class="hint">{move || t().chart_hint}</p>
            <details class="chart-data">
                <summary>{move || t().show_data}</summary>
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{move || facet_label("sector", state.lang.get())}</th>
                            <th scope="col" class="num">{move || column_label(Column::Investment, state.lang.get())}</th>
                            <th scope="col" class="num">{move || t().count}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let lang = state.lang.get();
                            bars.get()
                                .into_iter()
                                .map(|b| {
                                    let id = b.id.clone();
                                    view! {
                                        <tr data-id=b.id.clone()>
                                            <th scope="row">
                                                <button aria-pressed=b.selected.to_string() on:click=move |_| state.toggle(Facet::Sector, &id)>
                                                    {b.label.clone()}
                                                </button>
                                            </th>
                                            <td class="num">{yuan(b.value, lang)}</td>
                                            <td class="num">{b.count}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
                </table>
            </details>
        </section>
    }
}
