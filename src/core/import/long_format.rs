//! Loading another region's list, in the same schema, from a file the user picks in the
//! browser: JSON (the `Dataset` schema of `model.rs`) or a long-format CSV, one row per
//! figure with the project columns repeated. Input is bytes (the browser has no paths).
//! Nothing here panics on any input; every error says where it is (row and column, or
//! record and field) and what would be accepted.
//!
//! CSV rows (numbered like a spreadsheet: the first row of the file is row 1, so the header
//! is row 1 unless `#` metadata rows come first):
//! - `# key: value` rows set dataset metadata (`META_KEYS`); other `#` rows are comments;
//! - the header names the columns, in any order: all of `COLUMNS`, optionally `OPTIONAL_COLUMNS`;
//! - a row with a `metric` is a figure; with `metric` = `milestone-<event>` a milestone
//!   (`value` = YYYY-MM); with no `metric` but a `part` it declares that part (names, order);
//!   with neither it is a project without figures.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::{DefaultHasher, Hasher};

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::core::dataset::{embedded_dataset, Catalog};
use crate::core::gbt4754::{by_code, SECTIONS};
use crate::core::i18n::{file_words, fill_named};
use crate::core::model::{
    slug_of, thin_vec, Slug, ThinVec,
    Dataset, District, Figure, I18n, Kind, Lang, Metric, Milestone, MilestoneEvent, Part, Period, Project, Qualifier, Source,
    SourceRef, Stage, StageRecord, Theme, Unit,
};
use crate::core::validate::{is_slug, validate, Record, ValidationError};

/// Largest file accepted, checked before anything is parsed.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// Row problems collected before reading stops.
pub const MAX_ROW_ERRORS: usize = 100;
/// Longest cell value quoted back in a message.
const MAX_QUOTED: usize = 60;
/// Districts are laid out on a grid this many tiles wide.
pub const TILE_COLUMNS: usize = 4;

/// Required CSV columns, in the order `dataset_to_csv` writes them.
pub const COLUMNS: [&str; 25] = [
    "project_id",
    "kind",
    "name_zh",
    "name_en",
    "district_id",
    "district_zh",
    "district_en",
    "sector_code",
    "themes",
    "stage",
    "company_zh",
    "company_en",
    "summary_zh",
    "summary_en",
    "project_line",
    "metric",
    "part",
    "item_zh",
    "item_en",
    "period",
    "value",
    "unit",
    "printed",
    "qualifier",
    "line",
];
/// Columns a file may add: the stage's own source line and the names of parts.
pub const OPTIONAL_COLUMNS: [&str; 3] = ["stage_line", "part_zh", "part_en"];
/// A column, by its position in `COLUMNS` then `OPTIONAL_COLUMNS`: cells are found by
/// position, not by hashing a name for every cell of a file that may hold 100,000 rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Col(usize);

const ALL_COLUMNS: usize = COLUMNS.len() + OPTIONAL_COLUMNS.len();

impl Col {
    /// Cols exist only for positions below `ALL_COLUMNS` (see `col` and `named`).
    const fn name(self) -> &'static str {
        if self.0 < COLUMNS.len() {
            COLUMNS[self.0]
        } else {
            OPTIONAL_COLUMNS[self.0 - COLUMNS.len()]
        }
    }

    /// The column named `name` (lowercase), if the format has one.
    fn named(name: &str) -> Option<Col> {
        (0..ALL_COLUMNS).map(Col).find(|c| c.name() == name)
    }
}

/// `name`'s column, found at compile time: a misspelt name does not build.
const fn col(name: &str) -> Col {
    const fn same(a: &[u8], b: &[u8]) -> bool {
        if a.len() != b.len() {
            return false;
        }
        let mut i = 0;
        while i < a.len() {
            if a[i] != b[i] {
                return false;
            }
            i += 1;
        }
        true
    }
    let mut i = 0;
    while i < ALL_COLUMNS {
        if same(Col(i).name().as_bytes(), name.as_bytes()) {
            return Col(i);
        }
        i += 1;
    }
    panic!("not a column of the format")
}

const PROJECT_ID: Col = col("project_id");
const KIND: Col = col("kind");
const NAME_ZH: Col = col("name_zh");
const NAME_EN: Col = col("name_en");
const DISTRICT_ID: Col = col("district_id");
const DISTRICT_ZH: Col = col("district_zh");
const DISTRICT_EN: Col = col("district_en");
const SECTOR_CODE: Col = col("sector_code");
const THEMES: Col = col("themes");
const STAGE: Col = col("stage");
const COMPANY_ZH: Col = col("company_zh");
const COMPANY_EN: Col = col("company_en");
const SUMMARY_ZH: Col = col("summary_zh");
const SUMMARY_EN: Col = col("summary_en");
const PROJECT_LINE: Col = col("project_line");
const METRIC: Col = col("metric");
const PART: Col = col("part");
const ITEM_ZH: Col = col("item_zh");
const ITEM_EN: Col = col("item_en");
const PERIOD: Col = col("period");
const VALUE: Col = col("value");
const UNIT: Col = col("unit");
const PRINTED: Col = col("printed");
const QUALIFIER: Col = col("qualifier");
const LINE: Col = col("line");
const STAGE_LINE: Col = col("stage_line");
const PART_ZH: Col = col("part_zh");
const PART_EN: Col = col("part_en");

/// Columns that describe the project and must agree on every row of one project.
const PROJECT_COLUMNS: [Col; 15] = [
    KIND,
    NAME_ZH,
    NAME_EN,
    DISTRICT_ID,
    DISTRICT_ZH,
    DISTRICT_EN,
    SECTOR_CODE,
    THEMES,
    STAGE,
    STAGE_LINE,
    COMPANY_ZH,
    COMPANY_EN,
    SUMMARY_ZH,
    SUMMARY_EN,
    PROJECT_LINE,
];
/// Figure columns; all empty on a project-only or part row.
const FIGURE_COLUMNS: [Col; 8] = [ITEM_ZH, ITEM_EN, PERIOD, VALUE, UNIT, PRINTED, QUALIFIER, LINE];
/// `metric` value of a milestone row is this prefix plus the event, e.g. `milestone-production`.
pub const MILESTONE_PREFIX: &str = "milestone-";
/// Keys of `# key: value` metadata rows.
pub const META_KEYS: [&str; 8] = [
    "release",
    "region_zh",
    "region_en",
    "source_file",
    "source_title_zh",
    "source_title_en",
    "source_year",
    "source_sha256",
];

/// Metadata used when the file gives none.
pub const DEFAULT_RELEASE: &str = "uploaded";
const DEFAULT_NAME_ZH: &str = "上传的文件";
const DEFAULT_NAME_EN: &str = "uploaded file";

// ---------------------------------------------------------------- errors

#[derive(Debug, Clone, PartialEq)]
pub enum UserDataError {
    TooLarge {
        bytes: usize,
        limit: usize,
    },
    Empty,
    /// UTF-16 text (with or without a byte-order mark).
    Utf16 {
        bom: bool,
    },
    /// Not UTF-8, and the bytes read like GBK/GB18030 Chinese. `offset`: first bad byte.
    Gbk {
        offset: usize,
    },
    NotUtf8 {
        offset: usize,
    },
    /// An .xlsx/.xls workbook rather than CSV or JSON.
    Spreadsheet,
    /// Not JSON of the dataset schema, at a line and column of the file.
    Json(JsonError),
    /// The header row (`row`) lacks, repeats or adds columns.
    Columns {
        row: usize,
        missing: Vec<String>,
        unknown: Vec<String>,
        repeated: Vec<String>,
    },
    /// Only comment rows: no header.
    NoHeader,
    Rows(Vec<RowError>),
    NoProjects,
    /// A packed dataset (`core::packed`: a `.packed` list, or what the import worker sent)
    /// did not read back.
    Packed(String),
    /// Schema validation (`validate.rs`) failed; CSV errors also carry their row.
    Invalid(Vec<Located>),
}

/// Where and how a JSON file fails: `detail` is serde's own (English) wording, shown to
/// English readers and, for schema faults, which name a field, to Chinese readers too.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonError {
    pub line: usize,
    pub column: usize,
    pub fault: JsonFault,
    pub detail: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonFault {
    /// Not JSON at all there.
    Syntax,
    /// The text ends inside a value.
    Truncated,
    /// Valid JSON, but not the dataset schema (a missing field, a wrong type).
    Schema,
}

impl From<serde_json::Error> for JsonError {
    fn from(e: serde_json::Error) -> Self {
        use serde_json::error::Category;
        let fault = match e.classify() {
            Category::Eof => JsonFault::Truncated,
            Category::Data => JsonFault::Schema,
            Category::Syntax | Category::Io => JsonFault::Syntax,
        };
        let full = e.to_string();
        // serde appends " at line L column C", which the message gives in its own words.
        let detail = full.rfind(" at line ").map_or(full.as_str(), |at| &full[..at]).to_string();
        JsonError { line: e.line(), column: e.column(), fault, detail }
    }
}

impl JsonError {
    fn message(&self, lang: Lang) -> String {
        let w = file_words(lang);
        let template = match self.fault {
            JsonFault::Syntax => w.json_syntax,
            JsonFault::Truncated => w.json_truncated,
            JsonFault::Schema => w.json_schema,
        };
        let values =
            [("line", self.line.to_string()), ("column", self.column.to_string()), ("detail", self.detail.clone())];
        fill_named(w.json, &[("detail", fill_named(template, &values))])
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    /// 1-based, as a spreadsheet numbers rows.
    pub row: usize,
    /// The column, e.g. "value"; empty for the row as a whole.
    pub field: String,
    pub problem: RowProblem,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RowProblem {
    Missing,
    /// Empty although the named column is filled in.
    MissingWith(String),
    /// Must be empty on a milestone row.
    NotOnMilestoneRow,
    BadNumber {
        value: String,
        expected: Expected,
    },
    UnknownValue {
        value: String,
        allowed: Vec<String>,
    },
    NotSlug(String),
    /// Two rows describe one project (or district, or part) differently.
    Conflict {
        record: String,
        first_row: usize,
        first: String,
        here: String,
    },
    TooManyFields {
        found: usize,
        expected: usize,
    },
    /// The CSV reader's own message.
    UnreadableCsv(String),
    TooManyDistricts,
}

/// What a number cell should have held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Year,
    Line,
    BaseNumber,
}

/// A validation error, with the CSV row it comes from when known.
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    pub row: Option<usize>,
    pub error: ValidationError,
}

fn quote(s: &str) -> String {
    let mut q: String = s.chars().take(MAX_QUOTED).collect();
    if s.chars().count() > MAX_QUOTED {
        q.push('…');
    }
    format!("{q:?}")
}

impl RowProblem {
    pub fn message(&self, lang: Lang) -> String {
        let w = file_words(lang);
        match self {
            RowProblem::Missing => w.is_empty.to_string(),
            RowProblem::MissingWith(other) => fill_named(w.missing_with, &[("other", other.clone())]),
            RowProblem::NotOnMilestoneRow => w.not_on_milestone_row.to_string(),
            RowProblem::BadNumber { value, expected } => {
                let expected = match expected {
                    Expected::Year => w.expect_year,
                    Expected::Line => w.expect_line,
                    Expected::BaseNumber => w.expect_base_number,
                };
                fill_named(w.bad_number, &[("value", quote(value)), ("expected", expected.to_string())])
            }
            RowProblem::UnknownValue { value, allowed } => {
                fill_named(w.unknown_value, &[("value", quote(value)), ("allowed", allowed.join(", "))])
            }
            RowProblem::NotSlug(v) => fill_named(w.not_slug, &[("value", quote(v))]),
            RowProblem::Conflict { record, first_row, first, here } => fill_named(
                w.conflict,
                &[("record", record.clone()), ("here", quote(here)), ("first", quote(first)), ("first_row", first_row.to_string())],
            ),
            RowProblem::TooManyFields { found, expected } => {
                fill_named(w.too_many_fields, &[("found", found.to_string()), ("expected", expected.to_string())])
            }
            RowProblem::UnreadableCsv(m) => fill_named(w.unreadable_csv, &[("detail", m.clone())]),
            RowProblem::TooManyDistricts => w.too_many_districts.to_string(),
        }
    }
}

/// "row 4: …" or "row 4, value: …" in the reader's language.
fn at_row(lang: Lang, row: usize, field: &str, what: String) -> String {
    let w = file_words(lang);
    if field.is_empty() {
        fill_named(w.at_row, &[("row", row.to_string()), ("what", what)])
    } else {
        fill_named(w.at_row_field, &[("row", row.to_string()), ("field", field.to_string()), ("what", what)])
    }
}

impl RowError {
    pub fn message(&self, lang: Lang) -> String {
        at_row(lang, self.row, &self.field, self.problem.message(lang))
    }
}

impl Located {
    pub fn message(&self, lang: Lang) -> String {
        match self.row {
            Some(r) => at_row(lang, r, "", self.error.message(lang)),
            None => self.error.message(lang),
        }
    }
}

impl UserDataError {
    /// The message for the reader, naming row and column where there is one.
    pub fn message(&self, lang: Lang) -> String {
        use UserDataError::*;
        let w = file_words(lang);
        let save = || ("save", w.save_as_utf8.to_string());
        let list = |items: &[String]| items.join(", ");
        let count = |n: usize, template: &str, stopped: bool| {
            let mut s = fill_named(template, &[("n", n.to_string())]);
            if stopped {
                s.push_str(w.stopped);
            }
            s
        };
        match self {
            TooLarge { bytes, limit } => fill_named(
                w.too_large,
                &[("size", format!("{:.1}", *bytes as f64 / 1_048_576.0)), ("limit", (limit / 1_048_576).to_string())],
            ),
            Empty => w.empty.to_string(),
            Utf16 { .. } => fill_named(w.utf16, &[save()]),
            Gbk { offset } => fill_named(w.gbk, &[("offset", offset.to_string()), save()]),
            NotUtf8 { offset } => fill_named(w.not_utf8, &[("offset", offset.to_string()), save()]),
            Spreadsheet => w.spreadsheet.to_string(),
            Json(e) => e.message(lang),
            Columns { row, missing, unknown, repeated } => {
                let mut s = fill_named(w.columns, &[("row", row.to_string())]);
                for (items, template) in [(missing, w.columns_missing), (unknown, w.columns_unknown), (repeated, w.columns_repeated)] {
                    if !items.is_empty() {
                        s.push_str(&fill_named(template, &[("list", list(items))]));
                    }
                }
                let expected = COLUMNS.join(", ");
                s.push_str(&fill_named(w.columns_expected, &[("list", expected), ("optional", OPTIONAL_COLUMNS.join(", "))]));
                s
            }
            Rows(errs) => {
                let mut s = count(errs.len(), w.rows, errs.len() >= MAX_ROW_ERRORS);
                for e in errs {
                    s.push_str("\n- ");
                    s.push_str(&e.message(lang));
                }
                s
            }
            NoHeader => fill_named(w.no_header, &[("list", COLUMNS.join(", "))]),
            NoProjects => w.no_projects.to_string(),
            Packed(detail) => fill_named(w.packed, &[("detail", detail.clone())]),
            Invalid(errs) => {
                let mut s = count(errs.len(), w.invalid, false);
                for e in errs.iter().take(MAX_ROW_ERRORS) {
                    s.push_str("\n- ");
                    s.push_str(&e.message(lang));
                }
                s
            }
        }
    }
}

/// English, as in logs and tests; the page shows `message` in the reader's language.
impl fmt::Display for UserDataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

// ---------------------------------------------------------------- bytes → text

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
}

/// GBK-looking: nearly every non-ASCII byte is part of a GBK lead/trail pair.
fn looks_gbk(bytes: &[u8]) -> bool {
    let (mut pairs, mut stray, mut i) = (0usize, 0usize, 0usize);
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
        } else if (0x81..=0xFE).contains(&b)
            && bytes.get(i + 1).is_some_and(|&t| (0x40..=0xFE).contains(&t) && t != 0x7F)
        {
            pairs += 1;
            i += 2;
        } else {
            stray += 1;
            i += 1;
        }
    }
    pairs > 0 && stray * 20 <= pairs
}

/// UTF-16 without a byte-order mark: ASCII text comes out as every other byte NUL.
fn looks_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let nuls = head.iter().filter(|&&b| b == 0).count();
    head.len() >= 4 && nuls * 4 >= head.len()
}

/// Size, emptiness and encoding checks, in that order. Strips a UTF-8 BOM.
pub fn decode(bytes: &[u8]) -> Result<&str, UserDataError> {
    if bytes.len() > MAX_BYTES {
        return Err(UserDataError::TooLarge { bytes: bytes.len(), limit: MAX_BYTES });
    }
    if bytes.is_empty() {
        return Err(UserDataError::Empty);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(UserDataError::Utf16 { bom: true });
    }
    // Zip (xlsx) and OLE (xls) signatures.
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(UserDataError::Spreadsheet);
    }
    let (skip, body) = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => (3, rest),
        None => (0, bytes),
    };
    if looks_utf16(body) {
        return Err(UserDataError::Utf16 { bom: false });
    }
    let text = match std::str::from_utf8(body) {
        Ok(t) => t,
        Err(e) => {
            let offset = skip + e.valid_up_to();
            return Err(if looks_gbk(body) {
                UserDataError::Gbk { offset }
            } else {
                UserDataError::NotUtf8 { offset }
            });
        }
    };
    if text.trim().is_empty() {
        return Err(UserDataError::Empty);
    }
    Ok(text)
}

/// JSON when the text starts with `{` or `[`, otherwise CSV.
pub fn detect(text: &str) -> Format {
    match text.trim_start().chars().next() {
        Some('{') | Some('[') => Format::Json,
        _ => Format::Csv,
    }
}

/// A dataset JSON file starts with `{` (after a BOM and spaces): the page reads these itself.
pub fn looks_like_json(bytes: &[u8]) -> bool {
    let t = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    t.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

/// Our long-format CSV: its header names `project_id` and `metric`.
pub fn is_long_csv(bytes: &[u8]) -> bool {
    let t = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head = &t[..t.len().min(64 * 1024)];
    // Our CSV saved as UTF-16 is still ours: `load` then says to save it as UTF-8.
    let utf16 = |le: bool| {
        let units: Vec<u16> = head[2..].chunks_exact(2).map(|c| if le { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) }).collect();
        String::from_utf16_lossy(&units)
    };
    let head = if head.starts_with(b"\xFF\xFE") {
        utf16(true)
    } else if head.starts_with(b"\xFE\xFF") {
        utf16(false)
    } else {
        match std::str::from_utf8(head) {
            Ok(s) => s.to_string(),
            Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or("").to_string(),
        }
    };
    // Metadata and help rows start with # (quoted when they hold a comma).
    head.lines()
        .find(|l| !l.trim_start_matches(['\u{feff}', '"']).starts_with('#') && !l.trim().is_empty())
        .is_some_and(|l| l.split(',').any(|c| c.trim() == "project_id") && l.split(',').any(|c| c.trim() == "metric"))
}

/// The entry point: a user's file → a validated catalog, or a precise error.
///
/// The bytes are taken, and freed once read, before the catalog is built: for a large
/// file that lowers the peak memory by the file's size.
pub fn load(bytes: impl AsRef<[u8]> + Into<Vec<u8>>) -> Result<Catalog, UserDataError> {
    check_size(bytes.as_ref())?;
    let is_json = detect(decode(bytes.as_ref())?) == Format::Json;
    if is_json {
        load_json(bytes)
    } else {
        load_csv(bytes.as_ref()).map(Catalog::index)
    }
}

fn check_size(bytes: &[u8]) -> Result<(), UserDataError> {
    // Refused before a borrowed file is copied: a huge one costs nothing.
    if bytes.len() > MAX_BYTES {
        return Err(UserDataError::TooLarge { bytes: bytes.len(), limit: MAX_BYTES });
    }
    Ok(())
}

/// A dataset JSON file → a validated catalog. The page reads these itself; the CSV reader
/// lives in the import worker, so the page's first load does not carry it.
pub fn load_json(bytes: impl AsRef<[u8]> + Into<Vec<u8>>) -> Result<Catalog, UserDataError> {
    load_json_dataset(bytes).map(Catalog::index)
}

/// A dataset JSON file → a validated dataset, not indexed: what the import worker sends
/// the page of a large published list.
pub fn load_json_dataset(bytes: impl AsRef<[u8]> + Into<Vec<u8>>) -> Result<Dataset, UserDataError> {
    check_size(bytes.as_ref())?;
    let bytes = bytes.into();
    let ds: Dataset = {
        let text = decode(&bytes)?;
        serde_json::from_str(text).map_err(|e| UserDataError::Json(e.into()))?
    };
    drop(bytes);
    validated(ds)
}

/// The parse floor the benchmark compares our loading with: every record of a CSV read as
/// raw bytes by the `csv` crate, nothing kept. Returns (records, fields).
pub fn csv_floor(bytes: &[u8]) -> (usize, usize) {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).comment(Some(b'#')).from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let (mut records, mut fields) = (0, 0);
    while reader.read_byte_record(&mut record).unwrap_or(false) {
        records += 1;
        fields += record.len();
    }
    (records, fields)
}

/// A packed dataset (`core::packed`: a published list's `.packed` file) → a validated dataset.
pub fn load_packed_dataset(bytes: &[u8]) -> Result<Dataset, UserDataError> {
    check_size(bytes)?;
    validated(crate::core::packed::unpack(bytes).map_err(|e| UserDataError::Packed(e.to_string()))?)
}

/// A dataset file's dataset, or its validation errors (a dataset file has no rows to name).
fn validated(ds: Dataset) -> Result<Dataset, UserDataError> {
    let errs = crate::core::validate::validate(&ds);
    if errs.is_empty() {
        Ok(ds)
    } else {
        Err(invalid(errs, |_| None))
    }
}

/// A packed dataset → a validated catalog.
pub fn load_packed(bytes: &[u8]) -> Result<Catalog, UserDataError> {
    load_packed_dataset(bytes).map(Catalog::index)
}

/// Our long-format CSV → a validated dataset, with validation errors located by row.
/// The worker reads it, so it takes UTF-16 and GBK as well as UTF-8, as Excel saves them.
pub fn load_csv(bytes: &[u8]) -> Result<Dataset, UserDataError> {
    check_size(bytes)?;
    let text = match super::grid::decode(bytes) {
        Ok((text, _)) => text,
        // Not text in any of those: the page's own diagnosis names the offending byte.
        Err(_) => std::borrow::Cow::Borrowed(decode(bytes)?),
    };
    let builder = read_rows(&text)?;
    let (ds, rows) = builder.finish()?;
    let errs = validate(&ds);
    if !errs.is_empty() {
        return Err(invalid(errs, rows.locator(&ds)));
    }
    Ok(ds)
}

fn invalid(errs: Vec<ValidationError>, locate: impl Fn(&ValidationError) -> Option<usize>) -> UserDataError {
    UserDataError::Invalid(errs.into_iter().map(|e| Located { row: locate(&e), error: e }).collect())
}

/// The dataset a CSV describes, before validation.
pub fn parse_csv(text: &str) -> Result<Dataset, UserDataError> {
    read_rows(text)?.finish().map(|(ds, _)| ds)
}

// ---------------------------------------------------------------- enum vocabularies

const KINDS: [Kind; 3] = [Kind::Highlight, Kind::Mentioned, Kind::Listed];
const STAGES: [Stage; 3] = [Stage::Planned, Stage::UnderConstruction, Stage::InProduction];
const PERIODS: [Period; 5] = [Period::Once, Period::Annual, Period::Lifetime, Period::PlanYear, Period::ToDate];
const QUALIFIERS: [Qualifier; 5] =
    [Qualifier::AtLeast, Qualifier::Nearly, Qualifier::About, Qualifier::Over, Qualifier::OddMore];
const EVENTS: [MilestoneEvent; 3] = [MilestoneEvent::Start, MilestoneEvent::Production, MilestoneEvent::Completion];
#[rustfmt::skip]
const UNITS: [Unit; 16] = {
    use Unit::*;
    [
        Yuan, Person, Kw, Kwh, Tonne, Mu, Hectare, SquareMetre, Hour, Year, Count, Kv, GramPerKwh, BillionUnits,
        Percent, PercentagePoint,
    ]
};
#[rustfmt::skip]
const METRICS: [Metric; 29] = {
    use Metric::*;
    [
        Investment, Jobs, OutputValue, ValueAdded, Revenue, ProfitTax, Tax, PowerCapacity, StorageCapacity,
        Generation, UtilisationHours, LandArea, PermanentLandArea, FloorArea, ProductionCapacity, ProcessingCapacity,
        StorageVolume, CoalSaved, CoalRate, EmissionsAvoided, ProductionLines, Units, Reserves, ServiceLife,
        HerdSize, Voltage, Count, GrowthRate, RateChange,
    ]
};

/// Spellings of an enum's values, built once per file.
struct Vocab<T> {
    entries: Vec<(String, T)>,
}

impl<T: Serialize + Copy> Vocab<T> {
    fn new(all: &[T]) -> Self {
        Vocab { entries: all.iter().map(|v| (slug_of(v), *v)).collect() }
    }
    /// The value spelt `s`, in any ASCII case.
    fn get(&self, s: &str) -> Option<T> {
        self.entries.iter().find(|(k, _)| k.eq_ignore_ascii_case(s)).map(|(_, v)| *v)
    }
    fn names(&self) -> Vec<String> {
        self.entries.iter().map(|(k, _)| k.clone()).collect()
    }
}

struct Vocabs {
    kind: Vocab<Kind>,
    stage: Vocab<Stage>,
    period: Vocab<Period>,
    qualifier: Vocab<Qualifier>,
    event: Vocab<MilestoneEvent>,
    unit: Vocab<Unit>,
    metric: Vocab<Metric>,
}

impl Vocabs {
    fn new() -> Self {
        Vocabs {
            kind: Vocab::new(&KINDS),
            stage: Vocab::new(&STAGES),
            period: Vocab::new(&PERIODS),
            qualifier: Vocab::new(&QUALIFIERS),
            event: Vocab::new(&EVENTS),
            unit: Vocab::new(&UNITS),
            metric: Vocab::new(&METRICS),
        }
    }

    /// What the `metric` column accepts: metrics, then milestone events.
    fn metric_names(&self) -> Vec<String> {
        let mut v = self.metric.names();
        v.extend(self.event.names().into_iter().map(|e| format!("{MILESTONE_PREFIX}{e}")));
        v
    }
}

// ---------------------------------------------------------------- reading CSV

/// The one way a file's text is read as CSV: a first row read again later must split
/// exactly as it did the first time.
fn csv_reader(bytes: &[u8]) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes)
}

/// Header positions, by `Col`. Project and district ids (below) are looked up for every
/// row of a file that may hold 100,000; FxHash is several times faster than SipHash
/// there, and a file can only slow down its own parse.
struct Header {
    /// The file's position of each column (`Col`), if present.
    at: [Option<usize>; ALL_COLUMNS],
    width: usize,
}

fn read_header(rec: &csv::StringRecord, row: usize) -> Result<Header, UserDataError> {
    let mut at = [None; ALL_COLUMNS];
    let (mut unknown, mut repeated) = (Vec::new(), Vec::new());
    for (i, cell) in rec.iter().enumerate() {
        let name = cell.trim().to_ascii_lowercase();
        if name.is_empty() {
            continue; // spreadsheets pad rows with empty cells
        }
        match Col::named(&name) {
            Some(c) if at[c.0].is_some() => repeated.push(name),
            Some(c) => at[c.0] = Some(i),
            None => unknown.push(name.chars().take(MAX_QUOTED).collect()),
        }
    }
    let missing: Vec<String> = (0..COLUMNS.len()).filter(|&c| at[c].is_none()).map(|c| COLUMNS[c].to_string()).collect();
    if missing.is_empty() && unknown.is_empty() && repeated.is_empty() {
        Ok(Header { at, width: rec.len() })
    } else {
        Err(UserDataError::Columns { row, missing, unknown, repeated })
    }
}

/// One data row, cells looked up by column name (absent trailing cells read as empty).
struct Cells<'a> {
    rec: &'a csv::StringRecord,
    header: &'a Header,
    row: usize,
    /// Where the row starts in the file's text, to read it again if a later row of the
    /// same project disagrees with it.
    at: u64,
}

impl Cells<'_> {
    fn get(&self, column: Col) -> &str {
        self.header.at.get(column.0).copied().flatten().and_then(|i| self.rec.get(i)).map_or("", str::trim)
    }

    /// A project column as compared across a project's rows: theme lists in one spelling.
    fn project_cell(&self, column: Col) -> Cow<'_, str> {
        if column == THEMES {
            Cow::Owned(theme_items(self.get(column)).collect::<Vec<_>>().join(";"))
        } else {
            Cow::Borrowed(self.get(column))
        }
    }
}

/// Where each project's rows are (parallel to the dataset's projects), to point
/// validation errors at a row.
#[derive(Default)]
struct RowMap {
    projects: Vec<ProjectRows>,
}

#[derive(Default, Clone)]
struct ProjectRows {
    first: usize,
    figures: Vec<usize>,
    milestones: Vec<usize>,
}

/// The number in `figures[3].value` for the prefix `figures[`.
fn index_in(field: &str, prefix: &str) -> Option<usize> {
    field.strip_prefix(prefix)?.split(']').next()?.parse().ok()
}

impl RowMap {
    /// Finds the row of a validation error. The ids are indexed only here, when a file
    /// has errors: a valid file pays nothing for it.
    fn locator<'a>(&'a self, ds: &'a Dataset) -> impl Fn(&ValidationError) -> Option<usize> + 'a {
        let index: FxHashMap<&str, usize> = ds.projects.iter().enumerate().map(|(i, p)| (p.id.as_str(), i)).collect();
        move |e| self.locate(index.get(e.id.as_str()).copied(), e)
    }

    /// `project`: the position of the error's project, if it is about one.
    fn locate(&self, project: Option<usize>, e: &ValidationError) -> Option<usize> {
        if e.record != Record::Project {
            return None;
        }
        let rows = self.projects.get(project?)?;
        if let Some(i) = index_in(&e.field, "figures[") {
            return rows.figures.get(i).copied();
        }
        if let Some(i) = index_in(&e.field, "milestones[") {
            return rows.milestones.get(i).copied();
        }
        Some(rows.first)
    }
}

struct PartBuild {
    id: String,
    zh: Option<(String, usize)>,
    en: Option<(String, usize)>,
}

struct ProjectBuild {
    project: Project,
    /// A hash of the project columns of its first row (see `Builder::key`), and where
    /// that row starts in the text: later rows are compared by hash, and the first row
    /// is read again only to make the hash when a second row comes (most projects have
    /// one row) and to name the columns that differ.
    key: Option<u64>,
    first_at: u64,
    parts: Vec<PartBuild>,
    rows: ProjectRows,
}

struct Meta {
    values: HashMap<&'static str, String>,
    year: u16,
}

struct Builder {
    vocab: Vocabs,
    meta: Meta,
    /// Boxed, so that growing the list moves pointers: a flat list of 100,000 builds
    /// would hold its old and new buffers (tens of MB) at once at each doubling.
    #[allow(clippy::vec_box)]
    projects: Vec<Box<ProjectBuild>>,
    project_index: FxHashMap<String, usize>,
    districts: Vec<(District, usize)>,
    district_index: FxHashMap<String, usize>,
    themes: Vec<String>,
    sector_codes: HashSet<&'static str>,
    errs: Vec<RowError>,
}

/// A `Vec` or a `ThinVec` whose first push reserves room for one. A list's first `push`
/// reserves room for four, but most projects have one figure and no milestone: over
/// 100,000 projects the spare room would be tens of MB.
trait TightList<T> {
    fn push_tight(&mut self, item: T);
}

impl<T> TightList<T> for Vec<T> {
    fn push_tight(&mut self, item: T) {
        if self.capacity() == 0 {
            self.reserve_exact(1);
        }
        self.push(item);
    }
}

impl<T> TightList<T> for ThinVec<T> {
    fn push_tight(&mut self, item: T) {
        if self.capacity() == 0 {
            self.reserve_exact(1);
        }
        self.push(item);
    }
}

fn parse_line(s: &str) -> Option<u32> {
    s.parse::<u32>().ok().filter(|&n| n >= 1)
}

/// The theme ids of a `themes` cell: separated by `;` or `；`, spaces and empty items ignored.
fn theme_items(s: &str) -> impl Iterator<Item = &str> {
    s.split([';', '；']).map(str::trim).filter(|t| !t.is_empty())
}

fn split_themes(s: &str) -> Vec<String> {
    theme_items(s).map(String::from).collect()
}

impl Builder {
    fn new() -> Self {
        Builder {
            vocab: Vocabs::new(),
            meta: Meta { values: HashMap::new(), year: 0 },
            projects: Vec::new(),
            project_index: FxHashMap::default(),
            districts: Vec::new(),
            district_index: FxHashMap::default(),
            themes: Vec::new(),
            sector_codes: HashSet::new(),
            errs: Vec::new(),
        }
    }

    fn err(&mut self, row: usize, field: &str, problem: RowProblem) {
        self.errs.push(RowError { row, field: field.to_string(), problem });
    }

    fn full(&self) -> bool {
        self.errs.len() >= MAX_ROW_ERRORS
    }

    /// `# key: value`; rows without a known key are comments.
    fn meta_row(&mut self, text: &str, row: usize) {
        let body = text.trim_start_matches('#').trim();
        let Some((key, value)) = body.split_once([':', '：']) else { return };
        let key = key.trim().to_ascii_lowercase();
        let Some(key) = META_KEYS.iter().find(|k| **k == key).copied() else { return };
        let value = value.trim().to_string();
        if key == "source_year" {
            match value.parse::<u16>() {
                Ok(y) => self.meta.year = y,
                Err(_) => self.err(row, key, RowProblem::BadNumber { value, expected: Expected::Year }),
            }
        } else {
            self.meta.values.insert(key, value);
        }
    }

    fn required<'c>(&mut self, c: &'c Cells, field: Col) -> Option<&'c str> {
        let v = c.get(field);
        if v.is_empty() {
            self.err(c.row, field.name(), RowProblem::Missing);
            None
        } else {
            Some(v)
        }
    }

    /// Both languages or neither; a half-filled pair is an error on the empty side.
    fn pair(&mut self, c: &Cells, zh: Col, en: Col) -> Option<I18n> {
        match (c.get(zh), c.get(en)) {
            ("", "") => None,
            ("", _) => {
                self.err(c.row, zh.name(), RowProblem::MissingWith(en.name().into()));
                None
            }
            (_, "") => {
                self.err(c.row, en.name(), RowProblem::MissingWith(zh.name().into()));
                None
            }
            (a, b) => Some(I18n { zh: a.into(), en: b.into() }),
        }
    }

    fn enum_value<T: Copy + Serialize>(
        &mut self,
        c: &Cells,
        field: Col,
        vocab: fn(&Vocabs) -> &Vocab<T>,
    ) -> Option<T> {
        let v = c.get(field);
        if v.is_empty() {
            return None;
        }
        let found = vocab(&self.vocab).get(v);
        if found.is_none() {
            let allowed = vocab(&self.vocab).names();
            self.err(c.row, field.name(), RowProblem::UnknownValue { value: v.into(), allowed });
        }
        found
    }

    fn line(&mut self, c: &Cells, field: Col) -> Option<u32> {
        let v = self.required(c, field)?;
        let n = parse_line(v);
        if n.is_none() {
            let value = v.to_string();
            self.err(c.row, field.name(), RowProblem::BadNumber { value, expected: Expected::Line });
        }
        n
    }

    fn slug(&mut self, c: &Cells, field: &str, value: &str) -> bool {
        let ok = is_slug(value);
        if !ok {
            self.err(c.row, field, RowProblem::NotSlug(value.into()));
        }
        ok
    }

    fn district(&mut self, c: &Cells) -> Option<String> {
        let id = c.get(DISTRICT_ID);
        if id.is_empty() {
            for f in [DISTRICT_ZH, DISTRICT_EN] {
                if !c.get(f).is_empty() {
                    self.err(c.row, "district_id", RowProblem::MissingWith(f.name().into()));
                }
            }
            return None;
        }
        if !self.slug(c, "district_id", id) {
            return None;
        }
        let zh = self.required(c, DISTRICT_ZH);
        let en = self.required(c, DISTRICT_EN);
        let (Some(zh), Some(en)) = (zh, en) else { return Some(id.into()) };
        match self.district_index.get(id).copied() {
            Some(i) => {
                let (d, first_row) = &self.districts[i];
                let (first_row, name) = (*first_row, d.name.clone());
                for (field, first, here) in [("district_zh", &name.zh, zh), ("district_en", &name.en, en)] {
                    if first != here {
                        let problem = RowProblem::Conflict {
                            record: format!("district {id}"),
                            first_row,
                            first: first.clone(),
                            here: here.into(),
                        };
                        self.err(c.row, field, problem);
                    }
                }
            }
            None => {
                let n = self.districts.len();
                let (col, row) = (n % TILE_COLUMNS, n / TILE_COLUMNS);
                let Ok(row_u8) = u8::try_from(row) else {
                    self.err(c.row, "district_id", RowProblem::TooManyDistricts);
                    return None;
                };
                let tile = [col as u8, row_u8];
                let name = I18n { zh: zh.into(), en: en.into() };
                self.district_index.insert(id.into(), n);
                self.districts.push((District { id: id.into(), name, short: None, tile }, c.row));
            }
        }
        Some(id.into())
    }

    fn sector(&mut self, c: &Cells) -> String {
        let Some(code) = self.required(c, SECTOR_CODE) else { return String::new() };
        match by_code(code) {
            Some(s) => {
                self.sector_codes.insert(s.code);
                s.slug.into()
            }
            None => {
                let allowed = SECTIONS.iter().map(|s| format!("{} ({})", s.code, s.slug)).collect();
                self.err(c.row, "sector_code", RowProblem::UnknownValue { value: code.into(), allowed });
                String::new()
            }
        }
    }

    fn themes(&mut self, c: &Cells) -> Vec<String> {
        let mut out = Vec::new();
        for t in split_themes(c.get(THEMES)) {
            if self.slug(c, "themes", &t) {
                if !self.themes.contains(&t) {
                    self.themes.push(t.clone());
                }
                out.push_tight(t);
            }
        }
        out
    }

    fn stage(&mut self, c: &Cells, project_line: u32) -> Option<StageRecord> {
        let stage_line = c.get(STAGE_LINE);
        let Some(value) = self.enum_value(c, STAGE, |v| &v.stage) else {
            if c.get(STAGE).is_empty() && !stage_line.is_empty() {
                self.err(c.row, "stage", RowProblem::MissingWith("stage_line".into()));
            }
            return None;
        };
        let line = if stage_line.is_empty() { Some(project_line) } else { self.line(c, STAGE_LINE) };
        line.map(|line| StageRecord { value, src: SourceRef::line(line) })
    }

    /// The project columns of a project's first row. Errors are recorded; the returned
    /// project holds placeholders where a value was bad (the file is rejected then anyway).
    fn project(&mut self, c: &Cells, id: &str) -> Project {
        let kind = self.required(c, KIND).and(self.enum_value(c, KIND, |v| &v.kind));
        let name = self.pair(c, NAME_ZH, NAME_EN);
        if name.is_none() && c.get(NAME_ZH).is_empty() && c.get(NAME_EN).is_empty() {
            self.err(c.row, "name_zh", RowProblem::Missing);
        }
        let district = self.district(c);
        let sector = self.sector(c);
        let themes = self.themes(c);
        let company = self.pair(c, COMPANY_ZH, COMPANY_EN);
        let summary = self.pair(c, SUMMARY_ZH, SUMMARY_EN);
        if summary.is_none() && c.get(SUMMARY_ZH).is_empty() && c.get(SUMMARY_EN).is_empty() {
            self.err(c.row, "summary_zh", RowProblem::Missing);
        }
        let line = self.line(c, PROJECT_LINE).unwrap_or(1);
        let stage = self.stage(c, line);
        Project {
            id: id.into(),
            kind: kind.unwrap_or(Kind::Mentioned),
            name: name.unwrap_or_default(),
            translit: false,
            district: district.map(Into::into),
            places: ThinVec::new(),
            sector: sector.into(),
            section: None,
            status: None,
            themes: themes.into_iter().map(Into::into).collect(),
            stage,
            company: company.map(Box::new),
            summary: summary.unwrap_or_default(),
            parts: ThinVec::new(),
            milestones: ThinVec::new(),
            figures: Vec::new(),
            src: SourceRef::line(line),
            cells: ThinVec::new(),
        }
    }

    /// The project columns, each with its length so any content hashes unambiguously.
    /// Computed for every row, so it allocates nothing.
    fn key(c: &Cells) -> u64 {
        let mut h = DefaultHasher::new();
        for f in PROJECT_COLUMNS {
            if f == THEMES {
                for t in theme_items(c.get(f)) {
                    h.write_usize(t.len());
                    h.write(t.as_bytes());
                }
                h.write_u8(0xff);
            } else {
                let cell = c.get(f);
                h.write_usize(cell.len());
                h.write(cell.as_bytes());
            }
        }
        h.finish()
    }

    /// The first row of project `p`, read again from the text.
    fn first_record(&self, text: &str, p: usize) -> Option<csv::StringRecord> {
        let mut reader = csv_reader(text.as_bytes().get(self.projects[p].first_at as usize..).unwrap_or_default());
        let mut rec = csv::StringRecord::new();
        matches!(reader.read_record(&mut rec), Ok(true)).then_some(rec)
    }

    /// Later rows of a project must repeat its columns exactly.
    fn check_same(&mut self, c: &Cells, text: &str, p: usize) {
        let (first_row, first_at) = (self.projects[p].rows.first, self.projects[p].first_at);
        let first_key = match self.projects[p].key {
            Some(k) => k,
            None => {
                let Some(rec) = self.first_record(text, p) else { return };
                let k = Self::key(&Cells { rec: &rec, header: c.header, row: first_row, at: first_at });
                self.projects[p].key = Some(k);
                k
            }
        };
        if Self::key(c) == first_key {
            return;
        }
        let Some(rec) = self.first_record(text, p) else { return };
        let first = Cells { rec: &rec, header: c.header, row: first_row, at: first_at };
        let id = self.projects[p].project.id.clone();
        for field in PROJECT_COLUMNS {
            let (was, here) = (first.project_cell(field), c.project_cell(field));
            if was != here {
                let problem = RowProblem::Conflict {
                    record: format!("project {id}"),
                    first_row,
                    first: was.into_owned(),
                    here: here.into_owned(),
                };
                self.errs.push(RowError { row: c.row, field: field.name().to_string(), problem });
            }
        }
    }

    /// Registers the row's part (and its names, which must agree across rows).
    fn part(&mut self, c: &Cells, p: usize) -> Option<Slug> {
        let id = c.get(PART);
        let (zh, en) = (c.get(PART_ZH), c.get(PART_EN));
        if id.is_empty() {
            for (f, v) in [("part_zh", zh), ("part_en", en)] {
                if !v.is_empty() {
                    self.err(c.row, "part", RowProblem::MissingWith(f.into()));
                }
            }
            return None;
        }
        if !self.slug(c, "part", id) {
            return None;
        }
        let project = self.projects[p].project.id.clone();
        let parts = &mut self.projects[p].parts;
        let k = match parts.iter().position(|x| x.id == id) {
            Some(k) => k,
            None => {
                parts.push(PartBuild { id: id.into(), zh: None, en: None });
                parts.len() - 1
            }
        };
        let build = &mut parts[k];
        let mut conflicts = Vec::new();
        for (field, value, slot) in [("part_zh", zh, &mut build.zh), ("part_en", en, &mut build.en)] {
            if value.is_empty() {
                continue;
            }
            match slot {
                Some((first, first_row)) if first != value => conflicts.push((field, first.clone(), *first_row)),
                Some(_) => {}
                None => *slot = Some((value.to_string(), c.row)),
            }
        }
        for (field, first, first_row) in conflicts {
            let record = format!("project {project}, part {id}");
            let here = if field == "part_zh" { zh } else { en }.to_string();
            self.err(c.row, field, RowProblem::Conflict { record, first_row, first, here });
        }
        Some(id.into())
    }

    fn number(&mut self, c: &Cells, field: Col) -> Option<f64> {
        let v = self.required(c, field)?;
        match v.parse::<f64>() {
            Ok(n) if n.is_finite() && n >= 0.0 => Some(n),
            _ => {
                let value = v.to_string();
                self.err(c.row, field.name(), RowProblem::BadNumber { value, expected: Expected::BaseNumber });
                None
            }
        }
    }

    fn milestone(&mut self, c: &Cells, event: MilestoneEvent, part: Option<Slug>) -> Option<Milestone> {
        for f in [ITEM_ZH, ITEM_EN, PERIOD, UNIT, QUALIFIER] {
            if !c.get(f).is_empty() {
                self.err(c.row, f.name(), RowProblem::NotOnMilestoneRow);
            }
        }
        let date = self.required(c, VALUE).map(String::from);
        let printed = self.required(c, PRINTED).map(String::from);
        let line = self.line(c, LINE);
        Some(Milestone { event, part, date: date?, printed: printed?, src: SourceRef::line(line?) })
    }

    fn figure(&mut self, c: &Cells, metric: Metric, part: Option<Slug>) -> Option<Figure> {
        let item = self.pair(c, ITEM_ZH, ITEM_EN);
        let period = self.enum_value(c, PERIOD, |v| &v.period);
        let period_ok = period.is_some() || c.get(PERIOD).is_empty();
        let value = self.number(c, VALUE);
        let unit = self.required(c, UNIT).and(self.enum_value(c, UNIT, |v| &v.unit));
        let printed = self.required(c, PRINTED).map(String::from);
        let qualifier = self.enum_value(c, QUALIFIER, |v| &v.qualifier);
        let qualifier_ok = qualifier.is_some() || c.get(QUALIFIER).is_empty();
        let line = self.line(c, LINE);
        if !(period_ok && qualifier_ok) {
            return None;
        }
        Some(Figure {
            metric,
            part,
            item: item.map(Box::new),
            period: period.unwrap_or_default(),
            value: value?,
            unit: unit?,
            printed: printed?,
            unit_from: None,
            qualifier,
            src: SourceRef::line(line?),
        })
    }

    fn data_row(&mut self, c: &Cells, text: &str) {
        let Some(id) = self.required(c, PROJECT_ID) else { return };
        if !self.slug(c, "project_id", id) {
            return;
        }
        let p = match self.project_index.get(id).copied() {
            Some(p) => {
                self.check_same(c, text, p);
                p
            }
            None => {
                let project = self.project(c, id);
                let rows = ProjectRows { first: c.row, ..ProjectRows::default() };
                let build = ProjectBuild { project, key: None, first_at: c.at, parts: Vec::new(), rows };
                self.projects.push(Box::new(build));
                self.project_index.insert(id.into(), self.projects.len() - 1);
                self.projects.len() - 1
            }
        };
        let part = self.part(c, p);
        // Lowercased only when it has capitals: this runs for every row.
        let metric = match c.get(METRIC) {
            m if m.bytes().any(|b| b.is_ascii_uppercase()) => Cow::Owned(m.to_ascii_lowercase()),
            m => Cow::Borrowed(m),
        };
        if metric.is_empty() {
            // A project-only or part row: no figure cells.
            if let Some(f) = FIGURE_COLUMNS.into_iter().find(|&f| !c.get(f).is_empty()) {
                self.err(c.row, "metric", RowProblem::MissingWith(f.name().into()));
            }
            return;
        }
        let event = metric.strip_prefix(MILESTONE_PREFIX).and_then(|e| self.vocab.event.get(e));
        if let Some(event) = event {
            if let Some(m) = self.milestone(c, event, part) {
                let b = &mut self.projects[p];
                b.project.milestones.push_tight(m);
                b.rows.milestones.push_tight(c.row);
            }
            return;
        }
        let Some(metric) = self.vocab.metric.get(&metric) else {
            let allowed = self.vocab.metric_names();
            self.err(c.row, "metric", RowProblem::UnknownValue { value: c.get(METRIC).into(), allowed });
            return;
        };
        if let Some(f) = self.figure(c, metric, part) {
            let b = &mut self.projects[p];
            b.project.figures.push_tight(f);
            b.rows.figures.push_tight(c.row);
        }
    }

    fn finish(self) -> Result<(Dataset, RowMap), UserDataError> {
        if !self.errs.is_empty() {
            return Err(UserDataError::Rows(self.errs));
        }
        if self.projects.is_empty() {
            return Err(UserDataError::NoProjects);
        }
        let meta = |k: &str, default: &str| -> String {
            self.meta.values.get(k).filter(|v| !v.is_empty()).cloned().unwrap_or_else(|| default.to_string())
        };
        let region = I18n { zh: meta("region_zh", DEFAULT_NAME_ZH), en: meta("region_en", DEFAULT_NAME_EN) };
        let source = Source {
            file: meta("source_file", DEFAULT_NAME_EN),
            title: I18n { zh: meta("source_title_zh", &region.zh), en: meta("source_title_en", &region.en) },
            year: self.meta.year,
            sheet: None,
            sha256: self.meta.values.get("source_sha256").filter(|v| !v.is_empty()).cloned(),
        };
        let mut rows = RowMap { projects: Vec::with_capacity(self.projects.len()) };
        // Allocated once at its final size; each build is freed as it is consumed.
        let mut projects = Vec::with_capacity(self.projects.len());
        for b in self.projects {
            let b = *b;
            let mut p = b.project;
            p.parts = b
                .parts
                .into_iter()
                .map(|x| {
                    let name = |n: Option<(String, usize)>| n.map_or_else(|| x.id.clone(), |(s, _)| s);
                    Part { name: I18n { zh: name(x.zh), en: name(x.en) }, id: x.id }
                })
                .collect();
            rows.projects.push(b.rows);
            projects.push(p);
        }
        let ds = Dataset {
            release: meta("release", DEFAULT_RELEASE),
            region,
            source,
            districts: self.districts.into_iter().map(|(d, _)| d).collect(),
            sectors: SECTIONS.iter().filter(|s| self.sector_codes.contains(s.code)).map(|s| s.to_sector()).collect(),
            themes: self
                .themes
                .into_iter()
                .map(|t| Theme { name: I18n { zh: t.clone(), en: t.clone() }, id: t })
                .collect(),
            projects,
            programme: Vec::new(),
            sections: Vec::new(),
            stages: Vec::new(),
            columns: Vec::new(),
            totals: Vec::new(),
        };
        Ok((ds, rows))
    }
}

/// Reads every row into a `Builder`, which owns what it keeps.
fn read_rows(text: &str) -> Result<Builder, UserDataError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv_reader(text.as_bytes());
    let mut b = Builder::new();
    let mut header: Option<Header> = None;
    let mut row = 0usize;
    let mut rec = csv::StringRecord::new();
    loop {
        row += 1;
        let at = reader.position().byte();
        match reader.read_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                b.err(row, "", RowProblem::UnreadableCsv(e.to_string()));
                break;
            }
        }
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let first = rec.get(0).unwrap_or("").trim_start();
        if first.starts_with('#') {
            // An unquoted comma splits a comment into cells: join them back.
            let text = rec.iter().collect::<Vec<_>>().join(",");
            b.meta_row(text.trim_end_matches(','), row);
            continue;
        }
        let Some(h) = &header else {
            header = Some(read_header(&rec, row)?);
            continue;
        };
        if rec.len() > h.width && rec.iter().skip(h.width).any(|c| !c.trim().is_empty()) {
            b.err(row, "", RowProblem::TooManyFields { found: rec.len(), expected: h.width });
        } else {
            b.data_row(&Cells { rec: &rec, header: h, row, at }, text);
        }
        if b.full() {
            break;
        }
    }
    if header.is_none() {
        return Err(UserDataError::NoHeader);
    }
    Ok(b)
}

// ---------------------------------------------------------------- writing CSV

const HELP: &str = "# One row per figure, part or milestone (metric milestone-start, milestone-production or \
milestone-completion, value YYYY-MM); a project without any is one row with the figure columns empty. \
Rows starting with # are optional; keys: release, region_zh, region_en, source_file, source_title_zh, \
source_title_en, source_year, source_sha256.";

fn all_columns() -> impl Iterator<Item = &'static str> {
    COLUMNS.iter().chain(OPTIONAL_COLUMNS.iter()).copied()
}

/// A row under construction, cells in `all_columns` order.
struct OutRow(Vec<String>);

impl OutRow {
    fn set(&mut self, column: &str, value: impl Into<String>) {
        if let Some(i) = all_columns().position(|c| c == column) {
            self.0[i] = value.into();
        }
    }
}

fn project_row(ds: &Dataset, p: &Project) -> OutRow {
    let mut r = OutRow(vec![String::new(); COLUMNS.len() + OPTIONAL_COLUMNS.len()]);
    r.set("project_id", &p.id);
    r.set("kind", slug_of(&p.kind));
    r.set("name_zh", &p.name.zh);
    r.set("name_en", &p.name.en);
    if let Some(d) = &p.district {
        r.set("district_id", &**d);
        if let Some(d) = ds.districts.iter().find(|x| *x.id == **d) {
            r.set("district_zh", &d.name.zh);
            r.set("district_en", &d.name.en);
        }
    }
    let code = ds.sectors.iter().find(|s| *s.id == *p.sector).map(|s| s.code.clone());
    r.set("sector_code", code.unwrap_or_else(|| crate::core::gbt4754::by_slug(&p.sector).map_or("", |s| s.code).into()));
    r.set("themes", p.themes.join(";"));
    if let Some(s) = &p.stage {
        r.set("stage", slug_of(&s.value));
        r.set("stage_line", s.src.line.to_string());
    }
    if let Some(c) = &p.company {
        r.set("company_zh", &c.zh);
        r.set("company_en", &c.en);
    }
    r.set("summary_zh", &p.summary.zh);
    r.set("summary_en", &p.summary.en);
    r.set("project_line", p.src.line.to_string());
    r
}

fn project_rows(ds: &Dataset, p: &Project) -> Vec<OutRow> {
    let mut out = Vec::new();
    // Part rows first: they keep the parts' order and names, and parts no figure uses.
    for part in &p.parts {
        let mut r = project_row(ds, p);
        r.set("part", &part.id);
        r.set("part_zh", &part.name.zh);
        r.set("part_en", &part.name.en);
        out.push(r);
    }
    for f in &p.figures {
        let mut r = project_row(ds, p);
        r.set("metric", slug_of(&f.metric));
        r.set("part", f.part.as_deref().unwrap_or_default());
        if let Some(item) = &f.item {
            r.set("item_zh", &item.zh);
            r.set("item_en", &item.en);
        }
        r.set("period", slug_of(&f.period));
        // Rust prints the shortest text that reads back to the same f64, never in exponent form.
        r.set("value", f.value.to_string());
        r.set("unit", slug_of(&f.unit));
        r.set("printed", &f.printed);
        r.set("qualifier", f.qualifier.as_ref().map(slug_of).unwrap_or_default());
        r.set("line", f.src.line.to_string());
        out.push(r);
    }
    for m in &p.milestones {
        let mut r = project_row(ds, p);
        r.set("metric", format!("{MILESTONE_PREFIX}{}", slug_of(&m.event)));
        r.set("part", m.part.as_deref().unwrap_or_default());
        r.set("value", &m.date);
        r.set("printed", &m.printed);
        r.set("line", m.src.line.to_string());
        out.push(r);
    }
    if out.is_empty() {
        out.push(project_row(ds, p));
    }
    out
}

fn write_csv(ds: &Dataset, help: Option<&str>) -> String {
    let mut w = csv::WriterBuilder::new().flexible(true).has_headers(false).from_writer(Vec::new());
    // Writing to memory cannot fail; a failed row would only be missing, never a panic.
    if let Some(h) = help {
        let _ = w.write_record([h]);
    }
    let meta = [
        ("release", ds.release.clone()),
        ("region_zh", ds.region.zh.clone()),
        ("region_en", ds.region.en.clone()),
        ("source_file", ds.source.file.clone()),
        ("source_title_zh", ds.source.title.zh.clone()),
        ("source_title_en", ds.source.title.en.clone()),
        ("source_year", ds.source.year.to_string()),
        ("source_sha256", ds.source.sha256.clone().unwrap_or_default()),
    ];
    // An optional key without a value is left out rather than written empty.
    for (k, v) in meta.into_iter().filter(|(k, v)| *k != "source_sha256" || !v.is_empty()) {
        let _ = w.write_record([format!("# {k}: {v}")]);
    }
    let _ = w.write_record(all_columns());
    for p in &ds.projects {
        for r in project_rows(ds, p) {
            let _ = w.write_record(&r.0);
        }
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
}

/// The long-format CSV of a dataset (with a BOM for Excel): metadata rows, header, then
/// each project's part, figure and milestone rows. `load` reads it back to the same
/// projects; programme figures have no CSV form and are left out.
pub fn dataset_to_csv(ds: &Dataset) -> String {
    write_csv(ds, None)
}

/// A downloadable template: a help row, the embedded dataset's metadata rows, the header
/// and three rows of one embedded project (a part, a whole-project figure, a figure of
/// that part). It loads as it is.
pub fn template_csv() -> String {
    let Ok(mut ds) = embedded_dataset() else {
        return write_csv(&empty_dataset(), Some(HELP));
    };
    let sample = ds.projects.iter().find_map(|p| {
        let part = p.parts.iter().find(|x| p.figures.iter().any(|f| f.part.as_deref() == Some(x.id.as_str())))?;
        let whole = p.figures.iter().find(|f| f.part.is_none())?;
        let of_part = p.figures.iter().find(|f| f.part.as_deref() == Some(part.id.as_str()))?;
        Some(Project {
            parts: thin_vec![part.clone()],
            figures: vec![whole.clone(), of_part.clone()],
            milestones: ThinVec::new(),
            ..p.clone()
        })
    });
    ds.projects = sample.into_iter().collect();
    ds.programme.clear();
    write_csv(&ds, Some(HELP))
}

fn empty_dataset() -> Dataset {
    let name = I18n { zh: DEFAULT_NAME_ZH.into(), en: DEFAULT_NAME_EN.into() };
    Dataset {
        release: DEFAULT_RELEASE.into(),
        region: name.clone(),
        source: Source { file: DEFAULT_NAME_EN.into(), title: name, year: 0, sheet: None, sha256: None },
        districts: Vec::new(),
        sectors: Vec::new(),
        themes: Vec::new(),
        projects: Vec::new(),
        programme: Vec::new(),
        sections: Vec::new(),
        stages: Vec::new(),
        columns: Vec::new(),
        totals: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::validate::Fault;

    #[test]
    fn the_parse_floor_reads_every_record_and_skips_comments() {
        assert_eq!(csv_floor(b"# release: x\na,b,c\n1,\"2,3\",4\n5\n"), (3, 7));
        assert_eq!(csv_floor(template_csv().as_bytes()).0, template_csv().lines().filter(|l| !l.starts_with('#') && !l.is_empty()).count());
        assert_eq!(csv_floor(b""), (0, 0));
    }

    /// serde's "expected one of `a`, `b`" lists every variant: our tables must have them all.
    fn covers_every_variant<T: Serialize + Copy + serde::de::DeserializeOwned>(all: &[T]) {
        let err = serde_json::from_str::<T>("\"zzz\"").err().map(|e| e.to_string()).unwrap_or_default();
        let listed = err.matches('`').count() / 2 - 1;
        assert_eq!(listed, all.len(), "{err}");
        for v in all {
            assert!(err.contains(&format!("`{}`", slug_of(v))), "{err}");
        }
    }

    #[test]
    fn own_formats_are_told_from_published_lists() {
        assert!(is_long_csv(template_csv().as_bytes()));
        assert!(looks_like_json(b"  {\"release\": 1}"));
        let mut utf16 = vec![0xFF, 0xFE];
        for u in template_csv().encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        assert!(is_long_csv(&utf16));
        for published in ["序号,项目名称,总投资\n1,风电,100\n".as_bytes(), b"PK\x03\x04"] {
            assert!(!is_long_csv(published) && !looks_like_json(published));
        }
    }

    #[test]
    fn vocabularies_are_complete() {
        covers_every_variant(&KINDS);
        covers_every_variant(&STAGES);
        covers_every_variant(&PERIODS);
        covers_every_variant(&QUALIFIERS);
        covers_every_variant(&EVENTS);
        covers_every_variant(&UNITS);
        covers_every_variant(&METRICS);
    }

    #[test]
    fn encodings() {
        assert!(looks_gbk(&[0xCD, 0xA8, 0xC1, 0xC9, b',', 0xCA, 0xD0]));
        assert!(!looks_gbk(b"plain"));
        assert!(looks_utf16(&[b'a', 0, b',', 0, b'b', 0]));
        assert!(!looks_utf16("通辽,a".as_bytes()));
    }

    #[test]
    fn locating_validation_errors() {
        let map = RowMap { projects: vec![ProjectRows { first: 4, figures: vec![5, 7], milestones: vec![9] }] };
        let mut ds = crate::core::dataset::embedded().expect("embedded").ds;
        ds.projects.truncate(1);
        ds.projects[0].id = "x".into();
        let locate = map.locator(&ds);
        let e = |record: Record, id: &str, field: &str| ValidationError::new(record, id, field, Fault::Empty);
        assert_eq!(locate(&e(Record::Project, "x", "figures[1].value")), Some(7));
        assert_eq!(locate(&e(Record::Project, "x", "milestones[0].date")), Some(9));
        assert_eq!(locate(&e(Record::Project, "x", "name.en")), Some(4));
        assert_eq!(locate(&e(Record::Project, "y", "name.en")), None);
        assert_eq!(locate(&e(Record::District, "x", "id")), None);
    }
}
