//! Sums over the projects in view, grouped by a facet.

use super::dataset::{Catalog, Row};
use super::filter::{Counts, Facet, Filter};

#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Facet value slug.
    pub id: String,
    /// Projects in view with this value.
    pub count: usize,
    /// Sum of their total investment, in yuan.
    pub investment: f64,
    /// How many of them have an investment figure.
    pub with_investment: usize,
    /// How many of those totals were derived from parts rather than printed.
    pub derived: usize,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Totals {
    pub count: usize,
    pub investment: f64,
    pub with_investment: usize,
    pub derived: usize,
}

impl Totals {
    pub(crate) fn merge(&mut self, other: &Totals) {
        self.count += other.count;
        self.investment += other.investment;
        self.with_investment += other.with_investment;
        self.derived += other.derived;
    }

    pub(crate) fn add(&mut self, row: &Row) {
        self.count += 1;
        if let Some(a) = row.investment {
            self.investment += a.value;
            self.with_investment += 1;
            self.derived += a.derived as usize;
        }
    }
}

pub fn totals(cat: &Catalog, rows: &[usize]) -> Totals {
    let mut t = Totals::default();
    for &i in rows {
        t.add(&cat.rows[i]);
    }
    t
}

/// Totals of `rows` per value of `facet`, indexed like `Catalog::facet_values`.
/// One pass over the rows, by value code.
pub fn sums_by_code(cat: &Catalog, rows: &[usize], facet: Facet) -> Vec<Totals> {
    let mut sums = vec![Totals::default(); cat.facet_values[facet.index()].len()];
    for &i in rows {
        let row = &cat.rows[i];
        if let Some(t) = sums.get_mut(row.codes[facet.index()] as usize) {
            t.add(row);
        }
    }
    sums
}

impl Group {
    fn new(id: &str, t: &Totals) -> Group {
        Group { id: id.to_string(), count: t.count, investment: t.investment, with_investment: t.with_investment, derived: t.derived }
    }
}

/// One group per facet value that has at least one project in `rows`, in the
/// dataset's table order.
pub fn by_facet(cat: &Catalog, rows: &[usize], facet: Facet) -> Vec<Group> {
    let values = &cat.facet_values[facet.index()];
    values.iter().zip(sums_by_code(cat, rows, facet)).filter(|(_, t)| t.count > 0).map(|(id, t)| Group::new(id, &t)).collect()
}

/// `facet`'s sums among the projects in view, from the one-pass counts: a facet's counts
/// leave out its own choice, so kept to the chosen values (all, if none is chosen) they
/// are the view's. Equals `by_facet` over the rows in view, without reading the rows.
fn view_sums<'a>(cat: &'a Catalog, counts: &'a Counts, filter: &'a Filter, facet: Facet) -> impl Iterator<Item = (&'a String, &'a Totals)> {
    let chosen = filter.selected(facet);
    cat.facet_values[facet.index()]
        .iter()
        .zip(&counts.facets[facet.index()])
        .filter(move |(id, t)| t.count > 0 && (chosen.is_empty() || chosen.contains(*id)))
}

/// `by_facet` over the projects in view, read from the one-pass counts.
pub fn in_view_by(cat: &Catalog, counts: &Counts, filter: &Filter, facet: Facet) -> Vec<Group> {
    view_sums(cat, counts, filter, facet).map(|(id, t)| Group::new(id, t)).collect()
}

/// `totals` of the projects in view, read from the one-pass counts.
pub fn in_view_totals(cat: &Catalog, counts: &Counts, filter: &Filter) -> Totals {
    view_sums(cat, counts, filter, Facet::Kind).fold(Totals::default(), |mut sum, (_, t)| {
        sum.merge(t);
        sum
    })
}

/// The value codes of `facet` that the whole list has, largest investment first (then
/// most projects, then display order): a chart of the facet keeps this order whatever
/// the filter, so its bars never jump. Computed once per dataset.
pub fn stable_order(cat: &Catalog, facet: Facet) -> Vec<usize> {
    let all: Vec<usize> = (0..cat.rows.len()).collect();
    let sums = sums_by_code(cat, &all, facet);
    let mut codes: Vec<usize> = (0..sums.len()).filter(|&c| sums[c].count > 0).collect();
    codes.sort_by(|&a, &b| {
        let (x, y) = (&sums[a], &sums[b]);
        y.investment.partial_cmp(&x.investment).unwrap_or(std::cmp::Ordering::Equal).then(y.count.cmp(&x.count)).then(a.cmp(&b))
    });
    codes
}

/// A facet's chart by the crossfilter convention (dc.js, Mosaic): every value of
/// `order`, each summed under the *other* filters (a facet's counts leave out its own
/// choice), so the chosen values can be shown highlighted beside the ones to add.
pub fn dimension(cat: &Catalog, counts: &Counts, facet: Facet, order: &[usize]) -> Vec<Group> {
    let values = &cat.facet_values[facet.index()];
    let sums = &counts.facets[facet.index()];
    order.iter().filter_map(|&c| Some(Group::new(values.get(c)?, sums.get(c)?))).collect()
}

/// Groups sorted for a bar chart: largest investment first, then by count.
pub fn ranked(mut groups: Vec<Group>) -> Vec<Group> {
    groups.sort_by(|a, b| {
        b.investment.partial_cmp(&a.investment).unwrap_or(std::cmp::Ordering::Equal).then(b.count.cmp(&a.count))
    });
    groups
}
