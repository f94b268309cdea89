//! The embedded dataset: valid, traceable to its source, and audited by computation.

use std::collections::BTreeSet;
use std::path::PathBuf;

use tongliao_explorer::core::audit::{audit, Rule, Status};
use tongliao_explorer::core::dataset::{embedded, from_json, LoadError, EMBEDDED_JSON};
use sha2::{Digest, Sha256};
use tongliao_explorer::core::model::{Dataset, Kind, Metric, Source};
use tongliao_explorer::core::validate::{check_sources, validate};

fn dataset() -> Dataset {
    match embedded() {
        Ok(c) => c.ds,
        Err(e) => panic!("embedded dataset is invalid:\n{e}"),
    }
}

/// The folder holding the source page: SEED_DIR, else ../shared/seed beside the repo.
/// The page is not ours to ship, so the three checks that read it are `#[ignore]`d;
/// `scripts/test.sh` runs them with `--include-ignored` when the page is there, and
/// `.ci/run` requires it.
fn seed_dir() -> PathBuf {
    std::env::var_os("SEED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seed"))
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The page's text, if its bytes are the ones the dataset's line numbers count in.
fn verified_text(source: &Source, bytes: Vec<u8>) -> Result<String, String> {
    if let Some(want) = &source.sha256 {
        let got = sha256_hex(&bytes);
        if &got != want {
            return Err(format!(
                "{} has SHA-256 {got}, but the dataset was compiled from the copy with SHA-256 {want}: \
                 line numbers would be checked against another text",
                source.file
            ));
        }
    }
    String::from_utf8(bytes).map_err(|e| format!("{} is not UTF-8: {e}", source.file))
}

fn source_text(ds: &Dataset) -> String {
    let path = seed_dir().join(&ds.source.file);
    let bytes = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("source text {} is needed to check provenance: {e}", path.display()));
    verified_text(&ds.source, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The digest check itself needs no page: another text is refused with both digests.
#[test]
fn a_different_copy_of_the_page_is_refused() {
    let ds = dataset();
    let want = ds.source.sha256.clone().expect("the embedded dataset records its page's SHA-256");
    let err = verified_text(&ds.source, "另一份文本\n".as_bytes().to_vec()).expect_err("another text is refused");
    assert!(err.contains(&want) && err.contains(&sha256_hex("另一份文本\n".as_bytes())), "{err}");
    let unhashed = Source { sha256: None, ..ds.source.clone() };
    assert_eq!(verified_text(&unhashed, b"any".to_vec()).as_deref(), Ok("any"));
}

#[test]
fn embedded_dataset_is_valid() {
    let ds: Dataset = serde_json::from_str(EMBEDDED_JSON).expect("JSON parses");
    let errs = validate(&ds);
    assert!(errs.is_empty(), "{}", errs.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"));
}

/// The page reads the list build.rs packed; it is the JSON in the repository, value for value.
#[test]
fn the_packed_embedded_list_is_the_json() {
    let ds: Dataset = serde_json::from_str(EMBEDDED_JSON).expect("JSON parses");
    assert_eq!(tongliao_explorer::core::dataset::embedded().expect("packed list loads").ds, ds);
    assert!(tongliao_explorer::core::dataset::EMBEDDED_PACKED.len() * 2 < EMBEDDED_JSON.len());
}

#[test]
#[ignore = "needs the source page: set SEED_DIR"]
fn every_printed_figure_stands_at_its_source_line() {
    let ds = dataset();
    let errs = check_sources(&ds, &source_text(&ds));
    assert!(errs.is_empty(), "{}", errs.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"));
}

#[test]
#[ignore = "needs the source page: set SEED_DIR"]
fn project_names_stand_at_their_source_line() {
    let ds = dataset();
    let text = source_text(&ds);
    let lines: Vec<String> = text.lines().map(|l| l.chars().filter(|c| !c.is_whitespace()).collect()).collect();
    for p in &ds.projects {
        let i = p.src.line as usize;
        let window: String = lines[i - 1..(i + 2).min(lines.len())].concat();
        // Names may be shortened in the source; the first six characters must be there.
        let head: String = p.name.zh.chars().filter(|c| !c.is_whitespace()).take(6).collect();
        assert!(window.contains(&head), "project {}: name {:?} not at line {}", p.id, p.name.zh, p.src.line);
    }
}

#[test]
fn one_highlight_per_district() {
    let ds = dataset();
    let highlights: Vec<_> = ds.projects.iter().filter(|p| p.kind == Kind::Highlight).collect();
    assert_eq!(highlights.len(), 9);
    let districts: BTreeSet<_> = highlights.iter().filter_map(|p| p.district.clone()).collect();
    let all: BTreeSet<_> = ds.districts.iter().map(|d| d.id.as_str().into()).collect();
    assert_eq!(districts, all);
    assert!(ds.projects.iter().filter(|p| p.kind == Kind::Mentioned).count() >= 10);
}

#[test]
fn every_highlight_states_its_investment() {
    let ds = dataset();
    for p in ds.projects.iter().filter(|p| p.kind == Kind::Highlight) {
        assert!(p.figures.iter().any(|f| f.metric == Metric::Investment), "project {} has no investment", p.id);
    }
}

#[test]
fn programme_totals_are_recorded_as_printed() {
    let ds = dataset();
    let find = |printed: &str| ds.programme.iter().find(|g| g.figure.printed == printed).map(|g| g.figure.value);
    assert_eq!(find("558个"), Some(558.0));
    assert_eq!(find("1762亿元"), Some(176_200_000_000.0));
    assert_eq!(find("551 亿元"), Some(55_100_000_000.0));
    assert_eq!(find("30%以上"), Some(30.0));
}

/// Our descriptions are our own words: no summary repeats 14 consecutive characters
/// of the source outside the project's own name and company.
#[test]
#[ignore = "needs the source page: set SEED_DIR"]
fn summaries_do_not_copy_the_source() {
    let ds = dataset();
    let source: String = source_text(&ds).chars().filter(|c| !c.is_whitespace()).collect();
    for p in &ds.projects {
        let mut s = p.summary.zh.replace(&p.name.zh, "■");
        if let Some(c) = &p.company {
            s = s.replace(&c.zh, "■");
        }
        let chars: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
        for w in chars.windows(14) {
            let run: String = w.iter().collect();
            assert!(!source.contains(&run), "project {}: summary copies {run:?}", p.id);
        }
    }
}

#[test]
fn audit_finds_the_generation_contradiction_by_computation() {
    let ds = dataset();
    let items = audit(&ds);
    let bad: Vec<_> = items.iter().filter(|i| i.status == Status::Contradiction).collect();
    assert_eq!(bad.len(), 1, "{bad:#?}");
    let item = bad[0];
    assert_eq!(item.rule, Rule::CapacityHours);
    assert_eq!(item.project.as_deref(), Some("jarud-daolaodu-wind-500mw"));
    // 500,000 kW × 3,054 h = 1,527,000,000 kWh, printed 305281万千瓦时.
    assert_eq!(item.computed, 1_527_000_000.0);
    assert_eq!(item.stated, 3_052_810_000.0);
    assert!((item.deviation() - 0.99922).abs() < 1e-4);
}

#[test]
fn audit_confirms_what_adds_up() {
    let ds = dataset();
    let items = audit(&ds);
    let ok = |rule: Rule, project: Option<&str>| {
        items.iter().any(|i| i.rule == rule && i.project.as_deref() == project && i.status == Status::Consistent)
    };
    assert!(ok(Rule::PartsSum(Metric::Investment), Some("kailu-jinyufeng-corn-circular-park")));
    assert!(ok(Rule::AnnualTimesLife(Metric::Revenue), Some("hure-xiexin-lead-zinc-mine")));
    assert!(ok(Rule::CoalFromGeneration, Some("naiman-mingyang-smart-energy")));
}

#[test]
fn audit_flags_parts_that_exceed_the_total() {
    let mut ds = dataset();
    let p = ds.projects.iter_mut().find(|p| p.id == "kailu-jinyufeng-corn-circular-park").unwrap();
    let part = p.figures.iter_mut().find(|f| f.metric == Metric::Investment && f.part.is_some()).unwrap();
    part.value += 1e9;
    let items = audit(&ds);
    assert!(items.iter().any(|i| i.rule == Rule::PartsSum(Metric::Investment)
        && i.project.as_deref() == Some("kailu-jinyufeng-corn-circular-park")
        && i.status == Status::Contradiction));
}

fn messages(ds: &Dataset) -> Vec<String> {
    validate(ds).iter().map(|e| e.to_string()).collect()
}

#[test]
fn invalid_data_names_record_and_field() {
    let base = dataset();

    let mut ds = base.clone();
    ds.projects[0].figures[0].value += 1.0;
    let m = messages(&ds);
    assert!(m.iter().any(|e| e.starts_with(&format!("project {}: figures[0].value:", ds.projects[0].id))), "{m:?}");

    let mut ds = base.clone();
    ds.projects[1].district = Some("atlantis".into());
    assert!(messages(&ds).iter().any(|e| e.contains("district") && e.contains("atlantis")));

    let mut ds = base.clone();
    ds.projects[2].id = ds.projects[3].id.clone();
    assert!(messages(&ds).iter().any(|e| e.contains("is used twice")));

    let mut ds = base.clone();
    ds.projects[0].figures[0].unit = tongliao_explorer::core::model::Unit::Kw;
    assert!(messages(&ds).iter().any(|e| e.contains("figures[0].unit")));

    let mut ds = base.clone();
    ds.projects[0].figures[0].qualifier = Some(tongliao_explorer::core::model::Qualifier::About);
    assert!(messages(&ds).iter().any(|e| e.contains("figures[0].qualifier")));

    let mut ds = base;
    ds.projects[0].sector = "retail".into();
    assert!(messages(&ds).iter().any(|e| e.contains("unknown sector")));
}

#[test]
fn broken_files_get_a_message_not_a_panic() {
    for text in ["", "{", "null", "[]", "{\"release\": 5}", "\u{feff}{}", &"x".repeat(100_000)] {
        match from_json(text) {
            Err(LoadError::Parse(m)) => assert!(!m.is_empty()),
            other => panic!("{text:.20?} gave {other:?}"),
        }
    }
}

/// Facet values are coded in 16 bits: a list of 65,000 sections codes and filters its last
/// one, and one of 65,001 is refused with a message rather than coded wrongly.
#[test]
fn up_to_65000_sections_filter_and_more_are_refused() {
    use tongliao_explorer::core::dataset::{Catalog, NO_CODE};
    use tongliao_explorer::core::filter::{apply, counts, Facet, Filter};
    use tongliao_explorer::core::model::{I18n, Section, SourceRef};
    use tongliao_explorer::core::validate::MAX_FACET_VALUES;

    let mut ds = dataset();
    let section = |k: usize| Section {
        id: format!("s{k}"),
        name: I18n { zh: format!("第{k}部分"), en: format!("Part {k}") },
        printed: format!("{k}、"),
        count: None,
        src: SourceRef::line(1),
    };
    ds.sections = (0..MAX_FACET_VALUES).map(section).collect();
    // A code past 15 bits (a signed 16-bit code would break there) and the last one.
    ds.projects[3].section = Some("s40000".into());
    ds.projects[4].section = Some(format!("s{}", MAX_FACET_VALUES - 1).as_str().into());
    let c = Catalog::new(ds.clone()).expect("65,000 sections are allowed");
    let code = |i: usize| c.rows[i].codes[Facet::Section.index()];
    assert_eq!(code(3), 40000);
    assert_eq!(usize::from(code(4)), MAX_FACET_VALUES - 1);
    // The rest state none: they are coded "not stated", the value after the list's own.
    assert_eq!(usize::from(code(0)), MAX_FACET_VALUES);
    assert_ne!(code(0), NO_CODE);
    let mut f = Filter::default();
    f.sections.insert(format!("s{}", MAX_FACET_VALUES - 1));
    assert_eq!(apply(&c, &f), vec![4]);
    assert_eq!(counts(&c, &Filter::default()).facets[Facet::Section.index()][MAX_FACET_VALUES - 1].count, 1);

    ds.sections.push(section(MAX_FACET_VALUES));
    let errs = Catalog::new(ds).expect_err("65,001 sections are refused");
    assert_eq!(errs.iter().map(ToString::to_string).collect::<Vec<_>>(), ["dataset: sections: more than 65000"]);
}

/// Themes are filtered as bits of a u64: a dataset with 64 themes filters by its last one,
/// and one with 65 is refused with a message rather than filtered wrongly.
#[test]
fn up_to_64_themes_filter_and_more_are_refused() {
    use tongliao_explorer::core::dataset::Catalog;
    use tongliao_explorer::core::filter::{apply, counts, Filter};
    use tongliao_explorer::core::model::{I18n, Theme};
    use tongliao_explorer::core::validate::MAX_THEMES;

    let mut ds = dataset();
    while ds.themes.len() < MAX_THEMES {
        let id = format!("extra-{}", ds.themes.len());
        ds.themes.push(Theme { id, name: I18n { zh: "主题".into(), en: "Theme".into() } });
    }
    let last = ds.themes[MAX_THEMES - 1].id.clone();
    ds.projects[4].themes.push(last.as_str().into());
    let c = Catalog::new(ds.clone()).expect("64 themes are allowed");
    let mut f = Filter::default();
    f.themes.insert(last);
    assert_eq!(apply(&c, &f), vec![4]);
    assert_eq!(counts(&c, &Filter::default()).themes[MAX_THEMES - 1].count, 1);

    ds.themes.push(Theme { id: "one-too-many".into(), name: I18n { zh: "主题".into(), en: "Theme".into() } });
    let errs = Catalog::new(ds).expect_err("65 themes are refused");
    assert_eq!(errs.iter().map(ToString::to_string).collect::<Vec<_>>(), ["dataset: themes: more than 64"]);
}

/// The audit names its projects through one pass: the same indices as one lookup each.
#[test]
fn project_indices_are_project_index_in_one_pass() {
    let cat = embedded().unwrap();
    let mut ids: Vec<&str> = cat.ds.projects.iter().rev().map(|p| p.id.as_str()).collect();
    ids.extend(["no-such-project", cat.ds.projects[3].id.as_str()]);
    let found = cat.project_indices(ids.iter().copied());
    assert_eq!(found.len(), cat.ds.projects.len());
    for id in &ids {
        assert_eq!(found.get(id).copied(), cat.project_index(id), "{id}");
    }
    assert!(cat.project_indices(std::iter::empty()).is_empty());
}

#[test]
fn a_source_cell_reads_the_same_from_json_and_packed_and_row_zero_is_none() {
    use tongliao_explorer::core::model::SourceRef;
    use tongliao_explorer::core::packed::{pack, unpack};
    let read = |json: &str| serde_json::from_str::<SourceRef>(json).unwrap();
    let cell = read(r#"{"row":7,"col":3}"#);
    assert_eq!((cell.line, cell.row(), cell.col()), (0, Some(7), Some(3)));
    assert_eq!(read(r#"{"line":12}"#), SourceRef::line(12));
    // 0 names no row or column: it reads as none, as a file that wrote it meant.
    let zero = read(r#"{"line":4,"row":0,"col":null}"#);
    assert_eq!((zero.row(), zero.col()), (None, None));
    assert_eq!(serde_json::to_string(&cell).unwrap(), r#"{"row":7,"col":3}"#);
    for at in [cell, SourceRef::line(12), SourceRef::new(3, None, Some(2)), SourceRef::cell(0, Some(5))] {
        assert_eq!(unpack::<SourceRef>(&pack(&at)).unwrap(), at);
    }
}
