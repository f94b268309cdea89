//! Native timing of the phases of loading a user file, for profiling (`perf record`):
//! `node scripts/gen-synthetic.mjs 100000 target/synthetic-100k.csv`, then
//! `cargo run --release --example load_timing [file]`. The browser figures are in BENCHMARKS.md.

use std::time::Instant;

use tongliao_explorer::core::dataset::Catalog;
use tongliao_explorer::core::model::Dataset;
use tongliao_explorer::core::model::Lang;
use tongliao_explorer::core::{filter, import::long_format as user_data, packed, packed_index, sort, validate};

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "target/synthetic-100k.csv".into());
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => return eprintln!("{path}: {e}"),
    };
    for _ in 0..3 {
        let t = Instant::now();
        let (records, _) = user_data::csv_floor(&bytes);
        let floor = t.elapsed();
        println!(
            "parse floor (csv ByteRecords): {records} records in {floor:.0?} = {:.0} MiB/s",
            bytes.len() as f64 / 1048576.0 / floor.as_secs_f64()
        );
        let t = Instant::now();
        let ds = match user_data::parse_csv(&String::from_utf8_lossy(&bytes)) {
            Ok(ds) => ds,
            Err(e) => return eprintln!("{e}"),
        };
        let parsed = t.elapsed();
        let errors = validate::validate(&ds).len();
        let validated = t.elapsed();
        let Ok(cat) = Catalog::new(ds) else { return eprintln!("{errors} validation errors") };
        let indexed = t.elapsed();
        let mut order: Vec<usize> = (0..cat.ds.projects.len()).collect();
        sort::sort_rows(&cat, &mut order, sort::Sort::default(), Lang::En);
        let sorted = t.elapsed();
        println!(
            "parse {parsed:.0?} · validate {:.0?} · catalog (validates again) {:.0?} · sort {:.0?}",
            validated - parsed,
            indexed - validated,
            sorted - indexed
        );
        // A filter click's core work: one sector chosen, every count, the table's order.
        let mut filter = filter::Filter::default();
        filter.sectors.insert(cat.facet_values[filter::Facet::Sector.index()][0].clone());
        let t = Instant::now();
        let shown = filter::select(&cat, &filter).in_order(&order).len();
        println!("filter click: select + table order {:.1?} ({shown} rows in view)", t.elapsed());
        let t = Instant::now();
        drop(user_data::load(bytes.as_slice()));
        println!("user_data::load {:.0?}", t.elapsed());
        // The packed form the worker sends and the page reads (core::packed).
        let t = Instant::now();
        let packed = packed::pack(&cat.ds);
        let packing = t.elapsed();
        let t = Instant::now();
        let json = serde_json::to_vec(&cat.ds).unwrap_or_default();
        let json_out = t.elapsed();
        use tongliao_explorer::core::search::{normalize_all, project_texts};
        let t = Instant::now();
        let texts: usize = cat.ds.projects.iter().map(|p| project_texts(&cat.ds, p).len()).sum();
        let gathered = t.elapsed();
        let t = Instant::now();
        let n: usize = cat.ds.projects.iter().map(|p| normalize_all(project_texts(&cat.ds, p).into_iter().map(|(_, t)| t)).len()).sum();
        println!("search texts: gathered {gathered:.0?} ({texts}), gathered + normalized {:.0?} ({n} bytes)", t.elapsed());
        let t = Instant::now();
        let built = tongliao_explorer::core::dataset::Index::of(&cat.ds);
        println!("Index::of {:.0?} ({} search bytes)", t.elapsed(), built.search.text.len());
        let t = Instant::now();
        let index = packed_index::pack_index(&cat, packed_index::CHUNK);
        let index_out = t.elapsed();
        let t = Instant::now();
        let back: Dataset = packed::unpack(&packed).expect("reads back");
        let unpacked = t.elapsed();
        let t = Instant::now();
        let adopted = packed_index::unpack_index(&index, &back, packed_index::CHUNK).expect("index reads back");
        let adopted_in = t.elapsed();
        let t = Instant::now();
        let from_json: Dataset = serde_json::from_slice(&json).expect("JSON reads back");
        let json_in = t.elapsed();
        assert!(from_json == back && adopted.rows == cat.rows);
        println!(
            "packed {:.1} MiB (JSON {:.1} MiB, index {:.1} MiB): pack {packing:.0?} · JSON {json_out:.0?} · index {index_out:.0?} · unpack {unpacked:.0?} · adopt index {adopted_in:.0?} · JSON parse {json_in:.0?}",
            packed.len() as f64 / 1048576.0,
            json.len() as f64 / 1048576.0,
            (index.head.len() + index.chunks.iter().map(Vec::len).sum::<usize>()) as f64 / 1048576.0
        );
    }
}
