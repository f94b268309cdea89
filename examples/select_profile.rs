//! A filter click's core work at 100,000 projects, repeated for `perf record`:
//! `cargo build --release --example select_profile && perf record -g target/release/examples/select_profile [file]`.
//! Prints the fastest of 20 runs of `filter::select` with one sector chosen and with none,
//! and of the facet cube (`core::cube`) built and answering the one-sector filter.

use std::time::{Duration, Instant};

use tongliao_explorer::core::cube::Cube;
use tongliao_explorer::core::filter::{select, Facet, Filter};
use tongliao_explorer::core::import::long_format::load;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "target/synthetic-100k.csv".into());
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let cat = load(bytes.as_slice()).unwrap_or_else(|e| panic!("{e:?}"));
    let mut one = Filter::default();
    one.sectors.insert(cat.facet_values[Facet::Sector.index()][0].clone());
    for (name, filter) in [("one sector", &one), ("no filter", &Filter::default())] {
        let mut best = Duration::MAX;
        let mut shown = 0;
        for _ in 0..20 {
            let t = Instant::now();
            let s = select(&cat, filter);
            best = best.min(t.elapsed());
            shown = s.in_view.iter().filter(|&&v| v).count();
        }
        println!("select, {name}: fastest of 20 {best:.2?} ({shown} in view of {})", cat.rows.len());
    }
    let t = Instant::now();
    let cube = Cube::of(&cat).expect("within MAX_CELLS");
    println!("cube built in {:.1?}", t.elapsed());
    let mut best = Duration::MAX;
    for _ in 0..20 {
        let t = Instant::now();
        let s = cube.select(&cat, &one);
        best = best.min(t.elapsed());
        assert_eq!(s.as_ref(), Some(&select(&cat, &one)));
    }
    println!("cube, one sector: fastest of 20 {best:.2?}");
}
