//! The importer end to end, on lists shaped as offices publish them: a title, a unit line,
//! sections, subtotals (one of them wrong), a note; in GBK, UTF-16 and xlsx/xls/ods.

use tongliao_explorer::core::audit::{audit, Rule, Status};
use tongliao_explorer::core::dataset::Catalog;
use tongliao_explorer::core::import::columns::Field;
use tongliao_explorer::core::import::grid::{read, Value};
use tongliao_explorer::core::import::rows::RowKind;
use tongliao_explorer::core::import::{analyse, Choices, ImportError};
use tongliao_explorer::core::model::{Dataset, Period, TotalScope};

/// A city list as Excel saves it to CSV: title, unit line, a total row first, two
/// sections with subtotals, the second subtotal wrong (7,000 for 7,500.5), a note.
pub const CITY_CSV: &str = "通辽市2023年重点项目计划表,,,,,,,,,
,,,,,,,,单位：万元,
序号,项目名称,建设地点,建设性质,建设内容,建设起止年限,总投资,2023年计划投资,项目单位,备注
,合计,,,,,\"37,500.5\",9000,,
一、能源项目（2个）,,,,,,\"30,000\",7000,,
1,扎鲁特旗风电项目,扎鲁特旗,新建,风机50台,2023-2025,\"20,000\",5000,甲公司,
2,光伏治沙项目,科尔沁区、开鲁县,续建,光伏板,2022.3-2024.12,\"10,000\",2000,乙公司,
,小计,,,,,\"30,000\",7000,,
二、工业项目（1个）,,,,,,,,,
3,玉米深加工项目,开鲁县,新建,年加工玉米,2023—2024年,\"7,500.5\",—,丙公司,重点
,小计,,,,,\"7,000\",2000,,
注：数据为计划数。,,,,,,,,,
";

fn gbk(text: &str) -> Vec<u8> {
    encoding_rs::GBK.encode(text).0.into_owned()
}

fn import(bytes: &[u8]) -> Dataset {
    let (review, ds) = analyse(bytes, "list.csv", &Choices::default()).unwrap();
    assert!(review.can_confirm(), "{:#?}", review.problems);
    ds.unwrap()
}

#[test]
fn gbk_city_list() {
    let (review, ds) = analyse(&gbk(CITY_CSV), "list.csv", &Choices::default()).unwrap();
    assert_eq!(review.format, "CSV (GB18030)");
    assert_eq!((review.header_row, review.header_depth), (3, 1));
    assert_eq!(review.unit, "万元");
    assert!(review.unambiguous, "{:?}", review.problems);
    let c = &review.counts;
    assert_eq!((c.projects, c.sections, c.subtotals, c.totals, c.notes), (3, 2, 2, 1, 1));
    let fields: Vec<Field> = review.columns.iter().map(|c| c.field).collect();
    use Field::*;
    assert_eq!(fields, vec![Seq, Name, Location, Stage, Content, Years, Total, PlanYear, Owner, Remark]);
    let ds = ds.unwrap();
    assert_eq!(ds.source.year, 2023);
    assert_eq!(ds.source.title.zh, "通辽市2023年重点项目计划表");
    let solar = &ds.projects[1];
    assert_eq!(solar.name.zh, "光伏治沙项目");
    assert!(solar.translit);
    assert_eq!(solar.name.en, "Guang Fu Zhi Sha Xiang Mu");
    // Two places: it counts in both districts.
    assert_eq!(solar.places.len(), 1);
    assert_eq!(ds.districts.iter().map(|d| d.name.zh.as_str()).collect::<Vec<_>>(), ["扎鲁特旗", "科尔沁区", "开鲁县"]);
    let total = &solar.figures[0];
    assert_eq!((total.value, total.printed.as_str(), total.unit_from.as_deref()), (100_000_000.0, "10,000", Some("万元")));
    assert_eq!((total.src.row(), total.src.col()), (Some(7), Some(7)));
    assert_eq!(solar.milestones.iter().map(|m| m.date.as_str()).collect::<Vec<_>>(), ["2022-03", "2024-12"]);
    let corn = &ds.projects[2];
    // 7,500.5 万元, exactly; the annual plan is "—", not stated.
    assert_eq!(corn.figures.len(), 1);
    assert_eq!(corn.figures[0].value, 75_005_000.0);
    assert_eq!(ds.stages.iter().map(|s| (s.name.zh.as_str(), s.name.en.as_str())).collect::<Vec<_>>(), [("新建", "New"), ("续建", "Continuing")]);
    // Every cell is kept with its header and position; 备注 maps to a field, still shown.
    assert!(corn.cells.iter().any(|c| ds.columns[c.col as usize - 1] == "备注" && c.text == "重点" && c.col == 10));
}

#[test]
fn the_audit_names_the_wrong_subtotal() {
    let ds = import(&gbk(CITY_CSV));
    let cat = Catalog::new(ds.clone()).unwrap();
    let items = audit(&cat.ds);
    let totals: Vec<_> = items.iter().filter(|i| matches!(i.rule, Rule::PrintedTotal(_, Period::Once))).collect();
    // 合计, the section row 一、 with its own sum, 小计, 小计.
    assert_eq!(totals.len(), 4, "{totals:#?}");
    let bad: Vec<_> = totals.iter().filter(|i| i.status == Status::Contradiction).collect();
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].rule, Rule::PrintedTotal(TotalScope::Subtotal, Period::Once));
    assert_eq!(bad[0].row_label, Some(("小计".to_string(), 11)));
    assert_eq!((bad[0].stated, bad[0].computed), (70_000_000.0, 75_005_000.0));
    // The grand total and the first subtotal agree.
    assert!(totals.iter().filter(|i| i.status == Status::Consistent).count() == 3);
    // The annual plan's subtotal of the second section: 2000 printed, nothing stated below.
    let plan_bad = items.iter().filter(|i| i.rule == Rule::PrintedTotal(TotalScope::Subtotal, Period::PlanYear) && i.status == Status::Contradiction).count();
    assert_eq!(plan_bad, 1);
    // Section counts: 2 and 1, as printed.
    assert!(items.iter().filter(|i| i.rule == Rule::SectionCount).all(|i| i.status == Status::Consistent));
}

#[test]
fn utf16_and_utf8_read_alike() {
    let mut utf16 = vec![0xFF, 0xFE];
    for u in CITY_CSV.replace(',', "\t").encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    // Tabs inside the quoted numbers are not there; the quotes stay as text, which the
    // number reader accepts once the thousands separator is gone.
    let a = import(CITY_CSV.as_bytes());
    let b = import(&gbk(CITY_CSV));
    assert_eq!(a.projects, b.projects);
    let (review, _) = analyse(&utf16, "list.txt", &Choices::default()).unwrap();
    assert_eq!(review.format, "TSV (UTF-16)");
    assert_eq!(review.counts.projects, 3);
}

#[test]
fn ids_are_stable_and_the_saved_dataset_round_trips() {
    let ds = import(&gbk(CITY_CSV));
    // The same list again, with the rows in another order and another title: same ids.
    let moved = CITY_CSV.replace("通辽市2023年重点项目计划表", "通辽市2024年重点项目计划表");
    let again = import(moved.as_bytes());
    assert_eq!(ds.projects.iter().map(|p| &p.id).collect::<Vec<_>>(), again.projects.iter().map(|p| &p.id).collect::<Vec<_>>());
    let json = serde_json::to_string(&ds).unwrap();
    let reloaded = tongliao_explorer::core::dataset::from_json(&json).unwrap();
    assert_eq!(reloaded.ds, ds);
    assert_eq!(audit(&reloaded.ds), audit(&ds));
}

#[test]
fn choices_change_the_mapping_and_the_unit() {
    let bytes = gbk(CITY_CSV);
    let (review, _) = analyse(&bytes, "list.csv", &Choices::default()).unwrap();
    let mut fields: Vec<Field> = review.columns.iter().map(|c| c.field).collect();
    fields[7] = Field::Other;
    let choices = Choices { fields: Some(fields), unit: Some("亿元".into()), ..Choices::default() };
    let (review, ds) = analyse(&bytes, "list.csv", &choices).unwrap();
    assert!(review.unambiguous, "the reader's own choice needs no second check");
    let ds = ds.unwrap();
    // The unit line (单位：万元) is overridden by the reader's choice.
    assert_eq!(ds.projects[0].figures.len(), 1);
    assert_eq!(ds.projects[0].figures[0].value, 2_000_000_000_000.0);
}

#[test]
fn two_total_columns_or_no_unit_are_the_readers_choice() {
    let two = CITY_CSV.replace("2023年计划投资", "计划总投资").replace("单位：万元", "");
    let (review, ds) = analyse(two.as_bytes(), "list.csv", &Choices::default()).unwrap();
    assert!(!review.unambiguous);
    assert_eq!(review.contested, vec![Field::Total]);
    assert!(review.can_confirm() && ds.is_some(), "a choice, not an error");
    assert!(review.problems.iter().any(|p| p.message.en.contains("assumed") || p.message.en.contains("read as")), "{:?}", review.problems);
    let mut fields: Vec<Field> = review.columns.iter().map(|c| c.field).collect();
    fields.swap(6, 7);
    let (review, ds) = analyse(two.as_bytes(), "list.csv", &Choices { fields: Some(fields), unit: Some("万元".into()), ..Choices::default() }).unwrap();
    assert!(review.unambiguous);
    assert_eq!(ds.unwrap().projects[0].figures[0].printed, "5000");
}

/// A list's own categories are its sectors; the review offers a GB/T section where the
/// name allows one, and only the reader's choice applies it.
#[test]
fn categories_become_sectors_and_gbt_sections_are_offered() {
    let with_category = CITY_CSV.replace("项目单位,备注", "项目单位,所属领域").replace("甲公司,", "甲公司,能源项目").replace("乙公司,", "乙公司,能源项目").replace("丙公司,重点", "丙公司,重点项目");
    let (review, ds) = analyse(with_category.as_bytes(), "c.csv", &Choices::default()).unwrap();
    let ds = ds.unwrap();
    assert_eq!(ds.sectors.iter().map(|s| (s.name.zh.as_str(), s.code.as_str())).collect::<Vec<_>>(), [("能源项目", ""), ("重点项目", "")]);
    let offered: Vec<_> = review.categories.iter().map(|c| (c.name.as_str(), c.suggested.as_ref().map(|(code, _)| code.as_str()))).collect();
    assert_eq!(offered, [("能源项目", Some("D")), ("重点项目", None)]);
    let html = tongliao_explorer::core::import::review_html::review_html(&review, true, tongliao_explorer::core::model::Lang::En);
    assert!(html.contains("data-gbt") && html.contains("D Electricity, heat, gas and water supply"));
    let (review, ds) = analyse(with_category.as_bytes(), "c.csv", &Choices { gbt: true, ..Choices::default() }).unwrap();
    assert!(review.gbt);
    let ds = ds.unwrap();
    assert_eq!(ds.sectors.iter().map(|s| s.code.as_str()).collect::<Vec<_>>(), ["D", ""]);
    assert_eq!(*ds.projects[0].sector, *ds.sectors[0].id);
}

#[test]
fn bad_input_says_what_is_wrong() {
    assert_eq!(analyse(b"", "a.csv", &Choices::default()).err(), Some(ImportError::Empty));
    assert_eq!(analyse("a,b\n1,2\n".as_bytes(), "a.csv", &Choices::default()).err(), Some(ImportError::NoHeader));
    let junk: Vec<u8> = (0..5000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect();
    assert!(matches!(analyse(&junk, "a.csv", &Choices::default()), Err(ImportError::NotText | ImportError::Corrupt(_))));
    let bad_amount = CITY_CSV.replace("\"20,000\"", "待定");
    let (review, ds) = analyse(bad_amount.as_bytes(), "a.csv", &Choices::default()).unwrap();
    let p = review.problems.iter().find(|p| p.col.as_deref() == Some("G")).unwrap();
    assert_eq!(p.row, Some(6));
    assert!(p.message.zh.contains("G6"), "{}", p.message.zh);
    assert!(p.message.en.contains("G6"), "{}", p.message.en);
    assert!(ds.is_some(), "an unreadable cell is shown, the rest loads");
    for e in [ImportError::Password, ImportError::NotText, ImportError::TooLarge { bytes: 40 << 20, limit: 30 << 20 }] {
        assert!(!e.message(tongliao_explorer::core::model::Lang::Zh).is_empty());
        assert!(e.message(tongliao_explorer::core::model::Lang::En).contains(char::is_alphabetic));
    }
}

#[test]
fn grid_cells_keep_numbers_and_text() {
    let wb = read(CITY_CSV.as_bytes()).unwrap();
    assert_eq!(wb.sheets[0].cell(5, 6), &Value::Text("20,000".into()));
    let _ = RowKind::Project;
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("tests/fixtures/import/{name}")).expect("fixtures are written by scripts/gen-import-fixtures.mjs")
}

/// One synthetic city list in four files (scripts/gen-import-fixtures.mjs): each reads to
/// the same projects, figures and audit.
#[test]
fn the_same_list_from_xlsx_xls_ods_and_gbk_csv() {
    let mut seen: Vec<(String, Dataset)> = Vec::new();
    for file in ["city-2023.xlsx", "city-2023.xls", "city-2023.ods", "city-2023-gbk.csv"] {
        let (review, ds) = analyse(&fixture(file), file, &Choices::default()).unwrap();
        assert!(review.can_confirm() && review.unambiguous, "{file}: {:#?}", review.problems);
        assert!(review.problems.is_empty(), "{file}: {:#?}", review.problems);
        let c = &review.counts;
        assert_eq!((c.projects, c.sections, c.subtotals, c.totals, c.notes), (7, 3, 3, 1, 1), "{file}");
        let ds = ds.unwrap();
        assert_eq!(ds.source.year, 2023, "{file}");
        let wind = &ds.projects[0];
        // "120,000" stored as text in the xlsx, a number elsewhere: 12 亿元 either way.
        assert_eq!(wind.figures[0].value, 1_200_000_000.0, "{file}");
        // Full-width digits in the xlsx (８０００).
        assert_eq!(ds.projects[5].figures[0].value, 80_000_000.0, "{file}");
        let items = audit(&ds);
        let bad: Vec<_> = items.iter().filter(|i| i.status == Status::Contradiction).collect();
        assert_eq!(bad.len(), 1, "{file}: {bad:#?}");
        assert_eq!((bad[0].stated, bad[0].computed), (1_000_000_000.0, 1_050_000_000.0), "{file}");
        seen.push((file.to_string(), ds));
    }
    let (first, rest) = seen.split_first().unwrap();
    for (file, ds) in rest {
        let names = |d: &Dataset| d.projects.iter().map(|p| (p.id.clone(), p.figures.iter().map(|f| f.value).collect::<Vec<_>>())).collect::<Vec<_>>();
        assert_eq!(names(ds), names(&first.1), "{file} against {}", first.0);
    }
    // The xlsx's first sheet is notes: the list is found on the second.
    let (review, ds) = analyse(&fixture("city-2023.xlsx"), "x.xlsx", &Choices::default()).unwrap();
    assert_eq!((review.sheet, review.header_row, review.header_depth), (1, 3, 2));
    assert_eq!(ds.unwrap().source.sheet.as_deref(), Some("2023年计划"));
}

#[test]
fn broken_files_get_their_message() {
    assert!(matches!(analyse(&fixture("corrupt.xlsx"), "c.xlsx", &Choices::default()), Err(ImportError::Corrupt(_))));
    assert_eq!(analyse(&fixture("junk.csv"), "j.csv", &Choices::default()).err(), Some(ImportError::NotText));
}

mod no_grid_panics {
    use proptest::prelude::*;
    use tongliao_explorer::core::import::assemble::analyse_workbook;
    use tongliao_explorer::core::import::grid::{Format, Sheet, Value, Workbook, Encoding};
    use tongliao_explorer::core::import::Choices;

    fn value() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Empty),
            any::<f64>().prop_map(Value::Number),
            any::<f64>().prop_map(Value::Date),
            prop::sample::select(vec![
                "项目名称", "总投资", "建设地点", "小计", "合计", "一、能源", "（二）", "注：", "—", "12,500.37", "2023-2025", "万元", "单位：亿元", "", " ", "序号", "2023年计划投资", "红山区、松山区", "１２３", "9".repeat(40).leak(),
            ])
            .prop_map(|s| Value::Text(s.to_string())),
            ".{0,12}".prop_map(Value::Text),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        #[test]
        fn any_grid_reads_without_panic(rows in prop::collection::vec(prop::collection::vec(value(), 0..8), 0..24), fields in prop::option::of(prop::collection::vec(prop::sample::select(tongliao_explorer::core::import::columns::Field::ALL.to_vec()), 0..8))) {
            let wb = Workbook { format: Format::Text { encoding: Encoding::Utf8, tab: false }, sheets: vec![Sheet { name: "s".into(), rows }] };
            let choices = Choices { fields, ..Choices::default() };
            if let Ok((review, ds)) = analyse_workbook(&wb, "f.csv", "r", &choices) {
                // Whatever the importer builds validates: with a name column and a project
                // row, a dataset comes out (a validation error would block it).
                let named = review.columns.iter().any(|c| c.field == tongliao_explorer::core::import::columns::Field::Name);
                if named && review.counts.projects > 0 {
                    prop_assert!(ds.is_some(), "{:#?}", review.problems);
                }
            }
        }
    }
}

#[test]
fn gbt_choice_on_the_fixture() {
    let (review, ds) = analyse(&fixture("city-2023.xlsx"), "x.xlsx", &Choices { gbt: true, ..Choices::default() }).unwrap();
    assert!(review.can_confirm(), "{:#?}", review.problems);
    let codes: Vec<String> = ds.unwrap().sectors.iter().map(|s| s.code.clone()).collect();
    assert_eq!(codes, ["D", "C", "Q"]);
}

/// English headers, the unit in the header, several places, and a year range.
#[test]
fn an_english_list() {
    let csv = "Key projects 2024\nNo.,Project,Location,Stage,Years,Total investment (CNY m),Owner\n1,Wind farm,Hongshan; Songshan,New,2024-2026,\"1,250.5\",Acme\n2,Hospital,Hongshan,Continuing,2023-2025,300,City\n";
    let (review, ds) = analyse(csv.as_bytes(), "en.csv", &Choices::default()).unwrap();
    assert!(review.unambiguous, "{:?}", review.problems);
    assert_eq!((review.header_row, review.unit.as_str()), (2, "百万元"));
    let ds = ds.unwrap();
    assert_eq!(ds.source.year, 0, "no 年 in an English title: the year is not guessed");
    assert_eq!(ds.projects[0].figures[0].value, 1_250_500_000.0);
    assert_eq!(ds.projects[0].places.len(), 1);
    assert_eq!(ds.districts.iter().map(|d| d.name.zh.as_str()).collect::<Vec<_>>(), ["Hongshan", "Songshan"]);
    assert_eq!(ds.projects[1].milestones.iter().map(|m| m.date.as_str()).collect::<Vec<_>>(), ["2023", "2025"]);
}

/// 光伏治沙项目 names 东区、西区: a filter on either finds it, each district counts it, and
/// the list's total counts it once.
#[test]
fn a_project_in_two_places_counts_in_each_and_once_in_totals() {
    use tongliao_explorer::core::filter::{apply, facet_counts, Facet, Filter};
    let (_, ds) = analyse(&fixture("city-2023.xlsx"), "x.xlsx", &Choices::default()).unwrap();
    let cat = Catalog::new(ds.unwrap()).unwrap();
    let solar = cat.project_index(&cat.ds.projects.iter().find(|p| p.name.zh == "光伏治沙项目").unwrap().id).unwrap();
    for d in ["dong-qu", "xi-qu"] {
        let f = Filter { districts: [d.to_string()].into(), ..Filter::default() };
        assert!(apply(&cat, &f).contains(&solar), "{d}");
    }
    let counts: std::collections::HashMap<String, usize> = facet_counts(&cat, &Filter::default(), Facet::District).into_iter().collect();
    assert_eq!((counts["dong-qu"], counts["xi-qu"], counts["shi-li-qi"]), (3, 3, 2), "8 district entries for 7 projects");
    assert_eq!(apply(&cat, &Filter::default()).len(), 7);
    let both = Filter { districts: ["dong-qu".to_string(), "xi-qu".to_string()].into(), ..Filter::default() };
    assert_eq!(apply(&cat, &both).len(), 5, "once, though it matches through both");
}
