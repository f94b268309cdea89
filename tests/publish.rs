//! The publishing command, run as a reader of the README would run it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use tongliao_explorer::core::lists::{parse_manifest, parse_names};

const BIN: &str = env!("CARGO_BIN_EXE_publish");

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("publish-test-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn copy_lists(to: &Path) {
    for entry in fs::read_dir("data/lists").unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
    }
}

/// The committed manifest and names index are what the command writes from the committed lists.
#[test]
fn the_committed_manifest_is_up_to_date() {
    let dir = temp_dir("fresh");
    copy_lists(&dir);
    fs::remove_file(dir.join("manifest.json")).unwrap();
    let out = Command::new(BIN).arg(&dir).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for name in ["manifest.json", "names.json", "synthetic-city-2023.packed", "synthetic-city-2024.packed"] {
        let written = fs::read(dir.join(name)).unwrap();
        let committed = fs::read(Path::new("data/lists").join(name)).unwrap();
        assert!(written == committed, "data/lists/{name} is stale: run `cargo run --release --bin publish`");
    }
    let m = parse_manifest(&fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(m.lists.iter().map(|l| (l.id.as_str(), l.projects)).collect::<Vec<_>>(), [("synthetic-city-2023", 2000), ("synthetic-city-2024", 2000)]);
    assert!(m.lists.iter().all(|l| l.title.zh.contains("合成数据") && l.title.en.contains("synthetic")), "titled as synthetic");
    // Each list also packed beside its JSON, reading back to the same dataset.
    for l in &m.lists {
        let packed = l.packed.as_ref().expect("a packed file is named");
        let bin = fs::read(dir.join(&packed.file)).unwrap();
        assert_eq!(bin.len() as u64, packed.bytes);
        let json: tongliao_explorer::core::model::Dataset = serde_json::from_slice(&fs::read(dir.join(&l.file)).unwrap()).unwrap();
        assert_eq!(tongliao_explorer::core::packed::unpack(&bin), Ok(json), "{}", l.id);
    }
    let names = parse_names(&fs::read(dir.join("names.json")).unwrap()).unwrap();
    assert_eq!(names.lists[1].projects.len(), 2000);
    fs::remove_dir_all(dir).unwrap();
}

/// A broken list is refused with its file, record and field, and nothing is written.
#[test]
fn a_broken_list_is_refused_and_nothing_is_written() {
    let dir = temp_dir("broken");
    let text = fs::read_to_string("data/tongliao-2022.json").unwrap();
    fs::write(dir.join("good-list.json"), &text).unwrap();
    let broken = text.replacen("\"value\": ", "\"value\": -", 1);
    assert_ne!(broken, text);
    fs::write(dir.join("broken-list.json"), broken).unwrap();
    let out = Command::new(BIN).arg(&dir).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken-list.json") && err.contains("figures[") && err.contains(".value"), "{err}");
    assert!(!dir.join("manifest.json").exists() && !dir.join("names.json").exists());
    // A file name that cannot be a link's id, and a file that is no dataset.
    fs::remove_file(dir.join("broken-list.json")).unwrap();
    fs::write(dir.join("Bad Name.json"), &text).unwrap();
    let err = String::from_utf8(Command::new(BIN).arg(&dir).output().unwrap().stderr).unwrap();
    assert!(err.contains("Bad Name.json") && err.contains("ds="), "{err}");
    fs::remove_file(dir.join("Bad Name.json")).unwrap();
    fs::write(dir.join("notes.json"), "{\"hello\": 1}").unwrap();
    let err = String::from_utf8(Command::new(BIN).arg(&dir).output().unwrap().stderr).unwrap();
    assert!(err.contains("notes.json: not a dataset file"), "{err}");
    fs::remove_file(dir.join("notes.json")).unwrap();
    let out = Command::new(BIN).arg(&dir).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(parse_manifest(&fs::read(dir.join("manifest.json")).unwrap()).unwrap().lists[0].id, "good-list");
    fs::remove_dir_all(dir).unwrap();
}

/// `publish import` reads a list as offices publish it into a dataset file that publishes.
#[test]
fn an_office_workbook_is_imported_then_published() {
    let dir = temp_dir("import");
    let out = Command::new(BIN)
        .args(["import", "tests/fixtures/import/city-2023-gbk.csv"])
        .arg(dir.join("city-2023.json"))
        .args(["--region-en", "Example City", "--title-en", "Example City 2023 (synthetic)"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = Command::new(BIN).arg(&dir).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let m = parse_manifest(&fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    assert_eq!((m.lists[0].projects, m.lists[0].region.en.as_str(), m.lists[0].year), (7, "Example City", 2023));
    let bad = Command::new(BIN).args(["import", "tests/fixtures/import/junk.csv"]).arg(dir.join("junk.json")).output().unwrap();
    assert!(!bad.status.success() && !dir.join("junk.json").exists());
    fs::remove_dir_all(dir).unwrap();
}

/// A list's own changelog is checked with it and named in the manifest; a wrong one is refused.
#[test]
fn a_list_keeps_its_own_changelog() {
    let dir = temp_dir("changelog");
    fs::copy("data/tongliao-2022.json", dir.join("tongliao.json")).unwrap();
    fs::copy("data/changelog.json", dir.join("tongliao.changelog.json")).unwrap();
    let out = Command::new(BIN).arg(&dir).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let m = parse_manifest(&fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(m.lists[0].changelog.as_deref(), Some("tongliao.changelog.json"));
    fs::remove_file(dir.join("manifest.json")).unwrap();
    let log = fs::read_to_string("data/changelog.json").unwrap();
    let first_release = log.split("\"release\": \"").nth(1).unwrap().split('"').next().unwrap().to_string();
    fs::write(dir.join("tongliao.changelog.json"), log.replacen(&first_release, "not-this-release", 1)).unwrap();
    let out = Command::new(BIN).arg(&dir).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("tongliao.changelog.json"), "{err}");
    assert!(!dir.join("manifest.json").exists());
    fs::remove_dir_all(dir).unwrap();
}
