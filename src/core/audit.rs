//! Consistency audit: where the source's own figures can be checked against each
//! other, compute both sides. Nothing here knows a project by name; every item
//! comes from rules applied to whatever dataset is loaded.

use super::format::{base_value, group_thousands};
use super::model::{Dataset, Figure, Lang, Metric, Period, ProgrammeGroup, Project, Unit};

/// Relative difference still counted as rounding in the printed figures.
pub const TOLERANCE: f64 = 0.02;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// Phase or sub-project figures against the project total.
    PartsSum(Metric),
    /// Annual generation against capacity × utilisation hours.
    CapacityHours,
    /// A lifetime total against the annual figure × service life.
    AnnualTimesLife(Metric),
    /// Coal saved against generation × the stated coal rate.
    CoalFromGeneration,
    /// Permanent land cannot exceed the total site.
    PermanentWithinSite,
    /// A programme capacity against the projects that make it up.
    ProgrammeParts(ProgrammeGroup),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Consistent,
    Contradiction,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AuditItem {
    pub rule: Rule,
    /// The project concerned (None for programme-level checks).
    pub project: Option<String>,
    pub status: Status,
    /// The figure as the source prints it, in base units.
    pub stated: f64,
    pub stated_printed: String,
    /// What the other figures imply.
    pub computed: f64,
    pub unit: Unit,
    /// The arithmetic, written out in base units.
    pub arithmetic: Arithmetic,
}

/// `a + b + c = s`, `a × b = c` or `a > b`, in base units: kept as numbers, so that it is
/// written in the reader's language (18,500,000,000元 / 18,500,000,000 yuan).
#[derive(Debug, Clone, PartialEq)]
pub struct Arithmetic {
    /// The left side's terms; a term without a unit is a plain number.
    pub terms: Vec<(f64, Option<Unit>)>,
    /// Between the terms: '+' or '×'.
    pub op: char,
    /// Between the sides: '=' or '>'.
    pub relation: char,
    pub result: (f64, Unit),
}

impl Arithmetic {
    fn new(terms: Vec<(f64, Option<Unit>)>, op: char, relation: char, result: (f64, Unit)) -> Arithmetic {
        Arithmetic { terms, op, relation, result }
    }

    pub fn text(&self, lang: Lang) -> String {
        let term = |&(v, unit): &(f64, Option<Unit>)| unit.map_or_else(|| group_thousands(v, 4), |u| base_value(v, u, lang));
        let left: Vec<String> = self.terms.iter().map(term).collect();
        let (v, u) = self.result;
        format!("{} {} {}", left.join(&format!(" {} ", self.op)), self.relation, base_value(v, u, lang))
    }
}

impl AuditItem {
    /// stated ÷ computed − 1
    pub fn deviation(&self) -> f64 {
        if self.computed == 0.0 {
            if self.stated == 0.0 { 0.0 } else { f64::INFINITY }
        } else {
            self.stated / self.computed - 1.0
        }
    }
}

fn status(stated: f64, computed: f64) -> Status {
    if computed > 0.0 && (stated / computed - 1.0).abs() <= TOLERANCE {
        Status::Consistent
    } else {
        Status::Contradiction
    }
}

fn whole(p: &Project, metric: Metric, period: Period) -> Option<&Figure> {
    p.figures.iter().find(|f| f.metric == metric && f.period == period && f.part.is_none() && f.item.is_none())
}

fn item(rule: Rule, project: Option<&str>, stated: &Figure, computed: f64, arithmetic: Arithmetic) -> AuditItem {
    AuditItem {
        rule,
        project: project.map(String::from),
        status: status(stated.value, computed),
        stated: stated.value,
        stated_printed: stated.printed.clone(),
        computed,
        unit: stated.unit,
        arithmetic,
    }
}

fn parts_sum(p: &Project, out: &mut Vec<AuditItem>) {
    let mut metrics: Vec<(Metric, Period)> =
        p.figures.iter().filter(|f| f.part.is_some() && f.item.is_none()).map(|f| (f.metric, f.period)).collect();
    metrics.sort();
    metrics.dedup();
    for (metric, period) in metrics {
        let Some(total) = whole(p, metric, period) else { continue };
        let parts: Vec<&Figure> = p
            .figures
            .iter()
            .filter(|f| f.metric == metric && f.period == period && f.part.is_some() && f.item.is_none())
            .collect();
        let sum: f64 = parts.iter().map(|f| f.value).sum();
        let covered = p.parts.iter().all(|part| parts.iter().any(|f| f.part.as_deref() == Some(part.id.as_str())));
        // Parts that are not all given may fall short of the total, but never exceed it.
        if !covered && sum <= total.value * (1.0 + TOLERANCE) {
            continue;
        }
        let terms = parts.iter().map(|f| (f.value, None)).collect();
        let arithmetic = Arithmetic::new(terms, '+', '=', (sum, total.unit));
        out.push(item(Rule::PartsSum(metric), Some(&p.id), total, sum, arithmetic));
    }
}

fn capacity_hours(p: &Project, out: &mut Vec<AuditItem>) {
    let (Some(cap), Some(hours), Some(gen)) = (
        whole(p, Metric::PowerCapacity, Period::Once),
        whole(p, Metric::UtilisationHours, Period::Annual),
        whole(p, Metric::Generation, Period::Annual),
    ) else {
        return;
    };
    let computed = cap.value * hours.value;
    let arithmetic = Arithmetic::new(vec![(cap.value, Some(cap.unit)), (hours.value, Some(hours.unit))], '×', '=', (computed, Unit::Kwh));
    out.push(item(Rule::CapacityHours, Some(&p.id), gen, computed, arithmetic));
}

fn annual_times_life(p: &Project, out: &mut Vec<AuditItem>) {
    let Some(life) = whole(p, Metric::ServiceLife, Period::Once) else { return };
    for lifetime in p.figures.iter().filter(|f| f.period == Period::Lifetime && f.part.is_none() && f.item.is_none()) {
        let Some(annual) = whole(p, lifetime.metric, Period::Annual) else { continue };
        let computed = annual.value * life.value;
        let arithmetic =
            Arithmetic::new(vec![(annual.value, Some(annual.unit)), (life.value, Some(life.unit))], '×', '=', (computed, annual.unit));
        out.push(item(Rule::AnnualTimesLife(lifetime.metric), Some(&p.id), lifetime, computed, arithmetic));
    }
}

fn coal_from_generation(p: &Project, out: &mut Vec<AuditItem>) {
    let (Some(gen), Some(rate), Some(coal)) = (
        whole(p, Metric::Generation, Period::Annual),
        whole(p, Metric::CoalRate, Period::Once),
        whole(p, Metric::CoalSaved, Period::Annual),
    ) else {
        return;
    };
    let computed = gen.value * rate.value / 1e6;
    let arithmetic = Arithmetic::new(vec![(gen.value, Some(gen.unit)), (rate.value, Some(rate.unit))], '×', '=', (computed, Unit::Tonne));
    out.push(item(Rule::CoalFromGeneration, Some(&p.id), coal, computed, arithmetic));
}

fn permanent_within_site(p: &Project, out: &mut Vec<AuditItem>) {
    let (Some(site), Some(perm)) =
        (whole(p, Metric::LandArea, Period::Once), whole(p, Metric::PermanentLandArea, Period::Once))
    else {
        return;
    };
    if site.unit != perm.unit {
        return;
    }
    // Only a violation is news here; "within" is the expected case and has no single computed value.
    if perm.value > site.value * (1.0 + TOLERANCE) {
        let arithmetic = Arithmetic::new(vec![(perm.value, Some(perm.unit))], '+', '>', (site.value, site.unit));
        out.push(AuditItem {
            status: Status::Contradiction,
            ..item(Rule::PermanentWithinSite, Some(&p.id), perm, site.value, arithmetic)
        });
    }
}

/// Theme whose projects make up a programme group's capacity.
fn group_theme(group: ProgrammeGroup) -> Option<&'static str> {
    match group {
        ProgrammeGroup::WindExport => Some("power-export"),
        _ => None,
    }
}

fn programme_parts(ds: &Dataset, out: &mut Vec<AuditItem>) {
    for g in &ds.programme {
        let Some(theme) = group_theme(g.group) else { continue };
        if g.figure.metric != Metric::PowerCapacity {
            continue;
        }
        let parts: Vec<f64> = ds
            .projects
            .iter()
            .filter(|p| p.themes.iter().any(|t| t == theme))
            .filter_map(|p| whole(p, Metric::PowerCapacity, Period::Once).map(|f| f.value))
            .collect();
        if parts.is_empty() {
            continue;
        }
        let sum: f64 = parts.iter().sum();
        let terms = parts.iter().map(|&v| (v, None)).collect();
        let arithmetic = Arithmetic::new(terms, '+', '=', (sum, Unit::Kw));
        out.push(item(Rule::ProgrammeParts(g.group), None, &g.figure, sum, arithmetic));
    }
}

/// Every check the data allows, in project order, programme checks last.
pub fn audit(ds: &Dataset) -> Vec<AuditItem> {
    let mut out = Vec::new();
    for p in &ds.projects {
        parts_sum(p, &mut out);
        capacity_hours(p, &mut out);
        annual_times_life(p, &mut out);
        coal_from_generation(p, &mut out);
        permanent_within_site(p, &mut out);
    }
    programme_parts(ds, &mut out);
    out
}

pub fn contradictions(items: &[AuditItem]) -> impl Iterator<Item = &AuditItem> {
    items.iter().filter(|i| i.status == Status::Contradiction)
}
