//! Consistency audit: where the source's own figures can be checked against each
//! other, compute both sides. Nothing here knows a project by name; every item
//! comes from rules applied to whatever dataset is loaded.

use super::format::{base_value, group_thousands};
use super::model::{Dataset, Figure, Lang, Metric, Period, PrintedTotal, ProgrammeGroup, Project, TotalScope, Unit};
use super::printed::{normalise_cell, unit_exp};

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
    /// A printed subtotal or total row of an imported list against the sum of its projects.
    PrintedTotal(TotalScope, Period),
    /// A section's printed project count (一、能源项目（12个）) against its rows.
    SectionCount,
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
    /// For a printed total or a section: its label as printed and its row.
    pub row_label: Option<(String, u32)>,
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
        let mut left: Vec<String> = self.terms.iter().map(term).collect();
        // A subtotal of 80 rows is written with its first and last terms and the count.
        if left.len() > 6 {
            let n = left.len();
            let middle = match lang {
                Lang::Zh => format!("…（共{n}项）…"),
                Lang::En => format!("… ({n} terms) …"),
            };
            left = vec![left[0].clone(), left[1].clone(), middle, left[n - 1].clone()];
        }
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
        row_label: None,
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
            .filter(|p| p.themes.iter().any(|t| **t == *theme))
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

/// Half a unit of the printed figure's last digit, in base units: "30,000" under 万元 is
/// exact to ±5,000 yuan, so a sum that rounds to it agrees.
fn printed_precision(f: &Figure) -> f64 {
    let exp = f.unit_from.as_deref().and_then(unit_exp).unwrap_or(0);
    let n = normalise_cell(&f.printed);
    let decimals = n.split_once('.').map_or(0, |(_, d)| d.chars().take_while(char::is_ascii_digit).count()) as i32;
    0.5 * 10f64.powi(exp - decimals)
}

fn printed_totals(ds: &Dataset, out: &mut Vec<AuditItem>) {
    // Built only for a list that prints totals, and with Fx rather than SipHash: over 100,000
    // ids it was a tenth of the first render's task.
    let index: rustc_hash::FxHashMap<&str, &Project> =
        if ds.totals.is_empty() { Default::default() } else { ds.projects.iter().map(|p| (p.id.as_str(), p)).collect() };
    for t in &ds.totals {
        for stated in &t.figures {
            let values: Vec<f64> = t
                .members
                .iter()
                .filter_map(|m| index.get(m.as_str()))
                .filter_map(|p| whole(p, stated.metric, stated.period).map(|f| f.value))
                .collect();
            let sum: f64 = values.iter().sum();
            let agrees = (stated.value - sum).abs() <= printed_precision(stated);
            out.push(AuditItem {
                rule: Rule::PrintedTotal(t.scope, stated.period),
                project: None,
                row_label: Some(total_label(t)),
                status: if agrees { Status::Consistent } else { Status::Contradiction },
                stated: stated.value,
                stated_printed: stated.printed.clone(),
                computed: sum,
                unit: stated.unit,
                arithmetic: Arithmetic::new(values.iter().map(|&v| (v, None)).collect(), '+', '=', (sum, stated.unit)),
            });
        }
    }
    for s in &ds.sections {
        let Some(count) = s.count else { continue };
        let rows = ds.projects.iter().filter(|p| p.section.as_deref() == Some(s.id.as_str())).count() as f64;
        out.push(AuditItem {
            rule: Rule::SectionCount,
            project: None,
            row_label: Some((s.printed.clone(), s.src.row().unwrap_or(0))),
            status: if rows == f64::from(count) { Status::Consistent } else { Status::Contradiction },
            stated: f64::from(count),
            stated_printed: s.printed.clone(),
            computed: rows,
            unit: Unit::Count,
            arithmetic: Arithmetic::new(vec![(rows, None)], '+', '=', (rows, Unit::Count)),
        });
    }
}

fn total_label(t: &PrintedTotal) -> (String, u32) {
    (t.label.clone(), t.src.row().unwrap_or(0))
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
    printed_totals(ds, &mut out);
    out
}

pub fn contradictions(items: &[AuditItem]) -> impl Iterator<Item = &AuditItem> {
    items.iter().filter(|i| i.status == Status::Contradiction)
}
