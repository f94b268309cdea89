//! Chart drawing, generic over plotters' `DrawingBackend`: the browser draws on a
//! canvas, native tests draw the same functions to SVG and assert on the output.

pub mod sector_bars;

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
}

impl ChartStyle {
    /// A length in device pixels.
    pub fn px(&self, css: f64) -> u32 {
        (css * self.scale).round().max(1.0) as u32
    }
}

pub const INK: RGBColor = RGBColor(0x1f, 0x29, 0x37);
pub const MUTED: RGBColor = RGBColor(0x6b, 0x72, 0x80);
pub const GRID: RGBColor = RGBColor(0xe5, 0xe7, 0xeb);
pub const BAR: RGBColor = RGBColor(0x25, 0x63, 0xeb);
pub const BAR_SELECTED: RGBColor = RGBColor(0x1e, 0x3a, 0x8a);
pub const BAR_DIMMED: RGBColor = RGBColor(0xbf, 0xd0, 0xf5);
pub const FONT: &str = "sans-serif";

/// Shortens `text` with an ellipsis until `fits` accepts it.
pub fn fit_text(text: &str, fits: impl Fn(&str) -> bool) -> String {
    if fits(text) {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    for n in (1..chars.len()).rev() {
        let candidate: String = chars[..n].iter().collect::<String>() + "…";
        if fits(&candidate) {
            return candidate;
        }
    }
    "…".to_string()
}

/// What a drawn chart offers the UI: the mark under a pointer and where each mark
/// sits, both in device pixels and both from plotters' own coordinate mapping.
pub trait Pick {
    fn pick(&self, px: (i32, i32)) -> Option<String>;
    fn anchor(&self, id: &str) -> Option<(i32, i32)>;
}

impl Pick for sector_bars::BarsLayout {
    fn pick(&self, px: (i32, i32)) -> Option<String> {
        self.hit(px).map(String::from)
    }
    fn anchor(&self, id: &str) -> Option<(i32, i32)> {
        self.row_centre(id)
    }
}
