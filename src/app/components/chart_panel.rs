//! A chart section: the canvas, a hint, and a "show data" table holding exactly the
//! plotted numbers, whose first column picks marks by keyboard like a click does.

use leptos::prelude::*;

use crate::app::theme::palette;

use super::chart_canvas::{ChartCanvas, DrawFn};
use crate::app::state::use_app;
use crate::charts::{ChartStyle, Pick};
use crate::core::i18n::texts;
use crate::core::model::Lang;

/// The chart style every chart shares, in the current language.
pub fn chart_style(lang: Lang, scale: f64, title: &str) -> ChartStyle {
    ChartStyle { scale, title: title.to_string(), lang, empty_text: texts(lang).chart_empty.to_string(), palette: palette() }
}

/// Boxes a drawn layout for picking, logging a drawing error instead of failing.
pub fn drawn<L: Pick + 'static, E: std::fmt::Debug>(name: &str, r: Result<Option<L>, E>) -> Option<Box<dyn Pick>> {
    match r {
        Ok(layout) => layout.map(|l| Box::new(l) as Box<dyn Pick>),
        Err(e) => {
            leptos::logging::warn!("{name} chart not drawn: {e:?}");
            None
        }
    }
}

/// One row of the text alternative: the mark id, its cells, and whether it is selected.
#[derive(Clone, PartialEq)]
pub struct DataRow {
    pub id: String,
    pub cells: Vec<String>,
    pub selected: bool,
}

#[component]
pub fn ChartPanel(
    /// Short name used in the test id, the download name and the heading id.
    name: &'static str,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] hint: Signal<String>,
    #[prop(into)] height: Signal<f64>,
    draw: DrawFn,
    on_pick: Callback<String>,
    describe: Callback<String, String>,
    #[prop(into)] head: Signal<Vec<String>>,
    #[prop(into)] rows: Signal<Vec<DataRow>>,
    /// Controls of the chart's own (the scatter's measure switch), above the canvas.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let state = use_app();
    let t = move || texts(state.lang.get());
    let heading = format!("{name}-chart-title");
    let labelled_by = heading.clone();
    // The table is built only while it is open: closed, it is read by no one, and a
    // filter click need not rebuild it.
    let open = RwSignal::new(false);
    view! {
        <section class="chart" data-chart=name aria-labelledby=labelled_by>
            // The canvas draws its own title (so that it is in the PNG); this one is for screen readers.
            <h2 id=heading class="visually-hidden">{move || title.get()}</h2>
            {children.map(|c| c())}
            <ChartCanvas
                draw=draw
                height=height
                label=label
                testid=format!("{name}-chart")
                marks=Signal::derive(move || rows.with(|r| r.iter().map(|r| r.id.clone()).collect::<Vec<_>>()))
                on_pick=on_pick
                describe=describe
                caption=Signal::derive(move || state.caption())
                file_name=Signal::derive(move || state.file_name(name, "png"))
                download_label=Signal::derive(move || t().download_png.to_string())
            />
            <p class="hint">{move || hint.get()}</p>
            <details class="chart-data" on:toggle=move |e| open.set(event_target::<web_sys::HtmlDetailsElement>(&e).open())>
                <summary>{move || t().show_data}</summary>
                <div class="table-wrap">
                    <table>
                        <thead>
                            <tr>{move || if open.get() { head.get() } else { Vec::new() }.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr>
                        </thead>
                        <tbody>
                            {move || if open.get() { rows.get() } else { Vec::new() }.into_iter().map(|r| {
                                let id = r.id.clone();
                                let mut cells = r.cells.into_iter();
                                let first = cells.next().unwrap_or_default();
                                view! {
                                    <tr data-id=r.id.clone()>
                                        <th scope="row">
                                            <button aria-pressed=r.selected.to_string() on:click=move |_| on_pick.run(id.clone())>{first}</button>
                                        </th>
                                        {cells.map(|c| view! { <td class="num">{c}</td> }).collect_view()}
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </details>
        </section>
    }
}
