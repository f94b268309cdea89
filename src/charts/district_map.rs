//! Schematic tile map: one tile per district at its `tile` cell, shaded by the investment in view.

use plotters::coord::types::RangedCoordf64;
use plotters::coord::{ReverseCoordTranslate, Shift};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::core::format::yuan_short;
use crate::core::i18n::{chart_word, ChartWord};

use super::{draw_frame, fit_text, wrap_text, ChartPalette, ChartStyle, Pick, FONT, LIGHT};

#[derive(Debug, Clone, PartialEq)]
pub struct DistrictTile {
    /// District slug, the value a click toggles.
    pub id: String,
    pub label: String,
    /// The short name, used when the full one does not fit the tile.
    pub short: Option<String>,
    /// Tile column and row (0,0 = north-west).
    pub col: u32,
    pub row: u32,
    /// Projects in view in the district.
    pub count: usize,
    /// Their total investment, in yuan.
    pub investment: f64,
    /// e.g. "2个项目".
    pub count_label: String,
    /// e.g. "120亿元", or "no amount stated".
    pub value_label: String,
    /// Whether any of them states an amount (else `value_label` says none does).
    pub stated: bool,
    pub selected: bool,
}

/// The tile grid as plotters maps it: x is the column, y the row (row 0 on top).
#[derive(Clone)]
pub struct MapLayout {
    coord: Cartesian2d<RangedCoordf64, RangedCoordf64>,
    cells: Vec<(String, u32, u32)>,
}

impl MapLayout {
    /// District id of the tile cell under a device-pixel position.
    pub fn hit(&self, px: (i32, i32)) -> Option<&str> {
        let (x, y) = self.coord.reverse_translate(px)?;
        let (col, row) = (x.floor(), y.floor());
        self.cells.iter().find(|(_, c, r)| f64::from(*c) == col && f64::from(*r) == row).map(|(id, _, _)| id.as_str())
    }

    /// Centre of a district's tile, in device pixels.
    pub fn centre(&self, id: &str) -> Option<(i32, i32)> {
        let (_, c, r) = self.cells.iter().find(|(i, _, _)| i == id)?;
        Some(self.coord.translate(&(f64::from(*c) + 0.5, f64::from(*r) + 0.5)))
    }
}

impl Pick for MapLayout {
    fn pick(&self, px: (i32, i32)) -> Option<String> {
        self.hit(px).map(String::from)
    }
    fn anchor(&self, id: &str) -> Option<(i32, i32)> {
        self.centre(id)
    }
}

/// Colour class 0–4 of an amount on a linear scale up to `max`; `None` for nothing invested.
pub fn class_of(value: f64, max: f64) -> Option<usize> {
    if value <= 0.0 || max <= 0.0 {
        return None;
    }
    let steps = LIGHT.map_scale.len();
    Some(((value / max * steps as f64).ceil() as usize).clamp(1, steps) - 1)
}

fn fill_of(tile: &DistrictTile, max: f64, palette: &ChartPalette) -> RGBColor {
    class_of(tile.investment, max).map_or(palette.map_none, |c| palette.map_scale[c])
}

/// The two strongest classes take text of the ground's colour.
fn text_colour(tile: &DistrictTile, max: f64, dimmed: bool, palette: &ChartPalette) -> RGBColor {
    match class_of(tile.investment, max) {
        _ if dimmed => palette.muted,
        Some(c) if c >= 3 => palette.ground,
        _ => palette.ink,
    }
}

/// A tile's name, as one line or two: the full name if it fits, else the short one (two
/// "Horqin Le…" tiles could not be told apart), else the short one on two lines, cut
/// only if even that does not fit.
fn tile_name(t: &DistrictTile, fits: &dyn Fn(&str) -> bool, width: impl Fn(&str) -> f64, room: u32) -> Vec<String> {
    let name = t.short.as_deref().filter(|_| !fits(&t.label)).unwrap_or(&t.label);
    if fits(name) {
        return vec![name.to_string()];
    }
    let lines = wrap_text(name, f64::from(room), width);
    if lines.len() == 2 && lines.iter().all(|l| fits(l)) {
        return lines;
    }
    vec![fit_text(name, fits)]
}

/// An amount without its currency word, for a tile too narrow for it: "CNY 18.5 bn" →
/// "18.5 bn", "22.7亿元" → "22.7亿" (the legend reads the same way). `None` for text
/// that is not such an amount ("no amount stated").
pub fn compact_amount(label: &str) -> Option<String> {
    label
        .strip_prefix("CNY ")
        .map(str::to_string)
        .or_else(|| label.strip_suffix("元").filter(|s| s.ends_with(['亿', '万'])).map(str::to_string))
}

/// Draws the map; returns the layout for hit-testing (`None` for the empty state).
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    tiles: &[DistrictTile],
    style: &ChartStyle,
) -> Result<Option<MapLayout>, DrawingAreaErrorKind<DB::ErrorType>> {
    if draw_frame(root, style, tiles.is_empty())? {
        return Ok(None);
    }

    let cols = tiles.iter().map(|t| t.col + 1).max().unwrap_or(1);
    let rows = tiles.iter().map(|t| t.row + 1).max().unwrap_or(1);
    // Reversed y range: row 0 (north) is drawn on top.
    let chart = ChartBuilder::on(root)
        .margin_top(style.px(30.0))
        .margin_left(style.px(8.0))
        .margin_right(style.px(8.0))
        .margin_bottom(style.px(52.0))
        .build_cartesian_2d(0.0..f64::from(cols), f64::from(rows)..0.0)?;
    let coord = chart.as_coord_spec().clone();

    let max = tiles.iter().map(|t| t.investment).fold(0.0_f64, f64::max);
    let any_selected = tiles.iter().any(|t| t.selected);
    for t in tiles {
        draw_tile(root, &coord, t, max, any_selected && !t.selected, style)?;
    }
    draw_legend(root, max, style)?;
    root.present()?;
    let cells = tiles.iter().map(|t| (t.id.clone(), t.col, t.row)).collect();
    Ok(Some(MapLayout { coord, cells }))
}

fn draw_tile<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    coord: &Cartesian2d<RangedCoordf64, RangedCoordf64>,
    t: &DistrictTile,
    max: f64,
    dimmed: bool,
    style: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    // A small gutter between tiles, in cell units so it follows plotters' mapping.
    const GAP: f64 = 0.04;
    let (c, r) = (f64::from(t.col), f64::from(t.row));
    let (x0, y0) = coord.translate(&(c + GAP, r + GAP));
    let (x1, y1) = coord.translate(&(c + 1.0 - GAP, r + 1.0 - GAP));
    let fill = fill_of(t, max, style.palette);
    if t.selected {
        // A filled frame rather than a stroke: SVG rectangles carry no stroke width.
        let b = style.px(3.0) as i32;
        root.draw(&Rectangle::new([(x0, y0), (x1, y1)], style.palette.selected_border.filled()))?;
        root.draw(&Rectangle::new([(x0 + b, y0 + b), (x1 - b, y1 - b)], fill.filled()))?;
    } else {
        let colour = if dimmed { fill.mix(0.35) } else { fill.to_rgba() };
        root.draw(&Rectangle::new([(x0, y0), (x1, y1)], colour.filled()))?;
    }
    let ink = text_colour(t, max, dimmed, style.palette);
    let centre = Pos::new(HPos::Center, VPos::Center);
    let name_font = (FONT, style.px(12.0)).into_font().style(FontStyle::Bold).color(&ink).pos(centre);
    let small = (FONT, style.px(11.0)).into_font().color(&ink).pos(centre);
    // 2 px each side: the gutter between tiles keeps texts apart.
    let room = (x1 - x0 - style.px(4.0) as i32).max(0) as u32;
    let fits = |s: &str| root.estimate_text_size(s, &name_font).map(|(tw, _)| tw <= room).unwrap_or(true);
    let (cx, cy) = ((x0 + x1) / 2, (y0 + y1) / 2);
    let line = style.px(15.0) as i32;
    let fits_small = |s: &str| root.estimate_text_size(s, &small).map(|(tw, _)| tw <= room).unwrap_or(true);
    let name = tile_name(t, &fits, |s| root.estimate_text_size(s, &name_font).map_or(0.0, |(tw, _)| f64::from(tw)), room);
    // The name's lines, the count and the amount, centred on the tile as one block.
    let top = cy - line * (name.len() as i32 + 1) / 2;
    for (i, l) in name.iter().enumerate() {
        root.draw(&Text::new(l.clone(), (cx, top + line * i as i32), name_font.clone()))?;
    }
    let below = top + line * name.len() as i32;
    root.draw(&Text::new(fit_text(&t.count_label, fits_small), (cx, below), small.clone()))?;
    // A narrow tile takes the amount without its currency word, or "not stated" for
    // "no amount stated": a cut word ("no amoun…") reads as a fault.
    let amount = match compact_amount(&t.value_label) {
        _ if fits_small(&t.value_label) => t.value_label.clone(),
        Some(compact) => fit_text(&compact, fits_small),
        None if !t.stated => fit_text(chart_word(ChartWord::AmountNotStated, style.lang), fits_small),
        None => fit_text(&t.value_label, fits_small),
    };
    root.draw(&Text::new(amount, (cx, below + line), small))?;
    Ok(())
}

/// Swatches along the bottom: "none", then each class with its upper bound.
fn draw_legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    max: f64,
    style: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (w, h) = root.dim_in_pixel();
    let left = Pos::new(HPos::Left, VPos::Center);
    let text = (FONT, style.px(11.0)).into_font().color(&style.palette.muted).pos(left);
    // The title on its own line, the swatches below it, so a narrow map keeps them all.
    // Where the swatches do not fit one line even with tight gaps (a phone), they take
    // both lines and the title gives way: no label is ever cut.
    let x0 = style.px(8.0) as i32;
    let top = h as i32 - style.px(34.0) as i32;
    let second = top + style.px(18.0) as i32;

    let steps = LIGHT.map_scale.len();
    let mut entries = vec![(style.palette.map_none, chart_word(ChartWord::NoInvestment, style.lang).to_string())];
    if max > 0.0 {
        entries.extend(
            style.palette.map_scale
                .iter()
                .enumerate()
                .map(|(i, c)| (*c, format!("≤{}", yuan_short(max * (i + 1) as f64 / steps as f64, style.lang)))),
        );
    }
    let sw = style.px(12.0) as i32;
    let entry_w = |l: &str| sw + style.px(4.0) as i32 + root.estimate_text_size(l, &text).map(|(tw, _)| tw as i32).unwrap_or(0);
    let gap = style.px(8.0) as i32;
    let width: i32 = entries.iter().map(|(_, l)| entry_w(l)).sum::<i32>() + gap * (entries.len() as i32 - 1);
    let tight = (gap / 3).max(1);
    let tight_width = width - (gap - tight) * (entries.len() as i32 - 1);
    let (gap, two_rows) = if x0 + width <= w as i32 {
        (gap, false)
    } else {
        (tight, x0 + tight_width > w as i32)
    };
    let (mut x, mut y) = (x0, if two_rows { top } else { second });
    if !two_rows {
        root.draw(&Text::new(chart_word(ChartWord::MapLegend, style.lang), (x0, top), text.clone()))?;
    }
    for (colour, label) in entries {
        if two_rows && y == top && x + entry_w(&label) > w as i32 {
            (x, y) = (x0, second);
        }
        root.draw(&Rectangle::new([(x, y - sw / 2), (x + sw, y + sw / 2)], colour.filled()))?;
        x += sw + style.px(4.0) as i32;
        root.draw(&Text::new(label.clone(), (x, y), text.clone()))?;
        x += root.estimate_text_size(&label, &text).map(|(tw, _)| tw as i32).unwrap_or(0) + gap;
    }
    Ok(())
}
