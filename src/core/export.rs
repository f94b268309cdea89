//! "Download this table": exactly the rows in view, in view order, as CSV or JSON.
//! Amounts are in base units (whole yuan, persons) next to the string as printed,
//! so a spreadsheet can sum them and a reader can still check them against the page.

use serde::{Deserialize, Serialize};

use super::dataset::{Amount, Catalog};
use super::filter::{kind_slug, stage_slug, Facet};
use super::i18n::texts;
use super::model::{Figure, Lang, Metric, Period, Project, Qualifier};
use super::query::ViewState;

/// Byte-order mark: without it Excel reads UTF-8 CSV as the local code page and garbles Chinese.
pub const BOM: char = '\u{feff}';
/// Longest file name `file_name` returns, extension included.
pub const MAX_FILE_NAME: usize = 120;
/// File-name stem of the embedded dataset.
pub const FILE_PREFIX: &str = "tongliao-2022";

/// One table row as exported. Field names are the CSV header and the JSON keys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportRow {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    /// District slug; empty/null where the source names none.
    pub district: Option<String>,
    /// District name in the chosen language ("Not stated" where none).
    pub district_name: String,
    /// Sector slug, as in `sector=` links.
    pub sector: String,
    /// GB/T 4754-2017 section letter.
    pub sector_code: String,
    pub sector_name: String,
    pub kind: String,
    /// Stage slug; empty/null where the source states none.
    pub stage: Option<String>,
    /// Whole yuan.
    pub investment_yuan: Option<u64>,
    /// As printed; empty for a derived total (no single printed string exists).
    pub investment_printed: Option<String>,
    /// True when the total is the sum of the project's phases.
    pub investment_derived: bool,
    pub investment_qualifier: Option<String>,
    pub jobs_persons: Option<u64>,
    pub jobs_printed: Option<String>,
    pub jobs_derived: bool,
    pub jobs_qualifier: Option<String>,
    /// Line of the source text where the project is named.
    pub source_line: u32,
}

/// The header of `to_csv`, in column order.
pub const COLUMNS: [&str; 19] = [
    "id",
    "name_zh",
    "name_en",
    "district",
    "district_name",
    "sector",
    "sector_code",
    "sector_name",
    "kind",
    "stage",
    "investment_yuan",
    "investment_printed",
    "investment_derived",
    "investment_qualifier",
    "jobs_persons",
    "jobs_printed",
    "jobs_derived",
    "jobs_qualifier",
    "source_line",
];

fn qualifier_slug(q: Qualifier) -> String {
    serde_json::to_value(q).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
}

/// The printed figure behind a headline amount (same choice as `dataset::headline`);
/// none for a derived total.
fn headline_figure(p: &Project, metric: Metric, amount: Option<Amount>) -> Option<&Figure> {
    if amount.is_none_or(|a| a.derived) {
        return None;
    }
    p.figures.iter().find(|f| f.metric == metric && f.period == Period::Once && f.item.is_none() && f.part.is_none())
}

/// Base values are whole numbers (validation checks it); rounding only strips float noise.
fn whole(a: Option<Amount>) -> Option<u64> {
    a.map(|a| a.value.round() as u64)
}

fn export_row(cat: &Catalog, i: usize, lang: Lang) -> ExportRow {
    let p = &cat.ds.projects[i];
    let row = &cat.rows[i];
    let district = p.district.as_ref().and_then(|d| cat.ds.districts.iter().find(|x| *x.id == **d));
    let sector = cat.ds.sectors.iter().find(|s| *s.id == *p.sector);
    let inv = headline_figure(p, Metric::Investment, row.investment);
    let jobs = headline_figure(p, Metric::Jobs, row.jobs);
    ExportRow {
        id: p.id.clone(),
        name_zh: p.name.zh.clone(),
        name_en: p.name.en.clone(),
        district: p.district.as_deref().map(str::to_owned),
        district_name: district.map_or(texts(lang).unstated, |d| d.name.get(lang)).to_string(),
        sector: p.sector.to_string(),
        sector_code: sector.map(|s| s.code.clone()).unwrap_or_default(),
        sector_name: sector.map(|s| s.name.get(lang).to_string()).unwrap_or_default(),
        kind: kind_slug(p.kind).to_string(),
        stage: p.stage.as_ref().map(|s| stage_slug(Some(s.value)).to_string()),
        investment_yuan: whole(row.investment),
        investment_printed: inv.map(|f| f.printed.clone()),
        investment_derived: row.investment.is_some_and(|a| a.derived),
        investment_qualifier: inv.and_then(|f| f.qualifier).map(qualifier_slug),
        jobs_persons: whole(row.jobs),
        jobs_printed: jobs.map(|f| f.printed.clone()),
        jobs_derived: row.jobs.is_some_and(|a| a.derived),
        jobs_qualifier: jobs.and_then(|f| f.qualifier).map(qualifier_slug),
        source_line: p.src.line,
    }
}

/// The rows in view, in the order given. Indices out of range are skipped.
pub fn rows(cat: &Catalog, rows: &[usize], lang: Lang) -> Vec<ExportRow> {
    rows.iter().filter(|&&i| i < cat.ds.projects.len()).map(|&i| export_row(cat, i, lang)).collect()
}

/// UTF-8 CSV with a BOM, header first.
pub fn to_csv(cat: &Catalog, view_rows: &[usize], lang: Lang) -> String {
    // Header written by hand so that an empty view still gets one.
    let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
    // Writing to memory cannot fail; errors would only drop a row, never panic.
    let _ = w.write_record(COLUMNS);
    for r in rows(cat, view_rows, lang) {
        let _ = w.serialize(r);
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("{BOM}{}", String::from_utf8_lossy(&bytes))
}

/// A JSON array of the same rows, keys as in the CSV header.
pub fn to_json(cat: &Catalog, view_rows: &[usize], lang: Lang) -> String {
    serde_json::to_string_pretty(&rows(cat, view_rows, lang)).unwrap_or_else(|_| "[]".into())
}

/// Lowercase ASCII letters, digits and `-`; anything else becomes one `-`.
fn sanitize(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().map(|c| c.to_ascii_lowercase()) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

fn bound(v: f64) -> String {
    super::format::trim_decimals(v, 2)
}

/// The filter part of a file name: `sector-energy_district-kailu`, or `all`.
/// Several values of one facet are joined with `.` (slugs never contain one).
fn filter_words(view: &ViewState) -> String {
    let f = &view.filter;
    let mut parts: Vec<String> = Vec::new();
    for facet in Facet::ALL {
        let values: Vec<String> = f.selected(facet).iter().map(|v| sanitize(v)).filter(|v| !v.is_empty()).collect();
        if !values.is_empty() {
            parts.push(format!("{}-{}", facet.key(), values.join(".")));
        }
    }
    let themes: Vec<String> = f.themes.iter().map(|v| sanitize(v)).filter(|v| !v.is_empty()).collect();
    if !themes.is_empty() {
        parts.push(format!("theme-{}", themes.join(".")));
    }
    if !f.q.trim().is_empty() {
        // Chinese search text has no ASCII form; the file name still says a search was active.
        let q = sanitize(&f.q);
        parts.push(if q.is_empty() { "search".into() } else { format!("q-{q}") });
    }
    if let Some(v) = f.min {
        parts.push(format!("min-{}", bound(v)));
    }
    if let Some(v) = f.max {
        parts.push(format!("max-{}", bound(v)));
    }
    if parts.is_empty() {
        "all".into()
    } else {
        parts.join("_")
    }
}

/// e.g. `tongliao-2022_sector-energy_district-kailu.csv`: only `[a-z0-9-_.]`,
/// at most `MAX_FILE_NAME` bytes.
pub fn file_name_with(prefix: &str, view: &ViewState, ext: &str) -> String {
    let prefix = match sanitize(prefix) {
        p if p.is_empty() => "export".to_string(),
        p => p,
    };
    let ext: String = sanitize(ext).chars().take(10).collect();
    let ext = if ext.is_empty() { String::new() } else { format!(".{ext}") };
    let mut stem = format!("{prefix}_{}", filter_words(view));
    let room = MAX_FILE_NAME.saturating_sub(ext.len());
    if stem.len() > room {
        // All ASCII by now, so any byte index is a char boundary.
        stem.truncate(room);
        stem = stem.trim_end_matches(['-', '_', '.']).to_string();
    }
    format!("{stem}{ext}")
}

/// File name for the embedded dataset's exports.
pub fn file_name(view: &ViewState, ext: &str) -> String {
    file_name_with(FILE_PREFIX, view, ext)
}

/// The region and the source year, e.g. `tongliao-2022`.
fn stem(cat: &Catalog) -> String {
    let year = cat.ds.source.year;
    if year > 0 { format!("{}-{year}", cat.ds.region.en) } else { cat.ds.region.en.clone() }
}

/// File name for any catalog's exports, e.g. `tongliao-2022_sector-energy.csv`.
pub fn file_name_for(cat: &Catalog, view: &ViewState, ext: &str) -> String {
    file_name_with(&stem(cat), view, ext)
}

/// File name for a chart's image, e.g. `tongliao-2022-sector_sector-energy.png`.
pub fn chart_file_name(cat: &Catalog, view: &ViewState, chart: &str, ext: &str) -> String {
    file_name_with(&format!("{}-{chart}", stem(cat)), view, ext)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitizing() {
        assert_eq!(sanitize("Hello, World!"), "hello-world");
        assert_eq!(sanitize("龙马"), "");
        assert_eq!(sanitize("--a--b--"), "a-b");
        assert_eq!(qualifier_slug(Qualifier::AtLeast), "at-least");
    }
}
