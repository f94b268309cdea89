use leptos::prelude::*;
use leptos::{ev, html};
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;

use super::filters::value_label;
use crate::app::state::use_app;
use crate::charts::sector_bars::{draw, Bar, BarsLayout};
use crate::charts::ChartStyle;
use crate::core::aggregate::{by_facet, ranked};
use crate::core::filter::Facet;
use crate::core::format::yuan;
use crate::core::i18n::texts;

/// CSS pixel height per bar row, plus room for title and axis.
const ROW_PX: f64 = 30.0;
const CHROME_PX: f64 = 64.0;

#[component]
pub fn SectorChart() -> impl IntoView {
    let state = use_app();
    let canvas_ref = NodeRef::<html::Canvas>::new();
    let layout: StoredValue<Option<BarsLayout>> = StoredValue::new(None);
    // Bumped on resize so the effect redraws at the new width.
    let resized = RwSignal::new(0u32);
    let handle = window_event_listener(ev::resize, move |_| resized.update(|n| *n += 1));
    on_cleanup(move || handle.remove());

    // The chart follows the whole filter, with every sector of the current rows.
    let bars = Memo::new(move |_| {
        let lang = state.lang.get();
        let rows = state.rows.get();
        let selected = state.view.with(|v| v.filter.sectors.clone());
        let groups = state.catalog.with(|c| ranked(by_facet(c, &rows, Facet::Sector)));
        groups
            .into_iter()
            .map(|g| Bar {
                label: value_label(&state, Facet::Sector, &g.id, lang),
                value: g.investment,
                value_label: format!("{} · {}", yuan(g.investment, lang), g.count),
                selected: selected.contains(&g.id),
                count: g.count,
                id: g.id,
            })
            .collect::<Vec<_>>()
    });

    Effect::new(move |_| {
        resized.track();
        let bars = bars.get();
        let lang = state.lang.get();
        let Some(canvas) = canvas_ref.get() else { return };
        let dpr = window().device_pixel_ratio().max(1.0);
        let css_w = canvas.parent_element().map(|p| p.client_width()).unwrap_or(600).max(280) as f64;
        let css_h = CHROME_PX + ROW_PX * bars.len().max(2) as f64;
        canvas.set_width((css_w * dpr).round() as u32);
        canvas.set_height((css_h * dpr).round() as u32);
        let css = web_sys::HtmlElement::style(&canvas);
        let _ = css.set_property("width", &format!("{css_w}px"));
        let _ = css.set_property("height", &format!("{css_h}px"));
        let t = texts(lang);
        let style = ChartStyle {
            scale: dpr,
            title: t.chart_sector_title.to_string(),
            lang,
            empty_text: t.chart_empty.to_string(),
        };
        let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) else { return };
        let root = backend.into_drawing_area();
        match draw(&root, &bars, &style) {
            Ok(l) => {
                // Each bar's row centre in CSS pixels, from plotters' own mapping: lets
                // tests and assistive tooling find a bar without a second hit model.
                let rows = l.as_ref().map(|l| {
                    bars.iter()
                        .filter_map(|b| l.row_centre(&b.id).map(|(_, y)| format!("{}:{}", b.id, (y as f64 / dpr).round())))
                        .collect::<Vec<_>>()
                        .join(",")
                });
                let _ = canvas.set_attribute("data-rows", &rows.unwrap_or_default());
                layout.set_value(l);
            }
            Err(e) => leptos::logging::warn!("chart not drawn: {e}"),
        }
    });

    let on_click = move |ev: ev::MouseEvent| {
        let dpr = window().device_pixel_ratio().max(1.0);
        let px = ((ev.offset_x() as f64) * dpr) as i32;
        let py = ((ev.offset_y() as f64) * dpr) as i32;
        let hit = layout.with_value(|l| l.as_ref().and_then(|l| l.hit((px, py)).map(String::from)));
        if let Some(id) = hit {
            state.toggle(Facet::Sector, &id);
        }
    };

    let t = move || texts(state.lang.get());
    view! {
        <section class="chart" aria-labelledby="sector-chart-title">
            <h2 id="sector-chart-title" class="visually-hidden">{move || t().chart_sector_title}</h2>
            <div class="canvas-wrap">
                <canvas
                    node_ref=canvas_ref
                    role="img"
                    data-testid="sector-chart"
                    data-bars=move || bars.with(|b| b.iter().map(|b| b.id.clone()).collect::<Vec<_>>().join(","))
                    aria-label=move || t().chart_sector_label
                    on:click=on_click
                ></canvas>
            </div>
            <p class="hint">{move || t().chart_hint}</p>
            <details class="chart-data">
                <summary>{move || t().show_data}</summary>
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{move || crate::core::i18n::facet_label("sector", state.lang.get())}</th>
                            <th scope="col" class="num">{move || crate::core::i18n::column_label(crate::core::sort::Column::Investment, state.lang.get())}</th>
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
