//! The view ↔ query-string codec. The URL is the whole view: `parse` never fails,
//! it applies what it understands and returns a `Notice` for everything it ignored.
//!
//! Keys, in canonical order: sector, district, kind, stage, theme, q, min, max, sort, y, p, lang, v, data, embed.

use std::collections::BTreeSet;
use std::fmt;

use super::dataset::Catalog;
use super::filter::{facet_values, Facet, Filter, KIND_VALUES, STAGE_VALUES};
use super::model::Lang;
use super::sort::Sort;
use super::validate::is_slug;

/// Longest search text kept from a link; longer text is cut (and reported).
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
    /// Dataset release the link was made with.
    pub release: Option<String>,
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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub key: String,
    pub value: String,
    pub problem: Problem,
}

impl Notice {
    fn new(key: &str, value: &str, problem: Problem) -> Notice {
        let mut quoted: String = value.chars().take(MAX_QUOTED_CHARS).collect();
        if value.chars().count() > MAX_QUOTED_CHARS {
            quoted.push('…');
        }
        let key: String = key.chars().take(MAX_QUOTED_CHARS).collect();
        Notice { key, value: quoted, problem }
    }
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
                    Facet::Stage => STAGE_VALUES.contains(&item),
                    Facet::Sector | Facet::District => is_slug(item),
                };
                if known {
                    state.filter.selected_mut(facet).insert(item.to_string());
                } else {
                    notices.push(Notice::new(key, item, Problem::UnknownValue));
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
        let single = ["q", "min", "max", "sort", "p", "lang", "v", "data", "embed", "y"];
        if !single.contains(&key) {
            notices.push(Notice::new(key, value, Problem::UnknownKey));
            continue;
        }
        if !seen.insert(key.to_string()) {
            notices.push(Notice::new(key, value, Problem::Repeated));
        }
        match key {
            "q" => {
                state.filter.q = value.chars().take(MAX_QUERY_CHARS).collect();
                if value.chars().count() > MAX_QUERY_CHARS {
                    notices.push(Notice::new(key, value, Problem::TooLong));
                }
            }
            "min" => state.filter.min = parse_bound(key, value, &mut notices),
            "max" => state.filter.max = parse_bound(key, value, &mut notices),
            "sort" => match value.parse::<Sort>() {
                Ok(s) => state.sort = s,
                Err(_) => notices.push(Notice::new(key, value, Problem::UnknownValue)),
            },
            "p" => {
                if is_slug(value) {
                    state.project = Some(value.to_string());
                } else if !value.is_empty() {
                    notices.push(Notice::new(key, value, Problem::UnknownValue));
                }
            }
            "lang" => match value {
                "zh" => state.lang = Some(Lang::Zh),
                "en" => state.lang = Some(Lang::En),
                _ => notices.push(Notice::new(key, value, Problem::UnknownValue)),
            },
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
                None => notices.push(Notice::new(key, value, Problem::UnknownValue)),
            },
            "embed" => match value {
                "1" | "true" => state.embed = true,
                "0" | "false" | "" => state.embed = false,
                _ => notices.push(Notice::new(key, value, Problem::UnknownValue)),
            },
            _ => unreachable!("single-valued keys are listed above"),
        }
    }
    (state, notices)
}

/// Drops the values this dataset does not have (with a notice each) and notes a
/// link made with another release.
pub fn resolve(state: &mut ViewState, cat: &Catalog) -> Vec<Notice> {
    let mut notices = Vec::new();
    for facet in [Facet::Sector, Facet::District] {
        let known = facet_values(cat, facet);
        let set = state.filter.selected_mut(facet);
        let unknown: Vec<String> = set.iter().filter(|v| !known.contains(v)).cloned().collect();
        for v in unknown {
            set.remove(&v);
            notices.push(Notice::new(facet.key(), &v, Problem::UnknownValue));
        }
    }
    if let Some(p) = &state.project {
        if cat.project_index(p).is_none() {
            notices.push(Notice::new("p", p, Problem::UnknownValue));
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
            parts.push(format!("lang={}", if l == Lang::Zh { "zh" } else { "en" }));
        }
        if let Some(v) = &self.release {
            parts.push(format!("v={}", encode(v)));
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
    fn kind_and_stage_values_do_not_cross() {
        let (s, n) = parse("kind=planned&stage=highlight");
        assert!(s.filter.kinds.is_empty() && s.filter.stages.is_empty());
        assert_eq!(n.len(), 2);
    }
}
