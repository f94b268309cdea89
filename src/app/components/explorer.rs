use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::audit::AuditPanel;
use super::chips::ActiveFilters;
use super::compare::ComparePanel;
use super::list_loading::ListLoading;
use super::data_tools::DataTools;
use super::detail::ProjectDetail;
use super::district_chart::DistrictChart;
use super::filters::Filters;
use super::header::Header;
use super::notices::Notices;
use super::print_view::PrintView;
use super::programme::ProgrammePanel;
use super::programme_chart::ProgrammeChart;
use super::scatter_chart::ScatterChart;
use super::sector_chart::SectorChart;
use super::table::ProjectTable;
use super::timeline_chart::TimelineChart;
use crate::app::state::use_app;
use crate::core::i18n::texts;

/// Embedded view: charts and table only, with a way back to the full explorer.
#[component]
fn EmbedBar() -> impl IntoView {
    let state = use_app();
    let full = move || {
        let mut v = state.view.get();
        v.embed = false;
        v.lang = Some(state.lang.get());
        format!("?{}", v.to_query())
    };
    view! {
        <header class="embed-bar">
            <strong>{move || state.title()}</strong>
            <a href=full target="_blank" rel="external">{move || texts(state.lang.get()).open_full_view}</a>
        </header>
    }
}

/// Opening a project shows its title at the top, with the focus on it (the list's scroll
/// offset would otherwise open it far down the page); closing it returns the reader to
/// where they were in the list. The offset is kept from scroll events while the list is
/// shown, since by the time the view changes the page may already have shrunk.
fn follow_detail_scroll(project: Memo<Option<String>>) {
    let list_y = StoredValue::new(0.0_f64);
    let _ = window_event_listener(leptos::ev::scroll, move |_| {
        if project.with_untracked(Option::is_none) {
            list_y.set_value(window().scroll_y().unwrap_or(0.0));
        }
    });
    Effect::new(move |prev: Option<Option<String>>| {
        let now = project.get();
        match (&prev, &now) {
            (_, Some(_)) if prev.as_ref() != Some(&now) => {
                request_animation_frame(|| {
                    window().scroll_to_with_x_and_y(0.0, 0.0);
                    let title = document().query_selector("[data-testid=\"detail\"] h2").ok().flatten();
                    if let Some(h) = title.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                        let _ = h.focus();
                    }
                });
            }
            (Some(Some(_)), None) => restore_scroll(list_y.get_value(), 30),
            _ => {}
        }
        now
    });
}

/// Scrolls back to `y` once the list is laid out: the panels below the table may take a
/// few frames to reach their height, and until then the page is too short to get there.
fn restore_scroll(y: f64, frames_left: u32) {
    request_animation_frame(move || {
        window().scroll_to_with_x_and_y(0.0, y);
        let reached = (window().scroll_y().unwrap_or(y) - y).abs() < 1.0;
        if !reached && frames_left > 0 {
            restore_scroll(y, frames_left - 1);
        }
    });
}

/// Stages of the panels mounted after the first screen: the count of them.
const STAGES: u8 = 7;

/// Raises `stage` by one per idle callback (at the latest every 300 ms) up to `STAGES`.
fn mount_in_stages(stage: RwSignal<u8>) {
    crate::app::when_idle(300, move || {
        let Some(now) = stage.try_get_untracked() else { return };
        if now < STAGES && stage.try_set(now + 1).is_none() {
            mount_in_stages(stage);
        }
    });
}

/// Raises `stage` by one per task, from the next one on, up to `last`: the parts of the
/// first screen after its frame, each built in a task of its own (not one long task).
fn mount_in_next_tasks(stage: RwSignal<u8>, last: u8) {
    leptos::task::spawn_local(async move {
        for now in 1..=last {
            crate::app::next_task().await;
            if stage.try_set(now).is_some() {
                return;
            }
        }
    });
}

/// Page layout: filters on the left, chart and table on the right; a project
/// detail replaces the list while `p` is in the URL.
#[component]
pub fn Explorer() -> impl IntoView {
    let state = use_app();
    let project = Memo::new(move |_| state.view.with(|v| v.project.clone()));
    let has_project = Memo::new(move |_| project.with(Option::is_some));
    let embed = Memo::new(move |_| state.view.with(|v| v.embed));
    follow_detail_scroll(project);
    // The first screen in four tasks: the header (replacing index.html's frame), then the
    // layout with the filters, then each of the first two charts. Each part lands below
    // what is there, so nothing shifts.
    let first_screen = RwSignal::new(0_u8);
    mount_in_next_tasks(first_screen, 3);
    let on_first_screen = move |stage: u8| first_screen.get() >= stage || state.printing.get();
    // After the first screen, one panel per idle callback: each mounts in a task of its own.
    let below_fold = RwSignal::new(0_u8);
    mount_in_stages(below_fold);
    let shown = move |stage: u8| below_fold.get() >= stage || state.printing.get();
    // The first Tab stop: past the header and the filters' many stops, to the results.
    let skip = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(main) = document().get_element_by_id("main").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = main.focus();
            main.scroll_into_view();
        }
    };
    view! {
        <a class="skip-link" href="#main" on:click=skip>{move || texts(state.lang.get()).skip_to_content}</a>
        <Show when=move || !embed.get() fallback=|| view! { <EmbedBar/> }>
            <Header/>
        </Show>
        <Notices/>
        // A linked list still loading: its name and progress, not a view of another list.
        <Show when=move || on_first_screen(1)>
        <Show when=move || !state.pending.get() fallback=|| view! { <ListLoading/> }>
        <div class="layout" class:embed=move || embed.get()>
            <Show when=move || !embed.get()>
                <Filters/>
            </Show>
            <main class="content" id="main" tabindex="-1">
                <Show when=move || has_project.get() fallback=move || view! {
                    <ActiveFilters/>
                    <ComparePanel/>
                    <div class="charts">
                        <Show when=move || on_first_screen(2)><SectorChart/></Show>
                        <Show when=move || on_first_screen(3)><DistrictChart/></Show>
                    </div>
                    // The table (~400 elements) and everything below it: mounted once the
                    // browser is idle (or for printing), one per idle callback, so that the
                    // first task builds only the header, the filters and the first two
                    // charts. Each lands below what is there, so nothing shifts; find in
                    // page sees them from then on.
                    <Show when=move || shown(1)><ProjectTable/></Show>
                    <PrintView/>
                    <div class="charts">
                        <Show when=move || shown(2)><ScatterChart/></Show>
                        <Show when=move || shown(3)><TimelineChart/></Show>
                    </div>
                    <Show when=move || shown(4)><ProgrammeChart/></Show>
                    <Show when=move || !embed.get()>
                        <Show when=move || shown(5)><DataTools/></Show>
                        <Show when=move || shown(6)><ProgrammePanel/></Show>
                        <Show when=move || shown(7)><AuditPanel/></Show>
                    </Show>
                }>
                    <ProjectDetail/>
                </Show>
            </main>
        </div>
        </Show>
        </Show>
    }
}
