//! Facet counts for a filter on one facet, from sums per pair of values computed once per
//! list (a "cube", as Falcon and Mosaic keep one): a click on one facet then costs a pass
//! that marks the rows in view, not one that adds every row into every facet's counts.
//! `filter::select` is the reference; `Cube::select` gives what it gives, or `None` where
//! the cube cannot answer (another filter is set too, or a district filter on a list with
//! projects in several places, which the sums would count twice).

use super::aggregate::Totals;
use super::dataset::{Catalog, Row};
use super::filter::{Counts, Facet, Filter, Selection};

/// A cube larger than this many sums is not built (a facet of thousands of sections):
/// `select` answers instead, as it does for the lists that have none.
pub const MAX_CELLS: usize = 1 << 16;

/// Lists shorter than this get no cube: one pass over them takes about a millisecond.
pub const MIN_ROWS: usize = 10_000;

/// Rows added per `CubeBuilder::step`: a few milliseconds of a page's task at a time.
pub const STEP_ROWS: usize = 5_000;

#[derive(Debug, Clone, PartialEq)]
pub struct Cube {
    /// Values per facet (`Facet::index`), as in `Catalog::facet_values`.
    sizes: [usize; 5],
    /// Where facet G's values start in a block of sums (`offsets[G]`); the themes follow.
    offsets: [usize; 5],
    /// Sums in one block: every facet's values, then every theme.
    stride: usize,
    /// Per facet F, a block per value of F: the rows with that value, summed by each
    /// facet's values and by each theme.
    sums: [Vec<Totals>; 5],
}

/// The codes a row counts under in `facet`: its own, and for the district its further
/// places (as `select` counts them). `select` keeps its own loop for this: an iterator
/// like this one in its pass made it about twice as slow; the proptests hold the two equal.
fn codes<'a>(cat: &'a Catalog, i: usize, row: &'a Row, facet: usize) -> impl Iterator<Item = usize> + 'a {
    let places = (facet == Facet::District.index()).then(|| cat.places.get(&i)).flatten();
    std::iter::once(row.codes[facet]).chain(places.into_iter().flatten().copied()).map(|c| c as usize)
}

impl Cube {
    /// The empty cube for `cat`, or `None` where it would exceed `MAX_CELLS`.
    fn empty(cat: &Catalog) -> Option<Cube> {
        let sizes = Facet::ALL.map(|f| cat.facet_values[f.index()].len());
        let mut offsets = [0; 5];
        for f in 1..5 {
            offsets[f] = offsets[f - 1] + sizes[f - 1];
        }
        let stride = offsets[4] + sizes[4] + cat.ds.themes.len().min(64);
        let cells = sizes.iter().sum::<usize>().checked_mul(stride)?;
        (cells <= MAX_CELLS).then(|| Cube { sizes, offsets, stride, sums: sizes.map(|n| vec![Totals::default(); n * stride]) })
    }

    /// The whole cube at once (natively, and for tests); the page builds it a step at a time.
    pub fn of(cat: &Catalog) -> Option<Cube> {
        let mut b = CubeBuilder::new(cat)?;
        while !b.step(cat, usize::MAX) {}
        Some(b.cube)
    }

    fn add(&mut self, cat: &Catalog, i: usize, row: &Row) {
        for f in 0..5 {
            for vf in codes(cat, i, row, f).filter(|&v| v < self.sizes[f]) {
                let block = &mut self.sums[f][vf * self.stride..(vf + 1) * self.stride];
                for g in 0..5 {
                    for vg in codes(cat, i, row, g).filter(|&v| v < self.sizes[g]) {
                        block[self.offsets[g] + vg].add(row);
                    }
                }
                let themes = &mut block[self.offsets[4] + self.sizes[4]..];
                let mut bits = row.themes;
                while bits != 0 {
                    if let Some(t) = themes.get_mut(bits.trailing_zeros() as usize) {
                        t.add(row);
                    }
                    bits &= bits - 1;
                }
            }
        }
    }

    /// `filter::select(cat, filter)`, where the filter chooses values of one facet only.
    pub fn select(&self, cat: &Catalog, filter: &Filter) -> Option<Selection> {
        let only_facets = filter.q.trim().is_empty() && filter.min.is_none() && filter.max.is_none() && filter.themes.is_empty();
        let mut chosen = Facet::ALL.into_iter().filter(|&f| !filter.selected(f).is_empty());
        let (Some(facet), None, true) = (chosen.next(), chosen.next(), only_facets) else { return None };
        let f = facet.index();
        if facet == Facet::District && !cat.places.is_empty() {
            return None;
        }
        let values = &cat.facet_values[f];
        // Which of the facet's values pass, by code.
        let pass: Vec<bool> = values.iter().map(|v| filter.selected(facet).contains(v)).collect();
        let block = |v: usize| &self.sums[f][v * self.stride..(v + 1) * self.stride];
        // A facet's own counts leave its own filter out: every row, by its value.
        let mut facets = Facet::ALL.map(|g| vec![Totals::default(); self.sizes[g.index()]]);
        for (v, t) in facets[f].iter_mut().enumerate() {
            *t = block(v)[self.offsets[f] + v].clone();
        }
        let mut themes = vec![Totals::default(); cat.ds.themes.len()];
        for v in (0..values.len()).filter(|&v| pass[v]) {
            let b = block(v);
            for g in (0..5).filter(|&g| g != f) {
                for (vg, t) in facets[g].iter_mut().enumerate() {
                    t.merge(&b[self.offsets[g] + vg]);
                }
            }
            for (t, sum) in themes.iter_mut().zip(&b[self.offsets[4] + self.sizes[4]..]) {
                t.merge(sum);
            }
        }
        let in_view = cat.rows.iter().map(|r| pass.get(r.codes[f] as usize).copied().unwrap_or(false)).collect();
        Some(Selection { in_view, counts: Counts { facets, themes } })
    }
}

/// A cube built a step at a time, so that a page's tasks stay short.
pub struct CubeBuilder {
    cube: Cube,
    next: usize,
}

impl CubeBuilder {
    pub fn new(cat: &Catalog) -> Option<CubeBuilder> {
        Cube::empty(cat).map(|cube| CubeBuilder { cube, next: 0 })
    }

    /// Adds up to `rows` more rows; true when every row is in.
    pub fn step(&mut self, cat: &Catalog, rows: usize) -> bool {
        let end = self.next.saturating_add(rows).min(cat.rows.len());
        for i in self.next..end {
            self.cube.add(cat, i, &cat.rows[i]);
        }
        self.next = end;
        end == cat.rows.len()
    }

    pub fn finish(self) -> Cube {
        self.cube
    }
}
