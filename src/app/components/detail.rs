use leptos::prelude::*;

use super::audit::AuditList;
use super::filters::value_label;
use crate::app::state::{use_app, AppState};
use crate::core::filter::{facet_value, Facet};
use crate::core::format::{base_value, qualified};
use crate::core::describe::section_name;
use crate::core::i18n::{bracketed, facet_label, metric_label, milestone_label, period_label, position, qualifier_label, source_ref, texts};
use crate::core::model::{Figure, Lang, Metric, Project, SourceRef, Unit};

fn pick_sep(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    }
}

fn figure_label(p: &Project, f: &Figure, lang: Lang) -> String {
    let mut s = metric_label(f.metric, lang).to_string();
    if let Some(item) = &f.item {
        s.push_str(&format!(" · {}", item.get(lang)));
    }
    if let Some(part) = f.part.as_deref().and_then(|id| p.parts.iter().find(|x| x.id == id)) {
        s.push_str(&format!(" · {}", part.name.get(lang)));
    }
    s.push_str(period_label(f.period, lang));
    s
}

/// Where a figure stands in the source: the page by its title, then the line, which never
/// wraps (`.src-line`).
pub(crate) fn source_ref_view(title: &str, src: &SourceRef, sheet: Option<&str>, lang: Lang) -> impl IntoView {
    let (page, line) = source_ref(title, src, sheet, lang);
    // A line number never wraps; a sheet, row and column may, on a phone.
    let class = if src.row().is_some() { "src-cell" } else { "src-line" };
    view! { <span class="src-ref"><cite>{page}</cite>" "<span class=class>{line}</span></span> }
}

/// The open project's figures (each as printed, with its qualifier, base value and place
/// in the source), the audit's notes on it, and its cells as imported.
fn figures_and_cells(state: AppState, p: &Project, title: &str, sheet: Option<&str>, lang: Lang) -> impl IntoView {
    let t = texts(lang);
    let figures = p
        .figures
        .iter()
        .map(|f| {
            view! {
                <tr>
                    <th scope="row">{figure_label(p, f, lang)}</th>
                    // data-label names each cell where a phone shows the row as a card.
                    <td class="num" data-label=t.col_value>{qualified(f.value, f.unit, f.qualifier, lang)}</td>
                    <td lang="zh-CN" data-label=t.col_printed>
                        {f.printed.clone()}
                        {f.qualifier.map(|q| view! { <small class="qualifier">" · "{qualifier_label(q, lang)}</small> })}
                    </td>
                    <td class="num base" data-label=t.col_base>{base_value(f.value, f.unit, lang)}</td>
                    <td data-label=t.col_source>{source_ref_view(title, &f.src, sheet, lang)}</td>
                </tr>
            }
        })
        .collect_view();
    let items: Vec<_> = state.audit.with(|a| a.iter().filter(|i| i.project.as_deref() == Some(p.id.as_str())).cloned().collect());
    view! {
        <h3>{t.detail_figures}</h3>
        <div class="table-wrap">
            <table class="figures">
                <thead>
                    <tr>
                        <th scope="col">{t.col_metric}</th>
                        <th scope="col" class="num">{t.col_value}</th>
                        <th scope="col">{t.col_printed}</th>
                        <th scope="col" class="num">{t.col_base}</th>
                        <th scope="col">{t.col_source}</th>
                    </tr>
                </thead>
                <tbody>{figures}</tbody>
            </table>
        </div>
        {(!items.is_empty()).then(|| view! { <h3>{t.audit_title}</h3><ul class="audit-list"><AuditList items=items/></ul> })}
        {(!p.cells.is_empty()).then(|| {
            let headers = state.catalog.with(|c| c.ds.columns.clone());
            let cells = p.cells.iter().map(|c| {
                let header = headers.get(c.col.saturating_sub(1) as usize).cloned().unwrap_or_default();
                // The cell's address (B7): the sheet and row are named once, above.
                let at = format!("{}{}", crate::core::import::columns::letters(c.col.saturating_sub(1) as usize), p.src.row().unwrap_or(0));
                view! {
                    <tr>
                        <th scope="row" lang="zh-CN">{header}</th>
                        <td lang="zh-CN" data-label=t.col_printed>{c.text.clone()}</td>
                        <td data-label=t.cell_position><span class="src-line">{at}</span></td>
                    </tr>
                }
            }).collect_view();
            let row = SourceRef::cell(p.src.row().unwrap_or(0), None);
            view! {
                <h3>{t.cell_table} {bracketed(&position(&row, sheet, lang), lang)}</h3>
                <div class="table-wrap">
                    <table class="figures cells" data-testid="cells">
                        <thead><tr><th scope="col">{t.import_col_header}</th><th scope="col">{t.col_printed}</th><th scope="col">{t.cell_position}</th></tr></thead>
                        <tbody>{cells}</tbody>
                    </table>
                </div>
            }
        })}
    }
}

#[component]
pub fn ProjectDetail() -> impl IntoView {
    let state = use_app();
    let back = move || state.href_with_project(None);
    // The title and facts first, the rest a task later: two short tasks on a phone, not
    // one long one. The rest lands below all that is there, so nothing shifts.
    let rest_shown = RwSignal::new(false);
    crate::app::in_next_task(move || {
        let _ = rest_shown.try_set(true);
    });
    let content = move || {
        let lang = state.lang.get();
        let t = texts(lang);
        let id = state.view.with(|v| v.project.clone())?;
        let project = state.catalog.with(|c| c.project_index(&id).map(|i| (c.ds.projects[i].clone(), c.rows[i].clone())));
        let (p, row) = project?;
        let district = value_label(&state, Facet::District, facet_value(&p, Facet::District), lang);
        let sector = value_label(&state, Facet::Sector, &p.sector, lang);
        let kind = value_label(&state, Facet::Kind, facet_value(&p, Facet::Kind), lang);
        let stage = value_label(&state, Facet::Stage, facet_value(&p, Facet::Stage), lang);
        let title = state.catalog.with(|c| c.ds.source.title.get(lang).to_string());
        let sheet = state.catalog.with(|c| c.ds.source.sheet.clone());
        let sheet = sheet.as_deref();
        let stage_src = p.stage.as_ref().map(|s| bracketed(&position(&s.src, sheet, lang), lang));
        let section = p.section.as_ref().and_then(|s| state.catalog.with(|c| section_name(c, s, lang)));
        let places: Vec<String> = p.places.iter().map(|d| value_label(&state, Facet::District, d, lang)).collect();
        let district = if places.is_empty() { district } else { format!("{district}{}{}", pick_sep(lang), places.join(pick_sep(lang))) };
        let themes: Vec<String> = state.catalog.with(|c| {
            p.themes
                .iter()
                .filter_map(|id| c.ds.themes.iter().find(|x| *x.id == **id).map(|x| x.name.get(lang).to_string()))
                .collect()
        });
        let derived = row.investment.filter(|a| a.derived).map(|a| {
            format!("{}: {} — {}", metric_label(Metric::Investment, lang), qualified(a.value, Unit::Yuan, None, lang), t.derived_note)
        });
        let milestones = p
            .milestones
            .iter()
            .map(|m| {
                let part = m.part.as_deref().and_then(|id| p.parts.iter().find(|x| x.id == id)).map(|x| format!(" · {}", x.name.get(lang))).unwrap_or_default();
                view! {
                    <li>
                        <strong>{m.date.clone()}</strong>
                        " "{milestone_label(m.event, lang)}{part}
                        " — " <span lang="zh-CN">{m.printed.clone()}</span>
                        {bracketed(&position(&m.src, sheet, lang), lang)}
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <article class="detail" data-testid="detail" data-id=p.id.clone()>
                // Focused when the project opens (explorer.rs), so not a Tab stop of its own.
                <h2 tabindex="-1">{p.name.get(lang).to_string()}</h2>
                {(lang == Lang::En).then(|| view! {
                    <p class="alt-name">
                        <span lang="zh-CN">{p.name.zh.clone()}</span>
                        {p.translit.then(|| view! { <small class="translit" data-testid="translit">" · " {texts(lang).import_translit_note}</small> })}
                    </p>
                })}
                {(!p.summary.get(lang).is_empty()).then(|| view! { <p class="summary">{p.summary.get(lang).to_string()}</p> })}
                <dl class="facts">
                    <dt>{facet_label("district", lang)}</dt><dd>{district}</dd>
                    <dt>{facet_label("sector", lang)}</dt><dd>{sector}</dd>
                    <dt>{facet_label("kind", lang)}</dt><dd>{kind}</dd>
                    <dt>{facet_label("stage", lang)}</dt><dd>{stage}{stage_src}</dd>
                    {section.map(|s| view! { <dt>{facet_label("section", lang)}</dt><dd>{s}</dd> })}
                    {p.company.as_ref().map(|c| view! { <dt>{t.company}</dt><dd>{c.get(lang).to_string()}</dd> })}
                    {(!themes.is_empty()).then(|| view! { <dt>{t.themes}</dt><dd>{themes.join(" · ")}</dd> })}
                    <dt>{t.col_source}</dt><dd>{source_ref_view(&title, &p.src, sheet, lang)}</dd>
                </dl>
                {derived.map(|d| view! { <p class="derived-note">{d}</p> })}
                {(!p.milestones.is_empty()).then(|| view! { <h3>{t.milestones}</h3><ul class="milestones">{milestones}</ul> })}
                // The figures and what follows them come a task later (`figures_and_cells`).
                {
                    let (p, title, sheet) = (p.clone(), title.clone(), sheet.map(String::from));
                    move || rest_shown.get().then(|| figures_and_cells(state, &p, &title, sheet.as_deref(), lang))
                }
            </article>
        })
    };
    view! {
        <nav class="back"><a href=back>"← " {move || texts(state.lang.get()).close}</a></nav>
        {content}
    }
}
