//! Export of the rows in view: CSV (with BOM) and JSON carry exactly the table's rows, in
//! order, with base-unit amounts beside the printed strings; file names say the filter.

use tongliao_explorer::core::dataset::{embedded, Catalog};
use tongliao_explorer::core::export::{
    file_name, file_name_for, rows, to_csv, to_json, ExportRow, COLUMNS, MAX_FILE_NAME,
};
use tongliao_explorer::core::filter::{apply, Filter};
use tongliao_explorer::core::model::Lang;
use tongliao_explorer::core::query::{parse, ViewState};
use tongliao_explorer::core::sort::{sort_rows, Column, Sort};

fn cat() -> Catalog {
    embedded().expect("embedded dataset loads")
}

/// The table as the app shows it for a query string.
fn view(c: &Catalog, query: &str, lang: Lang) -> Vec<usize> {
    let (state, _) = parse(query);
    let mut r = apply(c, &state.filter);
    sort_rows(c, &mut r, state.sort, lang);
    r
}

fn read_csv(text: &str) -> (Vec<String>, Vec<ExportRow>) {
    let body = text.strip_prefix('\u{feff}').expect("CSV starts with a BOM");
    let mut rdr = csv::Reader::from_reader(body.as_bytes());
    let header = rdr.headers().unwrap().iter().map(String::from).collect();
    let rows = rdr.deserialize().map(|r| r.expect("row parses")).collect();
    (header, rows)
}

#[test]
fn csv_has_bom_header_and_the_rows_in_view_in_order() {
    let c = cat();
    let r = view(&c, "sector=energy,manufacturing&sort=-jobs", Lang::En);
    assert!(r.len() >= 5);
    let text = to_csv(&c, &r, Lang::En);
    assert!(text.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 BOM first");
    let (header, parsed) = read_csv(&text);
    assert_eq!(header, COLUMNS);
    let ids: Vec<&str> = parsed.iter().map(|x| x.id.as_str()).collect();
    let expected: Vec<&str> = r.iter().map(|&i| c.ds.projects[i].id.as_str()).collect();
    assert_eq!(ids, expected);
    assert_eq!(parsed, rows(&c, &r, Lang::En));
}

#[test]
fn values_in_base_units_beside_printed_strings() {
    let c = cat();
    let all: Vec<usize> = (0..c.ds.projects.len()).collect();
    let (_, parsed) = read_csv(&to_csv(&c, &all, Lang::Zh));
    let longma = parsed.iter().find(|x| x.id == "horqin-longma-wind-equipment-park").unwrap();
    assert_eq!(longma.investment_yuan, Some(18_500_000_000));
    assert_eq!(longma.investment_printed.as_deref(), Some("185亿元"));
    assert!(!longma.investment_derived);
    assert_eq!(longma.investment_qualifier, None);
    assert_eq!(longma.jobs_persons, Some(10_000));
    assert_eq!(longma.jobs_printed.as_deref(), Some("近万人"));
    assert_eq!(longma.jobs_qualifier.as_deref(), Some("nearly"));
    assert_eq!(longma.district.as_deref(), Some("horqin"));
    assert_eq!(longma.district_name, "科尔沁区");
    assert_eq!((longma.sector_code.as_str(), longma.sector_name.as_str()), ("C", "制造业"));
    assert_eq!(longma.source_line, 162);

    // Every derived total comes without a printed string; every stated one with its own.
    for (row, &i) in parsed.iter().zip(&all) {
        let amount = c.rows[i].investment;
        assert_eq!(row.investment_yuan, amount.map(|a| a.value as u64), "{}", row.id);
        assert_eq!(row.investment_derived, amount.is_some_and(|a| a.derived), "{}", row.id);
        assert_eq!(row.investment_printed.is_some(), amount.is_some_and(|a| !a.derived), "{}", row.id);
    }
    assert!(parsed.iter().any(|r| r.investment_derived), "the dataset has a derived total");
    assert!(parsed.iter().any(|r| r.investment_yuan.is_none() && r.investment_printed.is_none()));
}

#[test]
fn unstated_values_are_empty_cells() {
    let c = cat();
    let r = view(&c, "district=unstated", Lang::En);
    assert!(!r.is_empty());
    let text = to_csv(&c, &r, Lang::En);
    let (_, parsed) = read_csv(&text);
    for row in &parsed {
        assert_eq!(row.district, None);
        assert_eq!(row.district_name, "Not stated");
    }
    // A project without a stated stage or amount has empty cells, not "None" or 0.
    let line = text.lines().find(|l| l.starts_with("city-hospital-new-campus,")).expect("row present");
    assert!(!line.contains("None") && !line.contains("null"), "{line}");
}

#[test]
fn empty_view_still_has_a_header() {
    let c = cat();
    let text = to_csv(&c, &[], Lang::Zh);
    assert_eq!(text, format!("\u{feff}{}\n", COLUMNS.join(",")));
    assert_eq!(to_json(&c, &[], Lang::Zh), "[]");
}

#[test]
fn json_carries_the_same_rows() {
    let c = cat();
    let r = view(&c, "kind=highlight&sort=name", Lang::Zh);
    let parsed: Vec<ExportRow> = serde_json::from_str(&to_json(&c, &r, Lang::Zh)).unwrap();
    assert_eq!(parsed, rows(&c, &r, Lang::Zh));
    assert_eq!(parsed.len(), 9);
    let value: serde_json::Value = serde_json::from_str(&to_json(&c, &r, Lang::Zh)).unwrap();
    let first = value[0].as_object().unwrap();
    assert_eq!(first.keys().count(), COLUMNS.len());
    assert!(COLUMNS.iter().all(|k| first.contains_key(*k)));
    // Whole yuan as JSON integers, not floats.
    assert!(value.as_array().unwrap().iter().any(|v| v["investment_yuan"].is_u64()));
}

#[test]
fn order_follows_the_view_not_the_dataset() {
    let c = cat();
    let asc = view(&c, "sort=investment", Lang::En);
    let desc = view(&c, "sort=-investment", Lang::En);
    let ids = |r: &[usize]| rows(&c, r, Lang::En).into_iter().map(|x| x.id).collect::<Vec<_>>();
    assert_ne!(ids(&asc), ids(&desc));
    assert_eq!(ids(&asc)[0], c.ds.projects[asc[0]].id);
}

#[test]
fn special_characters_survive_the_csv() {
    let mut c = cat();
    c.ds.projects[0].name.en = "A \"quoted\", comma\nand newline <script>alert(1)</script>".into();
    let (_, parsed) = read_csv(&to_csv(&c, &[0], Lang::En));
    assert_eq!(parsed[0].name_en, c.ds.projects[0].name.en);
}

fn state(query: &str) -> ViewState {
    parse(query).0
}

#[test]
fn file_names_say_the_filter() {
    assert_eq!(file_name(&ViewState::default(), "csv"), "tongliao-2022_all.csv");
    assert_eq!(
        file_name(&state("sector=energy&district=kailu"), "csv"),
        "tongliao-2022_sector-energy_district-kailu.csv"
    );
    assert_eq!(
        file_name(&state("sector=manufacturing,energy&kind=highlight&min=10&max=200.5"), "json"),
        "tongliao-2022_sector-energy.manufacturing_kind-highlight_min-10_max-200.5.json"
    );
    // Sorting, the open project and the language do not change which rows are exported.
    assert_eq!(file_name(&state("sort=-jobs&lang=en&p=jiupeng-doxycycline"), "csv"), "tongliao-2022_all.csv");
    assert_eq!(file_name(&state("q=%E9%BE%99%E9%A9%AC"), "csv"), "tongliao-2022_search.csv");
    assert_eq!(
        file_name(&state("theme=wind,new-energy&stage=planned"), "csv"),
        "tongliao-2022_stage-planned_theme-new-energy.wind.csv"
    );
    assert_eq!(file_name(&state("q=Wind%20Power!"), "csv"), "tongliao-2022_q-wind-power.csv");
    assert_eq!(
        file_name_for(&cat(), &state("stage=under-construction"), "csv"),
        "tongliao-2022_stage-under-construction.csv"
    );
}

#[test]
fn file_names_are_safe_and_bounded() {
    let hostile = state("q=..%2F..%2Fetc%2Fpasswd%00%3Cscript%3E&district=horqin-left-rear,horqin-left-middle,kailu,naiman,hure,jarud,holingol,tongliao-etdz,horqin");
    for ext in ["csv", "../../x", "JSON", ""] {
        let name = file_name(&hostile, ext);
        assert!(name.len() <= MAX_FILE_NAME, "{name}");
        assert!(name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b)), "{name}");
        assert!(!name.contains(".."), "{name}");
    }
    assert!(file_name(&hostile, "csv").ends_with(".csv"));
    let mut long = ViewState::default();
    long.filter.q = "x".repeat(500);
    assert_eq!(file_name(&long, "csv").len(), MAX_FILE_NAME);
}

#[test]
fn sorted_view_is_what_the_table_shows() {
    // The export takes the table's row order as given: same call the table makes.
    let c = cat();
    let mut r = apply(&c, &Filter::default());
    sort_rows(&c, &mut r, Sort { column: Column::Jobs, descending: true }, Lang::En);
    let exported: Vec<Option<u64>> = rows(&c, &r, Lang::En).iter().map(|x| x.jobs_persons).collect();
    let with_jobs: Vec<u64> = exported.iter().flatten().copied().collect();
    assert!(with_jobs.windows(2).all(|w| w[0] >= w[1]));
}

#[test]
fn chart_images_are_named_like_the_exports() {
    use tongliao_explorer::core::export::chart_file_name;
    let c = embedded().expect("embedded dataset loads");
    assert_eq!(chart_file_name(&c, &state("sector=energy&p=x&sort=-jobs"), "sector", "png"), "tongliao-2022-sector_sector-energy.png");
    assert_eq!(chart_file_name(&c, &ViewState::default(), "district", "png"), "tongliao-2022-district_all.png");
}
