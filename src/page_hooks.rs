//! Hooks the benchmark and the browser tests call through Trunk's `window.wasmBindings`
//! (no link or input reaches them). In the page's binary only: exported from the library,
//! they would be in the import worker's wasm too, with all the code they call.

use std::sync::Arc;

use leptos::prelude::window;
use tongliao_explorer::app::CURRENT;
use tongliao_explorer::core::dataset::Catalog;
use tongliao_explorer::core::filter::Filter;
use wasm_bindgen::prelude::wasm_bindgen;

/// The page's clock, in ms.
fn now_ms() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

/// The filter on one sector, as crossfilter2 is filtered on one.
fn one_sector(sector: &str) -> Filter {
    let mut filter = Filter::default();
    filter.sectors.insert(sector.to_string());
    filter
}

/// Benchmark hook: `reps` times, the core's filter on one sector plus the group-by-sector
/// sum over the loaded catalog, as crossfilter2 is timed on the same rows. Returns ms per run.
#[wasm_bindgen]
pub fn bench_filter_group(sector: &str, reps: u32) -> f64 {
    use tongliao_explorer::core::aggregate::by_facet;
    use tongliao_explorer::core::filter::{apply, Facet};
    CURRENT.with(|c| {
        let Some(cat) = c.borrow().clone() else { return f64::NAN };
        let filter = one_sector(sector);
        let t0 = now_ms();
        let mut sink = 0.0;
        for _ in 0..reps.max(1) {
            let rows = apply(&cat, &filter);
            sink += by_facet(&cat, &rows, Facet::Sector).iter().map(|g| g.investment).sum::<f64>();
        }
        let per_run = (now_ms() - t0) / f64::from(reps.max(1));
        // Keeps the work from being optimised away.
        if sink < 0.0 { f64::NAN } else { per_run }
    })
}

thread_local! {
    /// The cube `bench_cube_build` built, with the catalog it is of.
    static BENCH_CUBE: std::cell::RefCell<Option<(std::sync::Weak<Catalog>, Arc<tongliao_explorer::core::cube::Cube>)>> =
        const { std::cell::RefCell::new(None) };
}

/// Benchmark hook: builds the loaded catalog's facet cube at once, as the page does in
/// steps for a long list, and keeps it for `bench_filter_group_cube`. Returns ms, or
/// NaN where the list gets no cube.
#[wasm_bindgen]
pub fn bench_cube_build() -> f64 {
    let Some(cat) = CURRENT.with(|c| c.borrow().clone()) else { return f64::NAN };
    let t0 = now_ms();
    let Some(cube) = tongliao_explorer::core::cube::Cube::of(&cat) else { return f64::NAN };
    let ms = now_ms() - t0;
    BENCH_CUBE.with(|b| *b.borrow_mut() = Some((Arc::downgrade(&cat), Arc::new(cube))));
    ms
}

/// Benchmark hook: what a click on one sector computes once the list's cube is built (the
/// projects in view and every facet's counts, `Cube::select`), then the view's sums by
/// sector as the sector chart reads them. Returns ms per run; NaN without a cube of the
/// loaded catalog, or when its sums differ from the single pass's (`bench_filter_group`).
#[wasm_bindgen]
pub fn bench_filter_group_cube(sector: &str, reps: u32) -> f64 {
    use tongliao_explorer::core::aggregate::{by_facet, in_view_by};
    use tongliao_explorer::core::filter::{apply, Facet};
    let Some(cat) = CURRENT.with(|c| c.borrow().clone()) else { return f64::NAN };
    let cube = BENCH_CUBE.with(|b| b.borrow().as_ref().filter(|(of, _)| std::ptr::eq(of.as_ptr(), Arc::as_ptr(&cat))).map(|(_, c)| c.clone()));
    let Some(cube) = cube else { return f64::NAN };
    let filter = one_sector(sector);
    let sum = |groups: Vec<tongliao_explorer::core::aggregate::Group>| groups.iter().map(|g| g.investment).sum::<f64>();
    let expected = sum(by_facet(&cat, &apply(&cat, &filter), Facet::Sector));
    let t0 = now_ms();
    let mut sink = 0.0;
    for _ in 0..reps.max(1) {
        let Some(sel) = cube.select(&cat, &filter) else { return f64::NAN };
        sink += sum(in_view_by(&cat, &sel.counts, &filter, Facet::Sector));
    }
    let per_run = (now_ms() - t0) / f64::from(reps.max(1));
    let got = sink / f64::from(reps.max(1));
    if (got - expected).abs() > expected.abs() * 1e-9 { f64::NAN } else { per_run }
}

/// Test hook: lets the browser tests prove the panic banner (called through Trunk's
/// `window.wasmBindings`; no link or input can reach it).
#[wasm_bindgen]
pub fn debug_panic() {
    panic!("debug_panic called");
}
