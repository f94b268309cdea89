//! Loading a dataset (embedded or user-supplied JSON) into a validated, indexed catalog.

use std::fmt;

use rustc_hash::FxHashMap as HashMap;

use super::filter::{all_facet_values, facet_value, Facet};
use super::model::{Dataset, Figure, Kind, Metric, Period, Project, Qualifier};
use super::pinyin;
use super::search::{normalize_all, project_texts, Field, Normalizer, Terms};
use super::validate::{validate, ValidationError};

/// `data/tongliao-2022.json` packed (`core::packed`) by build.rs: start-up reads it with
/// no JSON parser, and in half the bytes.
pub const EMBEDDED_PACKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/tongliao-2022.packed"));
/// The same list as build.rs writes it without indentation (for tests and tools; the
/// page does not carry it).
pub const EMBEDDED_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/tongliao-2022.min.json"));

/// A project's headline amount and whether we computed it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Amount {
    pub value: f64,
    /// True when the source gives no total and the value is the sum of the parts.
    pub derived: bool,
    /// The printed figure's qualifier (近万人: nearly), so every place the amount is shown
    /// can say it; `None` for a derived sum.
    pub qualifier: Option<Qualifier>,
}

/// A facet value's position in `Catalog::facet_values`; validation keeps each facet under
/// `validate::MAX_FACET_VALUES`, so 16 bits hold it with `NO_CODE` to spare.
pub type Code = u16;
/// A row with no value in the facet (or one the list does not name).
pub const NO_CODE: Code = Code::MAX;

/// Per-project values derived once at load time, so filtering stays cheap. Kept small
/// (56 bytes, checked in the page's build below): a filter click reads one per project, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub investment: Option<Amount>,
    pub jobs: Option<Amount>,
    /// Position of the project's value in `Catalog::facet_values`, per facet (`Facet::index`),
    /// so filtering and grouping compare integers, not strings.
    pub codes: [Code; 5],
    /// The project's themes as bits by position in `ds.themes` (validation allows at most
    /// `validate::MAX_THEMES`), so a theme test is a mask, not a list to follow.
    pub themes: u64,
}

#[cfg(target_arch = "wasm32")]
const _: () = assert!(size_of::<Row>() <= 56);

#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    pub ds: Dataset,
    /// Parallel to `ds.projects`.
    pub rows: Vec<Row>,
    /// Normalized search text per project (`search::project_texts`, less what `shared`
    /// holds); apart from `rows` because only a search reads it.
    pub search: Texts,
    /// The search texts that projects share: their district's and themes' names.
    pub shared: SharedTexts,
    /// Every value each facet can take, in display order (indexed by `Facet::index`).
    pub facet_values: [Vec<String>; 5],
    /// The further district codes of projects in several places, by project index.
    pub places: HashMap<usize, Vec<Code>>,
    /// A table order computed where the list was built (the import worker), so that
    /// 100,000 rows are not sorted again on the page's main thread (`sort::table_order`).
    pub presorted: Option<Presorted>,
}

/// Every project's index in one table order, and the order's name (`sort::order_key`).
#[derive(Debug, Clone, PartialEq)]
pub struct Presorted {
    pub key: String,
    pub rows: std::sync::Arc<Vec<usize>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// Not JSON of the schema; serde's message carries line and column.
    Parse(String),
    Invalid(Vec<ValidationError>),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Parse(m) => write!(f, "not a dataset file: {m}"),
            LoadError::Invalid(errs) => {
                write!(f, "{} problem(s) in the dataset", errs.len())?;
                for e in errs.iter().take(20) {
                    write!(f, "\n- {e}")?;
                }
                Ok(())
            }
        }
    }
}

/// The whole-project figure for a metric; if absent, the sum of its parts' figures.
pub fn headline(p: &Project, metric: Metric) -> Option<Amount> {
    let relevant = |f: &&Figure| f.metric == metric && f.period == Period::Once && f.item.is_none();
    if let Some(f) = p.figures.iter().filter(relevant).find(|f| f.part.is_none()) {
        return Some(Amount { value: f.value, derived: false, qualifier: f.qualifier });
    }
    let parts: Vec<&Figure> = p.figures.iter().filter(relevant).filter(|f| f.part.is_some()).collect();
    (!parts.is_empty()).then(|| Amount { value: parts.iter().map(|f| f.value).sum(), derived: true, qualifier: None })
}


/// What `Catalog` derives from its dataset: built by the page, or in the import worker
/// and adopted by the page without a pass over the projects.
#[derive(Debug, Clone, PartialEq)]
pub struct Index {
    pub rows: Vec<Row>,
    pub search: Texts,
    pub facet_values: [Vec<String>; 5],
    pub places: Places,
}

/// The further district codes of projects in several places, by project index.
pub type Places = HashMap<usize, Vec<Code>>;

/// One text per project, in one string: 100,000 search texts are one allocation, not
/// 100,000, and the import worker's copy is adopted with one UTF-8 check.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Texts {
    pub text: String,
    /// Where each text ends in `text`; each starts where the one before ends.
    pub ends: Vec<u32>,
}

impl Texts {
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        self.text.get(start..end)
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Every project's normalized search text (`search::project_texts`, in its order),
    /// written into one string: no string of its own per project. Its district's and
    /// themes' names are not written here: thousands of projects share each, so they are
    /// in `SharedTexts`, once per list (a third of the text of a 100,000-row list).
    pub fn of(ds: &Dataset) -> Texts {
        let mut out = Texts { text: String::new(), ends: Vec::with_capacity(ds.projects.len()) };
        for p in &ds.projects {
            let mut w = Normalizer::new(&mut out.text);
            let company = p.company.as_deref();
            let named = [Some(&p.name), Some(&p.summary), company];
            named.into_iter().flatten().for_each(|n| [&n.zh, &n.en].into_iter().for_each(|t| w.text(t)));
            let pinyin = [pinyin::of(&p.name.zh), company.and_then(|c| pinyin::of(&c.zh))];
            pinyin.into_iter().flatten().for_each(|py| w.text(py));
            w.finish();
            out.ends.push(out.text.len() as u32);
        }
        out
    }
}

/// The normalized search texts of a list's districts (names and pinyin), by code in the
/// district facet, and of its themes, by position in `ds.themes` (a `Row::themes` bit).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SharedTexts {
    pub districts: Vec<String>,
    pub themes: Vec<String>,
}

impl SharedTexts {
    pub fn of(ds: &Dataset, district_values: &[String]) -> SharedTexts {
        let district = |id: &String| {
            let Some(d) = ds.districts.iter().find(|d| d.id == *id) else { return String::new() };
            normalize_all([d.name.zh.as_str(), d.name.en.as_str()].into_iter().chain(pinyin::of(&d.name.zh)))
        };
        let themes = ds.themes.iter().map(|t| normalize_all([t.name.zh.as_str(), t.name.en.as_str()])).collect();
        SharedTexts { districts: district_values.iter().map(district).collect(), themes }
    }

    /// The district's text for a `Row::codes` district code (none: `NO_CODE`).
    pub fn district(&self, code: Code) -> &str {
        self.districts.get(code as usize).map_or("", String::as_str)
    }

    /// The texts of the themes whose bits are set.
    pub fn themes(&self, bits: u64) -> impl Iterator<Item = &str> {
        self.themes.iter().enumerate().filter(move |(i, _)| *i < 64 && bits & (1 << i) != 0).map(|(_, t)| t.as_str())
    }
}

impl Index {
    pub fn of(ds: &Dataset) -> Index {
        let facet_values = Facet::ALL.map(|f| all_facet_values(ds, f));
        // Validation keeps every facet's values below `NO_CODE` (`MAX_FACET_VALUES`).
        let lookup: Vec<HashMap<&str, Code>> = facet_values
            .iter()
            .map(|vals| vals.iter().enumerate().map(|(i, v)| (v.as_str(), Code::try_from(i).unwrap_or(NO_CODE))).collect())
            .collect();
        // One map type with the facets' (themes are at most 64): one copy of its code in the bundle.
        let theme_lookup: HashMap<&str, Code> = ds.themes.iter().enumerate().map(|(i, t)| (t.id.as_str(), i as Code)).collect();
        let rows = ds
            .projects
            .iter()
            .map(|p| Row {
                investment: headline(p, Metric::Investment),
                jobs: headline(p, Metric::Jobs),
                codes: Facet::ALL.map(|f| lookup[f.index()].get(facet_value(p, f)).copied().unwrap_or(NO_CODE)),
                themes: p.themes.iter().filter_map(|t| theme_lookup.get(&**t)).fold(0, |bits, &t| bits | 1 << t),
            })
            .collect();
        let search = Texts::of(ds);
        let districts = &lookup[Facet::District.index()];
        let places = ds
            .projects
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.places.is_empty())
            .map(|(i, p)| (i, p.places.iter().filter_map(|d| districts.get(&**d).copied()).collect()))
            .collect();
        Index { rows, search, facet_values, places }
    }
}

impl Catalog {
    /// Validates and indexes; the errors name record and field.
    pub fn new(ds: Dataset) -> Result<Catalog, Vec<ValidationError>> {
        let errs = validate(&ds);
        if errs.is_empty() {
            Ok(Catalog::index(ds))
        } else {
            Err(errs)
        }
    }

    /// Indexes a dataset that `validate` has passed (the import worker's, too).
    pub fn index(ds: Dataset) -> Catalog {
        let index = Index::of(&ds);
        Catalog::with_index(ds, index)
    }

    /// A validated dataset with its index built elsewhere (by the import worker, read
    /// back by `packed_index::unpack_index`, which checks it belongs to `ds`).
    pub fn with_index(ds: Dataset, index: Index) -> Catalog {
        let Index { rows, search, facet_values, places } = index;
        let shared = SharedTexts::of(&ds, &facet_values[Facet::District.index()]);
        Catalog { ds, rows, search, facet_values, places, shared, presorted: None }
    }

    /// Why project `i` matches the search `q`: each term with the field it stands in.
    pub fn why_matched(&self, i: usize, q: &str) -> Vec<(String, Field)> {
        let terms = Terms::new(q);
        match self.ds.projects.get(i) {
            Some(p) if !terms.is_empty() => terms.explain(&project_texts(&self.ds, p)),
            _ => Vec::new(),
        }
    }

    pub fn project_index(&self, id: &str) -> Option<usize> {
        self.ds.projects.iter().position(|p| p.id == id)
    }

    /// The index of each of `ids` that names a project, in one pass over the projects
    /// rather than one per id (an audit of a 100,000-project list names many).
    pub fn project_indices<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> HashMap<&'a str, usize> {
        let mut wanted: HashMap<&'a str, usize> = ids.into_iter().map(|id| (id, usize::MAX)).collect();
        if !wanted.is_empty() {
            for (i, p) in self.ds.projects.iter().enumerate() {
                if let Some(slot) = wanted.get_mut(p.id.as_str()) {
                    *slot = (*slot).min(i);
                }
            }
        }
        wanted.retain(|_, i| *i != usize::MAX);
        wanted
    }
}

pub fn from_json(text: &str) -> Result<Catalog, LoadError> {
    let ds: Dataset = serde_json::from_str(text).map_err(|e| LoadError::Parse(e.to_string()))?;
    Catalog::new(ds).map_err(LoadError::Invalid)
}

/// The embedded list, unvalidated.
pub fn embedded_dataset() -> Result<Dataset, LoadError> {
    super::packed::unpack(EMBEDDED_PACKED).map_err(|e| LoadError::Parse(e.to_string()))
}

pub fn embedded() -> Result<Catalog, LoadError> {
    Catalog::new(embedded_dataset()?).map_err(LoadError::Invalid)
}

/// One-paragraph description of a dataset's size.
pub fn summary(ds: &Dataset) -> String {
    let highlights = ds.projects.iter().filter(|p| p.kind == Kind::Highlight).count();
    let figures: usize = ds.projects.iter().map(|p| p.figures.len()).sum();
    let milestones: usize = ds.projects.iter().map(|p| p.milestones.len()).sum();
    format!(
        "release {}: {} projects ({} highlight, {} mentioned), {} project figures, {} milestones, {} programme figures, {} districts, {} sectors, {} themes",
        ds.release,
        ds.projects.len(),
        highlights,
        ds.projects.len() - highlights,
        figures,
        milestones,
        ds.programme.len(),
        ds.districts.len(),
        ds.sectors.len(),
        ds.themes.len()
    )
}
