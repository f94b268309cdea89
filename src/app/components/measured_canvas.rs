//! plotters-canvas measures every label with a temporary DOM element: a forced layout of
//! the whole page each time, which was the largest part of start-up on a throttled phone
//! (the tile map's labels alone took 250 ms at 4× slowdown). This backend delegates all
//! drawing to it but measures text on an offscreen canvas (`measureText`, no layout), and
//! remembers each measurement, so redrawing five charts on a filter click measures only new text.

use std::cell::RefCell;
use std::collections::HashMap;

use plotters::prelude::DrawingBackend;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};
use plotters_canvas::CanvasBackend;

type CanvasError = <CanvasBackend as DrawingBackend>::ErrorType;

type Key = (String, String, u64, String);
/// Beyond this many remembered sizes the cache starts again (a user file can hold many names).
const MAX_ENTRIES: usize = 20_000;

thread_local! {
    static SIZES: RefCell<HashMap<Key, (u32, u32)>> = RefCell::new(HashMap::new());
    /// A detached canvas's context, for measuring only (never in the page).
    static RULER: Option<web_sys::CanvasRenderingContext2d> = ruler();
}

fn ruler() -> Option<web_sys::CanvasRenderingContext2d> {
    use wasm_bindgen::JsCast;
    let canvas = leptos::prelude::document().create_element("canvas").ok()?;
    canvas.dyn_into::<web_sys::HtmlCanvasElement>().ok()?.get_context("2d").ok()??.dyn_into().ok()
}

/// Width and height of `text` as the canvas will draw it: the advance width, and the font's
/// ascent plus descent (the box a line of it takes, as the DOM element measured).
fn measure<T: BackendTextStyle>(text: &str, style: &T) -> Option<(u32, u32)> {
    RULER.with(|r| {
        let ctx = r.as_ref()?;
        ctx.set_font(&format!("{} {}px {}", style.style().as_str(), style.size(), style.family().as_str()));
        let m = ctx.measure_text(text).ok()?;
        let height = m.font_bounding_box_ascent() + m.font_bounding_box_descent();
        Some((m.width().ceil() as u32, height.ceil() as u32))
    })
}

pub struct MeasuredCanvas(pub CanvasBackend);

impl DrawingBackend for MeasuredCanvas {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.0.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.0.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.0.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.0.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.0.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.0.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.0.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.0.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.0.fill_polygon(vert, style)
    }
    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, pos: BackendCoord) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.0.draw_text(text, style, pos)
    }
    fn estimate_text_size<T: BackendTextStyle>(&self, text: &str, style: &T) -> Result<(u32, u32), DrawingErrorKind<CanvasError>> {
        let key = (text.to_string(), style.family().as_str().to_string(), style.size().to_bits(), style.style().as_str().to_string());
        if let Some(size) = SIZES.with(|m| m.borrow().get(&key).copied()) {
            return Ok(size);
        }
        let size = match measure(text, style) {
            Some(size) => size,
            None => self.0.estimate_text_size(text, style)?,
        };
        SIZES.with(|m| {
            let mut m = m.borrow_mut();
            if m.len() >= MAX_ENTRIES {
                m.clear();
            }
            m.insert(key, size);
        });
        Ok(size)
    }
}
