//! Changes between two lists of a region (two releases or two years): which projects are
//! new, carried over or dropped, and how their investment moved. Projects are matched by
//! id, else by their normalised Chinese name plus district, and never by anything looser:
//! a wrong match would invent a change the sources do not show.

use rustc_hash::FxHashMap as HashMap;

use super::dataset::Catalog;
use super::search::normalize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// In the list, not in the one compared with.
    New,
    Carried,
    /// In the list compared with, not in this one.
    Dropped,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::New, Status::Carried, Status::Dropped];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchedBy {
    Id,
    NameAndDistrict,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub status: Status,
    /// Index in the list (`now`), for new and carried projects.
    pub now: Option<usize>,
    /// Index in the list compared with (`before`), for carried and dropped projects.
    pub before: Option<usize>,
    pub matched_by: Option<MatchedBy>,
    /// Headline investment in yuan on each side (`None`: not stated).
    pub amount_now: Option<f64>,
    pub amount_before: Option<f64>,
}

impl Change {
    /// The investment's change for a carried project stated on both sides.
    pub fn delta(&self) -> Option<f64> {
        Some(self.amount_now? - self.amount_before?)
    }
}

/// Per status: the count of projects and the sums of their stated amounts on each side.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Tally {
    pub count: usize,
    pub now: f64,
    pub before: f64,
    /// How many of the carried projects' amounts changed.
    pub changed: usize,
}

/// The key a project is matched by when ids differ: its Chinese name, case, width and
/// spaces ignored, with its district's Chinese name.
fn name_key(cat: &Catalog, i: usize) -> String {
    let p = &cat.ds.projects[i];
    let id = p.district.as_deref().unwrap_or("");
    let district = cat.ds.districts.iter().find(|d| d.id == id).map_or(id, |d| d.name.zh.as_str());
    let name: String = normalize(&p.name.zh).chars().filter(|c| !c.is_whitespace()).collect();
    format!("{name}\u{1f}{}", normalize(district))
}

/// Compares the projects in view on each side. Matching runs over both whole lists, so a
/// project filtered out on one side only is still carried over, not new and dropped.
/// Order: new, carried, dropped, each in its list's order.
pub fn compare(now: &Catalog, now_rows: &[usize], before: &Catalog, before_rows: &[usize]) -> Vec<Change> {
    let amount = |c: &Catalog, i: usize| c.rows[i].investment.map(|a| a.value);
    let by_id: HashMap<&str, usize> = before.ds.projects.iter().enumerate().map(|(i, p)| (p.id.as_str(), i)).collect();
    let mut by_name: HashMap<String, Option<usize>> = HashMap::default();
    for i in 0..before.ds.projects.len() {
        // A name shared by two projects of one district matches neither.
        by_name.entry(name_key(before, i)).and_modify(|e| *e = None).or_insert(Some(i));
    }
    let mut matched_before: Vec<Option<(usize, MatchedBy)>> = vec![None; before.ds.projects.len()];
    let mut match_of_now: Vec<Option<(usize, MatchedBy)>> = vec![None; now.ds.projects.len()];
    // Ids first, over the whole list, so that a name match never takes a project that
    // another one matches by id.
    for (i, p) in now.ds.projects.iter().enumerate() {
        if let Some(&b) = by_id.get(p.id.as_str()) {
            match_of_now[i] = Some((b, MatchedBy::Id));
            matched_before[b] = Some((i, MatchedBy::Id));
        }
    }
    for (i, slot) in match_of_now.iter_mut().enumerate() {
        if slot.is_some() {
            continue;
        }
        if let Some(&Some(b)) = by_name.get(&name_key(now, i)) {
            if matched_before[b].is_none() {
                *slot = Some((b, MatchedBy::NameAndDistrict));
                matched_before[b] = Some((i, MatchedBy::NameAndDistrict));
            }
        }
    }
    let mut in_view_before = vec![false; before.ds.projects.len()];
    for &b in before_rows {
        in_view_before[b] = true;
    }
    let mut in_view_now = vec![false; now.ds.projects.len()];
    for &i in now_rows {
        in_view_now[i] = true;
    }
    let mut new = Vec::new();
    let mut carried = Vec::new();
    for i in 0..now.ds.projects.len() {
        match match_of_now[i] {
            Some((b, by)) if in_view_now[i] || in_view_before[b] => carried.push(Change {
                status: Status::Carried,
                now: Some(i),
                before: Some(b),
                matched_by: Some(by),
                amount_now: amount(now, i),
                amount_before: amount(before, b),
            }),
            None if in_view_now[i] => new.push(Change {
                status: Status::New,
                now: Some(i),
                before: None,
                matched_by: None,
                amount_now: amount(now, i),
                amount_before: None,
            }),
            _ => {}
        }
    }
    let dropped = before_rows.iter().filter(|&&b| matched_before[b].is_none()).map(|&b| Change {
        status: Status::Dropped,
        now: None,
        before: Some(b),
        matched_by: None,
        amount_now: None,
        amount_before: amount(before, b),
    });
    new.into_iter().chain(carried).chain(dropped).collect()
}

/// Counts and sums per status, in `Status::ALL`'s order.
pub fn tally(changes: &[Change]) -> [Tally; 3] {
    let mut out = [Tally::default(); 3];
    for c in changes {
        let t = &mut out[c.status as usize];
        t.count += 1;
        t.now += c.amount_now.unwrap_or(0.0);
        t.before += c.amount_before.unwrap_or(0.0);
        if c.status == Status::Carried && c.amount_now != c.amount_before {
            t.changed += 1;
        }
    }
    out
}

impl Status {
    pub fn slug(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Carried => "carried",
            Status::Dropped => "dropped",
        }
    }
}

/// The changes as CSV: one row per project, amounts in yuan, empty where not stated.
pub fn to_csv(now: &Catalog, before: &Catalog, changes: &[Change]) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    let _ = w.write_record([
        "status", "matched_by", "id", "id_before", "name_zh", "name_en", "investment_before_yuan", "investment_yuan", "change_yuan",
    ]);
    let yuan = |v: Option<f64>| v.map_or(String::new(), |v| format!("{v:.0}"));
    for c in changes {
        let p = c.now.map(|i| &now.ds.projects[i]).or_else(|| c.before.map(|b| &before.ds.projects[b])).expect("a side");
        let id = c.now.map_or("", |i| now.ds.projects[i].id.as_str());
        let id_before = c.before.map_or("", |b| before.ds.projects[b].id.as_str());
        let by = match c.matched_by {
            Some(MatchedBy::Id) => "id",
            Some(MatchedBy::NameAndDistrict) => "name+district",
            None => "",
        };
        let _ = w.write_record([
            c.status.slug(), by, id, id_before, &p.name.zh, &p.name.en,
            &yuan(c.amount_before), &yuan(c.amount_now), &yuan(c.delta()),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dataset::embedded;
    use crate::core::model::{Figure, Metric};

    fn all(c: &Catalog) -> Vec<usize> {
        (0..c.ds.projects.len()).collect()
    }

    fn set_investment(c: &mut Catalog, i: usize, yuan: f64) {
        let f: &mut Figure = c.ds.projects[i]
            .figures
            .iter_mut()
            .find(|f| f.metric == Metric::Investment && f.part.is_none() && f.item.is_none())
            .expect("a stated total");
        f.value = yuan;
        *c = Catalog::index(c.ds.clone());
    }

    #[test]
    fn the_same_list_is_all_carried_over_unchanged() {
        let a = embedded().unwrap();
        let changes = compare(&a, &all(&a), &a, &all(&a));
        let t = tally(&changes);
        assert_eq!((t[0].count, t[1].count, t[2].count, t[1].changed), (0, 21, 0, 0));
        assert!(changes.iter().all(|c| c.matched_by == Some(MatchedBy::Id) && c.delta().is_none_or(|d| d == 0.0)));
    }

    #[test]
    fn new_dropped_renamed_ids_and_changed_amounts() {
        let before = embedded().unwrap();
        let mut now = before.clone();
        // Project 0 dropped; project 1 keeps its name and district under a new id; a
        // project that is really new; project 2's amount raised.
        now.ds.projects.remove(0);
        now.ds.projects[0].id = "renamed-id".into();
        let mut fresh = now.ds.projects[3].clone();
        fresh.id = "fresh".into();
        fresh.name.zh = "全新项目".into();
        now.ds.projects.push(fresh);
        let mut now = Catalog::index(now.ds);
        let i2 = now.project_index(&before.ds.projects[2].id).unwrap();
        let was = before.rows[2].investment.expect("stated").value;
        set_investment(&mut now, i2, was + 1e8);
        let changes = compare(&now, &all(&now), &before, &all(&before));
        let t = tally(&changes);
        assert_eq!((t[0].count, t[1].count, t[2].count), (1, 20, 1));
        assert_eq!(changes[0].now, Some(now.ds.projects.len() - 1), "new first");
        assert_eq!(changes.last().unwrap().before, Some(0), "dropped last");
        let renamed = changes.iter().find(|c| c.now == Some(0)).unwrap();
        assert_eq!((renamed.before, renamed.matched_by), (Some(1), Some(MatchedBy::NameAndDistrict)));
        let raised = changes.iter().find(|c| c.now == Some(i2)).unwrap();
        assert_eq!(raised.delta(), Some(1e8));
        assert_eq!(t[1].changed, 1);
        assert_eq!(t[2].before, before.rows[0].investment.map_or(0.0, |a| a.value));
    }

    /// A project in view on one side only is carried over, not counted new and dropped.
    #[test]
    fn filters_apply_to_both_sides_without_splitting_a_match() {
        let a = embedded().unwrap();
        let changes = compare(&a, &[0, 1], &a, &[1, 2]);
        let t = tally(&changes);
        assert_eq!((t[0].count, t[1].count, t[2].count), (0, 3, 0));
        let none = compare(&a, &[], &a, &[]);
        assert!(none.is_empty());
    }

    #[test]
    fn the_changes_download_has_one_row_per_project() {
        let before = embedded().unwrap();
        let mut ds = before.ds.clone();
        ds.projects.remove(0);
        let now = Catalog::index(ds);
        let csv = to_csv(&now, &before, &compare(&now, &all(&now), &before, &all(&before)));
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 1 + 21);
        assert!(lines[0].starts_with("status,matched_by,id,"));
        assert!(lines[1].starts_with("carried,id,"), "{}", lines[1]);
        assert!(lines[21].starts_with(&format!("dropped,,,{},", before.ds.projects[0].id)), "{}", lines[21]);
    }

    /// Two projects of one name in one district are matched by neither name.
    #[test]
    fn an_ambiguous_name_matches_nothing() {
        let before = embedded().unwrap();
        let mut ds = before.ds.clone();
        let mut twin = ds.projects[0].clone();
        twin.id = "twin".into();
        ds.projects.push(twin);
        let before = Catalog::index(ds);
        let mut now = before.ds.clone();
        now.projects.truncate(1);
        now.projects[0].id = "other-id".into();
        let now = Catalog::index(now);
        let t = tally(&compare(&now, &[0], &before, &all(&before)));
        assert_eq!((t[0].count, t[1].count, t[2].count), (1, 0, 22));
    }
}
