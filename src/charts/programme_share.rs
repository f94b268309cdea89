//! Programme investment figures against what the named projects in view itemise: each figure is a
//! full-length light bar (100%), the named projects' sum a dark bar over it, on a share axis.

use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::core::format::trim_decimals;
use crate::core::i18n::{chart_word, ChartWord};

use super::rows::RowsLayout;
use super::{draw_bar_axis, draw_frame, draw_legend, fit_labels, fit_value_label, nice_ceiling, ChartPalette, ChartStyle, FONT};

#[derive(Debug, Clone, PartialEq)]
pub struct ProgrammeBar {
    /// Programme figure id, e.g. "key-projects-investment".
    pub id: String,
    pub label: String,
    /// The programme figure, in yuan.
    pub total: f64,
    /// As printed, e.g. "1762亿元" (English adds the amount in its units first).
    pub total_label: String,
    /// What the named projects in view add up to, in yuan; `None` where they do not itemise the figure.
    pub named: Option<f64>,
    /// e.g. "25.3% · 446.51亿元 · 21个项目", or "not itemised".
    pub share_label: String,
    pub selected: bool,
}

impl ProgrammeBar {
    /// Named sum ÷ programme figure (may exceed 1: the figures are not exhaustive lists).
    pub fn share(&self) -> Option<f64> {
        self.named.filter(|_| self.total > 0.0).map(|n| n / self.total)
    }
}

pub type ProgrammeLayout = RowsLayout;

fn named_colour(bar: &ProgrammeBar, any_selected: bool, palette: &ChartPalette) -> RGBColor {
    if any_selected && !bar.selected {
        palette.programme_named_dimmed
    } else {
        palette.programme_named
    }
}

/// The width of the widest share label, which gets a margin of its own right of the
/// plot: at most half the plot, so a very long label is cut by the edge rather than the
/// bars squeezed to nothing.
fn share_label_width<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, bars: &[ProgrammeBar], plot_w: u32, style: &ChartStyle) -> u32 {
    let font = (FONT, style.px(11.0)).into_font().color(&style.palette.ink);
    let label_px = bars
        .iter()
        .filter_map(|b| root.estimate_text_size(&b.share_label, &font).ok())
        .map(|(tw, _)| tw + style.px(12.0))
        .max()
        .unwrap_or(0);
    label_px.min(plot_w / 2)
}

/// Draws the chart; returns the layout for hit-testing (`None` for the empty state).
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    bars: &[ProgrammeBar],
    style: &ChartStyle,
) -> Result<Option<ProgrammeLayout>, DrawingAreaErrorKind<DB::ErrorType>> {
    if draw_frame(root, style, bars.iter().all(|b| b.total <= 0.0))? {
        return Ok(None);
    }
    let w = root.dim_in_pixel().0;

    // The label column takes what the longest label needs, up to 35% of the width. Where
    // a label would be cut (a phone), each row puts its label on a line of its own above
    // its bars instead, as wide as the chart.
    let (mut labels, mut label_w) = fit_labels(root, style, bars.iter().map(|b| b.label.as_str()), 0.35);
    let stacked = labels.iter().zip(bars).any(|(l, b)| *l != b.label);
    if stacked {
        labels = fit_labels(root, style, bars.iter().map(|b| b.label.as_str()), 0.95).0;
        label_w = 0;
    }

    let n = bars.len() as f64;
    let widest = bars.iter().filter_map(ProgrammeBar::share).fold(1.0_f64, f64::max);
    // The axis ends at a round share just above the longest bar (158% → 200%).
    let x_max = nice_ceiling(widest);
    let label_px = share_label_width(root, bars, w.saturating_sub(label_w + style.px(30.0)), style);
    let mut chart = ChartBuilder::on(root)
        .margin_top(style.px(30.0))
        .margin_right(style.px(12.0) + label_px)
        .margin_left(style.px(4.0))
        .margin_bottom(style.px(24.0))
        .x_label_area_size(style.px(24.0))
        .y_label_area_size(if stacked { style.px(8.0) } else { label_w + style.px(14.0) })
        .build_cartesian_2d(0.0..x_max, n..0.0)?;
    draw_bar_axis(&mut chart, style, &|v| format!("{}%", trim_decimals(v * 100.0, 0)))?;

    let any_selected = bars.iter().any(|b| b.selected);
    let valid = || bars.iter().enumerate().filter(|(_, b)| b.total > 0.0);
    let band = Band::of(stacked);
    chart.draw_series(valid().map(|(i, _)| {
        let y = i as f64;
        Rectangle::new([(0.0, y + band.total.0), (1.0, y + band.total.1)], style.palette.programme_total.filled())
    }))?;
    chart.draw_series(valid().filter_map(|(i, b)| {
        let y = i as f64;
        let colour = named_colour(b, any_selected, style.palette);
        b.share().filter(|s| *s > 0.0).map(|s| Rectangle::new([(0.0, y + band.named.0), (s, y + band.named.1)], colour.filled()))
    }))?;
    if stacked {
        draw_stacked_texts(root, &chart, bars, &labels, style)?;
    } else {
        draw_texts(root, &chart, bars, &labels, style)?;
    }
    draw_key(root, style)?;
    root.present()?;
    let ids = bars.iter().map(|b| b.id.clone()).collect();
    Ok(Some(RowsLayout::new(chart.as_coord_spec().clone(), ids, false)))
}

/// Row labels on the left, the printed figure inside the light bar's end, the share past the longer bar.
fn draw_texts<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &ChartContext<'_, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    bars: &[ProgrammeBar],
    labels: &[String],
    style: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let font = |size: f64| (FONT, style.px(size)).into_font();
    let right = Pos::new(HPos::Right, VPos::Center);
    let pad = style.px(6.0) as i32;
    for (i, (b, label)) in bars.iter().zip(labels).enumerate() {
        let row = i as f64 + 0.5;
        let (x0, y) = chart.backend_coord(&(0.0, row));
        let (x100, _) = chart.backend_coord(&(1.0, row));
        let (x_end, _) = chart.backend_coord(&(b.share().unwrap_or(0.0).max(1.0), row));
        let weight = if b.selected { FontStyle::Bold } else { FontStyle::Normal };
        root.draw(&Text::new(label.clone(), (x0 - pad, y), font(12.0).style(weight).color(&style.palette.ink).pos(right)))?;
        // Above the dark bar, so the printed figure stays legible whatever the share.
        let printed = font(10.0).color(&style.palette.muted).pos(Pos::new(HPos::Right, VPos::Bottom));
        root.draw(&Text::new(b.total_label.clone(), (x100 - pad / 2, y - style.px(7.0) as i32), printed))?;
        draw_share(root, b, (x_end + pad, y), root.dim_in_pixel().0 as i32, style)?;
    }
    Ok(())
}

/// The share, starting at `at` past the longer bar, left-centred; its trailing parts (the
/// count) give way at `right_edge` rather than being cut.
fn draw_share<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    b: &ProgrammeBar,
    at: (i32, i32),
    right_edge: i32,
    style: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let font = (FONT, style.px(11.0)).into_font();
    let share = fit_value_label(root, &b.share_label, &font, at.0, right_edge);
    root.draw(&Text::new(share.to_string(), at, font.color(&style.palette.ink).pos(Pos::new(HPos::Left, VPos::Center))))?;
    Ok(())
}

/// Where a row's two bars sit within its band (0 = top, 1 = bottom).
struct Band {
    total: (f64, f64),
    named: (f64, f64),
}

impl Band {
    fn of(stacked: bool) -> Band {
        if stacked {
            // The label and the printed figure take the top three fifths.
            Band { total: (0.6, 0.95), named: (0.68, 0.87) }
        } else {
            Band { total: (0.15, 0.85), named: (0.32, 0.68) }
        }
    }
}

/// The stacked rows, three lines each: the label, the printed figure in muted type, then
/// the bars with the share beside them. The labels run the chart's whole width.
fn draw_stacked_texts<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &ChartContext<'_, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    bars: &[ProgrammeBar],
    labels: &[String],
    style: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let font = |size: f64| (FONT, style.px(size)).into_font();
    let top_left = Pos::new(HPos::Left, VPos::Top);
    let pad = style.px(6.0) as i32;
    let right_edge = root.dim_in_pixel().0 as i32 - style.px(4.0) as i32;
    let band = Band::of(true);
    for (i, (b, label)) in bars.iter().zip(labels).enumerate() {
        let row = i as f64;
        let (x0, label_top) = chart.backend_coord(&(0.0, row + 0.04));
        let (_, printed_top) = chart.backend_coord(&(0.0, row + 0.32));
        let (x_end, bar_y) = chart.backend_coord(&(b.share().unwrap_or(0.0).max(1.0), row + (band.total.0 + band.total.1) / 2.0));
        let weight = if b.selected { FontStyle::Bold } else { FontStyle::Normal };
        root.draw(&Text::new(label.clone(), (x0, label_top), font(12.0).style(weight).color(&style.palette.ink).pos(top_left)))?;
        let printed = fit_value_label(root, &b.total_label, &font(10.0), x0, right_edge);
        root.draw(&Text::new(printed.to_string(), (x0, printed_top), font(10.0).color(&style.palette.muted).pos(top_left)))?;
        draw_share(root, b, (x_end + pad, bar_y), right_edge, style)?;
    }
    Ok(())
}

/// What the two bar colours mean.
fn draw_key<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    style: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let entries = [(style.palette.programme_total, ChartWord::ProgrammeFigure), (style.palette.programme_named, ChartWord::NamedInView)];
    let labels = entries.map(|(_, word)| chart_word(word, style.lang));
    draw_legend(root, style, 10.0, 12.0, &labels, |i, (x, y), w| {
        root.draw(&Rectangle::new([(x, y - w / 2), (x + w, y + w / 2)], entries[i].0.filled())).map(|_| ())
    })
}
