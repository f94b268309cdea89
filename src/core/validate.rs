//! Dataset validation: every error names the record and the field, so a bad
//! embedded release fails the tests and a bad user file gets a precise message.

use std::collections::HashSet;
use std::fmt;

use super::model::{Dataset, Figure, Metric, Unit};
use super::printed::parse_printed;

#[derive(Debug, Clone, PartialEq)]
pub struct ValidationError {
    /// e.g. "project kailu-jinyufeng-corn-circular-park"
    pub record: String,
    /// e.g. "figures[3].printed"
    pub field: String,
    pub message: String,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.record, self.field, self.message)
    }
}

struct Errors(Vec<ValidationError>);

impl Errors {
    fn push(&mut self, record: &dyn fmt::Display, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(ValidationError { record: record.to_string(), field: field.into(), message: message.into() });
    }
}

/// A record or field name, written out only when an error needs it: validation runs over
/// every project of a file that may hold 100,000.
struct Name<'a>(&'a str, &'a dyn fmt::Display, &'a str);

impl fmt::Display for Name<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}{}", self.0, self.1, self.2)
    }
}

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

fn check_i18n(errs: &mut Errors, record: &dyn fmt::Display, field: &str, zh: &str, en: &str) {
    if zh.trim().is_empty() {
        errs.push(record, format!("{field}.zh"), "is empty");
    }
    if en.trim().is_empty() {
        errs.push(record, format!("{field}.en"), "is empty");
    }
}

fn check_figure(errs: &mut Errors, record: &dyn fmt::Display, field: &dyn fmt::Display, f: &Figure, parts: &HashSet<&str>) {
    if !f.value.is_finite() || f.value < 0.0 {
        errs.push(record, format!("{field}.value"), format!("{} is not a finite non-negative number", f.value));
        return;
    }
    if !allowed_units(f.metric).contains(&f.unit) {
        errs.push(record, format!("{field}.unit"), format!("{:?} is not a unit of {:?}", f.unit, f.metric));
    }
    if integral(f.unit) && f.value.fract() != 0.0 {
        errs.push(record, format!("{field}.value"), format!("{} {:?} must be a whole number", f.value, f.unit));
    }
    match parse_printed(&f.printed, f.unit) {
        Err(e) => errs.push(record, format!("{field}.printed"), e),
        Ok(p) => {
            // Both sides are exact to 1e-6 (see printed::round_exact): a whole yuan off is an error.
            if (p.value - f.value).abs() > 1e-6 {
                errs.push(
                    record,
                    format!("{field}.value"),
                    format!("{} does not match the printed {:?} (= {})", f.value, f.printed, p.value),
                );
            }
            if p.qualifier != f.qualifier {
                errs.push(
                    record,
                    format!("{field}.qualifier"),
                    format!("{:?} does not match the printed {:?} ({:?})", f.qualifier, f.printed, p.qualifier),
                );
            }
        }
    }
    if let Some(part) = &f.part {
        if !parts.contains(part.as_str()) {
            errs.push(record, format!("{field}.part"), format!("unknown part {part:?}"));
        }
    }
}

fn unique<'a>(errs: &mut Errors, table: &dyn fmt::Display, ids: impl Iterator<Item = &'a str>) {
    let mut seen = HashSet::new();
    for id in ids {
        if !is_slug(id) {
            errs.push(&format!("{table} {id:?}"), "id", "must be a lowercase ASCII slug (a-z, 0-9, -)");
        }
        if !seen.insert(id) {
            errs.push(&format!("{table} {id}"), "id", "is used twice");
        }
    }
}

fn valid_year_month(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 7
        && b[4] == b'-'
        && b[..4].iter().chain(&b[5..]).all(u8::is_ascii_digit)
        && matches!(s[5..].parse::<u8>(), Ok(1..=12))
}

/// Checks references, ids, units and that every value equals its printed string.
pub fn validate(ds: &Dataset) -> Vec<ValidationError> {
    let mut errs = Errors(Vec::new());
    if ds.release.trim().is_empty() {
        errs.push(&"dataset", "release", "is empty");
    }
    unique(&mut errs, &"district", ds.districts.iter().map(|d| d.id.as_str()));
    unique(&mut errs, &"sector", ds.sectors.iter().map(|s| s.id.as_str()));
    unique(&mut errs, &"theme", ds.themes.iter().map(|t| t.id.as_str()));
    unique(&mut errs, &"project", ds.projects.iter().map(|p| p.id.as_str()));
    unique(&mut errs, &"programme", ds.programme.iter().map(|p| p.id.as_str()));
    let districts: HashSet<&str> = ds.districts.iter().map(|d| d.id.as_str()).collect();
    let sectors: HashSet<&str> = ds.sectors.iter().map(|s| s.id.as_str()).collect();
    let themes: HashSet<&str> = ds.themes.iter().map(|t| t.id.as_str()).collect();

    for p in &ds.projects {
        let rec = Name("project ", &p.id, "");
        check_i18n(&mut errs, &rec, "name", &p.name.zh, &p.name.en);
        check_i18n(&mut errs, &rec, "summary", &p.summary.zh, &p.summary.en);
        if let Some(d) = &p.district {
            if !districts.contains(d.as_str()) {
                errs.push(&rec, "district", format!("unknown district {d:?}"));
            }
        }
        if !sectors.contains(p.sector.as_str()) {
            errs.push(&rec, "sector", format!("unknown sector {:?}", p.sector));
        }
        for (i, t) in p.themes.iter().enumerate() {
            if !themes.contains(t.as_str()) {
                errs.push(&rec, format!("themes[{i}]"), format!("unknown theme {t:?}"));
            }
        }
        unique(&mut errs, &Name("", &rec, " part"), p.parts.iter().map(|x| x.id.as_str()));
        let parts: HashSet<&str> = p.parts.iter().map(|x| x.id.as_str()).collect();
        for (i, m) in p.milestones.iter().enumerate() {
            if !valid_year_month(&m.date) {
                errs.push(&rec, format!("milestones[{i}].date"), format!("{:?} is not YYYY-MM", m.date));
            }
            if let Some(part) = &m.part {
                if !parts.contains(part.as_str()) {
                    errs.push(&rec, format!("milestones[{i}].part"), format!("unknown part {part:?}"));
                }
            }
        }
        for (i, f) in p.figures.iter().enumerate() {
            check_figure(&mut errs, &rec, &Name("figures[", &i, "]"), f, &parts);
        }
    }
    for g in &ds.programme {
        let rec = Name("programme ", &g.id, "");
        check_i18n(&mut errs, &rec, "label", &g.label.zh, &g.label.en);
        check_figure(&mut errs, &rec, &"figure", &g.figure, &HashSet::new());
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
    let mut check = |rec: &dyn fmt::Display, field: String, line: u32, printed: &str| {
        if !starts_on(line, printed) {
            errs.push(rec, field, format!("{printed:?} is not printed at line {line}"));
        }
    };
    for p in &ds.projects {
        let rec = Name("project ", &p.id, "");
        for (i, f) in p.figures.iter().enumerate() {
            check(&rec, format!("figures[{i}].printed"), f.src.line, &f.printed);
        }
        for (i, m) in p.milestones.iter().enumerate() {
            check(&rec, format!("milestones[{i}].printed"), m.src.line, &m.printed);
        }
    }
    for g in &ds.programme {
        check(&Name("programme ", &g.id, ""), "figure.printed".into(), g.figure.src.line, &g.figure.printed);
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
