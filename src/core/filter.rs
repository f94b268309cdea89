//! Which projects are in view. Values are OR-ed within a facet and AND-ed across facets.

use std::collections::BTreeSet;

use super::aggregate::Totals;
use super::dataset::{Catalog, Row};
use super::model::{Dataset, Kind, Lang, Project, Stage};
use super::search::{split_pieces, Terms};

/// Facet value for projects whose district or stage the source does not state.
pub const UNSTATED: &str = "unstated";
/// The range filter's unit: 亿元 (100 million yuan), so links stay readable (`min=10`).
pub const RANGE_UNIT_YUAN: f64 = 1e8;
/// The range fields are in 亿元 for Chinese readers and in CNY bn for English ones (10亿元
/// = CNY 1 bn); the link keeps 亿元 either way, so both read the same view.
fn range_input_per_yi(lang: Lang) -> f64 {
    match lang {
        Lang::Zh => 1.0,
        Lang::En => 0.1,
    }
}

/// Rounds away the float noise of a unit change (2.266 bn → 22.66 亿, not 22.660000000000004).
fn tidy(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

/// A range bound (in 亿元) as its field shows it in `lang`.
pub fn range_to_input(yi: f64, lang: Lang) -> String {
    tidy(yi * range_input_per_yi(lang)).to_string()
}

/// What a range field holds, as a bound in 亿元; `None` when empty or not a number ≥ 0.
pub fn range_from_input(text: &str, lang: Lang) -> Option<f64> {
    let v = text.trim().parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0)?;
    Some(tidy(v / range_input_per_yi(lang)))
}

pub const KIND_VALUES: [&str; 3] = ["highlight", "mentioned", "listed"];
pub const STAGE_VALUES: [&str; 4] = ["planned", "under-construction", "in-production", UNSTATED];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    Sector,
    District,
    Kind,
    Stage,
    /// An imported list's sections (一、能源项目); the embedded list has none.
    Section,
}

impl Facet {
    pub const ALL: [Facet; 5] = [Facet::Sector, Facet::District, Facet::Kind, Facet::Stage, Facet::Section];

    /// Position in `Facet::ALL` (and in `Row::codes`).
    pub fn index(self) -> usize {
        self as usize
    }

    /// The query-string key, which is also the facet's stable name.
    pub fn key(self) -> &'static str {
        match self {
            Facet::Sector => "sector",
            Facet::District => "district",
            Facet::Kind => "kind",
            Facet::Stage => "stage",
            Facet::Section => "section",
        }
    }
}

pub fn kind_slug(k: Kind) -> &'static str {
    match k {
        Kind::Highlight => "highlight",
        Kind::Mentioned => "mentioned",
        Kind::Listed => "listed",
    }
}

pub fn stage_slug(s: Option<Stage>) -> &'static str {
    match s {
        Some(Stage::Planned) => "planned",
        Some(Stage::UnderConstruction) => "under-construction",
        Some(Stage::InProduction) => "in-production",
        None => UNSTATED,
    }
}

/// The facet value of a project, as a slug.
pub fn facet_value(p: &Project, facet: Facet) -> &str {
    match facet {
        Facet::Sector if p.sector.is_empty() => UNSTATED,
        Facet::Sector => &p.sector,
        Facet::District => p.district.as_deref().unwrap_or(UNSTATED),
        Facet::Kind => kind_slug(p.kind),
        // A list's own stage values (续建) when it has them, else the embedded three.
        Facet::Stage => p.status.as_deref().unwrap_or_else(|| stage_slug(p.stage.as_ref().map(|s| s.value))),
        Facet::Section => p.section.as_deref().unwrap_or(UNSTATED),
    }
}

/// Every value a facet can take in a dataset, in display order.
pub fn facet_values(cat: &Catalog, facet: Facet) -> &[String] {
    &cat.facet_values[facet.index()]
}

/// Computes the facet values of a dataset (once, when the catalog is built).
pub fn all_facet_values(ds: &Dataset, facet: Facet) -> Vec<String> {
    let own = |ids: Vec<&str>| ids.into_iter().map(String::from).collect::<Vec<_>>();
    let unstated_if = |mut v: Vec<String>, any: bool| {
        if any {
            v.push(UNSTATED.into());
        }
        v
    };
    match facet {
        Facet::Sector => unstated_if(own(ds.sectors.iter().map(|s| s.id.as_str()).collect()), ds.projects.iter().any(|p| p.sector.is_empty())),
        Facet::District => unstated_if(own(ds.districts.iter().map(|d| d.id.as_str()).collect()), true),
        // The kinds the list has: the embedded list's two, an imported list's one.
        Facet::Kind => own(KIND_VALUES.iter().copied().filter(|k| ds.projects.iter().any(|p| kind_slug(p.kind) == *k)).collect()),
        Facet::Stage if ds.stages.is_empty() => own(STAGE_VALUES.to_vec()),
        Facet::Stage => unstated_if(own(ds.stages.iter().map(|s| s.id.as_str()).collect()), ds.projects.iter().any(|p| p.status.is_none())),
        Facet::Section if ds.sections.is_empty() => Vec::new(),
        Facet::Section => unstated_if(own(ds.sections.iter().map(|s| s.id.as_str()).collect()), ds.projects.iter().any(|p| p.section.is_none())),
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filter {
    pub sectors: BTreeSet<String>,
    pub districts: BTreeSet<String>,
    pub kinds: BTreeSet<String>,
    pub stages: BTreeSet<String>,
    pub sections: BTreeSet<String>,
    /// Theme tags (a project has several): it matches if it carries any selected one.
    pub themes: BTreeSet<String>,
    pub q: String,
    /// Lower bound of total investment, in 亿元.
    pub min: Option<f64>,
    /// Upper bound of total investment, in 亿元.
    pub max: Option<f64>,
}

impl Filter {
    pub fn selected(&self, facet: Facet) -> &BTreeSet<String> {
        match facet {
            Facet::Sector => &self.sectors,
            Facet::District => &self.districts,
            Facet::Kind => &self.kinds,
            Facet::Stage => &self.stages,
            Facet::Section => &self.sections,
        }
    }

    pub fn selected_mut(&mut self, facet: Facet) -> &mut BTreeSet<String> {
        match facet {
            Facet::Sector => &mut self.sectors,
            Facet::District => &mut self.districts,
            Facet::Kind => &mut self.kinds,
            Facet::Stage => &mut self.stages,
            Facet::Section => &mut self.sections,
        }
    }

    /// Adds the value if absent, removes it if present.
    pub fn toggle(&mut self, facet: Facet, value: &str) {
        let set = self.selected_mut(facet);
        if !set.remove(value) {
            set.insert(value.to_string());
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }
}

/// A filter prepared for repeated matching: search terms parsed once, and each
/// facet's selection turned into a mask over the catalog's value codes.
pub struct Matcher<'a> {
    filter: &'a Filter,
    terms: Terms,
    /// Per term, where the list's shared texts hold it whole: which district codes, and
    /// which theme bits (`Catalog::shared`), so a row tests those with a lookup.
    shared_hits: Vec<(Vec<bool>, u64)>,
    /// The facets with a choice (by `Facet::index`), each with which codes pass: a row is
    /// tested against these only, usually one.
    masks: Vec<(usize, Vec<bool>)>,
    /// Whether an investment range is set.
    ranged: bool,
    /// Selected themes as bits by position in `ds.themes` (`None`: no theme filter).
    themes: Option<u64>,
}

/// Why a row fails a filter, by group: a bit per facet that rejects it (`Facet::index`),
/// and whether its themes do. `None` from `Matcher::check` means the range or the text
/// rejects it, which no facet count ignores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Check {
    facets_failed: u8,
    themes_ok: bool,
}

/// The `Row::themes` bits of the themes (in the list's order) for which `hits` is true.
fn bits_where(hits: impl Iterator<Item = bool>) -> u64 {
    hits.take(64).enumerate().filter(|&(_, hit)| hit).fold(0, |bits, (i, _)| bits | 1 << i)
}

impl<'a> Matcher<'a> {
    pub fn new(cat: &Catalog, filter: &'a Filter) -> Self {
        let masks = Facet::ALL
            .into_iter()
            .filter(|&f| !filter.selected(f).is_empty())
            .map(|f| (f.index(), cat.facet_values[f.index()].iter().map(|v| filter.selected(f).contains(v)).collect()))
            .collect();
        let themes = (!filter.themes.is_empty()).then(|| {
            bits_where(cat.ds.themes.iter().map(|t| filter.themes.contains(&t.id)))
        });
        let ranged = filter.min.is_some() || filter.max.is_some();
        let terms = Terms::new(&filter.q);
        let shared_hits = terms
            .iter()
            .map(|t| {
                let districts = cat.shared.districts.iter().map(|d| d.contains(t)).collect();
                let themes = bits_where(cat.shared.themes.iter().map(|x| x.contains(t)));
                (districts, themes)
            })
            .collect();
        Matcher { filter, terms, shared_hits, masks, ranged, themes }
    }

    /// Whether every search term is in row `i`'s texts: its own, its district's or a
    /// theme's, whole, or (a Chinese term) as pieces found across them.
    fn text_matches(&self, cat: &Catalog, i: usize, row: &Row) -> bool {
        let own = cat.search.get(i).unwrap_or("");
        let district = row.codes[Facet::District.index()];
        self.terms.iter().zip(&self.shared_hits).all(|(term, (districts, themes))| {
            own.contains(term)
                || districts.get(district as usize).copied().unwrap_or(false)
                || row.themes & themes != 0
                || split_pieces(term, &|piece| {
                    own.contains(piece) || cat.shared.district(district).contains(piece) || cat.shared.themes(row.themes).any(|t| t.contains(piece))
                })
                .is_some()
        })
    }

    fn check(&self, cat: &Catalog, i: usize) -> Option<Check> {
        let row = &cat.rows[i];
        if self.ranged {
            let v = row.investment?.value / RANGE_UNIT_YUAN;
            if self.filter.min.is_some_and(|m| v < m) || self.filter.max.is_some_and(|m| v > m) {
                return None;
            }
        }
        if !(self.terms.is_empty() || self.text_matches(cat, i, row)) {
            return None;
        }
        let mut facets_failed = 0u8;
        for (facet, mask) in &self.masks {
            let pass = |code: usize| mask.get(code).copied().unwrap_or(false);
            // A project in several places passes a district filter through any of them.
            let elsewhere = || *facet == Facet::District.index() && cat.places.get(&i).is_some_and(|codes| codes.iter().any(|&c| pass(usize::from(c))));
            if !pass(usize::from(row.codes[*facet])) && !elsewhere() {
                facets_failed |= 1 << facet;
            }
        }
        let themes_ok = self.themes.is_none_or(|mask| row.themes & mask != 0);
        Some(Check { facets_failed, themes_ok })
    }

    /// Whether row `i` passes every filter.
    pub fn matches(&self, cat: &Catalog, i: usize) -> bool {
        self.check(cat, i).is_some_and(|c| c.themes_ok && c.facets_failed == 0)
    }
}

/// The projects that pass `filter`, in index order.
pub fn apply(cat: &Catalog, filter: &Filter) -> Vec<usize> {
    let m = Matcher::new(cat, filter);
    (0..cat.ds.projects.len()).filter(|&i| m.matches(cat, i)).collect()
}

/// What each facet value and each theme would show if chosen: a value is counted (and
/// its investment summed) under every filter except its own group's. Indexed like
/// `Catalog::facet_values` (by `Facet::index`) and `ds.themes`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Counts {
    pub facets: [Vec<Totals>; 5],
    /// Per theme, with sums: the programme chart shows every theme under the other filters.
    pub themes: Vec<Totals>,
}

/// What a filter selects, from one pass over the rows in dataset order (sequential reads,
/// which at 100,000 rows cost a fraction of reading them in table order): which projects
/// are in view, and every facet and theme count.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Selection {
    /// Per project, in dataset order: whether it is in view.
    pub in_view: Vec<bool>,
    pub counts: Counts,
}

impl Selection {
    /// The projects in view in the order of `order` (the table's order, sorted once).
    pub fn in_order(&self, order: &[usize]) -> Vec<usize> {
        order.iter().copied().filter(|&i| self.in_view.get(i).copied().unwrap_or(false)).collect()
    }

    /// The projects in view in dataset order.
    pub fn in_dataset_order(&self) -> Vec<usize> {
        self.in_view.iter().enumerate().filter(|(_, &shown)| shown).map(|(i, _)| i).collect()
    }
}

/// All facet and theme counts, and the projects in view, in one pass over the rows. A row
/// that fails no group counts for its value in every facet; one that fails exactly one
/// facet counts only there.
pub fn select(cat: &Catalog, filter: &Filter) -> Selection {
    let m = Matcher::new(cat, filter);
    let mut in_view = vec![false; cat.rows.len()];
    let mut out = Counts {
        facets: Facet::ALL.map(|f| vec![Totals::default(); cat.facet_values[f.index()].len()]),
        themes: vec![Totals::default(); cat.ds.themes.len()],
    };
    let district = Facet::District.index();
    let mut bump = |facet: usize, i: usize, row: &Row| {
        if let Some(t) = out.facets[facet].get_mut(row.codes[facet] as usize) {
            t.add(row);
        }
        // Counted in each of its places (the totals in view count it once).
        if facet == district {
            for &c in cat.places.get(&i).into_iter().flatten() {
                if let Some(t) = out.facets[facet].get_mut(c as usize) {
                    t.add(row);
                }
            }
        }
    };
    for (i, row) in cat.rows.iter().enumerate() {
        let Some(c) = m.check(cat, i) else { continue };
        if c.themes_ok {
            match c.facets_failed.count_ones() {
                0 => {
                    in_view[i] = true;
                    (0..Facet::ALL.len()).for_each(|f| bump(f, i, row));
                }
                1 => bump(c.facets_failed.trailing_zeros() as usize, i, row),
                _ => {}
            }
        }
        if c.facets_failed == 0 {
            let mut bits = row.themes;
            while bits != 0 {
                if let Some(t) = out.themes.get_mut(bits.trailing_zeros() as usize) {
                    t.add(row);
                }
                bits &= bits - 1;
            }
        }
    }
    Selection { in_view, counts: out }
}

/// What each facet value and each theme would show if chosen: see `select`.
pub fn counts(cat: &Catalog, filter: &Filter) -> Counts {
    select(cat, filter).counts
}

/// One facet's counts beside its values, in display order (see `counts`).
pub fn facet_counts(cat: &Catalog, filter: &Filter, facet: Facet) -> Vec<(String, usize)> {
    let all = counts(cat, filter);
    facet_values(cat, facet).iter().cloned().zip(all.facets[facet.index()].iter().map(|t| t.count)).collect()
}

/// Theme counts beside the theme ids, under every filter except the theme filter (see `counts`).
pub fn theme_counts(cat: &Catalog, filter: &Filter) -> Vec<(String, usize)> {
    cat.ds.themes.iter().map(|t| t.id.clone()).zip(counts(cat, filter).themes.iter().map(|t| t.count)).collect()
}
