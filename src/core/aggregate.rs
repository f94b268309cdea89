//! Sums over the projects in view, grouped by a facet.

use super::dataset::Catalog;
use super::filter::Facet;

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

pub fn totals(cat: &Catalog, rows: &[usize]) -> Totals {
    let mut t = Totals::default();
    for &i in rows {
        t.count += 1;
        if let Some(a) = cat.rows[i].investment {
            t.investment += a.value;
            t.with_investment += 1;
            t.derived += a.derived as usize;
        }
    }
    t
}

/// One group per facet value that has at least one project in `rows`, in the
/// dataset's table order. One pass over the rows, by value code.
pub fn by_facet(cat: &Catalog, rows: &[usize], facet: Facet) -> Vec<Group> {
    let values = &cat.facet_values[facet.index()];
    let mut groups: Vec<Group> = values
        .iter()
        .map(|id| Group { id: id.clone(), count: 0, investment: 0.0, with_investment: 0, derived: 0 })
        .collect();
    for &i in rows {
        let row = &cat.rows[i];
        let Some(g) = groups.get_mut(row.codes[facet.index()] as usize) else { continue };
        g.count += 1;
        if let Some(a) = row.investment {
            g.investment += a.value;
            g.with_investment += 1;
            g.derived += a.derived as usize;
        }
    }
    groups.retain(|g| g.count > 0);
    groups
}

/// Groups sorted for a bar chart: largest investment first, then by count.
pub fn ranked(mut groups: Vec<Group>) -> Vec<Group> {
    groups.sort_by(|a, b| {
        b.investment.partial_cmp(&a.investment).unwrap_or(std::cmp::Ordering::Equal).then(b.count.cmp(&a.count))
    });
    groups
}
