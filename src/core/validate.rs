//! Dataset validation: every error names the record and the field, so a bad
//! embedded release fails the tests and a bad user file gets a precise message.

use std::fmt;

use rustc_hash::FxHashSet as HashSet;

use super::i18n::{fill_named, metric_label, qualifier_label, validation_words};
use super::model::{slug_of, Dataset, Figure, Kind, Lang, Metric, Qualifier, Unit};
use super::printed::{parse_cell, parse_printed, unit_exp, Unreadable};

/// What kind of record an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    Dataset,
    District,
    Sector,
    Theme,
    Project,
    Programme,
    /// The shipped changelog (`changelog.rs`) and its releases.
    Changelog,
    Release,
    Section,
    Stage,
    /// A printed subtotal or total row of an imported list.
    Total,
}

/// A reference that names nothing in the dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ref {
    District,
    Sector,
    Theme,
    Part,
    Section,
    Stage,
    Project,
}

/// What is wrong, kept as data so the message can be written in the reader's language.
#[derive(Debug, Clone, PartialEq)]
pub enum Fault {
    Empty,
    NotSlug,
    UsedTwice,
    Unknown(Ref, String),
    NotYearMonth(String),
    NotSha256(String),
    NotNonNegative(f64),
    WrongUnit { unit: Unit, metric: Metric },
    NotWhole { value: f64, unit: Unit },
    Unreadable { printed: String, unit: Unit, why: Unreadable },
    ValueDiffers { value: f64, printed: String, reads: f64 },
    QualifierDiffers { qualifier: Option<Qualifier>, printed: String, reads: Option<Qualifier> },
    NotAtLine { printed: String, line: u32 },
    /// More entries than the app can index.
    TooMany(usize),
    /// A check of the shipped changelog, read only by this project's maintainers.
    Changelog(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidationError {
    pub record: Record,
    /// The record's id, e.g. "kailu-jinyufeng-corn-circular-park"; empty for the dataset.
    pub id: String,
    /// e.g. "figures[3].printed"
    pub field: String,
    pub fault: Fault,
}

impl ValidationError {
    pub fn new(record: Record, id: &str, field: impl Into<String>, fault: Fault) -> Self {
        ValidationError { record, id: id.to_string(), field: field.into(), fault }
    }

    /// "project x: figures[1].value: …" in `lang`; field names are the schema's, in both.
    pub fn message(&self, lang: Lang) -> String {
        let w = validation_words(lang);
        let kind = match self.record {
            Record::Dataset => w.dataset,
            Record::District => w.district,
            Record::Sector => w.sector,
            Record::Theme => w.theme,
            Record::Project => w.project,
            Record::Programme => w.programme,
            Record::Changelog => w.changelog,
            Record::Release => w.release,
            Record::Section => w.section,
            Record::Stage => w.stage,
            Record::Total => w.total,
        };
        // An id with anything but letters, digits, '.', '-' is quoted, so stray spaces show.
        let plain = self.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
        let id = if plain { self.id.clone() } else { format!("{:?}", self.id) };
        let record = if id.is_empty() { kind.to_string() } else { fill_named(w.record, &[("kind", kind.to_string()), ("id", id)]) };
        fill_named(w.error, &[("record", record), ("field", self.field.clone()), ("what", self.fault.message(lang))])
    }
}

fn qualifier_name(q: Option<Qualifier>, lang: Lang) -> String {
    match q {
        Some(q) => qualifier_label(q, lang).to_string(),
        None => validation_words(lang).no_qualifier.to_string(),
    }
}

impl Fault {
    pub fn message(&self, lang: Lang) -> String {
        let w = validation_words(lang);
        let q = |s: &str| format!("{s:?}");
        match self {
            Fault::Empty => w.empty.to_string(),
            Fault::NotSlug => w.not_slug.to_string(),
            Fault::UsedTwice => w.used_twice.to_string(),
            Fault::Unknown(what, value) => {
                let what = match what {
                    Ref::District => w.district,
                    Ref::Sector => w.sector,
                    Ref::Theme => w.theme,
                    Ref::Part => w.part,
                    Ref::Section => w.section,
                    Ref::Stage => w.stage,
                    Ref::Project => w.project,
                };
                fill_named(w.unknown, &[("what", what.to_string()), ("value", q(value))])
            }
            Fault::NotYearMonth(v) => fill_named(w.not_year_month, &[("value", q(v))]),
            Fault::NotSha256(v) => fill_named(w.not_sha256, &[("value", q(v))]),
            Fault::NotNonNegative(v) => fill_named(w.not_non_negative, &[("value", v.to_string())]),
            Fault::WrongUnit { unit, metric } => {
                let allowed = allowed_units(*metric).iter().map(slug_of).collect::<Vec<_>>().join(", ");
                fill_named(
                    w.wrong_unit,
                    &[("unit", slug_of(unit)), ("metric", metric_label(*metric, lang).to_string()), ("allowed", allowed)],
                )
            }
            Fault::NotWhole { value, unit } => fill_named(w.not_whole, &[("value", value.to_string()), ("unit", slug_of(unit))]),
            Fault::Unreadable { printed, unit, why } => {
                let template = match why {
                    Unreadable::NoNumber => w.no_number,
                    Unreadable::NoNumberAfterTimes => w.no_number_after_times,
                    Unreadable::TooLarge => w.too_large,
                    Unreadable::NotTheUnit(_) => w.not_the_unit,
                    Unreadable::NoUnit => w.no_unit,
                    Unreadable::TwoQualifiers => w.two_qualifiers,
                };
                let token = match why {
                    Unreadable::NotTheUnit(t) => q(t),
                    _ => String::new(),
                };
                fill_named(template, &[("printed", q(printed)), ("unit", slug_of(unit)), ("token", token)])
            }
            Fault::ValueDiffers { value, printed, reads } => fill_named(
                w.value_differs,
                &[("value", value.to_string()), ("printed", q(printed)), ("reads", reads.to_string())],
            ),
            Fault::QualifierDiffers { qualifier, printed, reads } => fill_named(
                w.qualifier_differs,
                &[
                    ("qualifier", qualifier_name(*qualifier, lang)),
                    ("printed", q(printed)),
                    ("reads", qualifier_name(*reads, lang)),
                ],
            ),
            Fault::NotAtLine { printed, line } => {
                fill_named(w.not_at_line, &[("printed", q(printed)), ("line", line.to_string())])
            }
            Fault::TooMany(limit) => fill_named(w.too_many, &[("limit", limit.to_string())]),
            Fault::Changelog(m) => m.clone(),
        }
    }
}

/// English, as in logs and tests; the page shows `message` in the reader's language.
impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

struct Errors(Vec<ValidationError>);

impl Errors {
    fn push(&mut self, record: Record, id: &str, field: impl Into<String>, fault: Fault) {
        self.0.push(ValidationError::new(record, id, field, fault));
    }
}

/// A field name, written out only when an error needs it: validation runs over every
/// project of a file that may hold 100,000.
struct Name<'a>(&'a str, &'a dyn fmt::Display, &'a str);

impl fmt::Display for Name<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}{}", self.0, self.1, self.2)
    }
}

/// Themes are indexed as bits of a `u64` (see `dataset::Row::themes`).
pub const MAX_THEMES: usize = 64;

/// The most districts, sectors, stages or sections a list may name: the index codes each
/// facet's values in 16 bits (`dataset::Code`), its "not stated" and no value included,
/// which keeps a long list's rows 8 bytes smaller.
pub const MAX_FACET_VALUES: usize = 65_000;

pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// Units a metric may be expressed in.
pub fn allowed_units(metric: Metric) -> &'static [Unit] {
    use Metric::*;
    match metric {
        Investment | OutputValue | ValueAdded | Revenue | ProfitTax | Tax => &[Unit::Yuan],
        Jobs => &[Unit::Person],
        PowerCapacity | StorageCapacity => &[Unit::Kw],
        Generation => &[Unit::Kwh],
        UtilisationHours => &[Unit::Hour],
        LandArea | PermanentLandArea => &[Unit::Mu, Unit::Hectare],
        FloorArea => &[Unit::SquareMetre],
        ProductionCapacity => &[Unit::Tonne, Unit::BillionUnits],
        ProcessingCapacity | StorageVolume | CoalSaved | EmissionsAvoided | Reserves => &[Unit::Tonne],
        CoalRate => &[Unit::GramPerKwh],
        ProductionLines | Units | HerdSize => &[Unit::Count],
        // Programme counts include people (cadres sent to recruit investors).
        Count => &[Unit::Count, Unit::Person],
        ServiceLife => &[Unit::Year],
        Voltage => &[Unit::Kv],
        GrowthRate => &[Unit::Percent],
        RateChange => &[Unit::PercentagePoint],
    }
}

/// Units whose base value must be a whole number (yuan are stored as integers).
fn integral(unit: Unit) -> bool {
    matches!(unit, Unit::Yuan | Unit::Person | Unit::Kw | Unit::Kwh | Unit::Count | Unit::Year)
}

/// The record a check is about: its kind and id.
type At<'a> = (Record, &'a str);

fn check_i18n(errs: &mut Errors, (record, id): At, field: &str, zh: &str, en: &str) {
    if zh.trim().is_empty() {
        errs.push(record, id, format!("{field}.zh"), Fault::Empty);
    }
    if en.trim().is_empty() {
        errs.push(record, id, format!("{field}.en"), Fault::Empty);
    }
}

fn check_figure(errs: &mut Errors, (record, id): At, field: &dyn fmt::Display, f: &Figure, parts: &HashSet<&str>) {
    if !f.value.is_finite() || f.value < 0.0 {
        errs.push(record, id, format!("{field}.value"), Fault::NotNonNegative(f.value));
        return;
    }
    if !allowed_units(f.metric).contains(&f.unit) {
        errs.push(record, id, format!("{field}.unit"), Fault::WrongUnit { unit: f.unit, metric: f.metric });
    }
    if integral(f.unit) && f.value.fract() != 0.0 {
        errs.push(record, id, format!("{field}.value"), Fault::NotWhole { value: f.value, unit: f.unit });
    }
    // A cell under a unit header reads as the cell times that unit (12,500.37 under 万元).
    let read = match f.unit_from.as_deref() {
        None => parse_printed(&f.printed, f.unit),
        Some(token) => match unit_exp(token) {
            Some(exp) => parse_cell(&f.printed, exp, f.unit),
            None => Err(Unreadable::NotTheUnit(token.to_string())),
        },
    };
    match read {
        Err(why) => errs.push(
            record,
            id,
            format!("{field}.printed"),
            Fault::Unreadable { printed: f.printed.clone(), unit: f.unit, why },
        ),
        Ok(p) => {
            // Both sides are exact to 1e-6 (see printed::round_exact): a whole yuan off is an error.
            if (p.value - f.value).abs() > 1e-6 {
                let fault = Fault::ValueDiffers { value: f.value, printed: f.printed.clone(), reads: p.value };
                errs.push(record, id, format!("{field}.value"), fault);
            }
            if p.qualifier != f.qualifier {
                let fault =
                    Fault::QualifierDiffers { qualifier: f.qualifier, printed: f.printed.clone(), reads: p.qualifier };
                errs.push(record, id, format!("{field}.qualifier"), fault);
            }
        }
    }
    if let Some(part) = &f.part {
        if !parts.contains(&**part) {
            errs.push(record, id, format!("{field}.part"), Fault::Unknown(Ref::Part, part.to_string()));
        }
    }
}

/// Ids are slugs and unique. `at` names the list when it belongs to a record (a
/// project's parts): the error is then about that record, at `field[i].id`.
fn unique<'a>(errs: &mut Errors, record: Record, at: Option<(&str, &str)>, ids: impl Iterator<Item = &'a str>) {
    let mut seen = HashSet::with_capacity_and_hasher(ids.size_hint().0, Default::default());
    for (i, id) in ids.enumerate() {
        // Named only for an error: this runs for each of 100,000 projects.
        let rec_id = at.map_or(id, |(owner, _)| owner);
        let field = || at.map_or_else(|| "id".to_string(), |(_, list)| format!("{list}[{i}].id"));
        if !is_slug(id) {
            errs.push(record, rec_id, field(), Fault::NotSlug);
        }
        if !seen.insert(id) {
            errs.push(record, rec_id, field(), Fault::UsedTwice);
        }
    }
}

fn valid_year_month(s: &str) -> bool {
    let b = s.as_bytes();
    // A year alone, where the source gives no month.
    if b.len() == 4 {
        return b.iter().all(u8::is_ascii_digit);
    }
    b.len() == 7
        && b[4] == b'-'
        && b[..4].iter().chain(&b[5..]).all(u8::is_ascii_digit)
        && matches!(s[5..].parse::<u8>(), Ok(1..=12))
}

/// Checks references, ids, units and that every value equals its printed string.
/// 64 lowercase hex digits: the one spelling, so digests compare as strings.
fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

pub fn validate(ds: &Dataset) -> Vec<ValidationError> {
    let mut errs = Errors(Vec::new());
    if ds.release.trim().is_empty() {
        errs.push(Record::Dataset, "", "release", Fault::Empty);
    }
    unique(&mut errs, Record::District, None, ds.districts.iter().map(|d| d.id.as_str()));
    unique(&mut errs, Record::Sector, None, ds.sectors.iter().map(|s| s.id.as_str()));
    unique(&mut errs, Record::Theme, None, ds.themes.iter().map(|t| t.id.as_str()));
    if ds.themes.len() > MAX_THEMES {
        errs.push(Record::Dataset, "", "themes", Fault::TooMany(MAX_THEMES));
    }
    for (field, n) in [("districts", ds.districts.len()), ("sectors", ds.sectors.len()), ("stages", ds.stages.len()), ("sections", ds.sections.len())] {
        if n > MAX_FACET_VALUES {
            errs.push(Record::Dataset, "", field, Fault::TooMany(MAX_FACET_VALUES));
        }
    }
    if let Some(h) = ds.source.sha256.as_deref().filter(|h| !is_sha256_hex(h)) {
        errs.push(Record::Dataset, "", "source.sha256", Fault::NotSha256(h.to_string()));
    }
    unique(&mut errs, Record::Project, None, ds.projects.iter().map(|p| p.id.as_str()));
    unique(&mut errs, Record::Programme, None, ds.programme.iter().map(|p| p.id.as_str()));
    let districts: HashSet<&str> = ds.districts.iter().map(|d| d.id.as_str()).collect();
    let sectors: HashSet<&str> = ds.sectors.iter().map(|s| s.id.as_str()).collect();
    let themes: HashSet<&str> = ds.themes.iter().map(|t| t.id.as_str()).collect();
    unique(&mut errs, Record::Section, None, ds.sections.iter().map(|s| s.id.as_str()));
    unique(&mut errs, Record::Stage, None, ds.stages.iter().map(|s| s.id.as_str()));
    unique(&mut errs, Record::Total, None, ds.totals.iter().map(|s| s.id.as_str()));
    let sections: HashSet<&str> = ds.sections.iter().map(|s| s.id.as_str()).collect();
    let stages: HashSet<&str> = ds.stages.iter().map(|s| s.id.as_str()).collect();
    let projects: HashSet<&str> = ds.projects.iter().map(|p| p.id.as_str()).collect();
    for t in &ds.totals {
        let at = (Record::Total, t.id.as_str());
        for (i, m) in t.members.iter().enumerate() {
            if !projects.contains(m.as_str()) {
                errs.push(at.0, at.1, format!("members[{i}]"), Fault::Unknown(Ref::Project, m.clone()));
            }
        }
        for (i, f) in t.figures.iter().enumerate() {
            check_figure(&mut errs, at, &Name("figures[", &i, "]"), f, &HashSet::default());
        }
    }

    for p in &ds.projects {
        let at = (Record::Project, p.id.as_str());
        check_i18n(&mut errs, at, "name", &p.name.zh, &p.name.en);
        // A published list's rows carry no description of ours.
        if p.kind != Kind::Listed {
            check_i18n(&mut errs, at, "summary", &p.summary.zh, &p.summary.en);
        }
        if let Some(d) = &p.district {
            if !districts.contains(&**d) {
                errs.push(at.0, at.1, "district", Fault::Unknown(Ref::District, d.to_string()));
            }
        }
        for (i, d) in p.places.iter().enumerate() {
            if !districts.contains(&**d) {
                errs.push(at.0, at.1, format!("places[{i}]"), Fault::Unknown(Ref::District, d.to_string()));
            }
        }
        // An empty sector is "not stated" (a list without categories).
        if !p.sector.is_empty() && !sectors.contains(&*p.sector) {
            errs.push(at.0, at.1, "sector", Fault::Unknown(Ref::Sector, p.sector.to_string()));
        }
        if let Some(s) = p.section.as_deref().filter(|s| !sections.contains(s)) {
            errs.push(at.0, at.1, "section", Fault::Unknown(Ref::Section, s.to_string()));
        }
        if let Some(s) = p.status.as_deref().filter(|s| !stages.contains(s)) {
            errs.push(at.0, at.1, "status", Fault::Unknown(Ref::Stage, s.to_string()));
        }
        for (i, t) in p.themes.iter().enumerate() {
            if !themes.contains(&**t) {
                errs.push(at.0, at.1, format!("themes[{i}]"), Fault::Unknown(Ref::Theme, t.to_string()));
            }
        }
        unique(&mut errs, Record::Project, Some((&p.id, "parts")), p.parts.iter().map(|x| x.id.as_str()));
        let parts: HashSet<&str> = p.parts.iter().map(|x| x.id.as_str()).collect();
        for (i, m) in p.milestones.iter().enumerate() {
            if !valid_year_month(&m.date) {
                errs.push(at.0, at.1, format!("milestones[{i}].date"), Fault::NotYearMonth(m.date.clone()));
            }
            if let Some(part) = &m.part {
                if !parts.contains(&**part) {
                    errs.push(at.0, at.1, format!("milestones[{i}].part"), Fault::Unknown(Ref::Part, part.to_string()));
                }
            }
        }
        for (i, f) in p.figures.iter().enumerate() {
            check_figure(&mut errs, at, &Name("figures[", &i, "]"), f, &parts);
        }
    }
    for g in &ds.programme {
        let at = (Record::Programme, g.id.as_str());
        check_i18n(&mut errs, at, "label", &g.label.zh, &g.label.en);
        check_figure(&mut errs, at, &"figure", &g.figure, &HashSet::default());
    }
    errs.0
}

/// Checks that every printed string and name really stands at its source line.
/// `source` is the full text of `Dataset::source.file`.
pub fn check_sources(ds: &Dataset, source: &str) -> Vec<ValidationError> {
    let lines: Vec<&str> = source.lines().collect();
    let mut errs = Errors(Vec::new());
    // The span may run on over line breaks and blank lines, but must start on its line.
    let starts_on = |line: u32, needle: &str| -> bool {
        let i = line as usize;
        if i == 0 || i > lines.len() {
            return false;
        }
        let first = lines[i - 1];
        let joined: String = lines[i - 1..(i + 3).min(lines.len())].concat();
        let needle: String = needle.chars().filter(|c| *c != '\n').collect();
        joined.match_indices(needle.as_str()).any(|(at, _)| at < first.len())
    };
    let mut check = |(record, id): At, field: String, line: u32, printed: &str| {
        if !starts_on(line, printed) {
            errs.push(record, id, field, Fault::NotAtLine { printed: printed.to_string(), line });
        }
    };
    for p in &ds.projects {
        let at = (Record::Project, p.id.as_str());
        for (i, f) in p.figures.iter().enumerate() {
            check(at, format!("figures[{i}].printed"), f.src.line, &f.printed);
        }
        for (i, m) in p.milestones.iter().enumerate() {
            check(at, format!("milestones[{i}].printed"), m.src.line, &m.printed);
        }
    }
    for g in &ds.programme {
        check((Record::Programme, &g.id), "figure.printed".into(), g.figure.src.line, &g.figure.printed);
    }
    errs.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("horqin-left-rear"));
        assert!(!is_slug("Horqin"));
        assert!(!is_slug("a b"));
        assert!(!is_slug("-a"));
        assert!(!is_slug(""));
    }

    #[test]
    fn year_month() {
        assert!(valid_year_month("2023-08"));
        assert!(!valid_year_month("2023-13"));
        assert!(!valid_year_month("2023-8"));
        assert!(!valid_year_month("2023年8月"));
    }
}
