//! The inputs of the map, scatter, timeline and programme charts, computed from the projects in
//! view. Pure: labels come out localised, amounts in base units; drawing is `crate::charts`'s job.

use std::collections::BTreeSet;

use super::aggregate::{totals, Totals};
use super::filter::Facet;
use super::dataset::Catalog;
use super::format::{qualified, trim_decimals, yuan};
use super::i18n::{chart_word, count_projects, milestone_label, texts, ChartWord};
use super::query::Measure;
use super::model::{Lang, Metric, Milestone, Period, ProgrammeFigure, ProgrammeGroup, Project, Qualifier, Unit};
use crate::charts::district_map::DistrictTile;
use crate::charts::programme_share::ProgrammeBar;
use crate::charts::scatter::ScatterPoint;
use crate::charts::timeline::{TimelineData, TimelineMark, TimelineRow};

/// The timeline always spans at least the plan year to the end of the 14th Five-Year Plan.
pub const TIMELINE_LAST_YEAR: i32 = 2025;

/// Amount in the reader's units, or "no amount stated" when no project had one.
/// A sum of amounts as the reader sees it: "no amount stated" when none of the projects
/// states one, never 0 (not stated is not zero).
pub fn amount_label(value: f64, with_amount: usize, lang: Lang) -> String {
    if with_amount == 0 {
        texts(lang).no_amount.to_string()
    } else {
        yuan(value, lang)
    }
}

/// One tile per district of the dataset, in dataset order, zero-count districts included.
/// `sums` are the projects' totals per district code (`aggregate::sums_by_code`, or the
/// facet counts, which leave the district filter out so unselected tiles stay visible).
pub fn district_tiles(cat: &Catalog, sums: &[Totals], lang: Lang, selected: &BTreeSet<String>) -> Vec<DistrictTile> {
    let values = &cat.facet_values[Facet::District.index()];
    cat.ds
        .districts
        .iter()
        .map(|d| {
            let t = values.iter().position(|v| *v == d.id).and_then(|code| sums.get(code));
            let (count, investment, with_investment) = t.map_or((0, 0.0, 0), |t| (t.count, t.investment, t.with_investment));
            DistrictTile {
                id: d.id.clone(),
                label: d.name.get(lang).to_string(),
                short: d.short.as_ref().map(|n| n.get(lang).to_string()),
                col: u32::from(d.tile[0]),
                row: u32::from(d.tile[1]),
                count,
                investment,
                count_label: count_projects(count, lang),
                value_label: amount_label(investment, with_investment, lang),
                stated: with_investment > 0,
                selected: selected.contains(&d.id),
            }
        })
        .collect()
}

/// The scatter's vertical value for a project: jobs (total, or summed from phases),
/// or a whole-project annual amount as printed.
fn measure_of(cat: &Catalog, i: usize, measure: Measure) -> Option<(f64, bool, Unit, Option<Qualifier>)> {
    let annual = |metric: Metric| {
        cat.ds.projects[i]
            .figures
            .iter()
            .find(|f| f.metric == metric && f.period == Period::Annual && f.part.is_none() && f.item.is_none())
            .map(|f| (f.value, false, f.unit, f.qualifier))
    };
    match measure {
        Measure::Jobs => cat.rows[i].jobs.map(|a| (a.value, a.derived, Unit::Person, a.qualifier)),
        Measure::Output => annual(Metric::OutputValue),
        Measure::Revenue => annual(Metric::Revenue),
    }
}

/// Per project (dataset order): whether it can be a scatter point for `measure`, i.e.
/// `scatter_points` keeps it when it is in view. Computed once per dataset and measure,
/// so a filter click tests a flag per row in view instead of reading its figures.
pub fn plottable(cat: &Catalog, measure: Measure) -> Vec<bool> {
    (0..cat.rows.len())
        .map(|i| cat.rows[i].investment.is_some_and(|a| a.value > 0.0) && measure_of(cat, i, measure).is_some_and(|m| m.0 > 0.0))
        .collect()
}

/// Projects with at least one milestone, in dataset order: the timeline's candidates.
pub fn dated(cat: &Catalog) -> Vec<usize> {
    cat.ds.projects.iter().enumerate().filter(|(_, p)| !p.milestones.is_empty()).map(|(i, _)| i).collect()
}

/// A point per project in view with a positive investment and a positive `measure`.
pub fn scatter_points(cat: &Catalog, rows: &[usize], lang: Lang, selected: Option<&str>, measure: Measure) -> Vec<ScatterPoint> {
    rows.iter()
        .filter_map(|&i| {
            let (p, row) = (&cat.ds.projects[i], &cat.rows[i]);
            let inv = row.investment?;
            let (y, y_derived, unit, y_qualifier) = measure_of(cat, i, measure)?;
            (inv.value > 0.0 && y > 0.0).then(|| {
                // Qualifiers as printed: 近1万人, "nearly 10,000 people".
                let y_label = qualified(y, unit, y_qualifier, lang);
                ScatterPoint {
                    id: p.id.clone(),
                    label: p.name.get(lang).to_string(),
                    investment: inv.value,
                    y,
                    derived: inv.derived || y_derived,
                    value_label: format!("{} · {y_label}", qualified(inv.value, Unit::Yuan, inv.qualifier, lang)),
                    y_label,
                    selected: selected == Some(p.id.as_str()),
                }
            })
        })
        .collect()
}

/// A milestone's date: "2023-12" → (2023, Some(12)); a year alone, "2023" → (2023, None).
pub fn parse_date(date: &str) -> Option<(i32, Option<u32>)> {
    match date.split_once('-') {
        Some((y, m)) => {
            let (year, month) = (y.parse().ok()?, m.parse().ok()?);
            (1..=12).contains(&month).then_some((year, Some(month)))
        }
        None => (date.len() == 4).then(|| date.parse().ok()).flatten().map(|year| (year, None)),
    }
}

fn mark(p: &Project, m: &Milestone, lang: Lang) -> Option<TimelineMark> {
    let (year, month) = parse_date(&m.date)?;
    let part = m.part.as_deref().and_then(|id| p.parts.iter().find(|x| x.id == id)).map(|x| x.name.get(lang));
    // The printed date ("2023年底") reads in Chinese only, and only where it is this
    // milestone's alone: a range printed once ("2022-2025") gives each end its own date.
    let shared = p.milestones.iter().filter(|o| o.printed == m.printed).count() > 1;
    // English reads the date itself, "2023-12" or "2023".
    let when = match (lang, month) {
        (Lang::Zh, _) if !shared => m.printed.clone(),
        (Lang::Zh, Some(month)) => format!("{year}年{month}月"),
        (Lang::Zh, None) => format!("{year}年"),
        (Lang::En, _) => m.date.clone(),
    };
    let label = match (part, lang) {
        (Some(part), Lang::Zh) => format!("{part}{} {when}", milestone_label(m.event, lang)),
        (Some(part), Lang::En) => format!("{part}: {} {when}", milestone_label(m.event, lang)),
        (None, _) => format!("{} {when}", milestone_label(m.event, lang)),
    };
    Some(TimelineMark { event: m.event, year, month, label })
}

/// The timeline draws at most this many projects, the earliest: a row is 45 px tall, and
/// a list of 100,000 dated projects would be a canvas of millions of pixels.
pub const TIMELINE_ROWS: usize = 40;

/// A row per project in view with milestones, earliest first (ties in the order of
/// `rows`), at most `TIMELINE_ROWS` of them; `dated` counts them all.
pub fn timeline(cat: &Catalog, rows: &[usize], lang: Lang, selected: Option<&str>) -> TimelineData {
    // The earliest projects by their first date, kept in order as the rows go by, without
    // writing anyone's labels (and without a sort of its own, which would add to the page).
    let mut earliest: Vec<((i32, Option<u32>), usize)> = Vec::with_capacity(TIMELINE_ROWS + 1);
    let mut dated = 0;
    for (k, &i) in rows.iter().enumerate() {
        let Some(first) = cat.ds.projects[i].milestones.iter().filter_map(|m| parse_date(&m.date)).min() else { continue };
        dated += 1;
        if earliest.len() == TIMELINE_ROWS && earliest.last().is_some_and(|&(last, _)| last <= first) {
            continue;
        }
        // After the rows of the same date already kept: ties stay in the order of `rows`.
        let at = earliest.partition_point(|&(d, _)| d <= first);
        earliest.insert(at, (first, k));
        earliest.truncate(TIMELINE_ROWS);
    }
    let out: Vec<TimelineRow> = earliest
        .into_iter()
        .map(|(_, k)| {
            let p = &cat.ds.projects[rows[k]];
            let mut marks: Vec<TimelineMark> = p.milestones.iter().filter_map(|m| mark(p, m, lang)).collect();
            marks.sort_by_key(|m| (m.year, m.month));
            TimelineRow { id: p.id.clone(), label: p.name.get(lang).to_string(), marks, selected: selected == Some(p.id.as_str()) }
        })
        .collect();
    let years = out.iter().flat_map(|r| r.marks.iter().map(|m| m.year));
    let plan_year = i32::from(cat.ds.source.year);
    let first_year = years.clone().min().map_or(plan_year, |y| y.min(plan_year));
    let last_year = years.max().map_or(TIMELINE_LAST_YEAR, |y| y.max(TIMELINE_LAST_YEAR));
    TimelineData { first_year, last_year, rows: out, dated }
}

/// Which named projects itemise a programme investment figure, if any do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every project in view (the key-project programme's total).
    All,
    /// Projects carrying this theme.
    Theme(&'static str),
    /// No meaningful comparison: an annual plan, or a group no theme maps to.
    None,
}

/// Project totals are multi-year amounts, so only a one-off programme figure can hold them;
/// the annual plan gets no overlay.
pub fn scope(f: &ProgrammeFigure) -> Scope {
    if f.figure.period != Period::Once {
        return Scope::None;
    }
    match f.group {
        ProgrammeGroup::KeyProjects => Scope::All,
        ProgrammeGroup::NewEnergy2022 | ProgrammeGroup::NewEnergy14thFyp => Scope::Theme("new-energy"),
        ProgrammeGroup::PublicService => Scope::Theme("public-service"),
        ProgrammeGroup::Ecology => Scope::Theme("ecology"),
        _ => Scope::None,
    }
}

/// The named projects' totals for a scope: the whole key-project programme sums the
/// projects in view; a theme's figure is that theme's own dimension, so it sums the
/// theme's projects under the *other* filters (`theme_sums`, `Counts::themes`), the
/// crossfilter convention: a theme filter dims the other bars, it does not empty them.
fn scope_totals(cat: &Catalog, rows: &[usize], theme_sums: &[Totals], s: Scope) -> Option<Totals> {
    match s {
        Scope::All => Some(totals(cat, rows)),
        Scope::Theme(t) => Some(cat.ds.themes.iter().position(|x| x.id == t).and_then(|at| theme_sums.get(at)).cloned().unwrap_or_default()),
        Scope::None => None,
    }
}

fn share_label(named: f64, total: f64, count: usize, with_amount: usize, lang: Lang) -> String {
    let pct = if total > 0.0 { trim_decimals(named / total * 100.0, 1) } else { "0".into() };
    format!("{pct}% · {} · {}", amount_label(named, with_amount, lang), count_projects(count, lang))
}

/// The figure as printed; English readers also get it in their units.
/// The OCR'd page has stray spaces inside figures ("551 亿元"): a chart label leaves them
/// out; the "as printed" column keeps the string exactly.
fn total_label(f: &ProgrammeFigure, lang: Lang) -> String {
    let printed: String = f.figure.printed.split_whitespace().collect();
    match lang {
        Lang::Zh => printed,
        Lang::En => format!("{} · {printed}", qualified(f.figure.value, f.figure.unit, f.figure.qualifier, lang)),
    }
}

/// A bar per programme investment figure, in dataset order.
pub fn programme_bars(cat: &Catalog, rows: &[usize], theme_sums: &[Totals], lang: Lang, selected: Option<&str>) -> Vec<ProgrammeBar> {
    cat.ds
        .programme
        .iter()
        .filter(|f| f.figure.metric == Metric::Investment)
        .map(|f| {
            let t = scope_totals(cat, rows, theme_sums, scope(f));
            let total = f.figure.value;
            ProgrammeBar {
                id: f.id.clone(),
                label: f.label.get(lang).to_string(),
                total,
                total_label: total_label(f, lang),
                named: t.as_ref().map(|t| t.investment),
                share_label: t.map_or_else(
                    || chart_word(ChartWord::NotItemised, lang).to_string(),
                    |t| share_label(t.investment, total, t.count, t.with_investment, lang),
                ),
                selected: selected == Some(f.id.as_str()),
            }
        })
        .collect()
}
