//! The shipped changelog resolves against the dataset; changes since a release and in view.

use tongliao_explorer::core::changelog::{
    changes_in_view, changes_since, embedded as embedded_changelog, parse, releases_since, validate, Change, Changelog,
};
use tongliao_explorer::core::dataset::{embedded, Catalog};

const HISTORY: &str = include_str!("fixtures/changelog-history.json");

fn cat() -> Catalog {
    embedded().expect("embedded dataset loads")
}

fn history() -> Changelog {
    parse(HISTORY).expect("fixture parses")
}

fn messages(cl: &Changelog, c: &Catalog) -> Vec<String> {
    validate(cl, &c.ds).iter().map(|e| e.to_string()).collect()
}

#[test]
fn shipped_changelog_is_valid_for_the_shipped_dataset() {
    let c = cat();
    let cl = embedded_changelog().expect("data/changelog.json parses");
    assert_eq!(messages(&cl, &c), Vec::<String>::new());
    assert_eq!(cl.releases[0].release, c.ds.release);
    assert_eq!(cl.releases[0].release, "2026.11.29");
    assert_eq!(cl.releases.last().unwrap().changes, Vec::<Change>::new(), "the first release changes nothing");
    assert_eq!(changes_since(&cl, "2026.11.29", "2026.11.29"), Ok(Vec::new()));
}

#[test]
fn fixture_is_valid_and_touches_two_projects() {
    let c = cat();
    let cl = history();
    assert_eq!(messages(&cl, &c), Vec::<String>::new());
    let older = cl.releases.iter().find(|r| r.release == "2026.11.01").unwrap();
    let mut projects: Vec<&str> = older.changes.iter().filter_map(|ch| ch.project.as_deref()).collect();
    projects.sort();
    projects.dedup();
    assert_eq!(projects.len(), 2);
}

#[test]
fn changes_since_a_release() {
    let cl = history();
    let since_oldest = changes_since(&cl, "2026.10.15", "2026.11.29").unwrap();
    assert_eq!(since_oldest.len(), 3);
    assert_eq!(since_oldest[0].project.as_deref(), Some("naiman-mingyang-smart-energy"));
    assert_eq!(since_oldest[0].after, serde_json::json!("22.66亿元"));
    assert_eq!(changes_since(&cl, "2026.10.15", "2026.11.01").unwrap(), since_oldest);
    assert!(changes_since(&cl, "2026.11.01", "2026.11.29").unwrap().is_empty());
    assert!(changes_since(&cl, "2026.11.29", "2026.11.29").unwrap().is_empty());
    assert!(changes_since(&cl, "2026.11.29", "2026.10.15").unwrap().is_empty(), "newer → older is nothing");
    let names: Vec<&str> =
        releases_since(&cl, "2026.10.15", "2026.11.29").unwrap().iter().map(|r| r.release.as_str()).collect();
    assert_eq!(names, ["2026.11.01", "2026.11.29"], "oldest first");
}

#[test]
fn unknown_release_is_an_error_listing_the_known_ones() {
    let cl = history();
    let err = changes_since(&cl, "2025.01.01", "2026.11.29").unwrap_err();
    assert_eq!(err.release, "2025.01.01");
    assert_eq!(err.known, ["2026.11.29", "2026.11.01", "2026.10.15"]);
    assert!(err.to_string().contains("\"2025.01.01\" is not in the changelog"));
    assert_eq!(changes_since(&cl, "2026.10.15", "9999").unwrap_err().release, "9999");
}

#[test]
fn changes_in_view_are_those_of_projects_in_view_plus_programme() {
    let c = cat();
    let changes = changes_since(&history(), "2026.10.15", "2026.11.29").unwrap();
    let idx = |id: &str| c.project_index(id).unwrap();

    let naiman = [idx("naiman-mingyang-smart-energy"), idx("jiupeng-doxycycline")];
    let shown = changes_in_view(&changes, &c, &naiman);
    assert_eq!(shown.len(), 2);
    assert_eq!(shown[0].project.as_deref(), Some("naiman-mingyang-smart-energy"));
    assert_eq!(shown[1].programme.as_deref(), Some("key-projects-investment"));

    let none = changes_in_view(&changes, &c, &[]);
    assert_eq!(none.len(), 1, "programme changes always show");

    let all: Vec<usize> = (0..c.ds.projects.len()).collect();
    assert_eq!(changes_in_view(&changes, &c, &all).len(), 3);
    assert_eq!(changes_in_view(&changes, &c, &[usize::MAX]).len(), 1, "bad indices are ignored");
}

#[test]
fn validation_names_release_and_field() {
    let c = cat();

    let mut cl = history();
    cl.releases[1].changes[1].project = Some("horqin-vanished-project".into());
    let m = messages(&cl, &c);
    assert!(
        m.iter().any(|e| e == "release 2026.11.01: changes[1].project: unknown project \"horqin-vanished-project\""),
        "{m:?}"
    );
    // Listed as removed, the old id resolves.
    cl.removed.projects.push("horqin-vanished-project".into());
    assert_eq!(messages(&cl, &c), Vec::<String>::new());

    let mut cl = history();
    cl.removed.projects.push("jiupeng-doxycycline".into());
    assert!(messages(&cl, &c).iter().any(|e| e.contains("removed.project") && e.contains("still in the dataset")));

    let mut cl = history();
    cl.releases[1].changes[2].programme = Some("no-such-figure".into());
    assert!(messages(&cl, &c).iter().any(|e| e.contains("changes[2].programme: unknown programme figure")));

    let mut cl = history();
    cl.releases[1].changes[0].programme = Some("key-projects-count".into());
    assert!(messages(&cl, &c).iter().any(|e| e.contains("not both")));

    let mut cl = history();
    cl.releases[1].date = "2026-12-01".into();
    assert!(messages(&cl, &c)
        .iter()
        .any(|e| e.contains("release 2026.11.01: date: is after the newer release 2026.11.29")));

    let mut cl = history();
    cl.releases[2].date = "15 Oct 2026".into();
    assert!(messages(&cl, &c).iter().any(|e| e.contains("is not YYYY-MM-DD")));

    let mut cl = history();
    cl.releases.remove(0);
    assert!(messages(&cl, &c).iter().any(|e| e.contains("is not the dataset's release \"2026.11.29\"")));

    let mut cl = history();
    cl.releases[1].changes[0].note.en = " ".into();
    assert!(messages(&cl, &c).iter().any(|e| e.ends_with("changes[0].note.en: is empty")));
}

#[test]
fn typos_in_the_changelog_file_are_parse_errors() {
    let err =
        parse(r#"{"releases": [{"release": "x", "date": "2026-01-01", "changes": [], "chnages": []}]}"#).unwrap_err();
    assert!(err.contains("chnages"), "{err}");
    assert!(parse("").is_err() && parse("[]").is_err());
}
