//! Table order. The URL form is `sort=<column>` (ascending) or `sort=-<column>`.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use super::dataset::Catalog;
use super::filter::{facet_value, Facet};
use super::model::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Name,
    District,
    Sector,
    Kind,
    Stage,
    Investment,
    Jobs,
}

impl Column {
    pub const ALL: [Column; 7] =
        [Column::Name, Column::District, Column::Sector, Column::Kind, Column::Stage, Column::Investment, Column::Jobs];

    pub fn slug(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::District => "district",
            Column::Sector => "sector",
            Column::Kind => "kind",
            Column::Stage => "stage",
            Column::Investment => "investment",
            Column::Jobs => "jobs",
        }
    }

    /// Numbers read best largest first; text A→Z.
    pub fn default_descending(self) -> bool {
        matches!(self, Column::Investment | Column::Jobs)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sort {
    pub column: Column,
    pub descending: bool,
}

impl Default for Sort {
    fn default() -> Self {
        Sort { column: Column::Investment, descending: true }
    }
}

impl Sort {
    /// The order after a click on `column`'s header: flip if already sorted by it.
    pub fn clicked(self, column: Column) -> Sort {
        if self.column == column {
            Sort { column, descending: !self.descending }
        } else {
            Sort { column, descending: column.default_descending() }
        }
    }
}

impl fmt::Display for Sort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", if self.descending { "-" } else { "" }, self.column.slug())
    }
}

impl FromStr for Sort {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (descending, name) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        Column::ALL
            .into_iter()
            .find(|c| c.slug() == name)
            .map(|column| Sort { column, descending })
            .ok_or_else(|| format!("unknown column {name:?}"))
    }
}

/// Lowercased for comparison; borrowed when that changes nothing (every Chinese name).
fn folded(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return match s.bytes().any(|b| b.is_ascii_uppercase()) {
            true => Cow::Owned(s.to_ascii_lowercase()),
            false => Cow::Borrowed(s),
        };
    }
    match s.to_lowercase() {
        lower if lower == s => Cow::Borrowed(s),
        lower => Cow::Owned(lower),
    }
}

/// The sort label of each value of `facet` (by code): its name in `lang`. Unstated
/// values sort last.
fn facet_labels(cat: &Catalog, facet: Facet, lang: Lang) -> Vec<String> {
    cat.facet_values[facet.index()]
        .iter()
        .map(|v| {
            let name = match facet {
                Facet::Sector => cat.ds.sectors.iter().find(|s| s.id == *v).map(|s| s.name.get(lang)),
                Facet::District => cat.ds.districts.iter().find(|d| d.id == *v).map(|d| d.name.get(lang)),
                _ => None,
            };
            name.map_or_else(|| format!("\u{10FFFF}{v}"), str::to_string)
        })
        .collect()
}

/// The name of a table order, as `Presorted::key` carries it.
pub fn order_key(sort: Sort, lang: Lang) -> String {
    format!("{sort}/{}", lang.slug())
}

/// Every project in table order: the catalog's presorted order when it is this one,
/// sorted here otherwise.
pub fn table_order(cat: &Catalog, sort: Sort, lang: Lang) -> Arc<Vec<usize>> {
    if let Some(p) = cat.presorted.as_ref().filter(|p| p.key == order_key(sort, lang) && p.rows.len() == cat.ds.projects.len()) {
        return p.rows.clone();
    }
    let mut all: Vec<usize> = (0..cat.ds.projects.len()).collect();
    sort_rows(cat, &mut all, sort, lang);
    Arc::new(all)
}

/// Sorts row indices in place. Missing numbers go last in either direction;
/// ties keep name order (then index order) so the table is deterministic. Keys are built
/// at most once per row, not once per comparison (a user file can hold 100,000 rows).
pub fn sort_rows(cat: &Catalog, rows: &mut [usize], sort: Sort, lang: Lang) {
    let number = |i: usize| match sort.column {
        Column::Investment => cat.rows[i].investment.map(|a| a.value),
        Column::Jobs => cat.rows[i].jobs.map(|a| a.value),
        _ => None,
    };
    let numeric = matches!(sort.column, Column::Investment | Column::Jobs);
    // District and sector labels once per value, not once per row.
    let labels = match sort.column {
        Column::District => facet_labels(cat, Facet::District, lang),
        Column::Sector => facet_labels(cat, Facet::Sector, lang),
        _ => Vec::new(),
    };
    let label = |i: usize| -> &str {
        let code = |f: Facet| cat.rows[i].codes[f.index()] as usize;
        match sort.column {
            Column::District => labels.get(code(Facet::District)).map_or("\u{10FFFF}", String::as_str),
            Column::Sector => labels.get(code(Facet::Sector)).map_or("\u{10FFFF}", String::as_str),
            Column::Kind => facet_value(&cat.ds.projects[i], Facet::Kind),
            Column::Stage => facet_value(&cat.ds.projects[i], Facet::Stage),
            Column::Name | Column::Investment | Column::Jobs => "",
        }
    };
    let mut keyed: Vec<(usize, Option<f64>, &str)> = rows.iter().map(|&i| (i, number(i), label(i))).collect();
    // Names break ties, each lowercased once and only when a tie needs it: sorted by
    // amount, most of 100,000 rows never compare by name.
    let mut names: Vec<Option<Cow<str>>> = vec![None; cat.ds.projects.len()];
    keyed.sort_by(|a, b| {
        let primary = if numeric {
            match (a.1, b.1) {
                (Some(x), Some(y)) => {
                    let o = x.partial_cmp(&y).unwrap_or(Ordering::Equal);
                    if sort.descending { o.reverse() } else { o }
                }
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
        } else {
            let o = a.2.cmp(b.2);
            if sort.descending { o.reverse() } else { o }
        };
        primary.then_with(|| {
            for i in [a.0, b.0] {
                if names.get(i).is_some_and(Option::is_none) {
                    names[i] = Some(folded(cat.ds.projects[i].name.get(lang)));
                }
            }
            names.get(a.0).cmp(&names.get(b.0))
        }).then(a.0.cmp(&b.0))
    });
    for (slot, k) in rows.iter_mut().zip(keyed) {
        *slot = k.0;
    }
}
