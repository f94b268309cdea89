//! Sums over the projects in view, grouped by a facet.

use super::dataset::Catalog;
use super::filter::{facet_value, facet_values, Facet};

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
/// dataset's table order.
pub fn by_facet(cat: &Catalog, rows: &[usize], facet: Facet) -> Vec<Group> {
    facet_values(cat, facet)
        .into_iter()
        .filter_map(|id| {
            let members: Vec<usize> =
                rows.iter().copied().filter(|&i| facet_value(&cat.ds.projects[i], facet) == id).collect();
            let t = totals(cat, &members);
            (t.count > 0).then_some(Group {
                id,
                count: t.count,
                investment: t.investment,
                with_investment: t.with_investment,
                derived: t.derived,
            })
        })
        .collect()
}

/// Groups sorted for a bar chart: largest investment first, then by count.
pub fn ranked(mut groups: Vec<Group>) -> Vec<Group> {
    groups.sort_by(|a, b| {
        b.investment.partial_cmp(&a.investment).unwrap_or(std::cmp::Ordering::Equal).then(b.count.cmp(&a.count))
    });
    groups
}
