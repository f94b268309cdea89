//! Milestones on a month axis: one row per project, a marker per milestone (shape and colour by
//! kind) and a thin bar from its first milestone to its last.

use plotters::coord::types::RangedCoordf64;
use plotters::coord::{CoordTranslate, Shift};
use plotters::element::{EmptyElement, TriangleMarker};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::core::i18n::milestone_label;
use crate::core::model::MilestoneEvent;

use super::rows::RowsLayout;
use super::{draw_frame, draw_legend, fit_labels, ChartPalette, ChartStyle, FONT};

#[derive(Debug, Clone, PartialEq)]
pub struct TimelineMark {
    pub event: MilestoneEvent,
    pub year: i32,
    /// 1–12; `None` where the source gives the year alone: the mark sits mid-year, over a
    /// whisker across the whole year, so that it claims no month.
    pub month: Option<u32>,
    /// For tooltips, e.g. "一期投产 2023年底" / "Phase 1: Production 2023-12".
    pub label: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimelineRow {
    /// Project id, the value a click opens.
    pub id: String,
    pub label: String,
    /// In date order.
    pub marks: Vec<TimelineMark>,
    pub selected: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimelineData {
    /// The axis runs from January of `first_year` to December of `last_year`.
    pub first_year: i32,
    pub last_year: i32,
    pub rows: Vec<TimelineRow>,
    /// The projects in view with a date; `rows` holds the earliest of them, at most
    /// `chart_data::TIMELINE_ROWS`.
    pub dated: usize,
}

impl TimelineData {
    fn months(&self) -> f64 {
        f64::from((self.last_year - self.first_year + 1).max(1) * 12)
    }

    /// x of a month's middle, or of a year's middle for a year alone, in months since
    /// January of `first_year`.
    fn x_of(&self, year: i32, month: Option<u32>) -> f64 {
        let within = month.map_or(6.0, |m| f64::from(m) - 0.5);
        f64::from((year - self.first_year) * 12) + within
    }

    /// Whether any mark gives a year alone (the key then explains the whisker).
    pub fn has_years_alone(&self) -> bool {
        self.rows.iter().any(|r| r.marks.iter().any(|m| m.month.is_none()))
    }
}

pub type TimelineLayout = RowsLayout;

pub fn event_colour(e: MilestoneEvent, palette: &ChartPalette) -> RGBColor {
    match e {
        MilestoneEvent::Start => palette.milestone_start,
        MilestoneEvent::Production => palette.milestone_production,
        MilestoneEvent::Completion => palette.milestone_completion,
    }
}

/// Start is a triangle, production a circle, completion a square: told apart without colour.
/// `at` is in the area's own coordinates; the shape is sized in pixels around it.
fn draw_marker<DB: DrawingBackend, CT: CoordTranslate>(
    area: &DrawingArea<DB, CT>,
    e: MilestoneEvent,
    at: CT::From,
    r: i32,
    palette: &ChartPalette,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let style = event_colour(e, palette).filled();
    let base = EmptyElement::at(at);
    match e {
        MilestoneEvent::Start => area.draw(&(base + TriangleMarker::new((0, 0), r + r / 3, style))),
        MilestoneEvent::Production => area.draw(&(base + Circle::new((0, 0), r, style))),
        MilestoneEvent::Completion => area.draw(&(base + Rectangle::new([(-r, -r), (r, r)], style))),
    }
}

/// Draws the timeline; returns the layout for hit-testing (`None` for the empty state).
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &TimelineData,
    style: &ChartStyle,
) -> Result<Option<TimelineLayout>, DrawingAreaErrorKind<DB::ErrorType>> {
    if draw_frame(root, style, data.rows.is_empty())? {
        return Ok(None);
    }
    let font = |size: f64| (FONT, style.px(size)).into_font();

    // The label column takes what the longest name needs, up to 35% of the width.
    let (labels, label_w) = fit_labels(root, style, data.rows.iter().map(|r| r.label.as_str()), 0.35);

    let n = data.rows.len() as f64;
    let chart = ChartBuilder::on(root)
        .margin_top(style.px(48.0))
        .margin_right(style.px(12.0))
        .margin_left(style.px(4.0))
        .margin_bottom(style.px(28.0))
        .y_label_area_size(label_w + style.px(14.0))
        .build_cartesian_2d(0.0..data.months(), n..0.0)?;

    draw_bands(&chart, data, style.palette)?;
    draw_years(root, &chart, data, style)?;
    draw_rows(&chart, data, style)?;
    for (i, (row, label)) in data.rows.iter().zip(&labels).enumerate() {
        let (x0, y) = chart.backend_coord(&(0.0, i as f64 + 0.5));
        let weight = if row.selected { FontStyle::Bold } else { FontStyle::Normal };
        let ls = font(12.0).style(weight).color(&style.palette.ink).pos(Pos::new(HPos::Right, VPos::Center));
        root.draw(&Text::new(label.clone(), (x0 - style.px(6.0) as i32, y), ls))?;
    }
    draw_key(root, style)?;
    root.present()?;
    let ids = data.rows.iter().map(|r| r.id.clone()).collect();
    Ok(Some(RowsLayout::new(chart.as_coord_spec().clone(), ids, false)))
}

type Chart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The selected row's background, under the year lines.
fn draw_bands<DB: DrawingBackend>(
    chart: &Chart<'_, DB>,
    data: &TimelineData,
    palette: &ChartPalette,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    for (i, _) in data.rows.iter().enumerate().filter(|(_, r)| r.selected) {
        let y = i as f64;
        chart.plotting_area().draw(&Rectangle::new([(0.0, y), (data.months(), y + 1.0)], palette.row_selected.filled()))?;
    }
    Ok(())
}

/// Spans and markers, in chart coordinates.
fn draw_rows<DB: DrawingBackend>(
    chart: &Chart<'_, DB>,
    data: &TimelineData,
    style: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let area = chart.plotting_area();
    let months = data.months();
    for (i, row) in data.rows.iter().enumerate() {
        let y = i as f64;
        let xs: Vec<f64> = row.marks.iter().map(|m| data.x_of(m.year, m.month)).collect();
        let (lo, hi) = xs.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), x| (l.min(*x), h.max(*x)));
        if hi > lo {
            area.draw(&Rectangle::new([(lo, y + 0.42), (hi, y + 0.58)], style.palette.timeline_span.filled()))?;
        }
    }
    let r = style.px(5.0) as i32;
    for (i, row) in data.rows.iter().enumerate() {
        let y = i as f64 + 0.5;
        for m in row.marks.iter().filter(|m| m.month.is_none()) {
            let x0 = f64::from((m.year - data.first_year) * 12);
            let colour = event_colour(m.event, style.palette);
            let whisker = colour.stroke_width(style.px(2.0));
            area.draw(&PathElement::new(vec![(x0 + 0.3, y), (x0 + 11.7, y)], whisker))?;
            // Ticks in the chart's own coordinates (a row is one unit): no element type of their own.
            for x in [x0 + 0.3, x0 + 11.7] {
                area.draw(&PathElement::new(vec![(x, y - 0.12), (x, y + 0.12)], whisker))?;
            }
        }
    }
    for (i, row) in data.rows.iter().enumerate() {
        for m in row.marks.iter().filter(|m| (0.0..months).contains(&data.x_of(m.year, m.month))) {
            draw_marker(area, m.event, (data.x_of(m.year, m.month), i as f64 + 0.5), r, style.palette)?;
        }
    }
    Ok(())
}

/// A vertical line at each January and the year's number above its column.
fn draw_years<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Chart<'_, DB>,
    data: &TimelineData,
    style: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let area = chart.plotting_area();
    let n = data.rows.len() as f64;
    let text = (FONT, style.px(11.0)).into_font().color(&style.palette.muted).pos(Pos::new(HPos::Center, VPos::Bottom));
    for (k, year) in (data.first_year..=data.last_year).enumerate() {
        let x = (k * 12) as f64;
        area.draw(&PathElement::new(vec![(x, 0.0), (x, n)], style.palette.grid.stroke_width(style.px(1.0))))?;
        let (cx, top) = chart.backend_coord(&(x + 6.0, 0.0));
        root.draw(&Text::new(year.to_string(), (cx, top - style.px(4.0) as i32), text.clone()))?;
    }
    let end = data.months();
    area.draw(&PathElement::new(vec![(end, 0.0), (end, n)], style.palette.grid.stroke_width(style.px(1.0))))?;
    Ok(())
}

/// What the three markers mean.
fn draw_key<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    style: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let events = [MilestoneEvent::Start, MilestoneEvent::Production, MilestoneEvent::Completion];
    let labels = events.map(|e| milestone_label(e, style.lang));
    draw_legend(root, style, 12.0, 10.0, &labels, |i, (x, y), w| draw_marker(root, events[i], (x + w / 2, y), w / 2, style.palette))
}
