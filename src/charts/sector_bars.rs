//! Horizontal bars: investment by sector for the projects in view, largest on top.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::core::format::yuan_short;

use super::rows::RowsLayout;
use super::{draw_bar_axis, draw_frame, fit_labels, fit_value_label, nice_ceiling, ChartPalette, ChartStyle, FONT};

#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Sector slug, the value a click toggles.
    pub id: String,
    pub label: String,
    /// Investment in yuan.
    pub value: f64,
    /// The value as the reader sees it, e.g. "185亿元 · 2".
    pub value_label: String,
    pub selected: bool,
    /// Projects behind the bar.
    pub count: usize,
}

/// Where the bars landed: the first (largest) bar is the top row.
pub type BarsLayout = RowsLayout;

fn bar_colour(bar: &Bar, any_selected: bool, palette: &ChartPalette) -> RGBColor {
    match (any_selected, bar.selected) {
        (false, _) => palette.bar,
        (true, true) => palette.bar_selected,
        (true, false) => palette.bar_dimmed,
    }
}

/// Draws the chart; returns the layout for hit-testing (`None` for the empty state).
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    bars: &[Bar],
    style: &ChartStyle,
) -> Result<Option<BarsLayout>, DrawingAreaErrorKind<DB::ErrorType>> {
    if draw_frame(root, style, bars.is_empty() || bars.iter().all(|b| b.value <= 0.0))? {
        return Ok(None);
    }
    let w = root.dim_in_pixel().0;
    let font = |size: f64| (FONT, style.px(size)).into_font();

    // The label column takes what the longest label needs, up to 40% of the width.
    let (labels, widest) = fit_labels(root, style, bars.iter().map(|b| b.label.as_str()), 0.4);
    let label_w = widest + style.px(14.0);

    let n = bars.len() as f64;
    let max = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    // The axis ends at a round number just above the largest bar, whatever the language;
    // the value labels get a margin of their own to the right of it.
    let value_style = font(11.0);
    let value_w = bars
        .iter()
        .filter_map(|b| root.estimate_text_size(&b.value_label, &value_style.clone().into()).ok())
        .map(|(tw, _)| tw)
        .max()
        .unwrap_or(0)
        + style.px(10.0);
    let plot_w = f64::from(w.saturating_sub(label_w + style.px(16.0)));
    // At most half the width goes to the labels: a very long one is cut by the edge rather
    // than squeezing the bars to nothing.
    let value_w = value_w.min((plot_w / 2.0) as u32);
    let x_max = nice_ceiling(max);
    let mut chart = ChartBuilder::on(root)
        .margin_top(style.px(30.0))
        .margin_right(style.px(12.0) + value_w)
        .margin_left(style.px(4.0))
        .margin_bottom(style.px(4.0))
        .x_label_area_size(style.px(24.0))
        .y_label_area_size(label_w)
        .build_cartesian_2d(0.0..x_max, 0.0..n)?;
    draw_bar_axis(&mut chart, style, &|v| yuan_short(*v, style.lang))?;

    let any_selected = bars.iter().any(|b| b.selected);
    chart.draw_series(bars.iter().enumerate().map(|(i, b)| {
        let row = n - 1.0 - i as f64;
        Rectangle::new([(0.0, row + 0.18), (b.value.max(0.0), row + 0.82)], bar_colour(b, any_selected, style.palette).filled())
    }))?;

    let value_font = font(11.0).color(&style.palette.ink).pos(Pos::new(HPos::Left, VPos::Center));
    let right = Pos::new(HPos::Right, VPos::Center);
    for (i, (b, label)) in bars.iter().zip(&labels).enumerate() {
        let row = n - 1.0 - i as f64 + 0.5;
        let (x0, y) = chart.backend_coord(&(0.0, row));
        let (x1, _) = chart.backend_coord(&(b.value.max(0.0), row));
        let weight = if b.selected { FontStyle::Bold } else { FontStyle::Normal };
        let ls = font(12.0).style(weight).color(&style.palette.ink).pos(right);
        root.draw(&Text::new(label.clone(), (x0 - style.px(6.0) as i32, y), ls))?;
        // A label that would run past the edge (a phone, a long bar) drops its project
        // count, which the data table and the tooltip still give, rather than being cut.
        let text = fit_value_label(root, &b.value_label, &value_style, x1 + style.px(4.0) as i32, w as i32);
        root.draw(&Text::new(text.to_string(), (x1 + style.px(4.0) as i32, y), value_font.clone()))?;
    }
    root.present()?;
    Ok(Some(RowsLayout::new(chart.as_coord_spec().clone(), bars.iter().map(|b| b.id.clone()).collect(), true)))
}
