//! The layout of a chart drawn in rows (bars, timeline strips): plotters' own
//! coordinate spec, with y counting rows, maps pixels to rows and back.

use plotters::coord::types::RangedCoordf64;
use plotters::coord::ReverseCoordTranslate;
use plotters::prelude::{Cartesian2d, CoordTranslate};

use super::Pick;

#[derive(Clone)]
pub struct RowsLayout {
    coord: Cartesian2d<RangedCoordf64, RangedCoordf64>,
    /// Mark ids, first drawn row first.
    ids: Vec<String>,
    /// Whether the first id sits at the highest y value (plotters' y grows upwards)
    /// rather than at y = 0.
    first_on_top_of_axis: bool,
}

impl RowsLayout {
    pub fn new(coord: Cartesian2d<RangedCoordf64, RangedCoordf64>, ids: Vec<String>, first_on_top_of_axis: bool) -> Self {
        RowsLayout { coord, ids, first_on_top_of_axis }
    }

    /// The y position (in rows) of the row holding id number `i`.
    fn row_of(&self, i: usize) -> usize {
        if self.first_on_top_of_axis { self.ids.len() - 1 - i } else { i }
    }

    /// Id of the row under a device-pixel position; the label column counts as its row.
    pub fn hit(&self, (x, y): (i32, i32)) -> Option<&str> {
        let xr = self.coord.get_x_axis_pixel_range();
        let x = x.clamp(xr.start.min(xr.end), xr.start.max(xr.end));
        let (_, v) = self.coord.reverse_translate((x, y))?;
        let row = v.floor();
        if row < 0.0 || row >= self.ids.len() as f64 {
            return None;
        }
        // row_of is its own inverse.
        self.ids.get(self.row_of(row as usize)).map(String::as_str)
    }

    /// Centre of a row, in device pixels (for keyboard focus, tooltips and tests).
    pub fn row_centre(&self, id: &str) -> Option<(i32, i32)> {
        let i = self.ids.iter().position(|r| r == id)?;
        let xr = self.coord.get_x_axis_pixel_range();
        let y = self.coord.translate(&(0.0, self.row_of(i) as f64 + 0.5)).1;
        Some(((xr.start + xr.end) / 2, y))
    }
}

impl Pick for RowsLayout {
    fn pick(&self, px: (i32, i32)) -> Option<String> {
        self.hit(px).map(String::from)
    }
    fn anchor(&self, id: &str) -> Option<(i32, i32)> {
        self.row_centre(id)
    }
}
