use leptos::prelude::*;

use crate::app::state::use_app;
use crate::core::audit::{AuditItem, Status};
use crate::core::format::{base_value, signed, trim_decimals};
use crate::core::i18n::{bracketed, colon, fill_named, rule_label, status_label, texts};
use crate::core::model::{Lang, Unit};

/// A difference with its sign: "−50,000,000元" / "−50,000,000 yuan".
fn difference(v: f64, unit: Unit, lang: Lang) -> String {
    signed(v, "", |v| base_value(v, unit, lang))
}

/// Audit items with both numbers and the arithmetic behind them. The projects' names are
/// read from the list untracked: both callers build the list again when the data
/// changes, and a list kept across a change would look its old items up in the new data
/// (a pass over all 100,000 projects of a large list, for nothing).
#[component]
pub fn AuditList(items: Vec<AuditItem>) -> impl IntoView {
    let state = use_app();
    move || {
        let lang = state.lang.get();
        let t = texts(lang);
        let names: Vec<Option<String>> = state.catalog.with_untracked(|c| {
            let found = c.project_indices(items.iter().filter_map(|i| i.project.as_deref()));
            items.iter().map(|i| i.project.as_deref().and_then(|id| found.get(id)).map(|&k| c.ds.projects[k].name.get(lang).to_string())).collect()
        });
        items
            .iter()
            .zip(names)
            .map(|(i, name)| {
                let name = name.zip(i.project.clone());
                let bad = i.status == Status::Contradiction;
                let d = i.deviation() * 100.0;
                let dev = format!("{}{}%", if d > 0.0 { "+" } else { "" }, trim_decimals(d, 1));
                view! {
                    <li class="audit-item" class:contradiction=bad data-status=if bad { "contradiction" } else { "consistent" }>
                        <strong>{status_label(i.status, lang)}</strong>
                        " · " {rule_label(i.rule, lang)}
                        // The link follows the view by itself, so a filter click does not rebuild the list.
                        {name.map(|(n, id)| view! { " · " <a href=move || state.href_with_project(Some(&id))>{n}</a> })}
                        {i.row_label.clone().map(|(label, row)| view! {
                            " · " <span lang="zh-CN">{label}</span> " " {bracketed(&fill_named(t.import_row_at, &[("row", row.to_string())]), lang)}
                        })}
                        <div class="audit-numbers">
                            {t.audit_stated} {colon(lang)} <span lang="zh-CN">{i.stated_printed.clone()}</span>
                            " = " {base_value(i.stated, i.unit, lang)}
                            <br/>
                            {t.audit_computed} {colon(lang)} {i.arithmetic.text(lang)}
                            {bracketed(&dev, lang)}
                            {(bad && i.row_label.is_some()).then(|| view! {
                                <br/> {t.audit_difference} {colon(lang)} {difference(i.stated - i.computed, i.unit, lang)}
                            })}
                        </div>
                    </li>
                }
            })
            .collect_view()
    }
}

#[component]
pub fn AuditPanel() -> impl IntoView {
    let state = use_app();
    let items = move || {
        // A new list with the same items still names its own projects (`AuditList`).
        state.catalog.track();
        // Contradictions first: they are what a reader must know about.
        let mut v: Vec<AuditItem> = state.audit.with(|a| a.iter().cloned().collect());
        v.sort_by_key(|i| i.status != Status::Contradiction);
        v
    };
    view! {
        <section class="audit" aria-labelledby="audit-title">
            <h2 id="audit-title">{move || texts(state.lang.get()).audit_title}</h2>
            <p class="hint">{move || texts(state.lang.get()).audit_intro}</p>
            <ul class="audit-list">{move || view! { <AuditList items=items()/> }}</ul>
        </section>
    }
}
