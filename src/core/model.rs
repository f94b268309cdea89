//! The dataset schema. The embedded JSON (`data/tongliao-2022.json`) and any
//! user-loaded file deserialize into these types, then go through `validate`.

use std::num::NonZeroU32;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
// A project's lists that most rows of a long list leave empty (places, themes, parts,
// milestones, cells) are `ThinVec`s: one pointer in the project instead of three words.
pub use thin_vec::ThinVec;
#[allow(unused_imports)] // build.rs includes this file and does not build lists by hand.
pub use thin_vec::thin_vec;

/// A value of a list's vocabulary that thousands of projects repeat (a district, sector,
/// theme, section or stage slug, a header's unit): one allocation shared by all of them
/// when a packed list is read (`packed::Reader` interns them), 8 bytes in each project.
pub type Slug = Arc<str>;

/// A text in both interface languages. Chinese is the source language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct I18n {
    pub zh: String,
    pub en: String,
}

impl I18n {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The language's spelling in links (`lang=zh`) and in the import worker's messages.
    pub fn slug(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    pub fn from_slug(s: &str) -> Option<Lang> {
        match s {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    /// Release id, e.g. "2026.11.29". Shared links carry it.
    pub release: String,
    pub region: I18n,
    pub source: Source,
    pub districts: Vec<District>,
    pub sectors: Vec<Sector>,
    pub themes: Vec<Theme>,
    pub projects: Vec<Project>,
    #[serde(default)]
    pub programme: Vec<ProgrammeFigure>,
    /// Sections of an imported list (一、能源项目), in the list's order; a project names its own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    /// The list's own stage values (its 建设性质 column: 新建, 续建…). When present they are
    /// the stage facet instead of `Stage`'s three.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<Theme>,
    /// An imported sheet's column headers as printed, by column (`Cell::col`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    /// Subtotal and total rows as printed, which the audit checks against their projects.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub totals: Vec<PrintedTotal>,
}

/// A section row of an imported list (一、能源项目（12个）).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub id: String,
    pub name: I18n,
    /// The row exactly as printed.
    pub printed: String,
    /// The project count the row prints (（12个）), which the audit checks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    pub src: SourceRef,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TotalScope {
    /// 小计: the projects of one section.
    Subtotal,
    /// 合计 / 总计: every project above it.
    Total,
}

/// A printed subtotal or total row: not a project, but figures the audit sums its members against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrintedTotal {
    pub id: String,
    pub scope: TotalScope,
    /// The row's label as printed (小计, 合计).
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The projects it sums, by id.
    pub members: Vec<String>,
    pub figures: Vec<Figure>,
    pub src: SourceRef,
}

/// One cell of an imported row, kept as printed, so nothing in the list is dropped. It
/// stands in its project's row (`Project::src.row`) and column `col` (1-based), whose
/// header is `Dataset::columns[col - 1]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub col: u32,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// File name of the source text; `SourceRef::line` counts lines in it.
    pub file: String,
    pub title: I18n,
    /// The workbook sheet an imported list was read from; row and column positions count in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// Year the plan refers to.
    pub year: u16,
    /// SHA-256 (lowercase hex) of the source file the line numbers count in, so a
    /// provenance check against another copy of the page fails plainly. Optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct District {
    /// URL slug, e.g. "horqin".
    pub id: String,
    pub name: I18n,
    /// A short name for where space is tight (the tile map on a phone), e.g. "Left Middle"
    /// / 科左中旗. Optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<I18n>,
    /// Column and row on the schematic tile map (0,0 = north-west).
    pub tile: [u8; 2],
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sector {
    /// URL slug, e.g. "manufacturing".
    pub id: String,
    /// GB/T 4754-2017 section letter, e.g. "C".
    pub code: String,
    pub name: I18n,
    /// A short name for narrow columns and chart labels ("Utilities" / 电热燃水); the full
    /// name stays on hover. Optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<I18n>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Theme {
    pub id: String,
    pub name: I18n,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// One of the nine per-district highlight projects, described in detail.
    Highlight,
    /// Only named in the text or a photo caption.
    Mentioned,
    /// A row of a published list (the default for imported lists).
    #[default]
    Listed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    Planned,
    UnderConstruction,
    InProduction,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// Stable ASCII slug: never reused, never renumbered.
    pub id: String,
    #[serde(default)]
    pub kind: Kind,
    pub name: I18n,
    /// True when `name.en` is the pinyin of the Chinese name, not a translation.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub translit: bool,
    /// District slug; `None` where the source does not say.
    #[serde(default)]
    pub district: Option<Slug>,
    /// Further districts when the source names several places (红山区、松山区); the project
    /// counts in each, and in totals once.
    #[serde(default, skip_serializing_if = "ThinVec::is_empty")]
    pub places: ThinVec<Slug>,
    /// Sector slug (a GB/T 4754-2017 section, or an imported list's own category); empty
    /// when the list gives none.
    #[serde(default)]
    pub sector: Slug,
    /// Section of an imported list (`Dataset::sections`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<Slug>,
    /// The list's own stage value (`Dataset::stages`), e.g. 续建.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Slug>,
    #[serde(default)]
    pub themes: ThinVec<Slug>,
    #[serde(default)]
    pub stage: Option<StageRecord>,
    /// Boxed: most rows of a long list name none, and a project is 20 bytes smaller on
    /// the page for it (BENCHMARKS.md, the heap census).
    #[serde(default)]
    pub company: Option<Box<I18n>>,
    /// Our own short description (never the source's sentences); empty for imported lists.
    #[serde(default)]
    pub summary: I18n,
    /// Named phases or sub-projects that figures can refer to.
    #[serde(default)]
    pub parts: ThinVec<Part>,
    #[serde(default)]
    pub milestones: ThinVec<Milestone>,
    #[serde(default)]
    pub figures: Vec<Figure>,
    /// Where the project is named in the source.
    pub src: SourceRef,
    /// Every cell of an imported row, as printed, with its position.
    #[serde(default, skip_serializing_if = "ThinVec::is_empty")]
    pub cells: ThinVec<Cell>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageRecord {
    pub value: Stage,
    pub src: SourceRef,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Part {
    /// Slug unique within the project, e.g. "phase-1".
    pub id: String,
    pub name: I18n,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MilestoneEvent {
    Start,
    Production,
    Completion,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    pub event: MilestoneEvent,
    #[serde(default)]
    pub part: Option<Slug>,
    /// Year-month, "YYYY-MM", or a year alone, "YYYY", where the source gives no month.
    /// "年底" (year end) is recorded as month 12.
    pub date: String,
    /// As printed, e.g. "2023年底".
    pub printed: String,
    pub src: SourceRef,
}

/// What a figure measures. Each metric has one expected unit (see `Metric::unit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Metric {
    Investment,
    Jobs,
    OutputValue,
    ValueAdded,
    Revenue,
    ProfitTax,
    Tax,
    PowerCapacity,
    StorageCapacity,
    Generation,
    UtilisationHours,
    LandArea,
    PermanentLandArea,
    FloorArea,
    ProductionCapacity,
    ProcessingCapacity,
    StorageVolume,
    CoalSaved,
    CoalRate,
    EmissionsAvoided,
    ProductionLines,
    Units,
    Reserves,
    ServiceLife,
    HerdSize,
    Voltage,
    /// Programme counts: projects, teams, cadres, firms, measures…
    Count,
    GrowthRate,
    RateChange,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    Yuan,
    Person,
    Kw,
    Kwh,
    Tonne,
    Mu,
    Hectare,
    SquareMetre,
    Hour,
    Year,
    Count,
    Kv,
    GramPerKwh,
    /// Streptomycin is sold in billions of activity units (十亿单位).
    BillionUnits,
    Percent,
    PercentagePoint,
}

/// The qualifier printed with a number. It bounds the true value; the stored value is the printed number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Qualifier {
    /// 以上: at least.
    AtLeast,
    /// 近: nearly (a little under).
    Nearly,
    /// 约 / 左右: about.
    About,
    /// 超过: more than.
    Over,
    /// 余 / 多: more than (a round number and some).
    OddMore,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Period {
    /// A stock or one-off amount (total investment, capacity, area).
    #[default]
    Once,
    /// Per year once running.
    Annual,
    /// Over the whole operating life.
    Lifetime,
    /// Planned for the list's year (年度计划投资).
    PlanYear,
    /// Done so far (累计完成投资).
    ToDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub metric: Metric,
    /// The part (phase/sub-project) the figure belongs to; `None` = the whole project. A
    /// `Slug`, 4 bytes smaller than a `String` on wasm32: a `Figure` is then 56 bytes, one heap
    /// step less for each of a long list's figures.
    #[serde(default)]
    pub part: Option<Slug>,
    /// What is produced, emitted or counted, e.g. "玉米淀粉" / "corn starch".
    /// Boxed: few figures name one, and a figure is 20 bytes smaller for it.
    #[serde(default)]
    pub item: Option<Box<I18n>>,
    #[serde(default)]
    pub period: Period,
    /// Value in base units: yuan, persons, kW, kWh, t, mu, ha, m², h, years, count.
    pub value: f64,
    pub unit: Unit,
    /// Exactly as printed in the source, qualifier included, e.g. "近万人".
    pub printed: String,
    /// The unit the printed cell takes from its column header (万元 for a cell "12,500.37"
    /// under 总投资（万元）); `None` when the printed string carries its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_from: Option<Slug>,
    #[serde(default)]
    pub qualifier: Option<Qualifier>,
    pub src: SourceRef,
}

/// A place in the source: a 1-based line of `Source::file` (the printed string starts on
/// it and may run on), or for a spreadsheet a 1-based row and column of `Source::sheet`.
/// Row and column are `NonZeroU32`, so that their absence costs no bytes: every project,
/// figure and milestone holds one, 12 bytes instead of 20 (a row or column of 0, which
/// names no cell, reads as none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub struct SourceRef {
    #[serde(default, skip_serializing_if = "is_zero")]
    pub line: u32,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "one_based")]
    row: Option<NonZeroU32>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "one_based")]
    col: Option<NonZeroU32>,
}

fn is_zero(v: &u32) -> bool {
    *v == 0
}

/// A row or column as files write it: a number, 0 or null for none.
fn one_based<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<NonZeroU32>, D::Error> {
    Ok(Option::<u32>::deserialize(d)?.and_then(NonZeroU32::new))
}

impl SourceRef {
    pub fn line(line: u32) -> SourceRef {
        SourceRef { line, row: None, col: None }
    }

    pub fn cell(row: u32, col: Option<u32>) -> SourceRef {
        SourceRef::new(0, Some(row), col)
    }

    pub fn new(line: u32, row: Option<u32>, col: Option<u32>) -> SourceRef {
        SourceRef { line, row: row.and_then(NonZeroU32::new), col: col.and_then(NonZeroU32::new) }
    }

    /// The 1-based spreadsheet row, for a cell.
    pub fn row(&self) -> Option<u32> {
        self.row.map(NonZeroU32::get)
    }

    /// The 1-based spreadsheet column, where the cell is known to the column.
    pub fn col(&self) -> Option<u32> {
        self.col.map(NonZeroU32::get)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProgrammeGroup {
    /// The 2022 key-project programme (558 projects, 1762亿, 551亿, +30%).
    KeyProjects,
    InvestmentAttraction,
    BusinessEnvironment,
    NewEnergy2022,
    NewEnergy14thFyp,
    Urban,
    PublicService,
    Ecology,
    WindExport,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeFigure {
    /// Stable slug, e.g. "key-projects-investment".
    pub id: String,
    pub group: ProgrammeGroup,
    pub label: I18n,
    #[serde(flatten)]
    pub figure: Figure,
}

/// The serde name of an enum value, which is also its CSV spelling.
pub fn slug_of<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

// The page holds one of each per project of a loaded list, so their size is most of its
// heap (BENCHMARKS.md, the heap census: `examples/heap_census.rs`, which prices them at
// these sizes). A field that makes one larger fails the page's build here.
#[cfg(target_arch = "wasm32")]
const _: () = assert!(size_of::<Project>() <= 160 && size_of::<Figure>() <= 56);
