//! Loading a user's own list (JSON or long-format CSV): round trips, precise errors that
//! name row and column, encodings, size limit, and no panic on any bytes.

use std::collections::BTreeSet;

use proptest::prelude::*;
use tongliao_explorer::core::dataset::{embedded, Catalog};
use tongliao_explorer::core::model::{Dataset, Lang, MilestoneEvent};
use tongliao_explorer::core::import::long_format::{
    dataset_to_csv, decode, load, parse_csv, template_csv, JsonError, JsonFault, RowError, RowProblem, UserDataError, COLUMNS, MAX_BYTES,
    OPTIONAL_COLUMNS,
};

fn dataset() -> Dataset {
    embedded().expect("embedded dataset loads").ds
}

fn loaded(bytes: &[u8]) -> Catalog {
    load(bytes).unwrap_or_else(|e| panic!("does not load:\n{e}"))
}

fn row_errors(bytes: &[u8]) -> Vec<RowError> {
    match load(bytes) {
        Err(UserDataError::Rows(errs)) => errs,
        other => panic!("expected row errors, got {other:?}"),
    }
}

// ------------------------------------------------------------ a small hand-made file

/// A valid row of a made-up region, in `COLUMNS` order; `changes` override cells.
fn row(changes: &[(&str, &str)]) -> Vec<String> {
    let base = [
        ("project_id", "hongshan-wind-farm"),
        ("kind", "highlight"),
        ("name_zh", "红山风电场"),
        ("name_en", "Hongshan wind farm"),
        ("district_id", "hongshan"),
        ("district_zh", "红山区"),
        ("district_en", "Hongshan District"),
        ("sector_code", "D"),
        ("themes", "wind;new-energy"),
        ("stage", "planned"),
        ("company_zh", ""),
        ("company_en", ""),
        ("summary_zh", "一座风电场。"),
        ("summary_en", "A wind farm."),
        ("project_line", "3"),
        ("metric", "investment"),
        ("part", ""),
        ("item_zh", ""),
        ("item_en", ""),
        ("period", "once"),
        ("value", "1000000000"),
        ("unit", "yuan"),
        ("printed", "10亿元"),
        ("qualifier", ""),
        ("line", "4"),
    ];
    assert_eq!(base.map(|(k, _)| k), COLUMNS);
    base.iter().map(|(k, v)| changes.iter().find(|(c, _)| c == k).map_or(*v, |(_, x)| x).to_string()).collect()
}

fn file_with(header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
    w.write_record(header).unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    w.into_inner().unwrap()
}

fn file(rows: &[Vec<String>]) -> Vec<u8> {
    file_with(&COLUMNS, rows)
}

fn jobs_row() -> Vec<String> {
    row(&[
        ("metric", "jobs"),
        ("value", "300"),
        ("unit", "person"),
        ("printed", "300余人"),
        ("qualifier", "odd-more"),
        ("line", "5"),
    ])
}

#[test]
fn a_small_file_loads() {
    let c = loaded(&file(&[
        row(&[]),
        jobs_row(),
        row(&[
            ("project_id", "kailu-school"),
            ("sector_code", "p"),
            ("metric", ""),
            ("period", ""),
            ("value", ""),
            ("unit", ""),
            ("printed", ""),
            ("line", ""),
            ("district_id", ""),
            ("district_zh", ""),
            ("district_en", ""),
            ("stage", ""),
            ("themes", ""),
        ]),
    ]));
    let ds = &c.ds;
    assert_eq!(ds.release, "uploaded");
    assert_eq!(ds.region.en, "uploaded file");
    assert_eq!(ds.projects.len(), 2);
    let p = &ds.projects[0];
    assert_eq!(p.figures.len(), 2);
    assert_eq!(p.figures[1].value, 300.0);
    assert_eq!(p.stage.as_ref().map(|s| s.src.line), Some(3), "stage line defaults to the project line");
    assert_eq!(ds.projects[1].figures.len(), 0, "a project with no figures is one row");
    assert_eq!(ds.projects[1].district, None);
    assert_eq!(ds.districts.len(), 1);
    assert_eq!(ds.districts[0].tile, [0, 0]);
    let sectors: Vec<&str> = ds.sectors.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(sectors, ["energy", "education"], "only the sections used, in A–T order");
    assert_eq!(ds.sectors[1].name.zh, "教育");
    let themes: Vec<&str> = ds.themes.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(themes, ["wind", "new-energy"]);
    assert_eq!(ds.themes[0].name.en, "wind");
    assert_eq!(c.rows[0].investment.map(|a| a.value), Some(1e9));
}

#[test]
fn districts_are_laid_out_four_to_a_row() {
    let rows: Vec<Vec<String>> = (0..6)
        .map(|i| {
            let id = format!("d{i}");
            let name = format!("D{i}");
            row(&[
                ("project_id", &format!("p{i}")),
                ("district_id", &id),
                ("district_zh", &name),
                ("district_en", &name),
            ])
        })
        .collect();
    let c = loaded(&file(&rows));
    let tiles: Vec<[u8; 2]> = c.ds.districts.iter().map(|d| d.tile).collect();
    assert_eq!(tiles, [[0, 0], [1, 0], [2, 0], [3, 0], [0, 1], [1, 1]]);
}

#[test]
fn metadata_rows_set_the_dataset_fields() {
    let mut text = b"# region_zh: \xe8\xb5\xa4\xe5\xb3\xb0\xe5\xb8\x82\n# region_en: Chifeng\n# release: 2027.01.05\n# source_year: 2023\n# any other remark: kept out\n".to_vec();
    text.extend(file(&[row(&[])]));
    let ds = loaded(&text).ds;
    assert_eq!((ds.region.zh.as_str(), ds.region.en.as_str()), ("赤峰市", "Chifeng"));
    assert_eq!(ds.release, "2027.01.05");
    assert_eq!(ds.source.year, 2023);
    assert_eq!(ds.source.title.en, "Chifeng", "title defaults to the region");
}

/// The source page's digest is optional: read from `# source_sha256:`, written back only
/// when known, and refused when it is not a SHA-256 digest.
#[test]
fn source_sha256_is_read_written_and_checked() {
    let hex = "468d39d5d969742ac0422004cd7a728f7c11396361ae8c13ee3009cb072339d5";
    let mut text = format!("# source_sha256: {hex}\n").into_bytes();
    text.extend(file(&[row(&[])]));
    let ds = loaded(&text).ds;
    assert_eq!(ds.source.sha256.as_deref(), Some(hex));
    assert!(dataset_to_csv(&ds).contains(&format!("# source_sha256: {hex}\n")));
    assert_eq!(loaded(&dataset_to_csv(&ds).into_bytes()).ds.source.sha256.as_deref(), Some(hex));

    let unhashed = loaded(&file(&[row(&[])])).ds;
    assert_eq!(unhashed.source.sha256, None);
    assert!(!dataset_to_csv(&unhashed).contains("source_sha256"), "no empty key is written");

    let mut bad = b"# source_sha256: 468D39\n".to_vec();
    bad.extend(file(&[row(&[])]));
    let msg = load(bad).expect_err("a malformed digest is refused").message(Lang::En);
    assert!(msg.contains("source.sha256") && msg.contains("SHA-256"), "{msg}");
}

/// A row with the optional columns `stage_line`, `part_zh`, `part_en` appended.
fn full(changes: &[(&str, &str)], optional: [&str; 3]) -> Vec<String> {
    let mut r = row(changes);
    r.extend(optional.iter().map(|s| s.to_string()));
    r
}

const NO_FIGURE: [(&str, &str); 6] =
    [("metric", ""), ("period", ""), ("value", ""), ("unit", ""), ("printed", ""), ("line", "")];

#[test]
fn milestones_and_named_parts() {
    let header: Vec<&str> = COLUMNS.iter().chain(OPTIONAL_COLUMNS.iter()).copied().collect();
    let part_row = full(&[NO_FIGURE.as_slice(), &[("part", "phase-1")]].concat(), ["7", "一期", "Phase 1"]);
    let figure = full(&[("part", "phase-1")], ["7", "", ""]);
    let milestone = full(
        &[
            ("metric", "milestone-production"),
            ("period", ""),
            ("unit", ""),
            ("part", "phase-1"),
            ("value", "2023-12"),
            ("printed", "2023年底"),
            ("line", "9"),
        ],
        ["7", "", ""],
    );
    let p = &loaded(&file_with(&header, &[part_row, figure, milestone])).ds.projects[0];
    assert_eq!(p.parts.len(), 1);
    assert_eq!((p.parts[0].name.zh.as_str(), p.parts[0].name.en.as_str()), ("一期", "Phase 1"));
    assert_eq!(p.stage.as_ref().map(|s| s.src.line), Some(7));
    assert_eq!(p.milestones.len(), 1);
    assert_eq!(p.milestones[0].event, MilestoneEvent::Production);
    assert_eq!(p.milestones[0].date, "2023-12");
    assert_eq!(p.figures[0].part.as_deref(), Some("phase-1"));

    // A part named differently in two rows, and a milestone with a unit.
    let renamed = full(
        &[("part", "phase-1"), ("metric", "jobs"), ("value", "300"), ("unit", "person"), ("printed", "300人")],
        ["7", "", "First phase"],
    );
    let bad_milestone =
        full(&[("metric", "milestone-start"), ("value", "2022-05"), ("printed", "2022年5月")], ["7", "", ""]);
    let part_row = full(&[NO_FIGURE.as_slice(), &[("part", "phase-1")]].concat(), ["7", "一期", "Phase 1"]);
    let errs = row_errors(&file_with(&header, &[part_row, renamed, bad_milestone]));
    let m: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        m,
        [
            "row 3, part_en: project hongshan-wind-farm, part phase-1 has \"First phase\" here but \"Phase 1\" in row 2",
            "row 4, period: must be empty on a milestone row",
            "row 4, unit: must be empty on a milestone row",
        ]
    );
}

// ------------------------------------------------------------ round trips

#[test]
fn embedded_dataset_round_trips_through_csv() {
    let ds = dataset();
    let text = dataset_to_csv(&ds);
    assert!(text.starts_with('\u{feff}'));
    let back = loaded(text.as_bytes()).ds;
    assert_eq!(back.projects, ds.projects, "same projects, parts, milestones and figures");
    let figures = |d: &Dataset| d.projects.iter().map(|p| p.figures.len()).sum::<usize>();
    assert_eq!(figures(&back), figures(&ds));
    assert_eq!((&back.release, &back.region, &back.source), (&ds.release, &ds.region, &ds.source));
    assert_eq!(back.sectors, ds.sectors, "sector names come from the GB/T 4754 table");
    let names = |d: &Dataset| d.districts.iter().map(|x| (x.id.clone(), x.name.clone())).collect::<Vec<_>>();
    assert_eq!(names(&back), names(&ds));
    let used: BTreeSet<&str> = ds.projects.iter().flat_map(|p| &p.themes).map(|t| &**t).collect();
    assert_eq!(back.themes.iter().map(|t| t.id.as_str()).collect::<BTreeSet<_>>(), used);
    assert!(back.programme.is_empty(), "programme figures have no CSV form");
    // And the CSV of what was loaded is the same text again.
    assert_eq!(dataset_to_csv(&back), text);
}

#[test]
fn embedded_dataset_round_trips_through_json() {
    let ds = dataset();
    let back = loaded(serde_json::to_string_pretty(&ds).unwrap().as_bytes()).ds;
    assert_eq!(back, ds);
    // With a BOM too.
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(serde_json::to_vec(&ds).unwrap());
    assert_eq!(loaded(&bytes).ds, ds);
}

#[test]
fn template_is_three_embedded_rows_that_load() {
    let t = template_csv();
    assert!(t.starts_with('\u{feff}'));
    let lines: Vec<&str> = t.lines().collect();
    let header = lines.iter().position(|l| l.starts_with("project_id,")).expect("header");
    assert!(lines[..header].iter().all(|l| l.trim_start_matches('\u{feff}').trim_start_matches('"').starts_with('#')));
    assert_eq!(lines.len() - header - 1, 3, "three example rows");
    let ds = loaded(t.as_bytes()).ds;
    assert_eq!(ds.projects.len(), 1);
    let original = dataset().projects.into_iter().find(|p| p.id == ds.projects[0].id).expect("an embedded project");
    let p = &ds.projects[0];
    assert_eq!(p.figures.len(), 2);
    assert!(p.figures.iter().all(|f| original.figures.contains(f)), "rows taken from the embedded data");
    assert_eq!(p.parts.len(), 1);
    assert!(original.parts.contains(&p.parts[0]));
}

// ------------------------------------------------------------ bad files

#[test]
fn wrong_columns_are_listed() {
    let header: Vec<&str> = COLUMNS
        .iter()
        .map(|c| if *c == "sector_code" { "sector" } else { c })
        .filter(|c| *c != "printed")
        .chain(["name_zh"])
        .collect();
    let err = load(file_with(&header, &[])).unwrap_err();
    match &err {
        UserDataError::Columns { row, missing, unknown, repeated } => {
            assert_eq!(*row, 1);
            assert_eq!(missing, &["sector_code", "printed"]);
            assert_eq!(unknown, &["sector"]);
            assert_eq!(repeated, &["name_zh"]);
        }
        other => panic!("{other:?}"),
    }
    let m = err.to_string();
    assert!(
        m.contains("row 1 (the header)") && m.contains("missing sector_code, printed") && m.contains("unknown sector"),
        "{m}"
    );
}

#[test]
fn a_bad_number_names_its_row_and_column() {
    let bad = row(&[("value", "10亿")]);
    let errs = row_errors(&file(&[row(&[]), jobs_row(), bad]));
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!((errs[0].row, errs[0].field.as_str()), (4, "value"), "header is row 1, so the third data row is row 4");
    assert!(matches!(&errs[0].problem, RowProblem::BadNumber { value, .. } if value == "10亿"));
    assert!(errs[0].to_string().starts_with("row 4, value: \"10亿\" is not a number"), "{}", errs[0]);

    // Metadata rows above the header are rows too, as in a spreadsheet.
    let mut text = b"# region_en: Chifeng\n# release: 1\n".to_vec();
    text.extend(file(&[row(&[]), row(&[("line", "four")])]));
    let errs = row_errors(&text);
    assert_eq!((errs[0].row, errs[0].field.as_str()), (5, "line"));
}

#[test]
fn unknown_codes_and_values_list_what_is_allowed() {
    let errs = row_errors(&file(&[row(&[("sector_code", "Z")])]));
    let m = errs[0].to_string();
    assert!(m.starts_with("row 2, sector_code: \"Z\" is not one of: A (agriculture), B (mining)"), "{m}");
    assert!(m.contains("T (international)"), "{m}");

    let errs = row_errors(&file(&[row(&[("kind", "big"), ("unit", "dollar"), ("metric", "investmnt")])]));
    let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["kind", "metric"], "a row with an unknown metric is not read further");
    assert!(errs[0].to_string().ends_with("is not one of: highlight, mentioned, listed"));
    assert!(errs[1].to_string().contains("investment, jobs, output-value"));
    assert!(errs[1].to_string().contains("milestone-completion"));

    let errs = row_errors(&file(&[row(&[("unit", "dollar"), ("qualifier", "maybe")])]));
    assert_eq!(errs.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["unit", "qualifier"]);
    assert!(errs[1].to_string().contains("at-least, nearly, about, over, odd-more"));
}

#[test]
fn rows_of_one_project_must_agree() {
    let errs = row_errors(&file(&[row(&[]), row(&[("name_en", "Hongshan wind park"), ("themes", "new-energy;wind")])]));
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert_eq!((errs[0].row, errs[0].field.as_str()), (3, "name_en"));
    assert_eq!(
        errs[0].to_string(),
        "row 3, name_en: project hongshan-wind-farm has \"Hongshan wind park\" here but \"Hongshan wind farm\" in row 2"
    );
    assert_eq!(errs[1].field, "themes");
    // Same themes written with other spacing are the same.
    let mut jobs = jobs_row();
    jobs[8] = " wind ; new-energy ".into();
    assert!(load(file(&[row(&[]), jobs])).is_ok());

    let errs = row_errors(&file(&[row(&[]), row(&[("project_id", "other"), ("district_en", "Red Hill")])]));
    assert_eq!(
        errs[0].to_string(),
        "row 3, district_en: district hongshan has \"Red Hill\" here but \"Hongshan District\" in row 2"
    );
}

#[test]
fn half_filled_pairs_and_missing_values() {
    let errs = row_errors(&file(&[row(&[("company_zh", "某公司"), ("name_en", ""), ("printed", "")])]));
    let m: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        m,
        [
            "row 2, name_en: is empty but name_zh is filled in",
            "row 2, company_en: is empty but company_zh is filled in",
            "row 2, printed: is empty"
        ]
    );
    let errs =
        row_errors(&file(&[row(&[("metric", ""), ("period", ""), ("unit", ""), ("printed", ""), ("line", "")])]));
    assert_eq!(errs[0].to_string(), "row 2, metric: is empty but value is filled in");
    let errs = row_errors(&file(&[row(&[("project_id", "Bad Id")])]));
    assert!(errs[0].to_string().starts_with("row 2, project_id: \"Bad Id\" is not an id"));
}

#[test]
fn validation_errors_point_at_the_row() {
    // 10亿元 is 1,000,000,000 yuan, not 1,000,000,001.
    let err = load(file(&[jobs_row(), row(&[("value", "1000000001")])])).unwrap_err();
    let UserDataError::Invalid(errs) = &err else { panic!("{err:?}") };
    assert_eq!(errs[0].row, Some(3));
    assert_eq!(errs[0].error.field, "figures[1].value");
    assert!(
        err.to_string().contains(
            "row 3: project hongshan-wind-farm: figures[1].value: 1000000001 does not match the printed \"10亿元\""
        ),
        "{err}"
    );
    let err = load(file(&[row(&[("unit", "kw")])])).unwrap_err();
    assert!(err.to_string().contains("row 2: project hongshan-wind-farm: figures[0].unit"), "{err}");
}

#[test]
fn structural_problems() {
    let mut long = row(&[]);
    long.push("surplus".into());
    let errs = row_errors(&file(&[long]));
    assert_eq!(errs[0].to_string(), "row 2: has 26 cells but the header has 25");
    // Empty padding cells, as spreadsheets write them, are fine.
    let mut padded = row(&[]);
    padded.extend(["".to_string(), "".to_string()]);
    assert!(load(file(&[padded])).is_ok());
    // Short rows read as empty cells, then fail on what is required.
    let short = file_with(&COLUMNS, &[vec!["hongshan-wind-farm".into(), "highlight".into()]]);
    assert!(row_errors(&short).iter().any(|e| e.field == "name_zh"));
    assert_eq!(load(file(&[])).unwrap_err(), UserDataError::NoProjects);
    assert_eq!(load(b"# release: 1\n# only comments\n").unwrap_err(), UserDataError::NoHeader);
}

#[test]
fn too_many_problems_stop_reading() {
    let rows: Vec<Vec<String>> = (0..500).map(|_| row(&[("kind", "x"), ("value", "y")])).collect();
    let errs = row_errors(&file(&rows));
    assert_eq!(errs.len(), 100);
}

#[test]
fn broken_json_names_line_and_column() {
    let err = load(b"{\"release\": \"1\",\n \"region\": 5}").unwrap_err();
    let UserDataError::Json(e) = &err else { panic!("{err:?}") };
    assert_eq!((e.line, e.column, e.fault), (2, 12, JsonFault::Schema), "{e:?}");
    assert_eq!(err.message(Lang::Zh), "不是数据集 JSON 文件：第 2 行第 12 列与数据集格式不符：invalid type: integer `5`, expected struct I18n");
    assert_eq!(err.to_string(), "not a dataset JSON file: invalid type: integer `5`, expected struct I18n at line 2, column 12");
    let err = load(b"{\"release\": \"1\",\n \"region\": {").unwrap_err();
    assert_eq!(err.message(Lang::Zh), "不是数据集 JSON 文件：文件在第 2 行第 12 列提前结束");
    let err = load(b"{\"release\": \"1\",\n \"region\" 5}").unwrap_err();
    assert_eq!(err.message(Lang::Zh), "不是数据集 JSON 文件：第 2 行第 11 列不是有效的 JSON");
    let mut ds = dataset();
    ds.projects[0].sector = "retail".into();
    let err = load(serde_json::to_vec(&ds).unwrap()).unwrap_err();
    let UserDataError::Invalid(errs) = &err else { panic!("{err:?}") };
    assert_eq!(errs[0].row, None);
    assert!(err.to_string().contains("project horqin-longma-wind-equipment-park: sector: unknown sector \"retail\""));
}

// ------------------------------------------------------------ encodings and size

fn utf16le(text: &str, bom: bool) -> Vec<u8> {
    let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
    out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    out
}

#[test]
fn utf16_is_refused_with_advice() {
    let with_bom = template_csv();
    let t = with_bom.trim_start_matches('\u{feff}');
    for bom in [true, false] {
        let err = load(utf16le(t, bom)).unwrap_err();
        assert_eq!(err, UserDataError::Utf16 { bom });
        assert!(err.to_string().contains("save it as UTF-8"));
    }
    let mut be = vec![0xFE, 0xFF];
    be.extend(t.encode_utf16().flat_map(u16::to_be_bytes));
    assert!(matches!(load(be.as_slice()), Err(UserDataError::Utf16 { bom: true })));
}

/// The import worker reads our CSV in the encodings Excel saves: UTF-16 (with a BOM) and
/// GBK load as UTF-8 does; the page, which reads JSON only, keeps its advice above.
#[test]
fn the_worker_reads_our_csv_in_utf16_and_gbk() {
    use tongliao_explorer::core::import::long_format::load_csv;
    let with_bom = template_csv();
    let t = with_bom.trim_start_matches('\u{feff}');
    let utf8 = load_csv(t.as_bytes()).unwrap();
    assert_eq!(load_csv(&utf16le(t, true)).unwrap(), utf8);
    let gbk = encoding_rs::GBK.encode(t).0.into_owned();
    assert_ne!(gbk.as_slice(), t.as_bytes(), "the template has Chinese text");
    assert_eq!(load_csv(&gbk).unwrap(), utf8);
}

#[test]
fn gbk_is_recognised_with_its_offset() {
    // "通辽市" and "项目名称" in GBK, after an ASCII header.
    let mut bytes = COLUMNS.join(",").into_bytes();
    bytes.push(b'\n');
    // CD A8 happens to be valid UTF-8 too; the first byte that is not is C1.
    let offset = bytes.len() + 4;
    bytes.extend(b"p,");
    bytes.extend([0xCD, 0xA8, 0xC1, 0xC9, 0xCA, 0xD0, b',', 0xCF, 0xEE, 0xC4, 0xBF, 0xC3, 0xFB, 0xB3, 0xC6, b'\n']);
    let err = load(bytes.as_slice()).unwrap_err();
    assert_eq!(err, UserDataError::Gbk { offset });
    let m = err.to_string();
    assert!(m.contains(&format!("byte offset {offset}")) && m.contains("GBK") && m.contains("save it as UTF-8"), "{m}");
}

#[test]
fn other_non_utf8_names_the_byte() {
    assert_eq!(load(b"caf\xe9,x\n").unwrap_err(), UserDataError::NotUtf8 { offset: 3 });
    // The offset counts from the file's start, BOM included.
    assert_eq!(load(b"\xef\xbb\xbfab\xff").unwrap_err(), UserDataError::NotUtf8 { offset: 5 });
    assert_eq!(load(b"PK\x03\x04rest of a workbook").unwrap_err(), UserDataError::Spreadsheet);
}

#[test]
fn empty_files() {
    for bytes in [&b""[..], b"\xef\xbb\xbf", b" \n\r\n\t"] {
        assert_eq!(load(bytes).unwrap_err(), UserDataError::Empty, "{bytes:?}");
    }
}

#[test]
fn oversized_files_are_refused_before_parsing() {
    // 50 MB of bytes that are not even UTF-8: only the size check can have answered.
    let junk = vec![0xFFu8; 50 * 1024 * 1024];
    let started = std::time::Instant::now();
    let err = load(junk.as_slice()).unwrap_err();
    assert_eq!(err, UserDataError::TooLarge { bytes: junk.len(), limit: MAX_BYTES });
    assert!(started.elapsed().as_millis() < 50, "answered without reading the bytes");
    assert!(err.to_string().contains("50.0 MB") && err.to_string().contains("20 MB"), "{err}");
    assert!(decode(&vec![b' '; MAX_BYTES + 1]).is_err());
}

#[test]
fn hostile_text_survives_as_data() {
    let script = "<script>alert(1)</script>";
    let c = loaded(&file(&[row(&[("name_en", script), ("summary_zh", "\"引号\", 逗号\n换行 & <b>")])]));
    assert_eq!(c.ds.projects[0].name.en, script);
    assert_eq!(c.ds.projects[0].summary.zh, "\"引号\", 逗号\n换行 & <b>");
    let back = parse_csv(&dataset_to_csv(&c.ds)).unwrap();
    assert_eq!(back.projects, c.ds.projects);
}

#[test]
fn every_error_explains_itself() {
    assert!(matches!(load(file(&[row(&[("metric", "coal-saved")])])), Err(UserDataError::Invalid(_))));
    let errs = [
        load(b"").unwrap_err(),
        load(b"a,b\n1,2").unwrap_err(),
        load(file(&[row(&[("period", "weekly")])])).unwrap_err(),
    ];
    for e in errs {
        assert!(!e.to_string().is_empty());
    }
    assert_eq!(
        row_errors(&file(&[row(&[("metric", "jobs"), ("unit", "person"), ("printed", "近万人"), ("value", "-1")])]))[0]
            .field,
        "value"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..3000)) {
        if let Err(e) = load(bytes.as_slice()) {
            prop_assert!(!e.to_string().is_empty());
        }
    }

    #[test]
    fn damaged_templates_never_panic(at in 0usize..4000, cut in 0usize..200, insert in "[,\"#\n\r;a-z0-9 通辽\u{feff}-]{0,40}") {
        let t = template_csv();
        let bytes = t.as_bytes();
        let at = at.min(bytes.len());
        let end = (at + cut).min(bytes.len());
        let mut damaged = bytes[..at].to_vec();
        damaged.extend(insert.as_bytes());
        damaged.extend(&bytes[end..]);
        let _ = load(damaged.as_slice()).map_err(|e| e.to_string());
    }

    #[test]
    fn csv_like_text_never_panics(text in "(#|project_id|,|\"|\n|[a-z]{1,8}|[0-9]{1,12}|亿元|;|-)*") {
        let mut bytes = COLUMNS.join(",").into_bytes();
        bytes.push(b'\n');
        bytes.extend(text.as_bytes());
        let _ = load(bytes.as_slice()).map_err(|e| e.to_string());
    }
}

#[test]
fn a_loaded_list_works_with_the_rest_of_the_core() {
    use tongliao_explorer::core::{
        audit::audit,
        cite::cite_text,
        export::to_csv,
        filter::{apply, facet_counts, Facet},
        model::Lang,
        query::parse,
        sort::sort_rows,
    };
    let mut text = b"# region_en: Hongshan\n# region_zh: \xe7\xba\xa2\xe5\xb1\xb1\n".to_vec();
    text.extend(file(&[
        row(&[]),
        jobs_row(),
        row(&[
            ("project_id", "p2"),
            ("district_id", ""),
            ("district_zh", ""),
            ("district_en", ""),
            ("metric", ""),
            ("period", ""),
            ("value", ""),
            ("unit", ""),
            ("printed", ""),
            ("line", ""),
        ]),
    ]));
    let c = loaded(&text);
    let (view, _) = parse("sector=energy&sort=-investment");
    let mut rows = apply(&c, &view.filter);
    sort_rows(&c, &mut rows, view.sort, Lang::En);
    assert_eq!(rows.len(), 2);
    assert_eq!(
        facet_counts(&c, &view.filter, Facet::District),
        [("hongshan".to_string(), 1), ("unstated".to_string(), 1)]
    );
    assert!(to_csv(&c, &rows, Lang::Zh).contains("hongshan-wind-farm,红山风电场"));
    assert!(cite_text(&c, &view, rows.len(), Lang::En, "2027-01-01", "https://x/").contains("Hongshan"));
    assert!(audit(&c.ds).iter().all(|a| a.project.as_deref() != Some("p2")));
}

#[test]
fn project_key_comparison_is_unambiguous() {
    let header = "project_id,kind,name_zh,name_en,district_id,district_zh,district_en,sector_code,themes,stage,company_zh,company_en,summary_zh,summary_en,project_line,metric,part,item_zh,item_en,period,value,unit,printed,qualifier,line";
    let row = |name_en: &str, printed: &str, value: &str| {
        format!("p1,mentioned,项目,{name_en},d1,区,D1,C,,,,,摘要,summary,1,investment,,,,once,{value},yuan,{printed},,1")
    };
    // Cells that look like the key's own length prefixes must not confuse the comparison.
    let same = format!("{header}\n{}\n{}\n", row("3:abc", "1亿元", "100000000"), row("3:abc", "2亿元", "200000000"));
    assert!(tongliao_explorer::core::import::long_format::load(same.as_bytes()).is_ok());
    let differ = format!("{header}\n{}\n{}\n", row("3:abc", "1亿元", "100000000"), row("3:abd", "2亿元", "200000000"));
    let err = tongliao_explorer::core::import::long_format::load(differ.as_bytes()).unwrap_err().to_string();
    assert!(err.contains("row 3, name_en") && err.contains("3:abc") && err.contains("3:abd"), "{err}");
    // The first row's key is made when the second row comes; the third is compared with it.
    let third = format!(
        "{header}\n{}\n{}\n{}\n",
        row("3:abc", "1亿元", "100000000"),
        row("3:abc", "2亿元", "200000000"),
        row("3:abd", "3亿元", "300000000")
    );
    let err = tongliao_explorer::core::import::long_format::load(third.as_bytes()).unwrap_err().to_string();
    assert!(err.contains("row 4, name_en") && !err.contains("row 3,"), "{err}");
}

/// Chinese readers get the messages in Chinese, with the same row, column and value;
/// no message in either language leaves a placeholder unfilled, even when a cell of the
/// file itself reads like one.
#[test]
fn messages_in_both_languages() {
    use tongliao_explorer::core::model::Lang;
    use tongliao_explorer::core::import::long_format::Located;
    use tongliao_explorer::core::model::{Metric, Qualifier, Unit};
    use tongliao_explorer::core::printed::Unreadable;
    use tongliao_explorer::core::validate::{Fault, Record, Ref, ValidationError};

    let bad = row(&[("value", "10亿")]);
    let errs = row_errors(&file(&[row(&[]), jobs_row(), bad]));
    assert_eq!(errs[0].message(Lang::Zh), "第 4 行，value：\"10亿\" 不是以基本单位表示的非负数");
    assert_eq!(errs[0].message(Lang::En), errs[0].to_string());

    let hostile = row(&[("kind", "{row}{value}")]);
    let hostile_errs = row_errors(&file(&[hostile]));
    let text = UserDataError::Rows(hostile_errs).message(Lang::Zh);
    assert!(text.contains("\"{row}{value}\" 不是以下值之一"), "{text}");

    let faults = [
        Fault::Empty,
        Fault::NotSlug,
        Fault::UsedTwice,
        Fault::Unknown(Ref::District, "d9".into()),
        Fault::Unknown(Ref::Sector, "retail".into()),
        Fault::Unknown(Ref::Theme, "t".into()),
        Fault::Unknown(Ref::Part, "p2".into()),
        Fault::NotYearMonth("2023-13".into()),
        Fault::NotNonNegative(-1.0),
        Fault::WrongUnit { unit: Unit::Person, metric: Metric::Investment },
        Fault::NotWhole { value: 2.5, unit: Unit::Yuan },
        Fault::Unreadable { printed: "3333".into(), unit: Unit::Yuan, why: Unreadable::NoUnit },
        Fault::Unreadable { printed: "5吨".into(), unit: Unit::Yuan, why: Unreadable::NotTheUnit("吨".into()) },
        Fault::Unreadable { printed: "元".into(), unit: Unit::Yuan, why: Unreadable::NoNumber },
        Fault::Unreadable { printed: "2×元".into(), unit: Unit::Yuan, why: Unreadable::NoNumberAfterTimes },
        Fault::Unreadable { printed: "近约1亿元".into(), unit: Unit::Yuan, why: Unreadable::TwoQualifiers },
        Fault::Unreadable { printed: "9亿元".into(), unit: Unit::Yuan, why: Unreadable::TooLarge },
        Fault::ValueDiffers { value: 1000000001.0, printed: "10亿元".into(), reads: 1e9 },
        Fault::QualifierDiffers { qualifier: None, printed: "近万人".into(), reads: Some(Qualifier::Nearly) },
        Fault::NotAtLine { printed: "185亿元".into(), line: 12 },
        Fault::TooMany(64),
    ];
    let located = faults
        .into_iter()
        .enumerate()
        .map(|(i, fault)| Located {
            row: (i % 2 == 0).then_some(7),
            error: ValidationError::new(if i % 3 == 0 { Record::Project } else { Record::Programme }, "x", "name.en", fault),
        })
        .collect::<Vec<_>>();
    for l in &located {
        let zh = l.message(Lang::Zh);
        // Chinese readers get no English words but the schema's field and unit names.
        let english = ["is ", "not ", "unknown", "match", "printed", "number", "project", "programme"];
        assert!(!english.iter().any(|w| zh.contains(w)), "{zh}");
        assert!(zh.contains("name.en"), "{zh}");
    }
    let hostile = ValidationError::new(Record::Project, "{id}", "sector", Fault::Unknown(Ref::Sector, "{what}".into()));
    assert_eq!(hostile.message(Lang::Zh), "项目 \"{id}\"，sector：未知的行业 \"{what}\"");
    assert_eq!(hostile.message(Lang::En), "project \"{id}\": sector: unknown sector \"{what}\"");
    let invalid = UserDataError::Invalid(located.clone());
    let all = [
        UserDataError::TooLarge { bytes: 30 * 1_048_576, limit: MAX_BYTES },
        UserDataError::Empty,
        UserDataError::Utf16 { bom: true },
        UserDataError::Gbk { offset: 3 },
        UserDataError::NotUtf8 { offset: 5 },
        UserDataError::Spreadsheet,
        UserDataError::Json(JsonError { line: 1, column: 1, fault: JsonFault::Syntax, detail: "expected value".into() }),
        UserDataError::Json(JsonError { line: 3, column: 9, fault: JsonFault::Truncated, detail: "EOF while parsing".into() }),
        UserDataError::Json(JsonError { line: 2, column: 12, fault: JsonFault::Schema, detail: "missing field `id`".into() }),
        UserDataError::Columns { row: 1, missing: vec!["unit".into()], unknown: vec!["x".into()], repeated: vec!["kind".into()] },
        UserDataError::NoHeader,
        UserDataError::NoProjects,
        invalid,
        UserDataError::Rows(vec![
            RowError { row: 2, field: "kind".into(), problem: RowProblem::Missing },
            RowError { row: 2, field: "name_en".into(), problem: RowProblem::MissingWith("name_zh".into()) },
            RowError { row: 3, field: "unit".into(), problem: RowProblem::NotOnMilestoneRow },
            RowError { row: 3, field: "project_id".into(), problem: RowProblem::NotSlug("A B".into()) },
            RowError {
                row: 5,
                field: "name_en".into(),
                problem: RowProblem::Conflict { record: "project p".into(), first_row: 2, first: "a".into(), here: "b".into() },
            },
            RowError { row: 6, field: String::new(), problem: RowProblem::TooManyFields { found: 30, expected: 25 } },
            RowError { row: 7, field: String::new(), problem: RowProblem::UnreadableCsv("bad quote".into()) },
            RowError { row: 8, field: "district_id".into(), problem: RowProblem::TooManyDistricts },
        ]),
    ];
    let singles = located.into_iter().map(|l| UserDataError::Invalid(vec![l]));
    for e in &all.into_iter().chain(singles).collect::<Vec<_>>() {
        for lang in [Lang::Zh, Lang::En] {
            let m = e.message(lang);
            assert!(!m.is_empty() && !m.contains('{'), "{lang:?}: {m}");
        }
        let (zh, en) = (e.message(Lang::Zh), e.message(Lang::En));
        assert_ne!(zh, en, "{en}");
        // Numbers (rows, offsets, sizes) are the same in both.
        let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
        assert_eq!(digits(&zh), digits(&en), "{zh} / {en}");
    }
}
