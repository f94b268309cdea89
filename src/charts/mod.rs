//! Chart drawing, generic over plotters' `DrawingBackend`: the browser draws on a
//! canvas, native tests draw the same functions to SVG and assert on the output.

pub mod district_map;
pub mod programme_share;
pub mod rows;
pub mod scatter;
pub mod sector_bars;
pub mod timeline;

use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::RGBColor;

/// What every chart needs besides its data.
#[derive(Debug, Clone)]
pub struct ChartStyle {
    /// Device pixels per CSS pixel: all sizes are multiplied by it so hi-DPI canvases stay crisp.
    pub scale: f64,
    pub title: String,
    pub lang: crate::core::model::Lang,
    /// Shown instead of axes when there is nothing to plot.
    pub empty_text: String,
    pub palette: &'static ChartPalette,
}

impl ChartStyle {
    /// A length in device pixels.
    pub fn px(&self, css: f64) -> u32 {
        (css * self.scale).round().max(1.0) as u32
    }
}

/// The page's own font stack (`style/main.css`), so that the charts' text looks like the
/// page's, and so that a canvas measures with fonts the page has already loaded: a bare
/// `sans-serif` made the browser search its fallbacks for every CJK label's first use
/// (15–30 ms per style on Linux, most of a chart's first draw).
pub const FONT: &str = "system-ui, -apple-system, 'Segoe UI', 'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

/// Every colour a chart draws with. The chart style carries one: `LIGHT` on screen in a
/// light scheme, in PNG downloads and in print; `DARK` on screen in a dark scheme.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartPalette {
    /// The chart's ground.
    pub ground: RGBColor,
    pub ink: RGBColor,
    pub muted: RGBColor,
    pub grid: RGBColor,
    pub bar: RGBColor,
    pub bar_selected: RGBColor,
    pub bar_dimmed: RGBColor,
    /// District map: five sequential classes, least to most investment in view.
    pub map_scale: [RGBColor; 5],
    /// A district with no investment in view.
    pub map_none: RGBColor,
    /// The thick frame around selected tiles.
    pub selected_border: RGBColor,
    pub point: RGBColor,
    pub point_selected: RGBColor,
    /// Milestone kinds, Okabe–Ito colours so they stay apart for colour-blind readers.
    pub milestone_start: RGBColor,
    pub milestone_production: RGBColor,
    pub milestone_completion: RGBColor,
    pub timeline_span: RGBColor,
    pub row_selected: RGBColor,
    pub programme_total: RGBColor,
    pub programme_named: RGBColor,
    pub programme_named_dimmed: RGBColor,
}

pub const LIGHT: ChartPalette = ChartPalette {
    ground: RGBColor(0xff, 0xff, 0xff),
    ink: RGBColor(0x1f, 0x29, 0x37),
    muted: RGBColor(0x6b, 0x72, 0x80),
    grid: RGBColor(0xe5, 0xe7, 0xeb),
    bar: RGBColor(0x25, 0x63, 0xeb),
    bar_selected: RGBColor(0x1e, 0x3a, 0x8a),
    bar_dimmed: RGBColor(0xbf, 0xd0, 0xf5),
    map_scale: [
        RGBColor(0xdb, 0xea, 0xfe),
        RGBColor(0x93, 0xc5, 0xfd),
        RGBColor(0x3b, 0x82, 0xf6),
        RGBColor(0x1d, 0x4e, 0xd8),
        RGBColor(0x1e, 0x3a, 0x8a),
    ],
    map_none: RGBColor(0xe2, 0xe8, 0xf0),
    selected_border: RGBColor(0x0f, 0x17, 0x2a),
    point: RGBColor(0x03, 0x69, 0xa1),
    point_selected: RGBColor(0xdc, 0x26, 0x26),
    milestone_start: RGBColor(0x00, 0x9e, 0x73),
    milestone_production: RGBColor(0x00, 0x72, 0xb2),
    milestone_completion: RGBColor(0xd5, 0x5e, 0x00),
    timeline_span: RGBColor(0xcb, 0xd5, 0xe1),
    row_selected: RGBColor(0xfe, 0xf3, 0xc7),
    programme_total: RGBColor(0xe0, 0xe7, 0xff),
    programme_named: RGBColor(0x37, 0x30, 0xa3),
    programme_named_dimmed: RGBColor(0xa5, 0xb4, 0xfc),
};

/// The dark scheme: light ink on a slate ground; the map's classes run from dark to light,
/// so more investment still reads as more contrast.
pub const DARK: ChartPalette = ChartPalette {
    ground: RGBColor(0x11, 0x18, 0x27),
    ink: RGBColor(0xe5, 0xe7, 0xeb),
    muted: RGBColor(0x9c, 0xa3, 0xaf),
    grid: RGBColor(0x37, 0x41, 0x51),
    bar: RGBColor(0x60, 0xa5, 0xfa),
    bar_selected: RGBColor(0xdb, 0xea, 0xfe),
    bar_dimmed: RGBColor(0x1e, 0x3a, 0x5f),
    map_scale: [
        RGBColor(0x1e, 0x3a, 0x5f),
        RGBColor(0x1d, 0x4e, 0xd8),
        RGBColor(0x3b, 0x82, 0xf6),
        RGBColor(0x93, 0xc5, 0xfd),
        RGBColor(0xdb, 0xea, 0xfe),
    ],
    map_none: RGBColor(0x4b, 0x55, 0x63),
    selected_border: RGBColor(0xf9, 0xfa, 0xfb),
    point: RGBColor(0x38, 0xbd, 0xf8),
    point_selected: RGBColor(0xf8, 0x71, 0x71),
    milestone_start: RGBColor(0x00, 0x9e, 0x73),
    milestone_production: RGBColor(0x56, 0xb4, 0xe9),
    milestone_completion: RGBColor(0xe6, 0x9f, 0x00),
    timeline_span: RGBColor(0x47, 0x55, 0x69),
    row_selected: RGBColor(0x42, 0x20, 0x06),
    programme_total: RGBColor(0x31, 0x2e, 0x81),
    programme_named: RGBColor(0xa5, 0xb4, 0xfc),
    programme_named_dimmed: RGBColor(0x43, 0x38, 0xca),
};

/// The value axis of a horizontal-bar chart, shared by the sector and programme charts:
/// x ticks and bold grid lines only, no row grid, no y axis (rows are labelled by hand).
/// `text` broken into lines no wider than `max_width` by `width`: at spaces, and between
/// Chinese characters or after `/ · & ? =` (a link has no spaces); a run with no break
/// is cut where it must be. Each input line starts a new line. For captions of
/// downloaded charts, which would otherwise run off the picture.
pub fn wrap_text(text: &str, max_width: f64, width: impl Fn(&str) -> f64) -> Vec<String> {
    let mut out = Vec::new();
    for para in text.lines() {
        let mut line = String::new();
        // Byte offset in `line` just after the last place it may break.
        let mut last_break: Option<usize> = None;
        for c in para.chars() {
            line.push(c);
            if width(&line) > max_width && line.chars().count() > 1 {
                let at = last_break.filter(|&b| b > 0 && b < line.len()).unwrap_or(line.len() - c.len_utf8());
                let rest = line.split_off(at);
                out.push(line.trim_end().to_string());
                line = rest.trim_start().to_string();
                last_break = None;
            }
            if c == ' ' || !c.is_ascii() || matches!(c, '/' | '·' | '&' | '?' | '=' | ',') {
                last_break = Some(line.len());
            }
        }
        if !line.trim().is_empty() {
            out.push(line.trim_end().to_string());
        }
    }
    out
}

/// The smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ at or above `v`: where a value axis ends, close to
/// the data (37.76 bn → 40 bn) and the same in every language.
pub fn nice_ceiling(v: f64) -> f64 {
    if !(v.is_finite() && v > 0.0) {
        return 1.0;
    }
    // The power of ten at or below `v`, by steps: no log10/powf code in the bundle.
    let mut unit = 1.0_f64;
    while unit * 10.0 <= v {
        unit *= 10.0;
    }
    while unit > v {
        unit /= 10.0;
    }
    [1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0].into_iter().map(|m| m * unit).find(|&c| c >= v * (1.0 - 1e-12)).unwrap_or(10.0 * unit)
}

pub fn draw_bar_axis<DB: DrawingBackend>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    style: &ChartStyle,
    format: &dyn Fn(&f64) -> String,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    // About one tick per 70 CSS px, so that a narrow axis (a phone) does not run its labels together.
    let ticks = ((f64::from(chart.plotting_area().dim_in_pixel().0) / (70.0 * style.scale)) as usize).clamp(3, 5);
    chart
        .configure_mesh()
        .disable_y_mesh()
        .disable_y_axis()
        .light_line_style(TRANSPARENT)
        .bold_line_style(style.palette.grid)
        .axis_style(style.palette.muted)
        .x_labels(ticks)
        .x_label_style((FONT, style.px(11.0)).into_font().color(&style.palette.muted))
        .x_label_formatter(format)
        .draw()
}

/// Every chart's start: a white ground and the title. With nothing to plot (`empty`),
/// the empty-state text goes in the middle instead of axes. Returns `empty`.
pub fn draw_frame<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    style: &ChartStyle,
    empty: bool,
) -> Result<bool, DrawingAreaErrorKind<DB::ErrorType>> {
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    root.fill(&style.palette.ground)?;
    let font = |size: f64| (FONT, style.px(size)).into_font();
    root.draw(&Text::new(style.title.clone(), (style.px(8.0) as i32, style.px(6.0) as i32), font(15.0).color(&style.palette.ink)))?;
    if empty {
        // Wrapped to the width, so a phone shows the whole message.
        let (w, h) = root.dim_in_pixel();
        let text = font(14.0).color(&style.palette.muted).pos(Pos::new(HPos::Center, VPos::Center));
        let max = f64::from(w.saturating_sub(style.px(24.0)));
        let lines = wrap_text(&style.empty_text, max, |s| root.estimate_text_size(s, &text).map_or(0.0, |(tw, _)| f64::from(tw)));
        let line = style.px(20.0) as i32;
        let top = h as i32 / 2 - line * (lines.len() as i32 - 1) / 2;
        for (i, l) in lines.into_iter().enumerate() {
            root.draw(&Text::new(l, (w as i32 / 2, top + line * i as i32), text.clone()))?;
        }
    }
    Ok(empty)
}

/// A value label that starts at `x` and must end by `right_edge`: its trailing " · " parts
/// (a project count, then an amount) are dropped until it fits, the first part always
/// kept. The data table and the tooltip keep the whole label.
pub fn fit_value_label<'a, DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    text: &'a str,
    font: &FontDesc<'_>,
    x: i32,
    right_edge: i32,
) -> &'a str {
    let style: TextStyle = font.clone().into();
    let fits = |t: &str| root.estimate_text_size(t, &style).map_or(true, |(w, _)| x + w as i32 <= right_edge);
    let mut shown = text;
    while !fits(shown) {
        match shown.rsplit_once(" · ") {
            Some((head, _)) => shown = head,
            None => break,
        }
    }
    shown
}

/// Row labels for a chart's label column, shortened to at most `max_share` of the width,
/// and the width the widest of them takes. Measured in bold, the widest a (selected)
/// label gets.
pub fn fit_labels<'a, DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    style: &ChartStyle,
    labels: impl Iterator<Item = &'a str>,
    max_share: f64,
) -> (Vec<String>, u32) {
    let max_label = (f64::from(root.dim_in_pixel().0) * max_share) as u32;
    let bold = (FONT, style.px(12.0)).into_font().style(FontStyle::Bold).color(&style.palette.ink);
    let fits = |s: &str| root.estimate_text_size(s, &bold).map(|(tw, _)| tw <= max_label).unwrap_or(true);
    let fitted: Vec<String> = labels.map(|l| fit_text(l, fits)).collect();
    let width = fitted.iter().filter_map(|l| root.estimate_text_size(l, &bold).ok()).map(|(tw, _)| tw).max().unwrap_or(0);
    (fitted, width)
}

/// Shortens `text` with an ellipsis until `fits` accepts it. Binary search: in the
/// browser every `fits` call is a text measurement (a forced layout).
pub fn fit_text(text: &str, fits: impl Fn(&str) -> bool) -> String {
    if fits(text) {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let cut = |n: usize| chars[..n].iter().collect::<String>() + "…";
    // Invariant: `lo` characters fit (0 always "fits" as a bare ellipsis), `hi` do not.
    let (mut lo, mut hi) = (0, chars.len());
    while hi - lo > 1 {
        let mid = (lo + hi) / 2;
        if fits(&cut(mid)) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    cut(lo)
}

/// What a drawn chart offers the UI: the mark under a pointer and where each mark
/// sits, both in device pixels and both from plotters' own coordinate mapping.
/// An arrow key's direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Up,
    Down,
    Left,
    Right,
}

/// The mark an arrow key moves to from mark `from`, by where the marks are drawn: the
/// nearest one lying in that direction, weighing distance across it twice as much as
/// distance along it (so ↓ on the tile map goes to the tile below, not the one beside).
/// `None` when no mark lies that way.
pub fn step_by_position(points: &[Option<(i32, i32)>], from: usize, step: Step) -> Option<usize> {
    let (x0, y0) = (*points.get(from)?)?;
    points
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != from)
        .filter_map(|(i, p)| {
            let (dx, dy) = (i64::from(p.as_ref()?.0 - x0), i64::from(p.as_ref()?.1 - y0));
            let (along, across) = match step {
                Step::Down => (dy, dx),
                Step::Up => (-dy, dx),
                Step::Right => (dx, dy),
                Step::Left => (-dx, dy),
            };
            (along > across.abs() / 2 && along > 0).then_some((along + 2 * across.abs(), i))
        })
        .min()
        .map(|(_, i)| i)
}

pub trait Pick {
    fn pick(&self, px: (i32, i32)) -> Option<String>;
    fn anchor(&self, id: &str) -> Option<(i32, i32)>;
}

/// A row of legend entries along the chart's bottom edge, `bottom` CSS px above it: for
/// each label, a swatch `swatch` CSS px wide drawn by `draw_swatch` (given the entry's
/// index and the swatch's left-centre point), then the label, then a gap.
pub fn draw_legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    style: &ChartStyle,
    bottom: f64,
    swatch: f64,
    labels: &[&str],
    mut draw_swatch: impl FnMut(usize, (i32, i32), i32) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    let (_, h) = root.dim_in_pixel();
    let text = (FONT, style.px(11.0)).into_font().color(&style.palette.muted).pos(Pos::new(HPos::Left, VPos::Center));
    let y = h as i32 - style.px(bottom) as i32;
    let width = style.px(swatch) as i32;
    let mut x = style.px(8.0) as i32;
    for (i, label) in labels.iter().enumerate() {
        draw_swatch(i, (x, y), width)?;
        x += width + style.px(4.0) as i32;
        root.draw(&Text::new(*label, (x, y), text.clone()))?;
        x += root.estimate_text_size(label, &text).map(|(tw, _)| tw as i32).unwrap_or(0) + style.px(14.0) as i32;
    }
    Ok(())
}
