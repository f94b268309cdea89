use leptos::prelude::*;

use super::audit::AuditPanel;
use super::detail::ProjectDetail;
use super::filters::Filters;
use super::header::Header;
use super::notices::Notices;
use super::programme::ProgrammePanel;
use super::sector_chart::SectorChart;
use super::table::ProjectTable;
use crate::app::state::use_app;

/// Page layout: filters on the left, chart and table on the right; a project
/// detail replaces the list while `p` is in the URL.
#[component]
pub fn Explorer() -> impl IntoView {
    let state = use_app();
    let has_project = Memo::new(move |_| state.view.with(|v| v.project.is_some()));
    view! {
        <Header/>
        <Notices/>
        <div class="layout">
            <Filters/>
            <main class="content" id="main">
                <Show when=move || has_project.get() fallback=|| view! {
                    <SectorChart/>
                    <ProjectTable/>
                    <ProgrammePanel/>
                    <AuditPanel/>
                }>
                    <ProjectDetail/>
                </Show>
            </main>
        </div>
    }
}
