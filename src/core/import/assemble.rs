//! Step 4: build the dataset from the classified rows and the column mapping, and the
//! review the reader confirms: the sheet and header found, each column's field with a
//! sample, the unit, what every row became and why, and every problem by row and column.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::columns::{guess, letters, scale_in, scale_named, Field, Scale};
use super::grid::{read, Format, Sheet, Value, Workbook};
use super::rows::{classify, find_header, Classified, Header, RowKind, SkipReason};
use super::values::{normalise_name, not_stated, places, slug, transliterate, years};
use super::{ImportError, MAX_IMPORT_BYTES};
use crate::core::gbt4754::suggest;
use crate::core::hash::fnv1a;
use crate::core::i18n::{fill_named, import_field_label, import_words};
use crate::core::model::{
    Cell, Dataset, District, Figure, I18n, Kind, Lang, Metric, Milestone, MilestoneEvent, Period, PrintedTotal, Project,
    Section, Sector, Source, SourceRef, Theme, ThinVec, TotalScope, Unit,
};
use crate::core::printed::parse_cell;
use crate::core::validate::validate;

/// What the reader changed in the review; `None` keeps the importer's guess.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Choices {
    #[serde(default)]
    pub sheet: Option<usize>,
    #[serde(default)]
    pub fields: Option<Vec<Field>>,
    /// An amount unit token (万元) for amount columns whose header states none.
    #[serde(default)]
    pub unit: Option<String>,
    /// Classify the list's categories by the GB/T 4754 sections the review suggests.
    #[serde(default)]
    pub gbt: bool,
}

/// A list's own category and the GB/T 4754 section its name suggests, if one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryInfo {
    pub name: String,
    /// Letter and name in zh and en.
    pub suggested: Option<(String, I18n)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetInfo {
    pub name: String,
    pub rows: usize,
    pub header: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnInfo {
    /// 0-based column index and its letters (A, B…).
    pub col: usize,
    pub letter: String,
    pub header: String,
    pub field: Field,
    pub guessed: Field,
    pub samples: Vec<String>,
    /// The unit its header states, for amount columns.
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnitFrom {
    Header,
    Line,
    Chosen,
    Assumed,
}

/// A row that is not a project, with what it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RowNote {
    /// 1-based row of the sheet.
    pub row: u32,
    pub kind: RowKind,
    pub skip: Option<SkipReason>,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    pub row: Option<u32>,
    pub col: Option<String>,
    pub message: I18n,
    /// Nothing can be loaded until it is resolved.
    pub blocking: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    pub projects: usize,
    pub sections: usize,
    pub subtotals: usize,
    pub totals: usize,
    pub notes: usize,
    pub blank: usize,
    pub skipped: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreviewRow {
    pub row: u32,
    pub name: String,
    pub place: String,
    pub section: String,
    pub total: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub file: String,
    /// "xlsx", "xls", "ods", "CSV (GB18030)"…
    pub format: String,
    pub sheets: Vec<SheetInfo>,
    pub sheet: usize,
    /// 1-based first header row, and how many rows the header spans.
    pub header_row: u32,
    pub header_depth: u32,
    pub columns: Vec<ColumnInfo>,
    /// Fields that several columns could be: the reader's choice.
    pub contested: Vec<Field>,
    pub unit: String,
    pub unit_from: UnitFrom,
    pub counts: Counts,
    pub rows: Vec<RowNote>,
    pub preview: Vec<PreviewRow>,
    pub problems: Vec<Problem>,
    /// Whether the mapping was guessed without a doubt: one click confirms it.
    pub unambiguous: bool,
    /// The list's categories with a GB/T section each where the name suggests one, and
    /// whether the reader chose to classify by them.
    pub categories: Vec<CategoryInfo>,
    pub gbt: bool,
}

impl Review {
    pub fn can_confirm(&self) -> bool {
        self.counts.projects > 0 && !self.problems.iter().any(|p| p.blocking)
    }
}

/// Rows of `rows` kept in the review (the counts cover all).
const MAX_ROW_NOTES: usize = 500;
const MAX_PROBLEMS: usize = 200;
const PREVIEW_ROWS: usize = 8;
const SAMPLES: usize = 3;
/// What most published lists use; never applied without saying so.
const DEFAULT_UNIT: Scale = Scale { token: "万元", exp: 4 };

fn words(f: impl Fn(Lang) -> String) -> I18n {
    I18n { zh: f(Lang::Zh), en: f(Lang::En) }
}

/// Reads a file and builds its review and, where nothing blocks, its dataset.
pub fn analyse(bytes: &[u8], file: &str, choices: &Choices) -> Result<(Review, Option<Dataset>), ImportError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge { bytes: bytes.len(), limit: MAX_IMPORT_BYTES });
    }
    let wb = read(bytes)?;
    analyse_workbook(&wb, file, &release_of(bytes), choices)
}

/// An imported list's release: FNV-1a of the file's bytes, so it names the exact file.
pub fn release_of(bytes: &[u8]) -> String {
    format!("import-{:08x}", fnv1a(bytes))
}

fn format_name(f: Format) -> String {
    match f {
        Format::Xlsx => "xlsx".into(),
        Format::Xls => "xls".into(),
        Format::Ods => "ods".into(),
        Format::Text { encoding, tab } => format!("{} ({})", if tab { "TSV" } else { "CSV" }, encoding.name()),
    }
}

/// The same as `analyse`, on a workbook already read (the worker keeps it while the
/// reader changes the mapping).
pub fn analyse_workbook(
    wb: &Workbook,
    file: &str,
    release: &str,
    choices: &Choices,
) -> Result<(Review, Option<Dataset>), ImportError> {
    let headers: Vec<Option<Header>> = wb.sheets.iter().map(find_header).collect();
    let sheets = wb
        .sheets
        .iter()
        .zip(&headers)
        .map(|(s, h)| SheetInfo { name: s.name.clone(), rows: s.rows.len(), header: h.is_some() })
        .collect();
    let index = choices
        .sheet
        .filter(|&i| i < wb.sheets.len())
        .or_else(|| headers.iter().position(Option::is_some))
        .ok_or(ImportError::NoHeader)?;
    let sheet = &wb.sheets[index];
    let header = headers[index].clone().ok_or(ImportError::NoHeader)?;
    let (guessed, contested) = guess(&header.names);
    let fields: Vec<Field> = match &choices.fields {
        Some(f) if f.len() == guessed.len() => f.clone(),
        _ => guessed.clone(),
    };
    // The unit of amount columns whose own header states none: the reader's choice, else
    // the unit line, else the first amount header's, else assumed (and said so).
    let in_header = header.names.iter().zip(&fields).find_map(|(h, f)| f.is_amount().then(|| scale_in(h)).flatten());
    let (unit, unit_from) = match (choices.unit.as_deref().and_then(scale_named), header.unit_line, in_header) {
        (Some(u), _, _) => (u, UnitFrom::Chosen),
        (None, Some(u), _) => (u, UnitFrom::Line),
        (None, None, Some(u)) => (u, UnitFrom::Header),
        (None, None, None) => (DEFAULT_UNIT, UnitFrom::Assumed),
    };
    let classes = classify(sheet, &header, &fields);
    let mut b = Builder::new(sheet, &header, &fields, unit, file);
    b.gbt = choices.gbt;
    for c in &classes {
        b.row(c);
    }
    let columns = (0..header.names.len())
        .map(|c| ColumnInfo {
            col: c,
            letter: letters(c),
            header: header.names[c].clone(),
            field: fields[c],
            guessed: guessed[c],
            samples: classes
                .iter()
                .filter(|x| x.kind == RowKind::Project)
                .map(|x| sheet.cell(x.row, c).text().trim().to_string())
                .filter(|t| !t.is_empty())
                .take(SAMPLES)
                .collect(),
            unit: fields[c].is_amount().then(|| scale_in(&header.names[c]).unwrap_or(unit).token.to_string()),
        })
        .collect();
    let mut problems = std::mem::take(&mut b.problems);
    if unit_from == UnitFrom::Assumed && fields.iter().any(|f| f.is_amount()) {
        problems.insert(0, Problem { row: None, col: None, message: words(|l| fill_named(import_words(l).unit_assumed, &[("unit", unit.token.into())])), blocking: false });
    }
    for f in &contested {
        problems.insert(0, Problem { row: None, col: None, message: words(|l| fill_named(import_words(l).contested, &[("field", import_field_label(*f, l).into())])), blocking: false });
    }
    for (c, f) in fields.iter().enumerate() {
        if f.is_amount() && b.readable[c] == 0 && b.unreadable[c] > 0 {
            problems.push(Problem { row: None, col: Some(letters(c)), message: words(|l| fill_named(import_words(l).unreadable_column, &[("column", letters(c))])), blocking: false });
        }
    }
    if !fields.contains(&Field::Name) {
        problems.insert(0, Problem { row: None, col: None, message: words(|l| import_words(l).no_name_column.to_string()), blocking: true });
    } else if b.projects.is_empty() {
        problems.insert(0, Problem { row: None, col: None, message: words(|l| import_words(l).no_projects.to_string()), blocking: true });
    }
    let counts = Counts {
        projects: classes.iter().filter(|c| c.kind == RowKind::Project).count(),
        sections: classes.iter().filter(|c| c.kind == RowKind::Section).count(),
        subtotals: classes.iter().filter(|c| c.kind == RowKind::Subtotal).count(),
        totals: classes.iter().filter(|c| c.kind == RowKind::Total).count(),
        notes: classes.iter().filter(|c| c.kind == RowKind::Note).count(),
        blank: classes.iter().filter(|c| c.kind == RowKind::Blank).count(),
        skipped: classes.iter().filter(|c| c.kind == RowKind::Skipped).count(),
    };
    let rows = classes
        .iter()
        .filter(|c| c.kind != RowKind::Project && c.kind != RowKind::Blank)
        .take(MAX_ROW_NOTES)
        .map(|c| RowNote { row: c.row as u32 + 1, kind: c.kind, skip: c.skip, label: c.label.clone() })
        .collect();
    let preview = b.preview.clone();
    let categories = b
        .sectors
        .iter()
        .map(|s| CategoryInfo {
            name: s.name.zh.clone(),
            suggested: suggest(&s.name.zh).map(|g| (g.code.to_string(), I18n { zh: g.zh.into(), en: g.en.into() })),
        })
        .collect();
    let title = title_above(sheet, header.row);
    let ds = (!problems.iter().any(|p| p.blocking)).then(|| b.finish(release, title.as_deref(), wb.format));
    if let Some(ds) = &ds {
        // The importer's own output must validate; anything else is our bug, shown, not hidden.
        for e in validate(ds).into_iter().take(20) {
            problems.push(Problem { row: None, col: None, message: words(|l| e.message(l)), blocking: true });
        }
    }
    problems.truncate(MAX_PROBLEMS);
    // A mapping or unit the reader chose is theirs: no doubt is left to confirm.
    let unambiguous = (contested.is_empty() || choices.fields.is_some()) && unit_from != UnitFrom::Assumed;
    let review = Review {
        file: file.to_string(),
        format: format_name(wb.format),
        sheets,
        sheet: index,
        header_row: header.row as u32 + 1,
        header_depth: header.depth as u32,
        columns,
        contested,
        unit: unit.token.to_string(),
        unit_from,
        counts,
        rows,
        preview,
        problems,
        unambiguous,
        categories,
        gbt: choices.gbt,
    };
    let ds = ds.filter(|_| review.can_confirm());
    Ok((review, ds))
}

/// The list's title: the longest text above the header that is no unit line.
fn title_above(sheet: &Sheet, header_row: usize) -> Option<String> {
    (0..header_row)
        .flat_map(|r| sheet.rows[r].iter().map(Value::text))
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty() && !t.contains("单位") && !t.to_lowercase().starts_with("unit"))
        .max_by_key(|t| t.chars().count())
}

/// A year printed in a title or header: 2023年.
fn year_in(text: &str) -> Option<u16> {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|i| {
        let y = text.get(i..i + 4)?;
        (y.bytes().all(|c| c.is_ascii_digit()) && text[i + 4..].starts_with('年') && (i == 0 || !b[i - 1].is_ascii_digit()))
            .then(|| y.parse().ok())
            .flatten()
            .filter(|y| (1990..=2100).contains(y))
    })
}

/// "能源项目（12个）" → ("能源项目", Some(12)).
fn split_count(label: &str) -> (String, Option<u32>) {
    let t = label.trim();
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(start) = t.rfind(open) {
            let inner = &t[start + open.len_utf8()..];
            let inner = inner.strip_suffix(close).unwrap_or(inner);
            let digits: String = inner.chars().take_while(char::is_ascii_digit).collect();
            let rest = &inner[digits.len()..];
            if !digits.is_empty() && ["个", "项", "个项目", ""].contains(&rest) {
                return (t[..start].trim().to_string(), digits.parse().ok());
            }
        }
    }
    (t.to_string(), None)
}

/// A section's name without its marker: "一、能源项目" → "能源项目".
fn strip_marker(label: &str) -> &str {
    let t = label.trim();
    if let Some(i) = t.find(['、', '）', ')']) {
        let marker = &t[..i];
        if marker.chars().all(|c| "一二三四五六七八九十（(".contains(c)) {
            return t[i..].trim_start_matches(['、', '）', ')', '.', '．']).trim();
        }
    }
    t
}

fn section_level(label: &str) -> u8 {
    if label.trim_start().starts_with(['（', '(']) {
        2
    } else {
        1
    }
}

struct Pending {
    scope: TotalScope,
    label: String,
    row: usize,
    section: Option<usize>,
    /// Projects built before this row.
    before: usize,
    figures: Vec<Figure>,
}

struct Builder<'a> {
    sheet: &'a Sheet,
    header: &'a Header,
    fields: &'a [Field],
    /// Per column: the power of ten of its unit (amount columns only).
    exps: Vec<Option<(i32, &'static str)>>,
    file: &'a str,
    projects: Vec<Project>,
    /// Per project, the sections it belongs to (its own and their parents), by index.
    project_sections: Vec<Vec<usize>>,
    sections: Vec<Section>,
    section_levels: Vec<u8>,
    open_sections: Vec<usize>,
    pending: Vec<Pending>,
    districts: Vec<District>,
    district_ids: HashMap<String, String>,
    sectors: Vec<Sector>,
    stages: Vec<Theme>,
    ids: HashMap<String, usize>,
    problems: Vec<Problem>,
    readable: Vec<usize>,
    unreadable: Vec<usize>,
    preview: Vec<PreviewRow>,
    /// Give categories the GB/T letter their name suggests (the reader's choice).
    gbt: bool,
}

/// The slug of a name, with -2, -3… where two names give the same one.
fn unique_slug(name: &str, taken: impl Fn(&str) -> bool) -> String {
    numbered(slug(name, 40), taken)
}

/// `base`, or the first of `base-2`, `base-3`… not yet taken.
fn numbered(base: String, taken: impl Fn(&str) -> bool) -> String {
    if !taken(&base) {
        return base;
    }
    (2..).map(|k| format!("{base}-{k}")).find(|id| !taken(id)).unwrap_or(base)
}

fn metric_period(f: Field) -> Option<Period> {
    match f {
        Field::Total => Some(Period::Once),
        Field::PlanYear => Some(Period::PlanYear),
        Field::ToDate => Some(Period::ToDate),
        _ => None,
    }
}

/// The English name of a common 建设性质 value; others are transliterated.
fn stage_english(zh: &str) -> Option<&'static str> {
    Some(match zh {
        "新建" | "新开工" => "New",
        "续建" => "Continuing",
        "前期" | "前期工作" => "Preparatory",
        "竣工" | "建成投产" | "竣工投产" => "Completing",
        "储备" => "Reserve",
        "扩建" => "Expansion",
        "改扩建" | "改建" => "Renovation",
        _ => return None,
    })
}

impl<'a> Builder<'a> {
    fn new(sheet: &'a Sheet, header: &'a Header, fields: &'a [Field], unit: Scale, file: &'a str) -> Self {
        let exps = header
            .names
            .iter()
            .zip(fields)
            .map(|(h, f)| f.is_amount().then(|| scale_in(h).unwrap_or(unit)).map(|s| (s.exp, s.token)))
            .collect();
        let n = fields.len();
        Builder {
            sheet,
            header,
            fields,
            exps,
            file,
            projects: Vec::new(),
            project_sections: Vec::new(),
            sections: Vec::new(),
            section_levels: Vec::new(),
            open_sections: Vec::new(),
            pending: Vec::new(),
            districts: Vec::new(),
            district_ids: HashMap::new(),
            sectors: Vec::new(),
            stages: Vec::new(),
            ids: HashMap::new(),
            problems: Vec::new(),
            readable: vec![0; n],
            unreadable: vec![0; n],
            preview: Vec::new(),
            gbt: false,
        }
    }

    fn col(&self, f: Field) -> Option<usize> {
        self.fields.iter().position(|x| *x == f)
    }

    fn text(&self, r: usize, c: usize) -> String {
        self.sheet.cell(r, c).text()
    }

    fn problem(&mut self, r: usize, c: usize, template: fn(Lang) -> &'static str, text: &str) {
        let cell = format!("{}{}", letters(c), r + 1);
        let quoted: String = text.chars().take(40).collect();
        self.problems.push(Problem {
            row: Some(r as u32 + 1),
            col: Some(letters(c)),
            message: words(|l| fill_named(template(l), &[("cell", cell.clone()), ("text", format!("“{quoted}”"))])),
            blocking: false,
        });
    }

    /// The amount figures of a row, one per amount column that holds one.
    fn figures(&mut self, r: usize) -> Vec<Figure> {
        let mut out = Vec::new();
        for c in 0..self.fields.len() {
            let (Some(period), Some((exp, token))) = (metric_period(self.fields[c]), self.exps[c]) else { continue };
            let printed = self.text(r, c);
            if not_stated(&printed) {
                continue;
            }
            match parse_cell(&printed, exp, Unit::Yuan) {
                Ok(p) if !(p.value.is_finite() && p.value >= 0.0 && p.value < 1e18) => {
                    self.unreadable[c] += 1;
                    self.problem(r, c, |l| import_words(l).unreadable_amount, &printed);
                }
                // Yuan are whole: a cell worth a fraction of one is shown, not rounded away.
                Ok(p) if p.value.fract() != 0.0 => {
                    self.unreadable[c] += 1;
                    self.problem(r, c, |l| import_words(l).fraction_of_yuan, &printed);
                }
                Ok(p) => {
                    self.readable[c] += 1;
                    out.push(Figure {
                        metric: Metric::Investment,
                        part: None,
                        item: None,
                        period,
                        value: p.value,
                        unit: Unit::Yuan,
                        printed,
                        unit_from: Some(token.into()),
                        qualifier: p.qualifier,
                        src: SourceRef::cell(r as u32 + 1, Some(c as u32 + 1)),
                    });
                }
                _ => {
                    self.unreadable[c] += 1;
                    self.problem(r, c, |l| import_words(l).unreadable_amount, &printed);
                }
            }
        }
        out
    }

    fn row(&mut self, c: &Classified) {
        match c.kind {
            RowKind::Project => self.project(c.row),
            RowKind::Section => self.section(c),
            RowKind::Subtotal | RowKind::Total => {
                let figures = self.figures(c.row);
                let scope = if c.kind == RowKind::Subtotal { TotalScope::Subtotal } else { TotalScope::Total };
                let section = (scope == TotalScope::Subtotal).then(|| self.open_sections.last().copied()).flatten();
                self.pending.push(Pending { scope, label: c.label.clone(), row: c.row, section, before: self.projects.len(), figures });
            }
            RowKind::Note | RowKind::Blank | RowKind::Skipped => {}
        }
    }

    fn section(&mut self, c: &Classified) {
        let level = section_level(&c.label);
        while self.open_sections.last().is_some_and(|&s| self.section_levels[s] >= level) {
            self.open_sections.pop();
        }
        let (name, count) = split_count(strip_marker(&c.label));
        let n = self.sections.len();
        let col = (0..self.sheet.rows[c.row].len()).find(|&i| !self.sheet.cell(c.row, i).is_empty()).unwrap_or(0);
        self.sections.push(Section {
            id: format!("s{}-{}", n + 1, slug(&name, 40)),
            name: I18n { en: transliterate(&name), zh: name },
            printed: c.label.clone(),
            count,
            src: SourceRef::cell(c.row as u32 + 1, Some(col as u32 + 1)),
        });
        self.section_levels.push(level);
        self.open_sections.push(n);
        // A section row that prints amounts is its own subtotal; a section merged across
        // the row has its own name in the amount cells, which is no amount.
        let merged = (0..self.fields.len()).any(|i| self.fields[i].is_amount() && self.text(c.row, i).trim() == c.label.trim());
        let figures = if merged { Vec::new() } else { self.figures(c.row) };
        if !figures.is_empty() {
            self.pending.push(Pending { scope: TotalScope::Subtotal, label: c.label.clone(), row: c.row, section: Some(n), before: self.projects.len(), figures });
        }
    }

    fn district_of(&mut self, place: &str) -> String {
        if let Some(id) = self.district_ids.get(place) {
            return id.clone();
        }
        let id = unique_slug(place, |id| self.districts.iter().any(|d| d.id == id));
        let n = self.districts.len();
        self.districts.push(District {
            id: id.clone(),
            name: I18n { zh: place.to_string(), en: transliterate(place) },
            short: None,
            tile: [(n % 4) as u8, (n / 4).min(255) as u8],
        });
        self.district_ids.insert(place.to_string(), id.clone());
        id
    }

    fn listed(list: &mut Vec<Theme>, zh: &str, english: Option<&str>) -> String {
        if let Some(t) = list.iter().find(|t| t.name.zh == zh) {
            return t.id.clone();
        }
        let id = unique_slug(zh, |id| list.iter().any(|t| t.id == id));
        list.push(Theme { id: id.clone(), name: I18n { zh: zh.to_string(), en: english.map_or_else(|| transliterate(zh), str::to_string) } });
        id
    }

    fn project(&mut self, r: usize) {
        let get = |b: &Self, f: Field| b.col(f).map(|c| b.text(r, c).trim().to_string()).filter(|t| !not_stated(t));
        let name = get(self, Field::Name).unwrap_or_default();
        let place_text = get(self, Field::Location).unwrap_or_default();
        let named_places = places(&place_text);
        let ids: Vec<String> = named_places.iter().map(|p| self.district_of(p)).collect();
        // A list's own categories are its sectors (no GB/T letter: the list gives none).
        let sector = match get(self, Field::Category) {
            Some(cat) => match self.sectors.iter().find(|s| s.name.zh == cat) {
                Some(s) => s.id.clone(),
                None => {
                    let id = unique_slug(&cat, |id| self.sectors.iter().any(|s| s.id == id));
                    // The GB/T letter only where the reader chose the review's suggestions.
                    let code = if self.gbt { suggest(&cat).map(|g| g.code.to_string()).unwrap_or_default() } else { String::new() };
                    self.sectors.push(Sector { id: id.clone(), code, name: I18n { en: transliterate(&cat), zh: cat }, short: None });
                    id
                }
            },
            None => String::new(),
        };
        let status = get(self, Field::Stage).map(|s| Self::listed(&mut self.stages, &s, stage_english(&s)));
        let company = get(self, Field::Owner).map(|o| I18n { en: o.clone(), zh: o });
        let mut milestones = ThinVec::new();
        if let Some(c) = self.col(Field::Years) {
            let v = self.sheet.cell(r, c).clone();
            let printed = v.text().trim().to_string();
            if !not_stated(&printed) {
                match years(&v) {
                    Some((start, end)) => {
                        let src = SourceRef::cell(r as u32 + 1, Some(c as u32 + 1));
                        milestones.push(Milestone { event: MilestoneEvent::Start, part: None, date: start, printed: printed.clone(), src });
                        if let Some(end) = end {
                            milestones.push(Milestone { event: MilestoneEvent::Completion, part: None, date: end, printed, src });
                        }
                    }
                    None => self.problem(r, c, |l| import_words(l).bad_years, &printed),
                }
            }
        }
        // A first push reserves four; a project has at most two of these.
        milestones.shrink_to_fit();
        let figures = self.figures(r);
        // Stable across releases and years: the normalised name and the place.
        let key = format!("{}|{}", normalise_name(&name), named_places.first().map_or("", String::as_str));
        let base = format!("{}-{:06x}", slug(&name, 48), fnv1a(key.as_bytes()) & 0xff_ffff);
        let id = match self.ids.get(&base).copied() {
            None => base.clone(),
            Some(first) => {
                let first_row = self.projects[first].src.row().unwrap_or(0);
                self.problems.push(Problem {
                    row: Some(r as u32 + 1),
                    col: None,
                    message: words(|l| fill_named(import_words(l).duplicate, &[("row", (r + 1).to_string()), ("first", first_row.to_string())])),
                    blocking: false,
                });
                numbered(base, |id| self.ids.contains_key(id))
            }
        };
        self.ids.insert(id.clone(), self.projects.len());
        let cells = (0..self.sheet.rows[r].len())
            .filter(|&c| !self.sheet.cell(r, c).is_empty())
            .map(|c| Cell { col: c as u32 + 1, text: self.text(r, c) })
            .collect();
        let section = self.open_sections.last().map(|&s| self.sections[s].id.clone());
        if self.preview.len() < PREVIEW_ROWS {
            self.preview.push(PreviewRow {
                row: r as u32 + 1,
                name: name.clone(),
                place: place_text.clone(),
                section: self.open_sections.last().map(|&s| self.sections[s].name.zh.clone()).unwrap_or_default(),
                total: figures.iter().find(|f| f.period == Period::Once).map(|f| f.printed.clone()).unwrap_or_default(),
            });
        }
        self.project_sections.push(self.open_sections.clone());
        let mut ids = ids.into_iter();
        self.projects.push(Project {
            id,
            kind: Kind::Listed,
            name: I18n { en: transliterate(&name), zh: name },
            translit: true,
            district: ids.next().map(Into::into),
            places: ids.map(Into::into).collect(),
            sector: sector.into(),
            section: section.map(Into::into),
            status: status.map(Into::into),
            themes: ThinVec::new(),
            stage: None,
            company: company.map(Box::new),
            summary: I18n::default(),
            parts: ThinVec::new(),
            milestones,
            figures,
            src: SourceRef::cell(r as u32 + 1, self.col(Field::Name).map(|c| c as u32 + 1)),
            cells,
        });
    }

    fn finish(mut self, release: &str, title: Option<&str>, format: Format) -> Dataset {
        let pending = std::mem::take(&mut self.pending);
        let totals = pending
            .into_iter()
            .enumerate()
            .filter(|(_, p)| !p.figures.is_empty())
            .map(|(i, p)| {
                let members: Vec<usize> = match (p.scope, p.section) {
                    (TotalScope::Subtotal, Some(s)) => (0..self.projects.len()).filter(|&k| self.project_sections[k].contains(&s)).collect(),
                    // A subtotal outside any section sums the projects since the last total row.
                    (TotalScope::Subtotal, None) => (0..p.before).collect(),
                    (TotalScope::Total, _) if p.before == 0 => (0..self.projects.len()).collect(),
                    (TotalScope::Total, _) => (0..p.before).collect(),
                };
                PrintedTotal {
                    id: format!("t{}-row-{}", i + 1, p.row + 1),
                    scope: p.scope,
                    label: p.label,
                    section: p.section.map(|s| self.sections[s].id.clone()),
                    members: members.into_iter().map(|k| self.projects[k].id.clone()).collect(),
                    figures: p.figures,
                    src: SourceRef::cell(p.row as u32 + 1, None),
                }
            })
            .collect();
        let stem = self.file.rsplit_once('.').map_or(self.file, |(s, _)| s);
        let title_zh = title.unwrap_or(stem).to_string();
        let year = title.and_then(year_in).or_else(|| self.header.names.iter().find_map(|h| year_in(h))).unwrap_or(0);
        let sheet = match format {
            Format::Text { .. } => None,
            _ => Some(self.sheet.name.clone()),
        };
        Dataset {
            release: release.to_string(),
            // A document's title is cited as printed in both languages: pinyin of a title
            // reads as noise, and the reader must be able to find the document.
            region: I18n { en: title_zh.clone(), zh: title_zh.clone() },
            source: Source {
                file: self.file.to_string(),
                title: I18n { en: title_zh.clone(), zh: title_zh },
                year,
                sheet,
                sha256: None,
            },
            districts: self.districts,
            sectors: self.sectors,
            themes: Vec::new(),
            projects: self.projects,
            programme: Vec::new(),
            sections: self.sections,
            stages: self.stages,
            columns: self.header.names.clone(),
            totals,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_in_section_rows() {
        assert_eq!(split_count("能源项目（12个）"), ("能源项目".into(), Some(12)));
        assert_eq!(split_count("工业项目(3项)"), ("工业项目".into(), Some(3)));
        assert_eq!(split_count("社会事业"), ("社会事业".into(), None));
        assert_eq!(strip_marker("一、能源项目（12个）"), "能源项目（12个）");
        assert_eq!(strip_marker("（二）工业项目"), "工业项目");
        assert_eq!(year_in("通辽市2023年重点项目计划表"), Some(2023));
        assert_eq!(year_in("12023年"), None);
    }
}
