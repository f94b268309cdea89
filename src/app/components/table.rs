use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::filters::{short_value_label, value_label};
use crate::app::state::{use_app, Nav};
use crate::app::target_closest;
use crate::core::aggregate::in_view_totals;
use crate::core::dataset::Amount;
use crate::core::filter::{facet_value, Facet};
use crate::core::chart_data::amount_label;
use crate::core::format::qualified;
use crate::core::i18n::{bracketed, colon, column_label, count_projects, match_reason, texts};
use crate::core::model::{Lang, Unit};
use crate::core::sort::Column;
use crate::core::virtual_rows::{pool_keys, row_for_key, scroll_to_show, visible_rows, window_len};

/// Under the "Jobs" header an English cell says "nearly 10,000" (the word "people" would
/// push the number onto a third line in a phone's column); 近1万人 is short already.
pub(crate) fn jobs_unit(lang: Lang) -> Unit {
    match lang {
        Lang::Zh => Unit::Person,
        Lang::En => Unit::Count,
    }
}

/// A table cell's amount, with its printed qualifier (近1万人, "nearly 10,000 people").
pub(crate) fn amount_text(a: Option<Amount>, unit: Unit, lang: Lang) -> String {
    match a {
        Some(a) => {
            let s = qualified(a.value, unit, a.qualifier, lang);
            if a.derived { format!("{s}{}", texts(lang).derived_mark) } else { s }
        }
        None => "—".into(),
    }
}

#[component]
fn HeaderCell(column: Column) -> impl IntoView {
    let state = use_app();
    let sort = Memo::new(move |_| state.view.with(|v| v.sort));
    let aria = move || {
        let s = sort.get();
        if s.column != column {
            "none"
        } else if s.descending {
            "descending"
        } else {
            "ascending"
        }
    };
    let arrow = move || match aria() {
        "ascending" => " ▲",
        "descending" => " ▼",
        _ => "",
    };
    let numeric = matches!(column, Column::Investment | Column::Jobs);
    view! {
        <th scope="col" aria-sort=aria class:num=numeric data-col=column.slug()>
            <button
                class="sort"
                data-column=column.slug()
                on:click=move |_| {
                    let next = sort.get_untracked().clicked(column);
                    state.update(Nav::Push, |v| v.sort = next);
                }
            >
                {move || column_label(column, state.lang.get())}
                <span aria-hidden="true">{arrow}</span>
            </button>
        </th>
    }
}

/// Every body row is this tall (`.projects tbody tr` in the CSS says the same), so a
/// scroll offset maps to a row without measuring the DOM.
const ROW_PX: f64 = 52.0;

/// Rows built in the table's first task; the rest of the window follows in the next, so
/// that the first build is two short tasks on a phone rather than one long one.
const FIRST_BUILD_ROWS: usize = 8;

/// One rendered row: its place in the result (for `aria-rowindex`) and the project.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Slot {
    position: usize,
    project: usize,
}

/// What a row shows of its project, in the reader's language; the default shows none
/// (an element kept for a longer list, hidden).
#[derive(Clone, PartialEq, Default)]
struct RowCells {
    shown: bool,
    /// In the result, from 0.
    position: usize,
    id: String,
    href: String,
    name: String,
    name_title: String,
    flagged: bool,
    district: String,
    sector: String,
    sector_title: String,
    kind: String,
    stage: String,
    investment: String,
    jobs: String,
}

fn row_cells(state: &crate::app::state::AppState, Slot { position, project }: Slot, q: &str, lang: Lang) -> RowCells {
    state.catalog.with(|c| {
        // A window of the list before is not read against a new one; nothing to show.
        let (Some(p), Some(row)) = (c.ds.projects.get(project), c.rows.get(project)) else { return RowCells::default() };
        let name = p.name.get(lang).to_string();
        // Rows have one fixed height, so why a row matched a search is told in its tooltip.
        let reason = match_reason(&c.why_matched(project, q), lang);
        RowCells {
            shown: true,
            position,
            id: p.id.clone(),
            href: state.href_with_project(Some(&p.id)),
            name_title: if reason.is_empty() { name.clone() } else { format!("{name}\n{reason}") },
            name,
            flagged: state.flagged(&p.id),
            district: value_label(state, Facet::District, facet_value(p, Facet::District), lang),
            // The sector's letter and short name in the cell, the full name on hover.
            sector: short_value_label(state, Facet::Sector, &p.sector, lang),
            sector_title: value_label(state, Facet::Sector, &p.sector, lang),
            kind: value_label(state, Facet::Kind, facet_value(p, Facet::Kind), lang),
            stage: value_label(state, Facet::Stage, facet_value(p, Facet::Stage), lang),
            investment: amount_text(row.investment, Unit::Yuan, lang),
            jobs: amount_text(row.jobs, jobs_unit(lang), lang),
        }
    })
}

/// The row element kept for every position ≡ `remainder` (mod the window's length): as the
/// window scrolls or a filter changes the rows, the element stays and its texts change,
/// which costs a few text and attribute writes instead of building the row again. A row
/// that stays in the window keeps its element, and the keyboard focus with it. While the
/// list is too short for it, the element is hidden (no `data-id`, no row index) rather
/// than dropped: removing a row unsubscribes each of its effects from the page's memos.
#[component]
fn ProjectRow(remainder: usize, window: Memo<Vec<Slot>>, modulus: Memo<usize>, q: Memo<String>) -> impl IntoView {
    let state = use_app();
    let t = move || texts(state.lang.get());
    let cells = Memo::new(move |prev: Option<&RowCells>| {
        let lang = state.lang.get();
        let k = modulus.get();
        match window.with(|w| w.iter().find(|s| s.position % k == remainder).copied()) {
            Some(item) => q.with(|q| row_cells(&state, item, q, lang)),
            // The list is shorter than the pool; or the row is being dropped (the
            // window's length changed), and keeps what it showed until it goes.
            None if k > remainder => RowCells::default(),
            None => prev.cloned().unwrap_or_default(),
        }
    });
    let shown = move || cells.with(|c| c.shown);
    let when_shown = move |v: String| shown().then_some(v);
    let cell = move |f: fn(&RowCells) -> &String| move || cells.with(|c| f(c).clone());
    view! {
        // Header row is 1, so the first project is row 2.
        <tr
            hidden=move || !shown()
            data-id=move || when_shown(cells.with(|c| c.id.clone()))
            aria-rowindex=move || when_shown((cells.with(|c| c.position) + 2).to_string())
        >
            <th scope="row" title=cell(|c| &c.name_title)>
                <span class="clamp">
                    {move || cells.with(|c| c.flagged).then(|| view! {
                        <span class="flag" title=t().audit_mark>"⚠ "<span class="visually-hidden">{t().audit_mark}</span>" "</span>
                    })}
                    <a href=cell(|c| &c.href)>{cell(|c| &c.name)}</a>
                </span>
            </th>
            <td data-col="district" title=cell(|c| &c.district)><span class="clamp">{cell(|c| &c.district)}</span></td>
            <td data-col="sector" title=cell(|c| &c.sector_title)><span class="clamp">{cell(|c| &c.sector)}</span></td>
            <td data-col="kind"><span class="clamp">{cell(|c| &c.kind)}</span></td>
            <td data-col="stage" title=cell(|c| &c.stage)><span class="clamp">{cell(|c| &c.stage)}</span></td>
            <td class="num" title=cell(|c| &c.investment)><span class="clamp">{cell(|c| &c.investment)}</span></td>
            <td class="num"><span class="clamp">{cell(|c| &c.jobs)}</span></td>
        </tr>
    }
}

/// The project table. It is virtualized: only the rows in its scroll viewport (and a
/// margin) are in the DOM, so a filter click costs the same for 20 rows as for 100,000.
#[component]
pub fn ProjectTable() -> impl IntoView {
    let state = use_app();
    let t = move || texts(state.lang.get());
    let wrap = NodeRef::<leptos::html::Div>::new();
    // Scroll offset and viewport height of the wrap, in px, as last reported by the
    // browser. Read from the DOM only on scroll: reading or writing the scroll position
    // forces a layout, which neither start-up nor a filter click should pay for. Until
    // the first scroll, `visible_rows` assumes a screenful.
    let scroll = RwSignal::new((0.0_f64, 0.0_f64));
    let measure = move || {
        if let Some(el) = wrap.get_untracked() {
            let next = (f64::from(el.scroll_top()), f64::from(el.client_height()));
            if scroll.get_untracked() != next {
                scroll.set(next);
            }
        }
    };
    // A new result set (filter, sort, data) starts again at its first row.
    Effect::new(move |_| {
        state.rows.track();
        let (top, height) = scroll.get_untracked();
        if top > 0.0 {
            if let Some(el) = wrap.get_untracked() {
                el.set_scroll_top(0);
            }
            scroll.set((0.0, height));
        }
    });
    // Arrow keys, Page Up/Down, Home and End move the focus between rows, scrolling the
    // box so the row is rendered first: Tab alone reaches only the rows in the page.
    // `pending` is where the focus is going while the rows catch up with the scroll, so
    // keys pressed quickly count from there.
    let pending = StoredValue::new(None::<usize>);
    let focus_row = move |i: usize| {
        let link = wrap
            .get_untracked()
            .and_then(|el| el.query_selector(&format!("tbody tr[aria-rowindex=\"{}\"] a", i + 2)).ok().flatten())
            .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(link) = link {
            let _ = link.focus();
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let Some(row) = target_closest(&ev, "tbody tr[aria-rowindex]") else {
            return;
        };
        // Header row is 1, so the first project is row 2.
        let shown = row.get_attribute("aria-rowindex").and_then(|v| v.parse::<usize>().ok()).and_then(|i| i.checked_sub(2));
        let Some(current) = pending.get_value().or(shown) else { return };
        let Some(next) = row_for_key(&ev.key(), current, state.rows.with(Vec::len)) else { return };
        let Some(el) = wrap.get_untracked() else { return };
        ev.prevent_default();
        let header = el.query_selector("thead").ok().flatten().map_or(0.0, |h| h.get_bounding_client_rect().height());
        let top = scroll_to_show(next, f64::from(el.scroll_top()), f64::from(el.client_height()), ROW_PX, header);
        el.set_scroll_top(top.round() as i32);
        measure();
        focus_row(next);
        pending.set_value(Some(next));
        // The rows follow the scroll in this task's microtasks and may reuse the focused
        // element for another row; by the next frame the row is there to focus.
        request_animation_frame(move || {
            if pending.get_value() == Some(next) {
                focus_row(next);
                pending.set_value(None);
            }
        });
    };
    let budget = RwSignal::new(FIRST_BUILD_ROWS);
    crate::app::in_next_task(move || {
        let _ = budget.try_set(usize::MAX);
    });
    let window = Memo::new(move |_| {
        let (top, height) = scroll.get();
        let budget = budget.get();
        state.rows.with(|rows| {
            // The spacer below stands for rows not built yet, so the table keeps its height.
            visible_rows(top, height, ROW_PX, rows.len())
                .take(budget)
                .map(|position| Slot { position, project: rows[position] })
                .collect::<Vec<_>>()
        })
    });
    let modulus = Memo::new(move |_| window_len(scroll.get().1, ROW_PX));
    // Row elements kept: a window's worth, or one per project of a shorter list (not one
    // per project in view, so a filter hides rows instead of dropping them).
    let pool = Memo::new(move |_| modulus.get().min(state.catalog.with(|c| c.ds.projects.len())).min(budget.get()));
    let q = Memo::new(move |_| state.view.with(|v| v.filter.q.clone()));
    let padding = move || {
        let total = state.rows.with(Vec::len);
        window.with(|w| match (w.first(), w.last()) {
            (Some(a), Some(b)) => (a.position, total - b.position - 1),
            _ => (0, 0),
        })
    };
    let spacer = move |rows: usize| {
        (rows > 0).then(|| {
            view! {
                <tr class="spacer" aria-hidden="true">
                    <td colspan="7" style:height=format!("{}px", rows as f64 * ROW_PX)></td>
                </tr>
            }
        })
    };
    let total = Memo::new(move |_| {
        let lang = state.lang.get();
        let tt = state.counts.with(|n| state.view.with(|v| state.catalog.with(|c| in_view_totals(c, n, &v.filter))));
        let t = texts(lang);
        (
            format!("{}{}", t.total, bracketed(&count_projects(tt.count, lang), lang)),
            amount_label(tt.investment, tt.with_investment, lang),
        )
    });
    view! {
        <section class="table-section" aria-labelledby="table-title">
            <h2 id="table-title">
                {move || t().projects_in_view}
                {move || colon(state.lang.get())}
                <span data-testid="row-count">{move || state.rows.with(Vec::len)}</span>
            </h2>
            <div class="table-wrap" node_ref=wrap on:scroll=move |_| measure() on:keydown=on_key>
                <table class="projects" aria-rowcount=move || state.rows.with(Vec::len) + 2>
                    <colgroup>
                        <col class="c-name"/><col class="c-district"/><col class="c-sector"/>
                        <col class="c-kind"/><col class="c-stage"/><col class="c-inv"/><col class="c-jobs"/>
                    </colgroup>
                    <thead>
                        <tr aria-rowindex="1">
                            {Column::ALL.into_iter().map(|c| view! { <HeaderCell column=c/> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {move || spacer(padding().0)}
                        <Show when=move || state.rows.with(Vec::is_empty)>
                            <tr><td colspan="7" class="empty">{move || t().no_match}</td></tr>
                        </Show>
                        // One element per position modulo the window's length (see
                        // `ProjectRow`): a row that stays in the window keeps its element
                        // (and the keyboard focus) while the window scrolls, and a filter
                        // click rewrites the rows' texts instead of building them again.
                        <For
                            each=move || {
                                let k = modulus.get();
                                window.with(|w| pool_keys(w.iter().map(|s| s.position % k), pool.get()))
                            }
                            key=|remainder| *remainder
                            children=move |remainder| view! { <ProjectRow remainder window modulus q/> }
                        />
                        {move || spacer(padding().1)}
                    </tbody>
                    <tfoot>
                        <tr aria-rowindex=move || state.rows.with(Vec::len) + 2>
                            // One cell per column, so that columns a narrow screen hides go with theirs.
                            <th scope="row" data-testid="total-label">{move || total.get().0}</th>
                            <td data-col="district"></td>
                            <td data-col="sector"></td>
                            <td data-col="kind"></td>
                            <td data-col="stage"></td>
                            <td class="num" data-testid="total-investment">{move || total.get().1}</td>
                            <td></td>
                        </tr>
                    </tfoot>
                </table>
            </div>
        </section>
    }
}
