//! Step 2: find the header and classify the rows. The header is found, not assumed: the
//! row among the first ones that names the most known fields, one of them the project name.
//! A second header row under merged group cells (投资（万元） over 总投资 | 2023年计划投资)
//! is folded into the first. Every row below is a project, a section, a subtotal, a total,
//! a note, blank, or skipped with its reason.

use serde::{Deserialize, Serialize};

use super::columns::{field_of, scale_in, Field, Scale};
use super::grid::{Sheet, Value};
use super::values::not_stated;

/// Rows searched for the header.
const HEADER_SEARCH: usize = 30;

#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// 0-based index of the first header row, and how many rows it spans (1 or 2).
    pub row: usize,
    pub depth: usize,
    /// Per column, the header as printed (a group and its sub-header joined by a space).
    pub names: Vec<String>,
    /// The unit stated on a line above the header (单位：万元), if any.
    pub unit_line: Option<Scale>,
}

/// How many known fields a row names, and whether one is the project name.
fn score(sheet: &Sheet, r: usize) -> (usize, bool) {
    let fields: Vec<Field> = sheet.rows.get(r).into_iter().flatten().filter_map(|v| field_of(&v.text())).collect();
    let mut distinct = fields.clone();
    distinct.sort_by_key(|f| *f as u8);
    distinct.dedup();
    (distinct.len(), fields.contains(&Field::Name))
}

pub fn find_header(sheet: &Sheet) -> Option<Header> {
    let rows = sheet.rows.len().min(HEADER_SEARCH);
    let (row, _) = (0..rows)
        .map(|r| (r, score(sheet, r)))
        .filter(|(_, (n, name))| *name && *n >= 2)
        .max_by_key(|(r, (n, _))| (*n, std::cmp::Reverse(*r)))?;
    let width = sheet.width();
    let texts = |r: usize| -> Vec<String> { (0..width).map(|c| clean(&sheet.cell(r, c).text())).collect() };
    // A second header row: the lower row names a field under a cell of the upper one that
    // names none (a group such as 投资（万元）), merged over its neighbour. The best-scoring
    // row may be either: the upper (its sub-headers add fields) or the lower.
    let is_group = |top: &[String], below: &[String], c: usize| {
        !below[c].is_empty()
            && below[c] != top[c]
            && field_of(&below[c]).is_some()
            && field_of(&top[c]).is_none()
            && ((c > 0 && top[c] == top[c - 1]) || top.get(c + 1) == Some(&top[c]) || top[c].is_empty())
    };
    let groups = |top: &[String], below: &[String]| {
        let distinct: std::collections::BTreeSet<&String> = top.iter().filter(|t| !t.is_empty()).collect();
        // A title merged across every column is no group row.
        distinct.len() > 1 && (0..width).any(|c| is_group(top, below, c))
    };
    let row = if row > 0 && groups(&texts(row - 1), &texts(row)) { row - 1 } else { row };
    let (top, below) = (texts(row), texts(row + 1));
    let two = groups(&top, &below);
    let names = (0..width)
        .map(|c| {
            if two && !below[c].is_empty() && below[c] != top[c] {
                if top[c].is_empty() { below[c].clone() } else { format!("{} {}", top[c], below[c]) }
            } else {
                top[c].clone()
            }
        })
        .collect();
    let unit_line = (0..row).rev().find_map(|r| {
        sheet.rows[r].iter().map(Value::text).find(|t| t.contains("单位") || t.to_lowercase().contains("unit")).and_then(|t| scale_in(&t))
    });
    Some(Header { row, depth: if two { 2 } else { 1 }, names, unit_line })
}

/// A header cell without line breaks and doubled spaces.
fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RowKind {
    Project,
    Section,
    Subtotal,
    Total,
    Note,
    Blank,
    Skipped,
}

/// Why a row was skipped, kept as data so the review says it in the reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SkipReason {
    /// The header printed again (a page break in the source).
    RepeatedHeader,
    /// Content, but no project name.
    NoName,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Classified {
    /// 0-based row index in the sheet.
    pub row: usize,
    pub kind: RowKind,
    pub skip: Option<SkipReason>,
    /// For a section: its name as printed.
    pub label: String,
}

/// Section markers: 一、 （二） 第三部分 1. (the last only without a sequence number).
pub fn is_section_text(s: &str) -> bool {
    let s = s.trim();
    let numeral = |c: char| "一二三四五六七八九十".contains(c);
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if numeral(c) => {
            let rest: String = s.chars().skip_while(|c| numeral(*c)).collect();
            rest.starts_with('、') || rest.starts_with('.') || rest.starts_with('．')
        }
        Some('（' | '(') => {
            let inner: String = chars.take_while(|c| *c != '）' && *c != ')').collect();
            !inner.is_empty() && inner.chars().all(numeral)
        }
        Some('第') => s.contains("部分") || s.contains("类") || s.contains("篇"),
        _ => false,
    }
}

fn total_kind(s: &str) -> Option<RowKind> {
    let n: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let n = n.trim_end_matches(['：', ':']);
    if n.ends_with("小计") || n.eq_ignore_ascii_case("subtotal") {
        Some(RowKind::Subtotal)
    } else if n == "合计" || n == "总计" || n.ends_with("合计") || n.ends_with("总计") || n.eq_ignore_ascii_case("total") || n.eq_ignore_ascii_case("grand total") {
        Some(RowKind::Total)
    } else {
        None
    }
}

fn is_note(s: &str) -> bool {
    let s = s.trim();
    ["注：", "注:", "备注：", "备注:", "说明：", "说明:", "数据来源", "资料来源", "Note:", "Notes:", "Source:"].iter().any(|p| s.starts_with(p))
        || s == "注"
}

/// Classifies every row below the header. `fields` is the mapping (per column).
pub fn classify(sheet: &Sheet, header: &Header, fields: &[Field]) -> Vec<Classified> {
    let col = |f: Field| fields.iter().position(|x| *x == f);
    let name_col = col(Field::Name);
    let seq_col = col(Field::Seq);
    let mut out = Vec::new();
    for r in header.row + header.depth..sheet.rows.len() {
        let texts: Vec<String> = sheet.rows[r].iter().map(|v| v.text().trim().to_string()).collect();
        let filled: Vec<&str> = texts.iter().map(String::as_str).filter(|t| !t.is_empty()).collect();
        let mut distinct = filled.clone();
        distinct.dedup();
        let first = filled.first().copied().unwrap_or("");
        let name = name_col.and_then(|c| texts.get(c)).map(String::as_str).unwrap_or("");
        let seq = seq_col.and_then(|c| texts.get(c)).map(String::as_str).unwrap_or("");
        let label_cells = [seq, name, first];
        let mut c = Classified { row: r, kind: RowKind::Project, skip: None, label: String::new() };
        if filled.is_empty() {
            c.kind = RowKind::Blank;
        } else if is_note(first) {
            c.kind = RowKind::Note;
            c.label = first.to_string();
        } else if let Some(k) = label_cells.iter().find_map(|t| total_kind(t)) {
            c.kind = k;
            c.label = label_cells.iter().find(|t| total_kind(t).is_some()).map(|t| t.to_string()).unwrap_or_default();
        } else if let Some(s) = label_cells.iter().find(|t| is_section_text(t)) {
            c.kind = RowKind::Section;
            // The section's name is the text after its marker cell when the marker stands alone (一、 | 能源项目).
            c.label = if s.chars().count() <= 4 && name != *s && !name.is_empty() { format!("{s}{name}") } else { s.to_string() };
        } else if distinct.len() == 1 && name.is_empty() && seq.is_empty() && filled.len() > 1 {
            // One text merged across the row: a section without a marker.
            c.kind = RowKind::Section;
            c.label = first.to_string();
        } else if (0..texts.len()).filter(|&i| !texts[i].is_empty()).all(|i| field_of(&texts[i]).is_some() && texts[i] == header.names.get(i).cloned().unwrap_or_default()) {
            c.kind = RowKind::Skipped;
            c.skip = Some(SkipReason::RepeatedHeader);
        } else if not_stated(name) {
            c.kind = RowKind::Skipped;
            c.skip = Some(SkipReason::NoName);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::import::columns::guess;

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet {
            name: "表1".into(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|s| if s.is_empty() { Value::Empty } else { Value::Text(s.to_string()) }).collect())
                .collect(),
        }
    }

    #[test]
    fn finds_the_header_below_a_title_and_a_unit_line() {
        let s = sheet(&[
            &["通辽市2023年重点项目计划表", "通辽市2023年重点项目计划表", "通辽市2023年重点项目计划表"],
            &["", "", "单位：万元"],
            &[],
            &["序号", "项目名称", "总投资"],
            &["1", "风电项目", "12,500.37"],
        ]);
        let h = find_header(&s).unwrap();
        assert_eq!((h.row, h.depth), (3, 1));
        assert_eq!(h.unit_line.map(|u| u.exp), Some(4));
    }

    #[test]
    fn folds_a_two_row_header() {
        let s = sheet(&[
            &["序号", "项目名称", "投资（万元）", "投资（万元）", "建设地点"],
            &["序号", "项目名称", "总投资", "2023年计划投资", "建设地点"],
            &["1", "风电", "100", "20", "科尔沁区"],
        ]);
        let h = find_header(&s).unwrap();
        assert_eq!(h.depth, 2);
        assert_eq!(h.names[2], "投资（万元） 总投资");
        assert_eq!(h.names[3], "投资（万元） 2023年计划投资");
        assert_eq!(h.names[1], "项目名称");
    }

    #[test]
    fn classifies_rows() {
        let s = sheet(&[
            &["序号", "项目名称", "总投资"],
            &["", "合计", "300"],
            &["一、能源项目（2个）", "一、能源项目（2个）", "一、能源项目（2个）"],
            &["1", "风电", "100"],
            &["2", "光伏", "150"],
            &["", "小计", "250"],
            &["（二）", "工业项目", ""],
            &["3", "", "5"],
            &["序号", "项目名称", "总投资"],
            &[],
            &["注：数据为计划数。"],
        ]);
        let h = find_header(&s).unwrap();
        let (fields, _) = guess(&h.names);
        let kinds: Vec<RowKind> = classify(&s, &h, &fields).iter().map(|c| c.kind).collect();
        use RowKind::*;
        assert_eq!(kinds, vec![Total, Section, Project, Project, Subtotal, Section, Skipped, Skipped, Blank, Note]);
        let c = classify(&s, &h, &fields);
        assert_eq!(c[5].label, "（二）工业项目");
        assert_eq!(c[6].skip, Some(SkipReason::NoName));
        assert_eq!(c[7].skip, Some(SkipReason::RepeatedHeader));
    }

    #[test]
    fn section_markers() {
        assert!(is_section_text("一、能源项目（12个）"));
        assert!(is_section_text("（二）工业项目"));
        assert!(is_section_text("第三部分 社会事业"));
        assert!(!is_section_text("二连浩特风电"));
        assert!(!is_section_text("1"));
    }
}
