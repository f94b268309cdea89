//! The publishing command: checks the lists a deployment carries beside the app and
//! writes their manifest and names index; also turns a workbook or CSV as an office
//! publishes it into a dataset file, with the same importer the page runs.
//!
//! ```text
//! cargo run --release --bin publish -- [DIR]                  # DIR defaults to data/lists
//! cargo run --release --bin publish -- import FILE OUT.json [--region-zh 名称] [--region-en NAME] [--title-en TITLE]
//! ```
//!
//! Each list is also written packed (`core::packed`) beside its JSON, `<id>.packed`, which
//! the page reads without a JSON parser.
//!
//! Publishing validates every list with the rules the embedded list passes and refuses,
//! writing nothing, on the first list with an error (list, record and field named).

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("import") => cli::import(&args[1..]),
        Some("-h" | "--help") => {
            println!("{}", cli::USAGE);
            Ok(())
        }
        dir => cli::publish(std::path::Path::new(dir.unwrap_or(tongliao_explorer::core::lists::LISTS_DIR))),
    };
    if let Err(e) = result {
        eprintln!("publish: {e}");
        std::process::exit(1);
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::fs;
    use std::path::Path;

    use tongliao_explorer::core::changelog;
    use tongliao_explorer::core::dataset::Catalog;
    use tongliao_explorer::core::import::assemble::analyse;
    use tongliao_explorer::core::import::Choices;
    use tongliao_explorer::core::lists::{
        is_plain_file, validate_manifest, ListEntry, ListNames, Manifest, NamesIndex, PackedFile, LISTS_VERSION, MANIFEST_FILE,
        NAMES_FILE, PACKED_EXT,
    };
    use tongliao_explorer::core::packed::pack;
    use tongliao_explorer::core::model::{Dataset, Lang};
    use tongliao_explorer::core::validate::{is_slug, validate};

    pub const USAGE: &str = "usage: publish [DIR]\n       publish import FILE OUT.json [--region-zh NAME] [--region-en NAME] [--title-en TITLE]";
    const CHANGELOG_SUFFIX: &str = ".changelog.json";

    /// The list files in `dir`: every `.json` but the manifest, the names index and changelogs.
    fn list_files(dir: &Path) -> Result<Vec<String>, String> {
        let mut out = Vec::new();
        for entry in fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
            let name = entry.map_err(|e| e.to_string())?.file_name().to_string_lossy().into_owned();
            if name.ends_with(".json") && name != MANIFEST_FILE && name != NAMES_FILE && !name.ends_with(CHANGELOG_SUFFIX) {
                out.push(name);
            }
        }
        out.sort();
        Ok(out)
    }

    /// Reads and validates one list, with its changelog when it has one.
    fn check(dir: &Path, file: &str) -> Result<(Catalog, u64, Option<String>), String> {
        let id = file.trim_end_matches(".json");
        if !is_slug(id) || !is_plain_file(file, ".json") {
            return Err(format!("{file}: the file name is the list's id in links (ds=): use a-z, 0-9 and - only"));
        }
        let bytes = fs::read(dir.join(file)).map_err(|e| format!("{file}: {e}"))?;
        let ds: Dataset = serde_json::from_slice(&bytes).map_err(|e| format!("{file}: not a dataset file: {e}"))?;
        let cat = Catalog::new(ds).map_err(|errs| {
            let lines: Vec<String> = errs.iter().take(20).map(|e| format!("  - {}", e.message(Lang::En))).collect();
            format!("{file}: {} problem(s):\n{}", errs.len(), lines.join("\n"))
        })?;
        let log_name = format!("{id}{CHANGELOG_SUFFIX}");
        let changelog = match fs::read_to_string(dir.join(&log_name)) {
            Ok(text) => {
                let cl = changelog::parse(&text).map_err(|e| format!("{log_name}: {e}"))?;
                let errs = changelog::validate(&cl, &cat.ds);
                if !errs.is_empty() {
                    let lines: Vec<String> = errs.iter().take(20).map(|e| format!("  - {}", e.message(Lang::En))).collect();
                    return Err(format!("{log_name}: {} problem(s):\n{}", errs.len(), lines.join("\n")));
                }
                Some(log_name)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(format!("{log_name}: {e}")),
        };
        Ok((cat, bytes.len() as u64, changelog))
    }

    pub fn publish(dir: &Path) -> Result<(), String> {
        let files = list_files(dir)?;
        let mut manifest = Manifest { version: LISTS_VERSION, lists: Vec::new() };
        let mut names = NamesIndex { version: LISTS_VERSION, lists: Vec::new() };
        // Each list packed, written with the manifest once every list has passed.
        let mut packed = Vec::new();
        for file in &files {
            let (cat, bytes, changelog) = check(dir, file)?;
            let id = file.trim_end_matches(".json");
            let bin = pack(&cat.ds);
            let mut entry = ListEntry::of(&cat, id, file, bytes, changelog);
            entry.packed = Some(PackedFile { file: format!("{id}{PACKED_EXT}"), bytes: bin.len() as u64 });
            packed.push((format!("{id}{PACKED_EXT}"), bin));
            manifest.lists.push(entry);
            names.lists.push(ListNames::of(&cat, id));
        }
        let errs = validate_manifest(&manifest);
        if let Some(e) = errs.first() {
            return Err(e.to_string());
        }
        for (name, bin) in &packed {
            fs::write(dir.join(name), bin).map_err(|e| format!("{name}: {e}"))?;
        }
        let write = |name: &str, text: String| fs::write(dir.join(name), text + "\n").map_err(|e| format!("{name}: {e}"));
        write(MANIFEST_FILE, serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?)?;
        // One line per list: the index is fetched whole, so no indentation.
        write(NAMES_FILE, serde_json::to_string(&names).map_err(|e| e.to_string())?)?;
        for l in &manifest.lists {
            println!("{}: {} projects, release {} ({} bytes)", l.id, l.projects, l.release, l.bytes);
        }
        println!("wrote {} and {} for {} list(s) in {}", MANIFEST_FILE, NAMES_FILE, manifest.lists.len(), dir.display());
        Ok(())
    }

    /// `import FILE OUT.json`: the importer's default reading of the file (the review's
    /// first proposal), with the region and the English title given by the publisher.
    pub fn import(args: &[String]) -> Result<(), String> {
        let [input, output, rest @ ..] = args else { return Err(USAGE.into()) };
        let bytes = fs::read(input).map_err(|e| format!("{input}: {e}"))?;
        let name = Path::new(input).file_name().map_or(input.clone(), |n| n.to_string_lossy().into_owned());
        let (review, ds) = analyse(&bytes, &name, &Choices::default()).map_err(|e| format!("{input}: {}", e.message(Lang::En)))?;
        let Some(mut ds) = ds else {
            let blocking: Vec<String> = review.problems.iter().filter(|p| p.blocking).map(|p| format!("  - {}", p.message.en)).collect();
            return Err(format!("{input}: the import is blocked:\n{}", blocking.join("\n")));
        };
        let mut flags = rest.chunks(2);
        for pair in &mut flags {
            let [flag, value] = pair else { return Err(format!("{} needs a value\n{USAGE}", pair[0])) };
            match flag.as_str() {
                "--region-zh" => ds.region.zh = value.clone(),
                "--region-en" => ds.region.en = value.clone(),
                "--title-en" => ds.source.title.en = value.clone(),
                _ => return Err(format!("unknown option {flag}\n{USAGE}")),
            }
        }
        if let Some(e) = validate(&ds).first() {
            return Err(format!("{input}: the imported list does not validate: {}", e.message(Lang::En)));
        }
        let json = serde_json::to_string(&ds).map_err(|e| e.to_string())?;
        fs::write(output, json + "\n").map_err(|e| format!("{output}: {e}"))?;
        println!("{output}: {} projects from {name}, release {}", ds.projects.len(), ds.release);
        Ok(())
    }
}
