//! One import of a CSV as the worker does it (read, validate, index), for `perf record`:
//! `cargo build --release --example csv_profile && perf record -g target/release/examples/csv_profile [file]`.
//! Prints the fastest of five runs of each step.

use std::time::{Duration, Instant};

use tongliao_explorer::core::dataset::Index;
use tongliao_explorer::core::import::long_format::load_csv;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "target/synthetic-100k.csv".into());
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let (mut read, mut indexed) = (Duration::MAX, Duration::MAX);
    for _ in 0..5 {
        let t = Instant::now();
        let ds = load_csv(&bytes).unwrap_or_else(|e| panic!("{e}"));
        read = read.min(t.elapsed());
        let t = Instant::now();
        let index = Index::of(&ds);
        indexed = indexed.min(t.elapsed());
        assert_eq!(index.rows.len(), ds.projects.len());
    }
    println!("fastest of 5: read + validated {read:.0?}, indexed {indexed:.0?}");
}
