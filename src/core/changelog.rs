//! The data changelog shipped with the dataset (`data/changelog.json`): what each release
//! changed, so a link made with an older release can say what is different now.
//! Releases are listed newest first.

use std::collections::HashSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::dataset::Catalog;
use super::model::{Dataset, I18n};
use super::validate::{Fault, Record, ValidationError};

pub const EMBEDDED_CHANGELOG: &str = include_str!("../../data/changelog.json");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Changelog {
    /// Newest first.
    pub releases: Vec<Release>,
    /// Ids that no longer exist, so that old changes naming them still resolve.
    #[serde(default)]
    pub removed: Removed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Removed {
    #[serde(default)]
    pub projects: Vec<String>,
    #[serde(default)]
    pub programme: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Release {
    /// Same form as `Dataset::release`, e.g. "2026.11.29".
    pub release: String,
    /// "YYYY-MM-DD".
    pub date: String,
    /// Changes since the previous release.
    pub changes: Vec<Change>,
}

/// One edit. It names a project or a programme figure (or neither: a dataset-wide change).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub programme: Option<String>,
    /// Path of the field in the dataset schema, e.g. "figures[2].value" or "stage".
    pub field: String,
    /// Old and new value as JSON; null where the field was absent.
    #[serde(default)]
    pub before: serde_json::Value,
    #[serde(default)]
    pub after: serde_json::Value,
    pub note: I18n,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRelease {
    pub release: String,
    /// The releases the changelog knows, newest first.
    pub known: Vec<String>,
}

impl fmt::Display for UnknownRelease {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "release {:?} is not in the changelog (known: {})", self.release, self.known.join(", "))
    }
}

pub fn parse(text: &str) -> Result<Changelog, String> {
    serde_json::from_str(text).map_err(|e| format!("changelog: {e}"))
}

pub fn embedded() -> Result<Changelog, String> {
    parse(EMBEDDED_CHANGELOG)
}

fn position(cl: &Changelog, release: &str) -> Result<usize, UnknownRelease> {
    cl.releases.iter().position(|r| r.release == release).ok_or_else(|| UnknownRelease {
        release: release.to_string(),
        known: cl.releases.iter().map(|r| r.release.clone()).collect(),
    })
}

/// The releases after `from_release` up to and including `to_release`, oldest first.
/// Empty when `from_release` is not older than `to_release`.
pub fn releases_since<'a>(
    cl: &'a Changelog,
    from_release: &str,
    to_release: &str,
) -> Result<Vec<&'a Release>, UnknownRelease> {
    let from = position(cl, from_release)?;
    let to = position(cl, to_release)?;
    // Newest first: the releases after `from` sit at lower indices.
    Ok(if to < from { cl.releases[to..from].iter().rev().collect() } else { Vec::new() })
}

/// What changed between the release a link was made with and `to_release`, oldest first.
pub fn changes_since(cl: &Changelog, from_release: &str, to_release: &str) -> Result<Vec<Change>, UnknownRelease> {
    Ok(releases_since(cl, from_release, to_release)?.into_iter().flat_map(|r| r.changes.iter().cloned()).collect())
}

/// The changes that concern the view: those naming a project in `rows`, plus every
/// programme and dataset-wide change (the programme panel is always shown).
pub fn changes_in_view<'a>(changes: &'a [Change], cat: &Catalog, rows: &[usize]) -> Vec<&'a Change> {
    let in_view: HashSet<&str> = rows.iter().filter_map(|&i| cat.ds.projects.get(i)).map(|p| p.id.as_str()).collect();
    changes
        .iter()
        .filter(|c| match &c.project {
            Some(p) => in_view.contains(p.as_str()),
            None => true,
        })
        .collect()
}

fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && [&b[..4], &b[5..7], &b[8..]].iter().all(|p| p.iter().all(u8::is_ascii_digit))
        && matches!(s[5..7].parse::<u8>(), Ok(1..=12))
        && matches!(s[8..].parse::<u8>(), Ok(1..=31))
}

/// An error about the changelog as a whole (`release` empty) or about one release.
fn error(release: &str, field: impl Into<String>, message: impl Into<String>) -> ValidationError {
    let record = if release.is_empty() { Record::Changelog } else { Record::Release };
    ValidationError::new(record, release, field, Fault::Changelog(message.into()))
}

/// Checks the changelog against the dataset it ships with: the dataset's release is the
/// newest entry, releases are unique and dated in order, and every id resolves to the
/// dataset or to the `removed` lists.
pub fn validate(cl: &Changelog, ds: &Dataset) -> Vec<ValidationError> {
    let mut errs = Vec::new();
    match cl.releases.first() {
        None => errs.push(error("", "releases", "is empty")),
        Some(r) if r.release != ds.release => errs.push(error(
            "",
            "releases[0].release",
            format!("{:?} is not the dataset's release {:?}", r.release, ds.release),
        )),
        Some(_) => {}
    }
    let projects: HashSet<&str> = ds.projects.iter().map(|p| p.id.as_str()).collect();
    let programme: HashSet<&str> = ds.programme.iter().map(|g| g.id.as_str()).collect();
    for (table, removed, current) in
        [("project", &cl.removed.projects, &projects), ("programme", &cl.removed.programme, &programme)]
    {
        for id in removed.iter().filter(|id| current.contains(id.as_str())) {
            errs.push(error("", format!("removed.{table}"), format!("{id:?} is still in the dataset")));
        }
    }
    let mut seen = HashSet::new();
    for (i, r) in cl.releases.iter().enumerate() {
        let rec = r.release.as_str();
        if r.release.trim().is_empty() {
            errs.push(error("", format!("releases[{i}].release"), "is empty"));
        }
        if !seen.insert(r.release.as_str()) {
            errs.push(error(rec, "release", "is listed twice"));
        }
        if !valid_date(&r.date) {
            errs.push(error(rec, "date", format!("{:?} is not YYYY-MM-DD", r.date)));
        } else if let Some(newer) = cl.releases[..i].last() {
            // ISO dates compare as strings.
            if valid_date(&newer.date) && newer.date < r.date {
                errs.push(error(rec, "date", format!("is after the newer release {}", newer.release)));
            }
        }
        for (j, c) in r.changes.iter().enumerate() {
            let field = |f: &str| format!("changes[{j}].{f}");
            if c.project.is_some() && c.programme.is_some() {
                errs.push(error(rec, field("programme"), "a change names a project or a programme, not both"));
            }
            if let Some(p) = &c.project {
                if !projects.contains(p.as_str()) && !cl.removed.projects.contains(p) {
                    errs.push(error(rec, field("project"), format!("unknown project {p:?}")));
                }
            }
            if let Some(g) = &c.programme {
                if !programme.contains(g.as_str()) && !cl.removed.programme.contains(g) {
                    errs.push(error(rec, field("programme"), format!("unknown programme figure {g:?}")));
                }
            }
            if c.field.trim().is_empty() {
                errs.push(error(rec, field("field"), "is empty"));
            }
            if c.note.zh.trim().is_empty() {
                errs.push(error(rec, field("note.zh"), "is empty"));
            }
            if c.note.en.trim().is_empty() {
                errs.push(error(rec, field("note.en"), "is empty"));
            }
        }
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(valid_date("2026-11-29"));
        assert!(!valid_date("2026-13-01"));
        assert!(!valid_date("2026-1-01"));
        assert!(!valid_date("2026年11月"));
    }
}
