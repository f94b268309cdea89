//! Table order. The URL form is `sort=<column>` (ascending) or `sort=-<column>`.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

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

fn label_key(cat: &Catalog, i: usize, column: Column, lang: Lang) -> String {
    let p = &cat.ds.projects[i];
    let lookup = |facet: Facet| -> String {
        let v = facet_value(p, facet);
        let names = match facet {
            Facet::Sector => cat.ds.sectors.iter().find(|s| s.id == v).map(|s| s.name.get(lang).to_string()),
            Facet::District => cat.ds.districts.iter().find(|d| d.id == v).map(|d| d.name.get(lang).to_string()),
            _ => None,
        };
        // Unstated values sort last.
        names.unwrap_or_else(|| format!("\u{10FFFF}{v}"))
    };
    match column {
        Column::Name => p.name.get(lang).to_lowercase(),
        Column::District => lookup(Facet::District),
        Column::Sector => lookup(Facet::Sector),
        Column::Kind => facet_value(p, Facet::Kind).to_string(),
        Column::Stage => facet_value(p, Facet::Stage).to_string(),
        Column::Investment | Column::Jobs => String::new(),
    }
}

/// Sorts row indices in place. Missing numbers go last in either direction;
/// ties keep name order so the table is deterministic. Keys are built once per row,
/// not once per comparison (a user file can hold 100,000 rows).
pub fn sort_rows(cat: &Catalog, rows: &mut [usize], sort: Sort, lang: Lang) {
    let number = |i: usize| match sort.column {
        Column::Investment => cat.rows[i].investment.map(|a| a.value),
        Column::Jobs => cat.rows[i].jobs.map(|a| a.value),
        _ => None,
    };
    let numeric = matches!(sort.column, Column::Investment | Column::Jobs);
    let name = |i: usize| cat.ds.projects[i].name.get(lang).to_lowercase();
    // Both keys once per row: lowercasing a name per comparison cost seconds at 100,000
    // rows with many tied amounts.
    let mut keyed: Vec<(usize, Option<f64>, String, String)> =
        rows.iter().map(|&i| (i, number(i), label_key(cat, i, sort.column, lang), name(i))).collect();
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
            let o = a.2.cmp(&b.2);
            if sort.descending { o.reverse() } else { o }
        };
        primary.then_with(|| a.3.cmp(&b.3)).then(a.0.cmp(&b.0))
    });
    for (slot, k) in rows.iter_mut().zip(keyed) {
        *slot = k.0;
    }
}
