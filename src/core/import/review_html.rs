//! The review as HTML, written in the worker: the page inserts it as it is and listens for
//! its changes, so the review's code and its data types stay out of the page's first
//! load. Every text from the file is escaped; the page's CSP runs no script in it anyway.
//!
//! What the page listens for: `select[data-col]` (a column's field, by `data-col` index),
//! `select[data-unit]`, `select[data-sheet]`, `input[data-gbt]`, `[data-testid=import-checked]`,
//! `[data-testid=import-confirm]` and `[data-testid=import-cancel]`.

use std::fmt::Write;

use super::assemble::{Review, UnitFrom};
use super::columns::{Field, SCALES};
use super::rows::{RowKind, SkipReason};
use crate::core::i18n::{facet_label, fill_named, import_field_label, texts};
use crate::core::model::{slug_of, Lang};

/// Text made safe inside elements and quoted attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
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

fn options<'a>(out: &mut String, items: impl Iterator<Item = (String, String, bool)> + 'a) {
    for (value, label, selected) in items {
        let _ = write!(out, "<option value=\"{}\"{}>{}</option>", escape(&value), if selected { " selected" } else { "" }, escape(&label));
    }
}

/// The review in `lang`. `ready`: the worker built a dataset that Confirm would load.
pub fn review_html(r: &Review, ready: bool, lang: Lang) -> String {
    let t = texts(lang);
    let e = escape;
    let mut h = String::new();
    let _ = write!(h, "<section class=\"import-review\" data-testid=\"import-review\" aria-labelledby=\"import-review-title\">");
    let _ = write!(h, "<h2 id=\"import-review-title\">{}</h2>", e(t.import_title));
    let header = if r.header_depth > 1 {
        fill_named(t.import_header_two, &[("row", r.header_row.to_string()), ("next", (r.header_row + 1).to_string())])
    } else {
        fill_named(t.import_header_at, &[("row", r.header_row.to_string())])
    };
    let _ = write!(h, "<p><strong>{}</strong> · {} · {}</p>", e(&r.file), e(&r.format), e(&header));
    if r.sheets.len() > 1 {
        let _ = write!(h, "<label class=\"import-sheet\">{} <select data-sheet data-testid=\"import-sheet\">", e(t.import_sheet));
        options(&mut h, r.sheets.iter().enumerate().map(|(i, s)| (i.to_string(), format!("{} ({})", s.name, s.rows), i == r.sheet)));
        h.push_str("</select></label>");
    }
    let unit_from = match r.unit_from {
        UnitFrom::Header => t.import_unit_header,
        UnitFrom::Line => t.import_unit_line,
        UnitFrom::Chosen => t.import_unit_chosen,
        UnitFrom::Assumed => t.import_unit_assumed,
    };
    let _ = write!(h, "<label class=\"import-unit\">{} <select data-unit data-testid=\"import-unit\">", e(t.import_unit));
    options(&mut h, SCALES.iter().map(|s| (s.token.to_string(), s.token.to_string(), s.token == r.unit)));
    let _ = write!(h, "</select> <span class=\"hint\">{}</span></label>", e(unit_from));
    let _ = write!(
        h,
        "<h3>{}</h3><div class=\"table-scroll\"><table class=\"import-columns\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        e(t.import_columns),
        e(t.import_col_column),
        e(t.import_col_header),
        e(t.import_col_field),
        e(t.import_col_sample)
    );
    for c in &r.columns {
        let unit = c.unit.as_ref().map(|u| format!(" [{}]", e(u))).unwrap_or_default();
        let _ = write!(
            h,
            "<tr data-testid=\"import-column\"><td>{}</td><td lang=\"zh-CN\">{}{unit}</td><td><select data-col=\"{}\" aria-label=\"{} {}\">",
            e(&c.letter),
            e(&c.header),
            c.col,
            e(t.import_col_field),
            e(&c.letter)
        );
        options(&mut h, Field::ALL.into_iter().map(|f| (slug_of(&f), import_field_label(f, lang).to_string(), f == c.field)));
        h.push_str("</select>");
        if c.guessed != c.field {
            let _ = write!(h, " ← {}", e(import_field_label(c.guessed, lang)));
        }
        let samples: Vec<String> = c.samples.iter().map(|s| e(s)).collect();
        let _ = write!(h, "</td><td class=\"import-sample\" lang=\"zh-CN\">{}</td></tr>", samples.join(" · "));
    }
    h.push_str("</tbody></table></div>");
    if !r.categories.is_empty() {
        let _ = write!(h, "<h3>{}</h3><ul class=\"import-categories\">", e(t.import_categories));
        for c in &r.categories {
            let suggested = match &c.suggested {
                Some((code, name)) => format!("{} {}", e(code), e(name.get(lang))),
                None => e(t.import_no_gbt),
            };
            let _ = write!(h, "<li><span lang=\"zh-CN\">{}</span> → {suggested}</li>", e(&c.name));
        }
        if r.categories.iter().any(|c| c.suggested.is_some()) {
            let _ = write!(
                h,
                "</ul><label><input type=\"checkbox\" data-gbt data-testid=\"import-gbt\"{}> {}</label>",
                if r.gbt { " checked" } else { "" },
                e(t.import_use_gbt)
            );
        } else {
            h.push_str("</ul>");
        }
    }
    let n = &r.counts;
    let _ = write!(h, "<h3>{}</h3><ul class=\"import-counts\">", e(t.import_rows));
    for (count, label, key) in [
        (n.projects, t.import_count_projects, "projects"),
        (n.sections, t.import_count_sections, "sections"),
        (n.subtotals, t.import_count_subtotals, "subtotals"),
        (n.totals, t.import_count_totals, "totals"),
        (n.notes, t.import_count_notes, "notes"),
        (n.blank, t.import_count_blank, "blank"),
        (n.skipped, t.import_count_skipped, "skipped"),
    ] {
        let _ = write!(h, "<li data-testid=\"import-count-{key}\"><strong>{count}</strong> {}</li>", e(label));
    }
    let _ = write!(h, "</ul><details><summary>{} ({})</summary><ul class=\"import-row-notes\">", e(t.import_rows), r.rows.len());
    for row in &r.rows {
        let label = if row.label.is_empty() { String::new() } else { format!(" · <span lang=\"zh-CN\">{}</span>", e(&row.label)) };
        let at = fill_named(t.import_row_at, &[("row", row.row.to_string())]);
        let _ = write!(h, "<li>{} · {}{label}</li>", e(&at), e(row_kind_label(row.kind, row.skip, lang)));
    }
    let _ = write!(
        h,
        "</ul></details><h3>{}</h3><div class=\"table-scroll\"><table class=\"import-preview\" data-testid=\"import-preview\"><thead><tr><th>#</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        e(t.import_preview),
        e(import_field_label(Field::Name, lang)),
        e(import_field_label(Field::Location, lang)),
        e(facet_label("section", lang)),
        e(import_field_label(Field::Total, lang))
    );
    for p in &r.preview {
        let _ = write!(
            h,
            "<tr><td>{}</td><td lang=\"zh-CN\">{}</td><td lang=\"zh-CN\">{}</td><td lang=\"zh-CN\">{}</td><td lang=\"zh-CN\">{}</td></tr>",
            p.row,
            e(&p.name),
            e(&p.place),
            e(&p.section),
            e(&p.total)
        );
    }
    let _ = write!(h, "</tbody></table></div><h3>{} ({})</h3>", e(t.import_problems), r.problems.len());
    if r.problems.is_empty() {
        let _ = write!(h, "<p data-testid=\"import-no-problems\">{}</p>", e(t.import_no_problems));
    } else {
        h.push_str("<ul class=\"import-problems\">");
        for p in &r.problems {
            let at = match (p.row, &p.col) {
                (Some(row), Some(c)) => format!("{c}{row} · "),
                (Some(row), None) => format!("{} · ", fill_named(t.import_row_at, &[("row", row.to_string())])),
                (None, Some(c)) => format!("{} {c} · ", t.import_col_column),
                (None, None) => String::new(),
            };
            let blocking = if p.blocking { format!("<strong>{}</strong> · ", e(t.import_blocking)) } else { String::new() };
            let _ = write!(
                h,
                "<li class=\"{}\" data-testid=\"import-problem\">{blocking}{}{}</li>",
                if p.blocking { "blocking" } else { "" },
                e(&at),
                e(p.message.get(lang))
            );
        }
        h.push_str("</ul>");
    }
    let can = r.can_confirm() && ready;
    h.push_str("<div class=\"import-actions\">");
    // Where the mapping was a guess with a doubt (two total columns, no unit stated), the
    // reader says they checked it; an unambiguous one confirms with one click.
    if can && !r.unambiguous {
        let _ = write!(h, "<label class=\"import-checked\"><input type=\"checkbox\" data-testid=\"import-checked\"> {}</label>", e(t.import_checked));
    }
    if !r.can_confirm() {
        let _ = write!(h, "<p class=\"hint\">{}</p>", e(t.import_blocked));
    }
    let disabled = if can && r.unambiguous { "" } else { " disabled" };
    let _ = write!(
        h,
        "<button class=\"primary\" data-testid=\"import-confirm\"{disabled}>{}</button> <button data-testid=\"import-cancel\">{}</button></div></section>",
        e(t.import_confirm),
        e(t.import_cancel)
    );
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::import::{analyse, Choices};

    #[test]
    fn file_text_is_escaped() {
        let csv = "项目名称,总投资（万元）\n<img src=x onerror=alert(1)>,100\n\"a\"\"&'b\",—\n";
        let (review, _) = analyse(csv.as_bytes(), "<b>.csv", &Choices::default()).unwrap();
        for lang in [Lang::Zh, Lang::En] {
            let h = review_html(&review, true, lang);
            assert!(!h.contains("<img"), "{h}");
            assert!(!h.contains("<b>"), "{h}");
            assert!(h.contains("&lt;img src=x onerror=alert(1)&gt;"));
            assert!(h.contains("a&quot;&amp;&#39;b"));
        }
    }

    #[test]
    fn confirm_needs_a_check_only_where_the_mapping_is_in_doubt() {
        let sure = "单位：万元\n项目名称,总投资\n风电,100\n";
        let (r, _) = analyse(sure.as_bytes(), "a.csv", &Choices::default()).unwrap();
        let h = review_html(&r, true, Lang::En);
        assert!(h.contains("data-testid=\"import-confirm\">"), "one click: not disabled");
        assert!(!h.contains("import-checked"));
        let doubt = "项目名称,总投资\n风电,100\n";
        let (r, _) = analyse(doubt.as_bytes(), "a.csv", &Choices::default()).unwrap();
        let h = review_html(&r, true, Lang::En);
        assert!(h.contains("data-testid=\"import-confirm\" disabled"));
        assert!(h.contains("import-checked"));
        assert!(h.contains("<option value=\"万元\" selected>"));
    }
}
