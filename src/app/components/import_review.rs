//! The import review: what the worker found in a file (sheet, header, each column's field
//! with a sample, the unit, what each row became and why, every problem by row and
//! column), changeable before anything is loaded. Confirm loads the list; Cancel leaves
//! the current data exactly as it was.

use leptos::prelude::*;

use crate::app::import_client::{Failure, ImportClient, ImportState, TIME_LIMIT_MS};
use crate::app::state::use_app;
use crate::core::format::group_thousands;
use crate::core::i18n::{fill_named, import_field_label, texts};
use crate::core::import::assemble::UnitFrom;
use crate::core::import::columns::{Field, SCALES};
use crate::core::import::rows::{RowKind, SkipReason};
use crate::core::import::Review;
use crate::core::model::Lang;

fn size_text(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / 1_048_576.0)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

fn row_kind_label(kind: RowKind, skip: Option<SkipReason>, lang: Lang) -> &'static str {
    let t = texts(lang);
    match (kind, skip) {
        (RowKind::Section, _) => t.import_count_sections,
        (RowKind::Subtotal, _) => t.import_count_subtotals,
        (RowKind::Total, _) => t.import_count_totals,
        (RowKind::Note, _) => t.import_count_notes,
        (RowKind::Blank, _) => t.import_count_blank,
        (_, Some(SkipReason::RepeatedHeader)) => t.import_skip_repeated,
        (_, Some(SkipReason::NoName)) => t.import_skip_no_name,
        _ => t.import_count_projects,
    }
}

/// Progress, failure or the review itself, as the worker's state says.
#[component]
pub fn ImportPanel(client: ImportClient, on_confirm: Callback<()>) -> impl IntoView {
    let state = use_app();
    let t = move || texts(state.lang.get());
    move || {
        let lang = state.lang.get();
        match client.state.get() {
            ImportState::Idle => ().into_any(),
            ImportState::Starting { name } => view! {
                <div class="import-progress" role="status" data-testid="import-progress">
                    <strong>{name}</strong> " · " {t().import_starting}
                    <button on:click=move |_| client.cancel()>{t().import_cancel}</button>
                </div>
            }
            .into_any(),
            ImportState::Reading { name, bytes, rows } => {
                let what = match rows {
                    Some(r) => fill_named(t().import_parsed, &[("rows", group_thousands(r as f64, 0))]),
                    None => fill_named(t().import_reading, &[("bytes", size_text(bytes))]),
                };
                view! {
                    <div class="import-progress" role="status" data-testid="import-progress">
                        <strong>{name}</strong> " · " {what}
                        <button data-testid="import-cancel" on:click=move |_| client.cancel()>{t().import_cancel}</button>
                    </div>
                }
                .into_any()
            }
            ImportState::Failed { name, failure } => {
                let what = match failure {
                    Failure::Message { zh, en } => if lang == Lang::Zh { zh } else { en },
                    Failure::Crashed => t().import_crashed.to_string(),
                    Failure::TimedOut => fill_named(t().import_timeout, &[("seconds", (TIME_LIMIT_MS / 1000).to_string())]),
                    Failure::Stale => t().import_stale.to_string(),
                };
                view! {
                    <div class="load-error-message" role="alert" data-testid="import-error">
                        <strong>{t().import_failed}</strong>
                        <pre>{format!("{name}: {what}")}</pre>
                        <button on:click=move |_| client.cancel()>"OK"</button>
                    </div>
                }
                .into_any()
            }
            ImportState::Reviewing { review, dataset, busy } => {
                view! { <ReviewView client review=*review ready=dataset.is_some() busy on_confirm/> }.into_any()
            }
        }
    }
}

#[component]
fn ReviewView(client: ImportClient, review: Review, ready: bool, busy: bool, on_confirm: Callback<()>) -> impl IntoView {
    let state = use_app();
    let lang = state.lang.get_untracked();
    let t = texts(lang);
    // Where the mapping was a guess with a doubt (two total columns, no unit stated), the
    // reader says they checked it; an unambiguous one confirms with one click.
    let checked = RwSignal::new(review.unambiguous);
    let can = review.can_confirm() && ready && !busy;
    let header = if review.header_depth > 1 {
        fill_named(t.import_header_two, &[("row", review.header_row.to_string()), ("next", (review.header_row + 1).to_string())])
    } else {
        fill_named(t.import_header_at, &[("row", review.header_row.to_string())])
    };
    let unit_from = match review.unit_from {
        UnitFrom::Header => t.import_unit_header,
        UnitFrom::Line => t.import_unit_line,
        UnitFrom::Chosen => t.import_unit_chosen,
        UnitFrom::Assumed => t.import_unit_assumed,
    };
    let fields: Vec<Field> = review.columns.iter().map(|c| c.field).collect();
    let sheets = (review.sheets.len() > 1).then(|| {
        let current = review.sheet;
        view! {
            <label class="import-sheet">
                {t.import_sheet} " "
                <select data-testid="import-sheet" on:change=move |ev| {
                    let i = event_target_value(&ev).parse::<usize>().ok();
                    client.choose(|c| {
                        c.sheet = i;
                        c.fields = None;
                    });
                }>
                    {review.sheets.iter().enumerate().map(|(i, s)| view! {
                        <option value=i.to_string() selected=i == current>{format!("{} ({})", s.name, s.rows)}</option>
                    }).collect_view()}
                </select>
            </label>
        }
    });
    let unit = review.unit.clone();
    let columns = review
        .columns
        .iter()
        .map(|c| {
            let col = c.col;
            let current = c.field;
            let fields = fields.clone();
            let guessed = (c.guessed != c.field).then(|| format!(" ← {}", import_field_label(c.guessed, lang)));
            view! {
                <tr data-testid="import-column">
                    <td>{c.letter.clone()}</td>
                    <td lang="zh-CN">{c.header.clone()}{c.unit.clone().map(|u| format!(" [{u}]"))}</td>
                    <td>
                        <select aria-label=format!("{} {}", t.import_col_field, c.letter) on:change=move |ev| {
                            let value = event_target_value(&ev);
                            let Some(f) = Field::ALL.into_iter().find(|f| crate::core::model::slug_of(f) == value) else { return };
                            let mut next = fields.clone();
                            // A field belongs to one column: the one it was on becomes "other".
                            if f.single() {
                                for x in next.iter_mut().filter(|x| **x == f) {
                                    *x = Field::Other;
                                }
                            }
                            next[col] = f;
                            checked.set(true);
                            client.choose(|ch| ch.fields = Some(next));
                        }>
                            {Field::ALL.into_iter().map(|f| view! {
                                <option value=crate::core::model::slug_of(&f) selected=f == current>{import_field_label(f, lang)}</option>
                            }).collect_view()}
                        </select>
                        {guessed}
                    </td>
                    <td class="import-sample" lang="zh-CN">{c.samples.join(" · ")}</td>
                </tr>
            }
        })
        .collect_view();
    let counts = &review.counts;
    let count_items = [
        (counts.projects, t.import_count_projects, "projects"),
        (counts.sections, t.import_count_sections, "sections"),
        (counts.subtotals, t.import_count_subtotals, "subtotals"),
        (counts.totals, t.import_count_totals, "totals"),
        (counts.notes, t.import_count_notes, "notes"),
        (counts.blank, t.import_count_blank, "blank"),
        (counts.skipped, t.import_count_skipped, "skipped"),
    ]
    .into_iter()
    .map(|(n, label, key)| view! { <li data-testid=format!("import-count-{key}")><strong>{n}</strong> " " {label}</li> })
    .collect_view();
    let rows = review
        .rows
        .iter()
        .map(|r| {
            view! {
                <li>
                    {fill_named(t.import_row_at, &[("row", r.row.to_string())])} " · " {row_kind_label(r.kind, r.skip, lang)}
                    {(!r.label.is_empty()).then(|| view! { " · " <span lang="zh-CN">{r.label.clone()}</span> })}
                </li>
            }
        })
        .collect_view();
    let preview = review
        .preview
        .iter()
        .map(|p| {
            view! {
                <tr>
                    <td>{p.row}</td>
                    <td lang="zh-CN">{p.name.clone()}</td>
                    <td lang="zh-CN">{p.place.clone()}</td>
                    <td lang="zh-CN">{p.section.clone()}</td>
                    <td lang="zh-CN">{p.total.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let problems = if review.problems.is_empty() {
        view! { <p data-testid="import-no-problems">{t.import_no_problems}</p> }.into_any()
    } else {
        review
            .problems
            .iter()
            .map(|p| {
                let at = match (p.row, &p.col) {
                    (Some(r), Some(c)) => format!("{c}{r} · "),
                    (Some(r), None) => format!("{} · ", fill_named(t.import_row_at, &[("row", r.to_string())])),
                    (None, Some(c)) => format!("{} {c} · ", t.import_col_column),
                    (None, None) => String::new(),
                };
                view! {
                    <li class:blocking=p.blocking data-testid="import-problem">
                        {p.blocking.then(|| view! { <strong>{t.import_blocking}</strong> " · " })}
                        {at}{p.message.get(lang).to_string()}
                    </li>
                }
            })
            .collect::<Vec<_>>()
            .into_view()
            .into_any()
    };
    let problems = view! { <ul class="import-problems">{problems}</ul> };
    view! {
        <section class="import-review" data-testid="import-review" aria-labelledby="import-review-title">
            <h2 id="import-review-title">{t.import_title}</h2>
            <p><strong>{review.file.clone()}</strong> " · " {review.format.clone()} " · " {header}</p>
            {sheets}
            <label class="import-unit">
                {t.import_unit} " "
                <select data-testid="import-unit" on:change=move |ev| {
                    let u = event_target_value(&ev);
                    checked.set(true);
                    client.choose(|c| c.unit = Some(u));
                }>
                    {SCALES.iter().map(|s| view! { <option value=s.token selected=s.token == unit>{s.token}</option> }).collect_view()}
                </select>
                " " <span class="hint">{unit_from}</span>
            </label>
            <h3>{t.import_columns}</h3>
            <div class="table-scroll">
                <table class="import-columns">
                    <thead><tr><th>{t.import_col_column}</th><th>{t.import_col_header}</th><th>{t.import_col_field}</th><th>{t.import_col_sample}</th></tr></thead>
                    <tbody>{columns}</tbody>
                </table>
            </div>
            <h3>{t.import_rows}</h3>
            <ul class="import-counts">{count_items}</ul>
            <details>
                <summary>{t.import_rows} " (" {review.rows.len()} ")"</summary>
                <ul class="import-row-notes">{rows}</ul>
            </details>
            <h3>{t.import_preview}</h3>
            <div class="table-scroll">
                <table class="import-preview" data-testid="import-preview">
                    <thead><tr><th>"#"</th><th>{import_field_label(Field::Name, lang)}</th><th>{import_field_label(Field::Location, lang)}</th><th>{crate::core::i18n::facet_label("section", lang)}</th><th>{import_field_label(Field::Total, lang)}</th></tr></thead>
                    <tbody>{preview}</tbody>
                </table>
            </div>
            <h3>{t.import_problems} " (" {review.problems.len()} ")"</h3>
            {problems}
            <div class="import-actions">
                {(!review.unambiguous).then(|| view! {
                    <label class="import-checked">
                        <input type="checkbox" data-testid="import-checked" prop:checked=move || checked.get()
                            on:change=move |ev| checked.set(event_target_checked(&ev))/>
                        " " {t.import_checked}
                    </label>
                })}
                {(!review.can_confirm()).then(|| view! { <p class="hint">{t.import_blocked}</p> })}
                <button class="primary" data-testid="import-confirm" disabled=move || !(can && checked.get())
                    on:click=move |_| on_confirm.run(())>{t.import_confirm}</button>
                <button data-testid="import-cancel" on:click=move |_| client.cancel()>{t.import_cancel}</button>
            </div>
        </section>
    }
}
