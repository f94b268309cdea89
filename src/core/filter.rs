//! Which projects are in view. Values are OR-ed within a facet and AND-ed across facets.

use std::collections::BTreeSet;

use super::dataset::Catalog;
use super::model::{Dataset, Kind, Project, Stage};
use super::search::Terms;

/// Facet value for projects whose district or stage the source does not state.
pub const UNSTATED: &str = "unstated";
/// The range filter's unit: 亿元 (100 million yuan), so links stay readable (`min=10`).
pub const RANGE_UNIT_YUAN: f64 = 1e8;
pub const KIND_VALUES: [&str; 2] = ["highlight", "mentioned"];
pub const STAGE_VALUES: [&str; 4] = ["planned", "under-construction", "in-production", UNSTATED];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    Sector,
    District,
    Kind,
    Stage,
}

impl Facet {
    pub const ALL: [Facet; 4] = [Facet::Sector, Facet::District, Facet::Kind, Facet::Stage];

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
        }
    }
}

pub fn kind_slug(k: Kind) -> &'static str {
    match k {
        Kind::Highlight => "highlight",
        Kind::Mentioned => "mentioned",
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
        Facet::Sector => &p.sector,
        Facet::District => p.district.as_deref().unwrap_or(UNSTATED),
        Facet::Kind => kind_slug(p.kind),
        Facet::Stage => stage_slug(p.stage.as_ref().map(|s| s.value)),
    }
}

/// Every value a facet can take in a dataset, in display order.
pub fn facet_values(cat: &Catalog, facet: Facet) -> &[String] {
    &cat.facet_values[facet.index()]
}

/// Computes the facet values of a dataset (once, when the catalog is built).
pub fn all_facet_values(ds: &Dataset, facet: Facet) -> Vec<String> {
    let own = |ids: Vec<&str>| ids.into_iter().map(String::from).collect::<Vec<_>>();
    match facet {
        Facet::Sector => own(ds.sectors.iter().map(|s| s.id.as_str()).collect()),
        Facet::District => {
            let mut v = own(ds.districts.iter().map(|d| d.id.as_str()).collect());
            v.push(UNSTATED.into());
            v
        }
        Facet::Kind => own(KIND_VALUES.to_vec()),
        Facet::Stage => own(STAGE_VALUES.to_vec()),
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filter {
    pub sectors: BTreeSet<String>,
    pub districts: BTreeSet<String>,
    pub kinds: BTreeSet<String>,
    pub stages: BTreeSet<String>,
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
        }
    }

    pub fn selected_mut(&mut self, facet: Facet) -> &mut BTreeSet<String> {
        match facet {
            Facet::Sector => &mut self.sectors,
            Facet::District => &mut self.districts,
            Facet::Kind => &mut self.kinds,
            Facet::Stage => &mut self.stages,
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
    /// Per facet: `None` when nothing is selected, else which codes pass.
    masks: [Option<Vec<bool>>; 4],
}

impl<'a> Matcher<'a> {
    pub fn new(cat: &Catalog, filter: &'a Filter) -> Self {
        let masks = Facet::ALL.map(|f| {
            let set = filter.selected(f);
            (!set.is_empty()).then(|| cat.facet_values[f.index()].iter().map(|v| set.contains(v)).collect())
        });
        Matcher { filter, terms: Terms::new(&filter.q), masks }
    }

    /// Whether project `i` passes every active filter except `skip` (for facet counts).
    pub fn matches_except(&self, cat: &Catalog, i: usize, skip: Option<Facet>) -> bool {
        self.matches_filters(cat, i, skip, false)
    }

    fn matches_filters(&self, cat: &Catalog, i: usize, skip: Option<Facet>, skip_themes: bool) -> bool {
        let p = &cat.ds.projects[i];
        let row = &cat.rows[i];
        for facet in Facet::ALL {
            if Some(facet) == skip {
                continue;
            }
            if let Some(mask) = &self.masks[facet.index()] {
                if !mask.get(row.codes[facet.index()] as usize).copied().unwrap_or(false) {
                    return false;
                }
            }
        }
        let themes = &self.filter.themes;
        if !skip_themes && !themes.is_empty() && !p.themes.iter().any(|t| themes.contains(t)) {
            return false;
        }
        if self.filter.min.is_some() || self.filter.max.is_some() {
            let Some(inv) = row.investment else { return false };
            let v = inv.value / RANGE_UNIT_YUAN;
            if self.filter.min.is_some_and(|m| v < m) || self.filter.max.is_some_and(|m| v > m) {
                return false;
            }
        }
        self.terms.is_empty() || self.terms.matches(&row.haystack)
    }

    pub fn matches(&self, cat: &Catalog, i: usize) -> bool {
        self.matches_except(cat, i, None)
    }
}

/// Indices of the projects in view, in dataset order.
pub fn apply(cat: &Catalog, filter: &Filter) -> Vec<usize> {
    let m = Matcher::new(cat, filter);
    (0..cat.ds.projects.len()).filter(|&i| m.matches(cat, i)).collect()
}

/// For each value of `facet`, how many projects would match if it were selected
/// alongside the other facets' current selections.
pub fn facet_counts(cat: &Catalog, filter: &Filter, facet: Facet) -> Vec<(String, usize)> {
    let m = Matcher::new(cat, filter);
    let mut counts: Vec<(String, usize)> = facet_values(cat, facet).iter().map(|v| (v.clone(), 0)).collect();
    for i in 0..cat.ds.projects.len() {
        if m.matches_except(cat, i, Some(facet)) {
            if let Some(slot) = counts.get_mut(cat.rows[i].codes[facet.index()] as usize) {
                slot.1 += 1;
            }
        }
    }
    counts
}

/// For each theme of the dataset, how many projects carry it under the other filters.
pub fn theme_counts(cat: &Catalog, filter: &Filter) -> Vec<(String, usize)> {
    let m = Matcher::new(cat, filter);
    let mut counts: Vec<(String, usize)> = cat.ds.themes.iter().map(|t| (t.id.clone(), 0)).collect();
    for i in 0..cat.ds.projects.len() {
        if m.matches_filters(cat, i, None, true) {
            for (id, n) in counts.iter_mut() {
                if cat.ds.projects[i].themes.contains(id) {
                    *n += 1;
                }
            }
        }
    }
    counts
}
