//! Published lists: the manifest that names the lists a deployment carries beside the
//! app, and the names index that searches across them. `publish` writes both; the page
//! reads them. Pure, so the page and the command check them with the same rules.

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::dataset::Catalog;
use super::model::{I18n, Lang};
use super::search::{normalize, Terms};
use super::validate::is_slug;

/// The manifest's and the names index's format. A page refuses another version by name,
/// instead of misreading it.
pub const LISTS_VERSION: u32 = 1;
/// Where the lists sit, relative to the app's page.
pub const LISTS_DIR: &str = "data/lists";
pub const MANIFEST_FILE: &str = "manifest.json";
pub const NAMES_FILE: &str = "names.json";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub version: u32,
    pub lists: Vec<ListEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListEntry {
    /// Stable slug (`ds=`): the file's stem.
    pub id: String,
    pub title: I18n,
    pub region: I18n,
    /// Year the plan refers to (0: not stated).
    pub year: u16,
    pub release: String,
    pub projects: u32,
    /// The dataset file, beside the manifest.
    pub file: String,
    /// Its size, so the page can show progress and decide where to decode it.
    pub bytes: u64,
    /// The list's own changelog, beside it, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changelog: Option<String>,
    /// The same list packed (`core::packed`), beside it: what the page fetches when it is
    /// named, as it reads it without a JSON parser. Manifests without it still load.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub packed: Option<PackedFile>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackedFile {
    pub file: String,
    pub bytes: u64,
}

/// A packed list's file name beside its JSON.
pub const PACKED_EXT: &str = ".packed";

impl Manifest {
    pub fn get(&self, id: &str) -> Option<&ListEntry> {
        self.lists.iter().find(|l| l.id == id)
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.lists.iter().map(|l| l.id.as_str())
    }
}

impl ListEntry {
    /// The entry for a validated list published as `file`.
    pub fn of(cat: &Catalog, id: &str, file: &str, bytes: u64, changelog: Option<String>) -> ListEntry {
        let ds = &cat.ds;
        ListEntry {
            id: id.to_string(),
            title: ds.source.title.clone(),
            region: ds.region.clone(),
            year: ds.source.year,
            release: ds.release.clone(),
            projects: ds.projects.len() as u32,
            file: file.to_string(),
            bytes,
            changelog,
            packed: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestError {
    /// The list's id, or its position when the id itself is the fault.
    pub list: String,
    pub field: &'static str,
    pub message: String,
}

impl fmt::Display for ManifestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "list {}: {}: {}", self.list, self.field, self.message)
    }
}

/// A file name the manifest may point at: one plain name in the lists folder, so a
/// hostile manifest cannot send the page elsewhere.
pub fn is_plain_file(name: &str, ext: &str) -> bool {
    name.len() <= 120
        && name.ends_with(ext)
        && name.len() > ext.len()
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
        && !name.starts_with('.')
        && !name.contains("..")
}

/// Reads and checks a manifest: its version, unique slug ids and plain file names.
pub fn parse_manifest(bytes: &[u8]) -> Result<Manifest, Vec<ManifestError>> {
    let whole = |message: String| vec![ManifestError { list: String::new(), field: "manifest", message }];
    let m: Manifest = serde_json::from_slice(bytes).map_err(|e| whole(e.to_string()))?;
    if m.version != LISTS_VERSION {
        return Err(whole(format!("version {} (this page reads version {LISTS_VERSION})", m.version)));
    }
    let errs = validate_manifest(&m);
    if errs.is_empty() {
        Ok(m)
    } else {
        Err(errs)
    }
}

pub fn validate_manifest(m: &Manifest) -> Vec<ManifestError> {
    let mut errs = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, l) in m.lists.iter().enumerate() {
        let name = if is_slug(&l.id) { l.id.clone() } else { format!("#{}", i + 1) };
        let mut err = |field: &'static str, message: String| errs.push(ManifestError { list: name.clone(), field, message });
        if !is_slug(&l.id) {
            err("id", format!("{:?} is not a slug (a-z, 0-9 and -)", l.id));
        } else if !seen.insert(l.id.as_str()) {
            err("id", "appears twice".into());
        }
        if !is_plain_file(&l.file, ".json") {
            err("file", format!("{:?} is not a plain .json file name", l.file));
        }
        if let Some(p) = &l.packed {
            if !is_plain_file(&p.file, PACKED_EXT) {
                err("packed", format!("{:?} is not a plain .packed file name", p.file));
            }
        }
        if let Some(c) = &l.changelog {
            if !is_plain_file(c, ".json") {
                err("changelog", format!("{c:?} is not a plain .json file name"));
            }
        }
        if l.release.is_empty() || l.release.len() > 40 {
            err("release", "must be 1 to 40 characters".into());
        }
        if l.title.zh.is_empty() && l.title.en.is_empty() {
            err("title", "is empty".into());
        }
    }
    errs
}

/// Every project's names across the published lists, for a search of all of them
/// without fetching any list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NamesIndex {
    pub version: u32,
    pub lists: Vec<ListNames>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListNames {
    pub id: String,
    /// Per project: id, Chinese name, English name, district (Chinese and English).
    pub projects: Vec<[String; 5]>,
}

impl ListNames {
    pub fn of(cat: &Catalog, id: &str) -> ListNames {
        let district = |d: &Option<crate::core::model::Slug>, lang: Lang| {
            cat.ds.districts.iter().find(|x| Some(x.id.as_str()) == d.as_deref()).map(|x| x.name.get(lang).to_string())
        };
        let projects = cat
            .ds
            .projects
            .iter()
            .map(|p| {
                [
                    p.id.clone(),
                    p.name.zh.clone(),
                    p.name.en.clone(),
                    district(&p.district, Lang::Zh).unwrap_or_default(),
                    district(&p.district, Lang::En).unwrap_or_default(),
                ]
            })
            .collect();
        ListNames { id: id.to_string(), projects }
    }
}

pub fn parse_names(bytes: &[u8]) -> Result<NamesIndex, String> {
    let n: NamesIndex = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    if n.version != LISTS_VERSION {
        return Err(format!("version {} (this page reads version {LISTS_VERSION})", n.version));
    }
    Ok(n)
}

/// One list's projects whose names match every term of `query`.
#[derive(Debug, Clone, PartialEq)]
pub struct ListHits<'a> {
    pub list: &'a str,
    /// Indices into that list's `projects`.
    pub projects: Vec<usize>,
    /// How many matched in all, when `projects` stops at the cap.
    pub total: usize,
}

/// Searches every list's names (both languages and the district), case and width
/// ignored as the in-list search does; at most `cap` projects per list are kept.
pub fn search_names<'a>(index: &'a NamesIndex, query: &str, cap: usize) -> Vec<ListHits<'a>> {
    let terms = Terms::new(query);
    if terms.is_empty() {
        return Vec::new();
    }
    index
        .lists
        .iter()
        .filter_map(|l| {
            let mut projects = Vec::new();
            let mut total = 0;
            for (i, p) in l.projects.iter().enumerate() {
                let hay = normalize(&p[1..].join(" "));
                if terms.matches(&hay) {
                    total += 1;
                    if projects.len() < cap {
                        projects.push(i);
                    }
                }
            }
            (total > 0).then_some(ListHits { list: &l.id, projects, total })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dataset::embedded;

    fn manifest() -> Manifest {
        let cat = embedded().unwrap();
        Manifest { version: 1, lists: vec![ListEntry::of(&cat, "tongliao-2022", "tongliao-2022.json", 10, None)] }
    }

    #[test]
    fn a_manifest_round_trips_and_its_entry_names_the_list() {
        let m = manifest();
        let bytes = serde_json::to_vec(&m).unwrap();
        let back = parse_manifest(&bytes).unwrap();
        assert_eq!(back, m);
        let e = back.get("tongliao-2022").unwrap();
        assert_eq!((e.projects, e.year), (21, 2022));
        assert!(e.region.zh.contains("通辽"), "{:?}", e.region);
    }

    #[test]
    fn a_bad_manifest_is_refused_with_list_and_field() {
        let mut m = manifest();
        let mut second = m.lists[0].clone();
        second.file = "../secret.json".into();
        m.lists.push(second);
        let mut third = m.lists[0].clone();
        third.id = "Bad Id".into();
        third.changelog = Some("https://elsewhere.example/x.json".into());
        m.lists.push(third);
        let errs: Vec<String> = validate_manifest(&m).iter().map(ToString::to_string).collect();
        assert_eq!(
            errs,
            [
                "list tongliao-2022: id: appears twice",
                "list tongliao-2022: file: \"../secret.json\" is not a plain .json file name",
                "list #3: id: \"Bad Id\" is not a slug (a-z, 0-9 and -)",
                "list #3: changelog: \"https://elsewhere.example/x.json\" is not a plain .json file name",
            ]
        );
        let v2 = br#"{"version":2,"lists":[]}"#;
        assert_eq!(parse_manifest(v2).unwrap_err()[0].message, "version 2 (this page reads version 1)");
        assert!(parse_manifest(b"<html>").is_err());
    }

    #[test]
    fn names_are_searched_across_lists_in_both_languages() {
        let cat = embedded().unwrap();
        let mut b = ListNames::of(&cat, "b");
        b.projects.truncate(3);
        let index = NamesIndex { version: 1, lists: vec![ListNames::of(&cat, "a"), b] };
        let first = &index.lists[0].projects[0];
        let hits = search_names(&index, &first[1], 10);
        assert_eq!(hits.iter().map(|h| h.list).collect::<Vec<_>>(), ["a", "b"]);
        assert!(hits[0].projects.contains(&0));
        let en = search_names(&index, &first[2].to_uppercase(), 10);
        assert!(en[0].projects.contains(&0), "English, case ignored");
        let capped = search_names(&index, "旗", 2);
        assert!(capped[0].total > 2 && capped[0].projects.len() == 2, "{capped:?}");
        assert!(search_names(&index, "  ", 10).is_empty());
        assert!(search_names(&index, "no-such-name-anywhere", 10).is_empty());
    }
}
