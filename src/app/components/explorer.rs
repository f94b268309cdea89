use leptos::prelude::*;

use super::audit::AuditPanel;
use super::data_tools::DataTools;
use super::detail::ProjectDetail;
use super::district_chart::DistrictChart;
use super::filters::Filters;
use super::header::Header;
use super::notices::Notices;
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
            <strong>{move || texts(state.lang.get()).title}</strong>
            <a href=full target="_blank" rel="external">{move || texts(state.lang.get()).open_full_view}</a>
        </header>
    }
}

/// Page layout: filters on the left, chart and table on the right; a project
/// detail replaces the list while `p` is in the URL.
#[component]
pub fn Explorer() -> impl IntoView {
    let state = use_app();
    let has_project = Memo::new(move |_| state.view.with(|v| v.project.is_some()));
    let embed = Memo::new(move |_| state.view.with(|v| v.embed));
    view! {
        <Show when=move || !embed.get() fallback=|| view! { <EmbedBar/> }>
            <Header/>
        </Show>
        <Notices/>
        <div class="layout" class:embed=move || embed.get()>
            <Show when=move || !embed.get()>
                <Filters/>
            </Show>
            <main class="content" id="main">
                <Show when=move || has_project.get() fallback=move || view! {
                    <div class="charts">
                        <SectorChart/>
                        <DistrictChart/>
                    </div>
                    <ProjectTable/>
                    <div class="charts">
                        <ScatterChart/>
                        <TimelineChart/>
                    </div>
                    <ProgrammeChart/>
                    <Show when=move || !embed.get()>
                        <DataTools/>
                        <ProgrammePanel/>
                        <AuditPanel/>
                    </Show>
                }>
                    <ProjectDetail/>
                </Show>
            </main>
        </div>
    }
}
