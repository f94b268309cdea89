//! Investment against jobs (or annual output or revenue), one circle per project; an axis turns logarithmic when its values span
//! more than `LOG_RATIO`, so a CNY 160 m project and a CNY 18.5 bn one both stay readable.

use std::ops::Range;
use std::rc::Rc;

use plotters::coord::combinators::{IntoLogRange, LogCoord};
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::core::format::tick;
use crate::core::i18n::{chart_word, ChartWord};
use crate::core::model::{Lang, Unit};

use super::{draw_frame, ChartStyle, Pick, FONT};

/// Max/min ratio above which an axis is drawn on a log scale.
pub const LOG_RATIO: f64 = 50.0;

#[derive(Debug, Clone, PartialEq)]
pub struct ScatterPoint {
    /// Project id, the value a click opens.
    pub id: String,
    pub label: String,
    /// Total investment, in yuan (> 0).
    pub investment: f64,
    /// Jobs, in persons (> 0).
    /// The vertical value (jobs, or an annual amount in yuan).
    pub y: f64,
    /// The vertical value in the reader's units, e.g. "1,500 people".
    pub y_label: String,
    /// True when a value was summed from parts: drawn hollow.
    pub derived: bool,
    /// For tooltips, e.g. "185亿元 · 1万人".
    pub value_label: String,
    pub selected: bool,
}

/// One axis, linear or logarithmic, behind a single type so the layout can keep plotters' own
/// coordinate spec whichever was chosen. `LogCoord` is not `Clone`, hence the `Rc`.
#[derive(Clone)]
pub enum Scale {
    Linear(RangedCoordf64),
    Log(Rc<LogCoord<f64>>),
}

impl Scale {
    /// Log when the positive values span more than `LOG_RATIO`; linear from 0 otherwise.
    pub fn for_values(values: impl Iterator<Item = f64>) -> Scale {
        let (lo, hi) = values.filter(|v| *v > 0.0).fold((f64::INFINITY, 0.0_f64), |(l, h), v| (l.min(v), h.max(v)));
        if needs_log(lo, hi) {
            // Half a step of head-room either side, in log space.
            Scale::Log(Rc::new((lo / 1.6..hi * 1.6).log_scale().into()))
        } else {
            let hi = if hi > 0.0 { hi * 1.15 } else { 1.0 };
            Scale::Linear((0.0..hi).into())
        }
    }

    pub fn is_log(&self) -> bool {
        matches!(self, Scale::Log(_))
    }
}

/// Whether values between `lo` and `hi` need a log axis.
pub fn needs_log(lo: f64, hi: f64) -> bool {
    lo > 0.0 && hi / lo > LOG_RATIO
}

impl Ranged for Scale {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        match self {
            Scale::Linear(s) => s.map(value, limit),
            Scale::Log(s) => s.map(value, limit),
        }
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        match self {
            Scale::Linear(s) => s.key_points(hint),
            Scale::Log(s) => s.key_points(hint),
        }
    }

    fn range(&self) -> Range<f64> {
        match self {
            Scale::Linear(s) => s.range(),
            Scale::Log(s) => s.range(),
        }
    }
}

/// Where the points landed, from plotters' own mapping.
#[derive(Clone)]
pub struct ScatterLayout {
    coord: Cartesian2d<Scale, Scale>,
    points: Vec<(String, f64, f64)>,
    /// Default pick radius in device pixels (scales with the canvas).
    pick_px: i32,
}

impl ScatterLayout {
    /// Project id of the point nearest a device-pixel position, if within `max_px`.
    pub fn nearest(&self, (x, y): (i32, i32), max_px: i32) -> Option<&str> {
        let d2 = |(px, py): (i32, i32)| i64::from(px - x).pow(2) + i64::from(py - y).pow(2);
        self.points
            .iter()
            .map(|(id, inv, y)| (id, d2(self.coord.translate(&(*inv, *y)))))
            .filter(|(_, d)| *d <= i64::from(max_px).pow(2))
            .min_by_key(|(_, d)| *d)
            .map(|(id, _)| id.as_str())
    }

    /// A point's centre in device pixels.
    pub fn point_centre(&self, id: &str) -> Option<(i32, i32)> {
        let (_, inv, y) = self.points.iter().find(|(i, _, _)| i == id)?;
        Some(self.coord.translate(&(*inv, *y)))
    }

    /// Whether the x (investment) and y axes are logarithmic.
    pub fn log_axes(&self) -> (bool, bool) {
        (self.coord.x_spec().is_log(), self.coord.y_spec().is_log())
    }
}

impl Pick for ScatterLayout {
    fn pick(&self, px: (i32, i32)) -> Option<String> {
        self.nearest(px, self.pick_px).map(String::from)
    }
    fn anchor(&self, id: &str) -> Option<(i32, i32)> {
        self.point_centre(id)
    }
}

fn axis_title(word: ChartWord, log: bool, lang: Lang) -> String {
    let suffix = if log { chart_word(ChartWord::LogScale, lang) } else { "" };
    format!("{}{suffix}", chart_word(word, lang))
}

/// The selected point's name beside it, flipped to its left near the right edge.
fn draw_name<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    (px, py): (i32, i32),
    name: &str,
    style: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let font = (FONT, style.px(12.0)).into_font().color(&style.palette.ink);
    let offset = style.px(9.0) as i32;
    let width = root.estimate_text_size(name, &font).map(|(tw, _)| tw as i32).unwrap_or(0);
    let fits_right = px + offset + width <= root.dim_in_pixel().0 as i32;
    let (x, h) = if fits_right { (px + offset, HPos::Left) } else { (px - offset, HPos::Right) };
    root.draw(&Text::new(name.to_string(), (x, py - offset), font.pos(Pos::new(h, VPos::Bottom))))?;
    Ok(())
}

/// Draws the scatter; returns the layout for picking (`None` for the empty state).
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    points: &[ScatterPoint],
    y_word: ChartWord,
    style: &ChartStyle,
) -> Result<Option<ScatterLayout>, DrawingAreaErrorKind<DB::ErrorType>> {
    if draw_frame(root, style, points.is_empty())? {
        return Ok(None);
    }
    let (w, h) = root.dim_in_pixel();
    let font = |size: f64| (FONT, style.px(size)).into_font();

    let x = Scale::for_values(points.iter().map(|p| p.investment));
    let y = Scale::for_values(points.iter().map(|p| p.y));
    let (x_title, y_title) = (
        axis_title(ChartWord::ScatterX, x.is_log(), style.lang),
        axis_title(y_word, y.is_log(), style.lang),
    );
    // Each axis reads in one number style, chosen by its largest value.
    let (x_max, y_max) = points.iter().fold((0.0_f64, 0.0_f64), |(x, y), p| (x.max(p.investment), y.max(p.y)));
    // Jobs are counted; output and revenue are amounts of yuan.
    let y_unit = if y_word == ChartWord::ScatterY { Unit::Count } else { Unit::Yuan };
    let mut chart = ChartBuilder::on(root)
        .margin_top(style.px(30.0))
        .margin_right(style.px(16.0))
        .margin_left(style.px(4.0))
        .margin_bottom(style.px(22.0))
        .x_label_area_size(style.px(40.0))
        .y_label_area_size(style.px(64.0))
        .build_cartesian_2d(x, y)?;
    chart
        .configure_mesh()
        // Bold lines only: a log axis' minor lines would crowd the plot.
        .light_line_style(TRANSPARENT)
        .bold_line_style(style.palette.grid)
        .axis_style(style.palette.muted)
        .x_labels(6)
        .y_labels(6)
        .x_label_style(font(11.0).color(&style.palette.muted))
        .y_label_style(font(11.0).color(&style.palette.muted))
        .x_label_formatter(&|v| tick(*v, x_max, Unit::Yuan, style.lang))
        .y_label_formatter(&|v| tick(*v, y_max, y_unit, style.lang))
        .x_desc(x_title)
        .y_desc(y_title)
        .axis_desc_style(font(12.0).color(&style.palette.ink))
        .draw()?;

    let r = style.px(5.0);
    let stroke = style.px(1.5);
    // Selected last, so it sits on top of any neighbour.
    let order = points.iter().filter(|p| !p.selected).chain(points.iter().filter(|p| p.selected));
    chart.draw_series(order.map(|p| {
        let (colour, radius) = if p.selected { (style.palette.point_selected, r + style.px(2.0)) } else { (style.palette.point, r) };
        let shape = if p.derived { colour.stroke_width(stroke) } else { colour.filled() };
        Circle::new((p.investment, p.y), radius, shape)
    }))?;
    for p in points.iter().filter(|p| p.selected) {
        draw_name(root, chart.backend_coord(&(p.investment, p.y)), &p.label, style)?;
    }
    if points.iter().any(|p| p.derived) {
        let at = Pos::new(HPos::Right, VPos::Bottom);
        let note = font(11.0).color(&style.palette.muted).pos(at);
        let pos = (w as i32 - style.px(8.0) as i32, h as i32 - style.px(4.0) as i32);
        root.draw(&Text::new(chart_word(ChartWord::DerivedHollow, style.lang), pos, note))?;
    }
    root.present()?;
    let points = points.iter().map(|p| (p.id.clone(), p.investment, p.y)).collect();
    Ok(Some(ScatterLayout { coord: chart.as_coord_spec().clone(), points, pick_px: style.px(12.0) as i32 }))
}
