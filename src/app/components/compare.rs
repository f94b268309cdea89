//! The changes view (`vs=`): the projects in view that are new, carried over or dropped
//! against the list compared with, their totals as one chart, and a table of each
//! project's amount on both sides. The filters apply to both lists.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use super::chart_canvas::DrawFn;
use super::chart_panel::{chart_style, drawn, ChartPanel, DataRow};
use super::data_tools::save_text;
use crate::app::lists::Loaded;
use crate::app::state::use_app;
use crate::charts::sector_bars::{draw, Bar};
use crate::core::compare::{compare, tally, to_csv, Change, MatchedBy, Status, Tally};
use crate::core::filter::apply;
use crate::core::format::{signed, yuan};
use crate::core::i18n::{bracketed, count_projects, fill, fill_named, texts, Texts};
use crate::core::model::Lang;
use crate::core::query::ViewState;

/// Table rows rendered at most; the download has every one.
const SHOWN: usize = 200;

fn status_label(s: Status, t: &Texts) -> &'static str {
    match s {
        Status::New => t.compare_new,
        Status::Carried => t.compare_carried,
        Status::Dropped => t.compare_dropped,
    }
}

fn money(v: Option<f64>, lang: Lang) -> String {
    v.map_or_else(|| "—".to_string(), |v| yuan(v, lang))
}

fn change(v: f64, lang: Lang) -> String {
    signed(v, "±", |v| yuan(v, lang))
}

/// The four bars: new (this list), carried over on each side, dropped (compared list).
fn bars(t: &[Tally; 3], lang: Lang, tx: &Texts, status: Option<Status>) -> Vec<Bar> {
    let [new, carried, dropped] = *t;
    let bar = |id: &str, label: String, value: f64, count: usize, s: Status| Bar {
        id: id.to_string(),
        label,
        value,
        // The amount only: the counts are in the summary above, and a phone has no room for both.
        value_label: yuan(value, lang),
        selected: status == Some(s),
        count,
    };
    vec![
        bar("new", tx.compare_new.to_string(), new.now, new.count, Status::New),
        bar("carried-before", format!("{}{}", tx.compare_carried, bracketed(tx.compare_before, lang)), carried.before, carried.count, Status::Carried),
        bar("carried", format!("{}{}", tx.compare_carried, bracketed(tx.compare_now, lang)), carried.now, carried.count, Status::Carried),
        bar("dropped", tx.compare_dropped.to_string(), dropped.before, dropped.count, Status::Dropped),
    ]
}

#[component]
fn Comparison(versus: Arc<Loaded>) -> impl IntoView {
    let state = use_app();
    let before = versus.catalog.clone();
    let versus_id = versus.id.clone();
    // The filter applies to the compared list too; values it lacks match nothing there.
    let before_rows = {
        let before = before.clone();
        Memo::new(move |_| state.view.with(|v| apply(&before, &v.filter)))
    };
    let changes = {
        let before = before.clone();
        Memo::new(move |_| {
            state.catalog.with(|now| state.in_view.with(|rows| before_rows.with(|b| Arc::new(compare(now, rows, &before, b)))))
        })
    };
    let tallies = Memo::new(move |_| changes.with(|c| tally(c)));
    let status = RwSignal::new(None::<Status>);
    let chart_bars = Memo::new(move |_| {
        let lang = state.lang.get();
        let t = tallies.get();
        if t.iter().all(|t| t.count == 0) {
            return Vec::new();
        }
        bars(&t, lang, texts(lang), status.get())
    });
    let draw_fn: DrawFn = Rc::new(move |root, scale| {
        let lang = state.lang.get();
        drawn("compare", draw(root, &chart_bars.get(), &chart_style(lang, scale, texts(lang).compare_chart_title)))
    });
    let pick = move |id: String| {
        let s = match id.as_str() {
            "new" => Status::New,
            "dropped" => Status::Dropped,
            _ => Status::Carried,
        };
        status.update(|cur| *cur = if *cur == Some(s) { None } else { Some(s) });
    };
    let title = {
        let versus = versus.clone();
        move || fill(texts(state.lang.get()).compare_title, versus.catalog.ds.source.title.get(state.lang.get()))
    };
    let close_href = move || format!("?{}", state.view.with(|v| ViewState { versus: None, ..v.clone() }).to_query());
    let download = {
        let before = before.clone();
        move |_| {
            let csv = state.catalog.with(|now| changes.with(|c| to_csv(now, &before, c)));
            save_text(&csv, "text/csv;charset=utf-8", &state.file_name("changes", "csv"));
        }
    };
    let summary = move || {
        let lang = state.lang.get();
        let t = texts(lang);
        let [new, carried, dropped] = tallies.get();
        view! {
            <ul class="compare-summary" data-testid="compare-summary">
                <li data-status="new"><strong>{t.compare_new}</strong> " " {count_projects(new.count, lang)} " · " {yuan(new.now, lang)}</li>
                <li data-status="carried">
                    <strong>{t.compare_carried}</strong> " " {count_projects(carried.count, lang)} " · "
                    {yuan(carried.before, lang)} " → " {yuan(carried.now, lang)}
                    {bracketed(&fill(t.compare_changed, carried.changed), lang)}
                </li>
                <li data-status="dropped"><strong>{t.compare_dropped}</strong> " " {count_projects(dropped.count, lang)} " · " {yuan(dropped.before, lang)}</li>
            </ul>
        }
    };
    let table = {
        let before = before.clone();
        let versus_id = versus_id.clone();
        move || {
            let lang = state.lang.get();
            let t = texts(lang);
            let wanted = status.get();
            let all = changes.get();
            let mut rows: Vec<&Change> = all.iter().filter(|c| wanted.is_none_or(|s| c.status == s)).collect();
            // Carried projects with the largest moves first; new and dropped keep their order.
            rows.sort_by(|a, b| {
                a.status.cmp(&b.status).then_with(|| {
                    let m = |c: &Change| c.delta().map_or(0.0, f64::abs);
                    m(b).total_cmp(&m(a))
                })
            });
            let total = rows.len();
            let shown = rows.into_iter().take(SHOWN).map(|c| {
                state.catalog.with(|now| {
                    let (p, href) = match c.now {
                        Some(i) => (&now.ds.projects[i], state.href_with_project(Some(&now.ds.projects[i].id))),
                        None => {
                            let p = &before.ds.projects[c.before.expect("a dropped project is in the compared list")];
                            let v = ViewState { list: Some(versus_id.clone()), project: Some(p.id.clone()), lang: Some(lang), ..Default::default() };
                            (p, format!("?{}", v.to_query()))
                        }
                    };
                    let by_name = (c.matched_by == Some(MatchedBy::NameAndDistrict)).then(|| view! { <span class="hint" title=t.compare_matched_name>" ≈"</span> });
                    view! {
                        <tr data-status=c.status.slug()>
                            <td>{status_label(c.status, t)}</td>
                            <td><a href=href>{p.name.get(lang).to_string()}</a>{by_name}</td>
                            <td class="num">{money(c.amount_before, lang)}</td>
                            <td class="num">{money(c.amount_now, lang)}</td>
                            <td class="num">{c.delta().map(|d| change(d, lang)).unwrap_or_default()}</td>
                        </tr>
                    }
                })
            }).collect_view();
            let note = (total > SHOWN).then(|| view! {
                <p class="hint">{fill_named(t.compare_shown, &[("shown", SHOWN.to_string()), ("total", total.to_string())])}</p>
            });
            view! {
                <div class="compare-table-box">
                    <table class="compare-table" data-testid="compare-table">
                        <thead><tr>
                            <th scope="col">{t.compare_status}</th>
                            <th scope="col">{crate::core::i18n::column_label(crate::core::sort::Column::Name, lang)}</th>
                            <th scope="col" class="num">{t.compare_before}</th>
                            <th scope="col" class="num">{t.compare_now}</th>
                            <th scope="col" class="num">{t.compare_change}</th>
                        </tr></thead>
                        <tbody>{shown}</tbody>
                    </table>
                </div>
                {note}
            }
        }
    };
    let t = move || texts(state.lang.get());
    let filter_button = move |s: Option<Status>| {
        let label = move || s.map_or(t().compare_all, |s| status_label(s, t()));
        view! {
            <button aria-pressed=move || (status.get() == s).to_string() on:click=move |_| status.set(s)>{label}</button>
        }
    };
    view! {
        <section class="compare" data-testid="compare" aria-labelledby="compare-title">
            <h2 id="compare-title">{title}</h2>
            <p class="hint">{move || t().compare_hint}</p>
            {summary}
            <ChartPanel
                name="compare"
                title=Signal::derive(move || t().compare_chart_title.to_string())
                label=Signal::derive(move || t().compare_chart_label.to_string())
                hint=Signal::derive(move || t().compare_chart_hint.to_string())
                height=Signal::derive(move || 64.0 + 30.0 * 4.0)
                draw=draw_fn
                on_pick=Callback::new(pick)
                describe=Callback::new(move |id: String| {
                    chart_bars.with(|b| b.iter().find(|b| b.id == id).map(|b| format!("{}: {}", b.label, b.value_label)).unwrap_or_default())
                })
                head=Signal::derive(move || vec![t().compare_status.to_string(), t().compare_change.to_string(), t().count.to_string()])
                rows=Signal::derive(move || chart_bars.get().into_iter().map(|b| DataRow {
                    cells: vec![b.label.clone(), yuan(b.value, state.lang.get()), b.count.to_string()],
                    selected: b.selected,
                    id: b.id,
                }).collect::<Vec<_>>())
            />
            <div class="compare-actions" role="group">
                {filter_button(None)}
                {filter_button(Some(Status::New))}
                {filter_button(Some(Status::Carried))}
                {filter_button(Some(Status::Dropped))}
                <button data-testid="compare-download" on:click=download>{move || t().compare_download}</button>
                <a href=close_href data-testid="compare-close">{move || t().compare_close}</a>
            </div>
            {table}
        </section>
    }
}

/// The changes view, when the link names a list to compare with.
#[component]
pub fn ComparePanel() -> impl IntoView {
    let state = use_app();
    let wanted = Memo::new(move |_| state.view.with(|v| v.versus.clone()));
    move || {
        let id = wanted.get()?;
        let lang = state.lang.get();
        Some(match state.versus.get().filter(|l| l.id == id) {
            Some(l) => view! { <Comparison versus=l/> }.into_any(),
            None => view! {
                <div class="list-loading" role="status" data-testid="compare-loading">{fill(texts(lang).compare_loading, id)}</div>
            }.into_any(),
        })
    }
}
