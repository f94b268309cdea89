//! URL codec properties: state → query → state is the identity; no string panics.

use proptest::prelude::*;
use tongliao_explorer::core::dataset::embedded;
use tongliao_explorer::core::filter::{KIND_VALUES, STAGE_VALUES};
use tongliao_explorer::core::model::Lang;
use tongliao_explorer::core::query::{parse, resolve, Problem, ViewState, MAX_QUERY_CHARS};
use tongliao_explorer::core::sort::{Column, Sort};

/// Parsed once: the property tests resolve thousands of queries against it.
fn catalog() -> &'static tongliao_explorer::core::dataset::Catalog {
    static CATALOG: std::sync::OnceLock<tongliao_explorer::core::dataset::Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(|| embedded().unwrap())
}

fn slug() -> impl Strategy<Value = String> {
    "[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}"
}

fn view_state() -> impl Strategy<Value = ViewState> {
    (
        proptest::collection::btree_set(slug(), 0..4),
        proptest::collection::btree_set(slug(), 0..4),
        proptest::sample::subsequence(KIND_VALUES.to_vec(), 0..=2),
        proptest::sample::subsequence(STAGE_VALUES.to_vec(), 0..=4),
        proptest::string::string_regex(".{0,40}").unwrap(),
        proptest::option::of(0.0..1e6f64),
        proptest::option::of(0u32..100_000),
        (0usize..7, any::<bool>()),
        proptest::option::of(slug()),
        proptest::option::of(prop_oneof![Just(Lang::Zh), Just(Lang::En)]),
        (proptest::option::of("[0-9.]{1,12}"), proptest::option::of(".{1,40}"), any::<bool>(), proptest::collection::btree_set(slug(), 0..3), 0usize..3),
    )
        .prop_map(|(sectors, districts, kinds, stages, q, min, max, (col, desc), project, lang, (release, data_file, embed, themes, measure))| {
            let mut s = ViewState::default();
            s.filter.sectors = sectors;
            s.filter.districts = districts;
            s.filter.kinds = kinds.into_iter().map(String::from).collect();
            s.filter.stages = stages.into_iter().map(String::from).collect();
            s.filter.q = q;
            s.filter.min = min;
            s.filter.max = max.map(f64::from);
            s.sort = Sort { column: Column::ALL[col], descending: desc };
            s.project = project;
            s.lang = lang;
            s.release = release;
            s.data_file = data_file;
            s.embed = embed;
            s.filter.themes = themes;
            s.measure = tongliao_explorer::core::query::Measure::ALL[measure];
            s
        })
}

proptest! {
    // 3 × 4,000 generated queries (plus the mutations below) per run.
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn state_query_state_is_identity(s in view_state()) {
        let q = s.to_query();
        let (back, notices) = parse(&q);
        prop_assert!(notices.is_empty(), "{q} → {notices:?}");
        prop_assert_eq!(&back, &s);
        // Canonical: the same view always gives the same link.
        prop_assert_eq!(back.to_query(), q);
    }

    #[test]
    fn any_string_parses_without_panic(q in ".{0,300}") {
        let (mut s, _) = parse(&q);
        let _ = resolve(&mut s, catalog());
        let _ = s.to_query();
    }

    /// Real links, mutated: a character dropped, doubled or replaced, or a key repeated.
    #[test]
    fn mutated_real_links_parse(base in proptest::sample::select(vec![
        "sector=energy,manufacturing&district=kailu&lang=en&v=2026.11.29",
        "q=%E9%BE%99%E9%A9%AC&sort=-jobs&p=horqin-longma-wind-equipment-park",
        "min=10&max=200&theme=new-energy&stage=under-construction&embed=1",
    ]), at in 0usize..80, with in any::<char>(), how in 0u8..4) {
        let mut chars: Vec<char> = base.chars().collect();
        let i = at % chars.len();
        match how {
            0 => { chars.remove(i); }
            1 => { let c = chars[i]; chars.insert(i, c); }
            2 => { chars[i] = with; }
            _ => { chars.extend(format!("&{base}").chars()); }
        }
        let q: String = chars.into_iter().collect();
        let (mut s, _) = parse(&q);
        let _ = resolve(&mut s, catalog());
        let (again, n) = parse(&s.to_query());
        prop_assert!(n.is_empty());
        prop_assert_eq!(again, s);
    }

    #[test]
    fn any_bytes_as_percent_encoding_parse(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let q: String = bytes.iter().map(|b| format!("%{b:02X}")).collect();
        let _ = parse(&format!("q={q}&{q}={q}"));
    }
}

#[test]
fn hostile_and_special_values_round_trip() {
    for text in ["% + & # =", "100%", "a+b", "龙马 新能源", "<img src=x onerror=alert(1)>", "'\";--", "%E9%BE%99", "\u{202e}rtl", "tab\there"] {
        let mut s = ViewState::default();
        s.filter.q = text.into();
        let (back, n) = parse(&s.to_query());
        assert!(n.is_empty());
        assert_eq!(back.filter.q, text);
    }
}

#[test]
fn unknown_dataset_values_are_dropped_with_a_notice() {
    let c = embedded().unwrap();
    let (mut s, n) = parse("sector=energy,retail&district=atlantis&p=no-such-project&v=1999.1");
    assert!(n.is_empty());
    let n = resolve(&mut s, &c);
    assert_eq!(s.filter.sectors.iter().collect::<Vec<_>>(), ["energy"]);
    assert!(s.filter.districts.is_empty());
    assert!(s.project.is_none());
    let got: Vec<(&str, &str, Problem)> = n.iter().map(|n| (n.key.as_str(), n.value.as_str(), n.problem)).collect();
    assert_eq!(
        got,
        [
            ("sector", "retail", Problem::UnknownValue),
            ("district", "atlantis", Problem::UnknownValue),
            ("p", "no-such-project", Problem::ProjectNotFound),
            ("v", "1999.1", Problem::OtherRelease),
        ]
    );
}

/// Too long a search is ignored, as the notice heading says, rather than cut and applied.
#[test]
fn long_values_are_ignored_and_reported() {
    let long = "x".repeat(MAX_QUERY_CHARS + 50);
    let (s, n) = parse(&format!("q={long}"));
    assert_eq!(s.filter.q, "");
    assert_eq!(n[0].problem, Problem::TooLong);
    assert!(n[0].value.chars().count() <= 61);
}

#[test]
fn repeated_list_keys_merge() {
    let (s, n) = parse("sector=energy&sector=mining");
    assert!(n.is_empty());
    assert_eq!(s.filter.sectors.len(), 2);
}
