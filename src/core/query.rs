//! The view ↔ query-string codec. The URL is the whole view: `parse` never fails,
//! it applies what it understands and returns a `Notice` for everything it ignored.
//!
//! Keys, in canonical order: sector, district, kind, stage, theme, q, min, max, sort, y, p, lang, ds, v, vs, data, embed.

use std::collections::BTreeSet;
use std::fmt;

use super::dataset::Catalog;
use super::filter::{facet_values, Facet, Filter, KIND_VALUES, STAGE_VALUES};
use super::model::Lang;
use super::sort::{Column, Sort};
use super::validate::is_slug;

/// Longest search text a link may carry; a longer one is ignored (and reported).
pub const MAX_QUERY_CHARS: usize = 200;
/// Longest value quoted back in a notice.
const MAX_QUOTED_CHARS: usize = 60;

/// What the scatter plots against investment (`y=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Measure {
    #[default]
    Jobs,
    /// Annual output value (产值).
    Output,
    /// Annual sales revenue.
    Revenue,
}

impl Measure {
    pub const ALL: [Measure; 3] = [Measure::Jobs, Measure::Output, Measure::Revenue];

    pub fn slug(self) -> &'static str {
        match self {
            Measure::Jobs => "jobs",
            Measure::Output => "output",
            Measure::Revenue => "revenue",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ViewState {
    pub filter: Filter,
    pub sort: Sort,
    /// Selected project id (the detail view).
    pub project: Option<String>,
    pub lang: Option<Lang>,
    /// The published list the view is of (`ds=`, an id in the manifest); `None`: the embedded list.
    pub list: Option<String>,
    /// Dataset release the link was made with.
    pub release: Option<String>,
    /// A second published list the view is compared with (`vs=`): the changes view.
    pub versus: Option<String>,
    /// Name of a user-loaded file the view was made with (its rows never leave the browser).
    pub data_file: Option<String>,
    /// Charts and table only, for embedding in another page.
    pub embed: bool,
    pub measure: Measure,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    UnknownKey,
    /// Not a value this key takes (or not in this dataset release).
    UnknownValue,
    BadNumber,
    TooLong,
    /// A single-valued key given more than once: the last one is used.
    Repeated,
    /// The link names another dataset release: shown, not ignored.
    OtherRelease,
    /// `p=` names no project of this dataset.
    ProjectNotFound,
    /// `data=` beside `ds=`: the file is only on its user's machine, so the list opens.
    FileBesideList,
    /// `ds=`/`vs=` names a list whose file is missing on the server.
    ListMissing,
    /// `ds=`/`vs=` names a list whose file is broken or of another format.
    ListBroken,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub key: String,
    pub value: String,
    pub problem: Problem,
    /// A known value close to an unknown one ("energi" → "energy"), offered as a link.
    pub suggestion: Option<String>,
}

impl Notice {
    pub fn new(key: &str, value: &str, problem: Problem) -> Notice {
        let mut quoted: String = value.chars().take(MAX_QUOTED_CHARS).collect();
        if value.chars().count() > MAX_QUOTED_CHARS {
            quoted.push('…');
        }
        let key: String = key.chars().take(MAX_QUOTED_CHARS).collect();
        Notice { key, value: quoted, problem, suggestion: None }
    }

    /// An unknown value, with the nearest of `known` suggested when one is close.
    pub fn unknown<'a>(key: &str, value: &str, known: impl IntoIterator<Item = &'a str>) -> Notice {
        Notice { suggestion: nearest(value, known).map(String::from), ..Notice::new(key, value, Problem::UnknownValue) }
    }
}

/// Edit distance (insertions, deletions, substitutions) between two short strings, by char.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The known value nearest to `value`, if it is a likely typo of it: within one edit per
/// four characters (at least one), or `value` a prefix of exactly one known value.
/// Ties go to the first in `known`'s order.
pub fn nearest<'a>(value: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let value = value.to_ascii_lowercase();
    let limit = (value.chars().count() / 4).max(1);
    let mut best: Option<(usize, &str)> = None;
    let mut prefixed = Vec::new();
    for k in known {
        if value.len() >= 3 && k.starts_with(value.as_str()) {
            prefixed.push(k);
        }
        let d = edit_distance(&value, k);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, k));
        }
    }
    best.map(|(_, k)| k).or_else(|| (prefixed.len() == 1).then(|| prefixed[0]))
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={:?}: {:?}", self.key, self.value, self.problem)
    }
}

fn facet_for_key(key: &str) -> Option<Facet> {
    Facet::ALL.into_iter().find(|f| f.key() == key)
}

fn parse_bound(key: &str, value: &str, notices: &mut Vec<Notice>) -> Option<f64> {
    match value.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Some(v),
        _ => {
            notices.push(Notice::new(key, value, Problem::BadNumber));
            None
        }
    }
}

/// Parses a query string (with or without the leading `?`). Never fails.
pub fn parse(query: &str) -> (ViewState, Vec<Notice>) {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut state = ViewState::default();
    let mut notices = Vec::new();
    let mut seen = BTreeSet::new();
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        let (key, value) = (key.as_ref(), value.as_ref());
        if key.is_empty() && value.is_empty() {
            continue;
        }
        if let Some(facet) = facet_for_key(key) {
            for item in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                let known = match facet {
                    Facet::Kind => KIND_VALUES.contains(&item),
                    // A list may have its own stage values; `resolve` checks them.
                    Facet::Stage => STAGE_VALUES.contains(&item) || is_slug(item),
                    Facet::Sector | Facet::District | Facet::Section => is_slug(item),
                };
                if known {
                    state.filter.selected_mut(facet).insert(item.to_string());
                } else {
                    let fixed: &[&str] = match facet {
                        Facet::Kind => &KIND_VALUES,
                        Facet::Stage => &STAGE_VALUES,
                        Facet::Sector | Facet::District | Facet::Section => &[],
                    };
                    notices.push(Notice::unknown(key, item, fixed.iter().copied()));
                }
            }
            continue;
        }
        if key == "theme" {
            for item in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                if is_slug(item) {
                    state.filter.themes.insert(item.to_string());
                } else {
                    notices.push(Notice::new(key, item, Problem::UnknownValue));
                }
            }
            continue;
        }
        let single = ["q", "min", "max", "sort", "p", "lang", "ds", "v", "vs", "data", "embed", "y"];
        if !single.contains(&key) {
            notices.push(Notice::new(key, value, Problem::UnknownKey));
            continue;
        }
        if !seen.insert(key.to_string()) {
            notices.push(Notice::new(key, value, Problem::Repeated));
        }
        match key {
            // Too long a search is ignored whole, as the notice says: a cut one would
            // search for text the reader never typed.
            "q" => {
                if value.chars().count() > MAX_QUERY_CHARS {
                    state.filter.q.clear();
                    notices.push(Notice::new(key, value, Problem::TooLong));
                } else {
                    state.filter.q = value.to_string();
                }
            }
            "min" => state.filter.min = parse_bound(key, value, &mut notices),
            "max" => state.filter.max = parse_bound(key, value, &mut notices),
            "sort" => match value.parse::<Sort>() {
                Ok(s) => state.sort = s,
                Err(_) => {
                    let bare = value.strip_prefix('-').unwrap_or(value);
                    let sign = &value[..value.len() - bare.len()];
                    let suggestion = nearest(bare, Column::ALL.map(Column::slug)).map(|c| format!("{sign}{c}"));
                    notices.push(Notice { suggestion, ..Notice::new(key, value, Problem::UnknownValue) });
                }
            },
            "p" => {
                if is_slug(value) {
                    state.project = Some(value.to_string());
                } else if !value.is_empty() {
                    notices.push(Notice::new(key, value, Problem::UnknownValue));
                }
            }
            "lang" => match Lang::from_slug(value) {
                Some(lang) => state.lang = Some(lang),
                None => notices.push(Notice::unknown(key, value, [Lang::Zh.slug(), Lang::En.slug()])),
            },
            "ds" | "vs" => {
                let slot = if key == "ds" { &mut state.list } else { &mut state.versus };
                if is_slug(value) {
                    *slot = Some(value.to_string());
                } else if !value.is_empty() {
                    *slot = None;
                    notices.push(Notice::new(key, value, Problem::UnknownValue));
                }
            }
            "v" => {
                if !value.is_empty() && value.len() <= 40 {
                    state.release = Some(value.to_string());
                } else if !value.is_empty() {
                    notices.push(Notice::new(key, value, Problem::TooLong));
                }
            }
            "data" => {
                if value.chars().count() <= 120 {
                    state.data_file = (!value.is_empty()).then(|| value.to_string());
                } else {
                    notices.push(Notice::new(key, value, Problem::TooLong));
                }
            }
            "y" => match Measure::ALL.into_iter().find(|m| m.slug() == value) {
                Some(m) => state.measure = m,
                None => notices.push(Notice::unknown(key, value, Measure::ALL.map(Measure::slug))),
            },
            "embed" => match value {
                "1" | "true" => state.embed = true,
                "0" | "false" | "" => state.embed = false,
                _ => notices.push(Notice::new(key, value, Problem::UnknownValue)),
            },
            _ => unreachable!("single-valued keys are listed above"),
        }
    }
    if state.list.is_some() {
        if let Some(file) = state.data_file.take() {
            notices.push(Notice::new("data", &file, Problem::FileBesideList));
        }
    }
    (state, notices)
}

/// The link with `lang` and `v` stated, so that a copied address bar reopens in the same
/// language and names its release: appended when missing, and put *in place of* a value
/// that could not be used (`lang=fr` becomes `lang=en`, not `lang=fr&lang=en`). Every
/// other pair stays as written, for the notice. `None` when both are already usable;
/// otherwise the new query and the notices of the values it replaced. With no `release`
/// (a published list not loaded yet) only `lang` is written.
pub fn with_lang_and_release(query: &str, lang: Lang, release: Option<&str>) -> Option<(String, Vec<Notice>)> {
    let query = query.strip_prefix('?').unwrap_or(query);
    let (stated, notices) = parse(query);
    let replace: Vec<&str> = [("lang", stated.lang.is_none()), ("v", stated.release.is_none() && release.is_some())]
        .into_iter()
        .filter_map(|(k, missing)| missing.then_some(k))
        .collect();
    if replace.is_empty() {
        return None;
    }
    let key_of = |pair: &str| -> String {
        let key = pair.split('=').next().unwrap_or("");
        form_urlencoded::parse(key.as_bytes()).next().map(|(k, _)| k.into_owned()).unwrap_or_default()
    };
    let mut parts: Vec<String> =
        query.split('&').filter(|p| !p.is_empty() && !replace.contains(&key_of(p).as_str())).map(String::from).collect();
    if replace.contains(&"lang") {
        parts.push(format!("lang={}", lang.slug()));
    }
    if let (true, Some(release)) = (replace.contains(&"v"), release) {
        parts.push(format!("v={}", encode(release)));
    }
    let replaced = notices.into_iter().filter(|n| replace.contains(&n.key.as_str())).collect();
    Some((parts.join("&"), replaced))
}

/// Drops the values this dataset does not have (with a notice each) and notes a
/// link made with another release.
pub fn resolve(state: &mut ViewState, cat: &Catalog) -> Vec<Notice> {
    let mut notices = Vec::new();
    let mut drop_unknown = |key: &str, set: &mut BTreeSet<String>, known: &[&str]| {
        let unknown: Vec<String> = set.iter().filter(|v| !known.contains(&v.as_str())).cloned().collect();
        for v in unknown {
            set.remove(&v);
            notices.push(Notice::unknown(key, &v, known.iter().copied()));
        }
    };
    for facet in [Facet::Sector, Facet::District, Facet::Stage, Facet::Section] {
        let known: Vec<&str> = facet_values(cat, facet).iter().map(String::as_str).collect();
        drop_unknown(facet.key(), state.filter.selected_mut(facet), &known);
    }
    let themes: Vec<&str> = cat.ds.themes.iter().map(|t| t.id.as_str()).collect();
    drop_unknown("theme", &mut state.filter.themes, &themes);
    if let Some(p) = &state.project {
        if cat.project_index(p).is_none() {
            notices.push(Notice::new("p", p, Problem::ProjectNotFound));
            state.project = None;
        }
    }
    if let Some(v) = &state.release {
        if *v != cat.ds.release {
            notices.push(Notice::new("v", v, Problem::OtherRelease));
        }
    }
    notices
}

fn encode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

impl ViewState {
    /// This view with one more `key=value` pair read into it, as a link holding both would
    /// be: a list key gains the value, a single key takes it. For "did you mean" links.
    pub fn with_pair(&self, key: &str, value: &str) -> ViewState {
        let query = format!("{}&{}={}", self.to_query(), encode(key), encode(value));
        parse(&query).0
    }

    /// The canonical query string (without `?`): fixed key order, defaults left out,
    /// list values sorted and comma-separated, so equal views give equal links.
    pub fn to_query(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        for facet in Facet::ALL {
            let set = self.filter.selected(facet);
            if !set.is_empty() {
                let items: Vec<String> = set.iter().map(|v| encode(v)).collect();
                parts.push(format!("{}={}", facet.key(), items.join(",")));
            }
        }
        if !self.filter.themes.is_empty() {
            let items: Vec<String> = self.filter.themes.iter().map(|v| encode(v)).collect();
            parts.push(format!("theme={}", items.join(",")));
        }
        if !self.filter.q.is_empty() {
            parts.push(format!("q={}", encode(&self.filter.q)));
        }
        if let Some(v) = self.filter.min {
            parts.push(format!("min={v}"));
        }
        if let Some(v) = self.filter.max {
            parts.push(format!("max={v}"));
        }
        if self.sort != Sort::default() {
            parts.push(format!("sort={}", self.sort));
        }
        if self.measure != Measure::default() {
            parts.push(format!("y={}", self.measure.slug()));
        }
        if let Some(p) = &self.project {
            parts.push(format!("p={}", encode(p)));
        }
        if let Some(l) = self.lang {
            parts.push(format!("lang={}", l.slug()));
        }
        if let Some(ds) = &self.list {
            parts.push(format!("ds={}", encode(ds)));
        }
        if let Some(v) = &self.release {
            parts.push(format!("v={}", encode(v)));
        }
        if let Some(vs) = &self.versus {
            parts.push(format!("vs={}", encode(vs)));
        }
        if let Some(f) = &self.data_file {
            parts.push(format!("data={}", encode(f)));
        }
        if self.embed {
            parts.push("embed=1".to_string());
        }
        parts.join("&")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lists_and_scalars() {
        let (s, n) = parse("?sector=manufacturing,energy&district=kailu&q=%E9%BE%99%E9%A9%AC&min=10&sort=-jobs&lang=en");
        assert!(n.is_empty(), "{n:?}");
        assert_eq!(s.filter.sectors.iter().collect::<Vec<_>>(), ["energy", "manufacturing"]);
        assert_eq!(s.filter.districts.len(), 1);
        assert_eq!(s.filter.q, "龙马");
        assert_eq!(s.filter.min, Some(10.0));
        assert_eq!(s.sort.to_string(), "-jobs");
        assert_eq!(s.lang, Some(Lang::En));
    }

    #[test]
    fn reports_what_it_ignores() {
        let (s, n) = parse("secter=x&kind=big&min=abc&lang=fr&sort=price&q=a&q=b");
        assert_eq!(s.filter.q, "b");
        let problems: Vec<(&str, Problem)> = n.iter().map(|n| (n.key.as_str(), n.problem)).collect();
        assert_eq!(
            problems,
            [
                ("secter", Problem::UnknownKey),
                ("kind", Problem::UnknownValue),
                ("min", Problem::BadNumber),
                ("lang", Problem::UnknownValue),
                ("sort", Problem::UnknownValue),
                ("q", Problem::Repeated),
            ]
        );
    }

    #[test]
    fn special_characters_round_trip() {
        let mut s = ViewState::default();
        s.filter.q = "% + & # = a b 龙马 100%".into();
        let q = s.to_query();
        assert!(!q.contains(' ') && !q.contains('#'), "{q}");
        assert_eq!(parse(&q).0, s);
    }

    #[test]
    fn canonical_order_and_defaults_omitted() {
        let (s, _) = parse("lang=zh&sort=-investment&district=kailu&sector=mining,agriculture");
        assert_eq!(s.to_query(), "sector=agriculture,mining&district=kailu&lang=zh");
    }

    #[test]
    fn near_misses_are_suggested() {
        assert_eq!(nearest("energi", ["mining", "energy", "manufacturing"]), Some("energy"));
        assert_eq!(nearest("ENERGY", ["energy"]), Some("energy"));
        assert_eq!(nearest("manuf", ["mining", "manufacturing"]), Some("manufacturing"), "a prefix of one value");
        assert_eq!(nearest("xyz", ["mining", "energy"]), None);
        assert_eq!(nearest("e", ["en", "zh"]), Some("en"));
        let (mut v, mut n) = parse("kind=higlight&stage=planed&y=job&sort=-invest&lang=eng");
        // A stage value is checked against the list's own stages, so the catalog names it.
        let cat = crate::core::dataset::embedded().unwrap();
        let resolved = resolve(&mut v, &cat);
        n.insert(1, resolved.into_iter().next().unwrap());
        let s: Vec<_> = n.iter().map(|n| (n.key.as_str(), n.suggestion.as_deref())).collect();
        assert_eq!(
            s,
            [("kind", Some("highlight")), ("stage", Some("planned")), ("y", Some("jobs")), ("sort", Some("-investment")), ("lang", Some("en"))]
        );
    }

    #[test]
    fn a_suggestion_is_read_into_the_view() {
        let (v, _) = parse("sector=mining&sort=-jobs&lang=en");
        let next = v.with_pair("sector", "energy");
        assert_eq!(next.to_query(), "sector=energy,mining&sort=-jobs&lang=en");
        assert_eq!(v.with_pair("sort", "investment").sort.to_string(), "investment");
    }

    /// A search too long for a link is ignored whole, as its notice says, not cut and applied.
    #[test]
    fn too_long_a_search_is_ignored_whole() {
        let long = "风".repeat(MAX_QUERY_CHARS + 1);
        let (s, n) = parse(&format!("q={}", encode(&long)));
        assert_eq!(s.filter.q, "");
        assert_eq!(n.iter().map(|n| (n.key.as_str(), n.problem)).collect::<Vec<_>>(), [("q", Problem::TooLong)]);
        let ok = "风".repeat(MAX_QUERY_CHARS);
        assert_eq!(parse(&format!("q={}", encode(&ok))).0.filter.q, ok);
    }

    #[test]
    fn unusable_lang_and_release_are_replaced_not_repeated() {
        let (q, replaced) = with_lang_and_release("?lang=fr&sector=energy", Lang::En, Some("2026.11.29")).unwrap();
        assert_eq!(q, "sector=energy&lang=en&v=2026.11.29");
        assert_eq!(replaced.iter().map(|n| (n.key.as_str(), n.value.as_str())).collect::<Vec<_>>(), [("lang", "fr")]);
        assert!(parse(&q).1.is_empty(), "no notice about a repeated lang");
        // Unknown keys and values stay for the notice; a usable lang is kept as it is.
        let (q, replaced) = with_lang_and_release("secter=x&lang=zh", Lang::En, Some("r 1")).unwrap();
        assert_eq!((q.as_str(), replaced.len()), ("secter=x&lang=zh&v=r+1", 0));
        assert_eq!(with_lang_and_release("lang=zh&v=1", Lang::En, Some("2")), None);
        let (q, _) = with_lang_and_release("", Lang::Zh, Some("1")).unwrap();
        assert_eq!(q, "lang=zh&v=1");
        let (q, _) = with_lang_and_release(&format!("v={}&lang=en", "x".repeat(41)), Lang::Zh, Some("1")).unwrap();
        assert_eq!(q, "lang=en&v=1");
    }

    #[test]
    fn kind_and_stage_values_do_not_cross() {
        let (mut s, mut n) = parse("kind=planned&stage=highlight");
        n.extend(resolve(&mut s, &crate::core::dataset::embedded().unwrap()));
        assert!(s.filter.kinds.is_empty() && s.filter.stages.is_empty());
        assert_eq!(n.len(), 2);
    }

    #[test]
    fn lists_round_trip_and_a_file_beside_a_list_is_reported() {
        let (s, n) = parse("vs=city-2023&ds=city-2024&sector=c&v=r%201&lang=en");
        assert!(n.is_empty(), "{n:?}");
        assert_eq!((s.list.as_deref(), s.versus.as_deref()), (Some("city-2024"), Some("city-2023")));
        assert_eq!(s.to_query(), "sector=c&lang=en&ds=city-2024&v=r+1&vs=city-2023");
        assert_eq!(parse(&s.to_query()).0, s);
        let (s, n) = parse("ds=Not%20A%20Slug&vs=%E9%80%9A%E8%BE%BD");
        assert_eq!((s.list, s.versus), (None, None));
        assert_eq!(n.iter().map(|n| (n.key.as_str(), n.problem)).collect::<Vec<_>>(), [("ds", Problem::UnknownValue), ("vs", Problem::UnknownValue)]);
        let (s, n) = parse("data=my%20list.csv&ds=city-2024");
        assert_eq!((s.data_file, s.list.as_deref()), (None, Some("city-2024")));
        assert_eq!(n.iter().map(|n| (n.key.as_str(), n.value.as_str(), n.problem)).collect::<Vec<_>>(), [("data", "my list.csv", Problem::FileBesideList)]);
        assert_eq!(parse("data=a.csv").0.data_file.as_deref(), Some("a.csv"), "without ds= the file is still asked for");
    }

    /// Until a published list is loaded, its release is not known: only `lang` is written.
    #[test]
    fn a_list_not_yet_loaded_gets_no_release_written() {
        let (q, _) = with_lang_and_release("ds=city-2024&sector=c", Lang::Zh, None).unwrap();
        assert_eq!(q, "ds=city-2024&sector=c&lang=zh");
        assert_eq!(with_lang_and_release("ds=city-2024&lang=zh", Lang::En, None), None);
    }
}
