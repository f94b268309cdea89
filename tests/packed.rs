//! The packed dataset format (`core::packed`, `core::packed_index`): every list we have
//! reads back identical, with its index; damaged or foreign bytes are errors, never panics.

use proptest::prelude::*;
use tongliao_explorer::core::dataset::{embedded, Catalog, Index};
use tongliao_explorer::core::import::long_format::{load_csv, template_csv};
use tongliao_explorer::core::import::{analyse, Choices};
use tongliao_explorer::core::model::{Dataset, Project};
use tongliao_explorer::core::packed::{pack, put_slice, unpack, PackError, Reader, Writer};
use tongliao_explorer::core::model::Lang;
use tongliao_explorer::core::packed_index::{pack_index, pack_order, unpack_index, unpack_order, CHUNK};
use tongliao_explorer::core::sort::{order_key, sort_rows, table_order, Column, Sort};

fn lists() -> Vec<(String, Dataset)> {
    let mut out = vec![("embedded".to_string(), embedded().expect("embedded list loads").ds)];
    for name in ["synthetic-city-2023.json", "synthetic-city-2024.json"] {
        let text = std::fs::read_to_string(format!("data/lists/{name}")).expect("published lists are in the repository");
        out.push((name.into(), serde_json::from_str(&text).expect("a published list is a dataset")));
    }
    // Imported lists carry what the embedded one lacks: cells, sections, totals, stages, columns.
    for name in ["city-2023.xlsx", "city-2023-gbk.csv", "city-2023.ods"] {
        let bytes = std::fs::read(format!("tests/fixtures/import/{name}")).expect("import fixtures are in the repository");
        let (_, ds) = analyse(&bytes, name, &Choices::default()).expect("the fixture imports");
        out.push((name.into(), ds.expect("the fixture needs no choice")));
    }
    out.push(("template".into(), load_csv(template_csv().as_bytes()).expect("the template loads")));
    out
}

#[test]
fn every_list_reads_back_identical() {
    for (name, ds) in lists() {
        let bytes = pack(&ds);
        assert_eq!(unpack::<Dataset>(&bytes).as_ref(), Ok(&ds), "{name}");
        let json = serde_json::to_vec(&ds).unwrap();
        // Smaller than the JSON it stands for (that is half its point).
        assert!(bytes.len() < json.len(), "{name}: packed {} ≥ JSON {}", bytes.len(), json.len());
    }
}

/// A published list's `.packed` file is validated like its JSON: a packed list that breaks
/// the schema's rules is refused with the same errors, and damaged bytes say so.
#[test]
fn a_packed_list_loads_validated() {
    use tongliao_explorer::core::import::long_format::{load_packed, UserDataError};
    let (_, ds) = lists().into_iter().find(|(n, _)| n == "synthetic-city-2024.json").unwrap();
    assert_eq!(load_packed(&pack(&ds)).unwrap(), Catalog::new(ds.clone()).unwrap());
    let mut broken = ds.clone();
    broken.projects[0].figures[0].value = -1.0;
    assert!(matches!(load_packed(&pack(&broken)), Err(UserDataError::Invalid(_))));
    let bytes = pack(&ds);
    assert!(matches!(load_packed(&bytes[..bytes.len() / 2]), Err(UserDataError::Packed(_))));
    assert!(matches!(load_packed(b"TLXP\x01\x00\x07broken"), Err(UserDataError::Packed(_))));
}

#[test]
fn an_imported_list_has_what_the_embedded_lacks() {
    let (_, ds) = lists().into_iter().find(|(n, _)| n == "city-2023.xlsx").unwrap();
    assert!(!ds.totals.is_empty() && !ds.sections.is_empty() && !ds.columns.is_empty(), "the fixture exercises every part");
    assert!(ds.projects.iter().any(|p| !p.cells.is_empty()));
}

/// The worker sends the head (the dataset without projects) and the projects in chunks.
#[test]
fn head_and_chunks_make_the_dataset() {
    for (name, ds) in lists() {
        let mut head = ds.clone();
        let projects = std::mem::take(&mut head.projects);
        let mut back: Dataset = unpack(&pack(&head)).unwrap();
        for chunk in projects.chunks(3) {
            let mut w = Writer::new();
            put_slice(chunk, &mut w);
            back.projects.extend(unpack::<Vec<Project>>(&w.buf).unwrap());
        }
        assert_eq!(back, ds, "{name}");
    }
}

#[test]
fn an_adopted_index_is_the_index() {
    for (name, ds) in lists() {
        let built = Catalog::new(ds.clone()).unwrap();
        for chunk in [1, 2, 7, CHUNK] {
            let packed = pack_index(&built, chunk);
            let index = unpack_index(&packed, &ds, chunk).unwrap_or_else(|e| panic!("{name}, chunks of {chunk}: {e}"));
            assert_eq!(index, Index::of(&ds), "{name}");
            assert_eq!(Catalog::with_index(ds.clone(), index), built, "{name}");
        }
    }
}

/// The worker's table order is the page's own, adopted only for its sort and language.
#[test]
fn a_presorted_order_is_the_sorted_order_and_only_for_its_key() {
    let (_, ds) = lists().into_iter().find(|(n, _)| n == "city-2023.xlsx").unwrap();
    let mut cat = Catalog::new(ds).unwrap();
    let n = cat.ds.projects.len();
    let sort = Sort { column: Column::Name, descending: false };
    let mut rows: Vec<usize> = (0..n).collect();
    sort_rows(&cat, &mut rows, sort, Lang::En);
    let bytes = pack_order(&tongliao_explorer::core::dataset::Presorted { key: order_key(sort, Lang::En), rows: rows.clone().into() });
    cat.presorted = Some(unpack_order(&bytes, n).unwrap());
    assert_eq!(*table_order(&cat, sort, Lang::En), rows);
    // Another language or sort is sorted on the spot, not read from the wrong order.
    let mut zh: Vec<usize> = (0..n).collect();
    sort_rows(&cat, &mut zh, sort, Lang::Zh);
    assert_eq!(*table_order(&cat, sort, Lang::Zh), zh);
    assert_ne!(zh, rows, "the fixture's names sort differently in zh and en");
    // Not an order of these projects: refused.
    assert!(unpack_order(&bytes, n + 1).is_err());
    let mut twice = rows.clone();
    twice[0] = twice[1];
    let bad = pack_order(&tongliao_explorer::core::dataset::Presorted { key: order_key(sort, Lang::En), rows: twice.into() });
    assert!(unpack_order(&bad, n).is_err());
}

#[test]
fn a_cut_dataset_is_an_error_at_every_length() {
    let (_, ds) = lists().into_iter().find(|(n, _)| n == "city-2023.xlsx").unwrap();
    let bytes = pack(&ds);
    for cut in 0..bytes.len() {
        assert!(unpack::<Dataset>(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    assert!(matches!(unpack::<Dataset>(br#"{"release":"x"}"#), Err(PackError::NotPacked)));
    assert!(Reader::new(&bytes).is_ok());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    /// Any byte changed, anywhere: an error or some dataset, never a panic.
    #[test]
    fn damaged_bytes_never_panic(at in any::<prop::sample::Index>(), byte in any::<u8>(), len in any::<prop::sample::Index>()) {
        let ds = embedded().unwrap().ds;
        let mut bytes = pack(&ds);
        let i = at.index(bytes.len());
        bytes[i] = byte;
        let _ = unpack::<Dataset>(&bytes);
        let cut = len.index(bytes.len());
        let _ = unpack::<Dataset>(&bytes[..cut]);
        let mut index = pack_index(&Catalog::new(ds.clone()).unwrap(), 4);
        let j = at.index(index.head.len());
        index.head[j] = byte;
        let _ = unpack_index(&index, &ds, 4);
        let k = at.index(index.chunks.len());
        let j = at.index(index.chunks[k].len());
        index.chunks[k][j] = byte;
        let _ = unpack_index(&index, &ds, 4);
    }
}
