//! A plotters chart on a hi-DPI canvas: redraws when its data or the page size
//! changes, picks marks by pointer or keyboard, shows tooltips, downloads a PNG.

use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use leptos::{ev, html};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_canvas::CanvasBackend;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::measured_canvas::MeasuredCanvas;
use crate::charts::{step_by_position, wrap_text, Pick, Step, FONT, LIGHT};

/// Draws into the area at a device-pixel scale; returns what was drawn for picking.
pub type DrawFn = Rc<dyn Fn(&DrawingArea<MeasuredCanvas, Shift>, f64) -> Option<Box<dyn Pick>>>;

fn device_ratio() -> f64 {
    window().device_pixel_ratio().max(1.0)
}

/// Draws `draw` plus a caption strip onto a fresh canvas at 2× and saves it as a PNG.
/// The caption is wrapped to the picture's width, and the strip grows to hold it.
fn download_png(draw: &DrawFn, css_w: f64, css_h: f64, caption: &str, file_name: &str) -> Option<()> {
    const SCALE: f64 = 2.0;
    const LINE_PX: f64 = 16.0;
    let doc = document();
    let canvas: web_sys::HtmlCanvasElement = doc.create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width((css_w * SCALE) as u32);
    let font_px = (11.0 * SCALE) as u32;
    let lines = {
        let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        ctx.set_font(&format!("{font_px}px {FONT}"));
        let max = (css_w - 16.0) * SCALE;
        wrap_text(caption, max, |s| ctx.measure_text(s).map_or(0.0, |m| m.width()))
    };
    let caption_px = 8.0 + LINE_PX * lines.len() as f64;
    canvas.set_height(((css_h + caption_px) * SCALE) as u32);
    let root = MeasuredCanvas(CanvasBackend::with_canvas_object(canvas.clone())?).into_drawing_area();
    let (chart, strip) = root.split_vertically((css_h * SCALE) as i32);
    draw(&chart, SCALE);
    strip.fill(&crate::charts::LIGHT.ground).ok()?;
    let style = (FONT, font_px).into_font().color(&LIGHT.muted).pos(Pos::new(HPos::Left, VPos::Top));
    for (i, line) in lines.iter().enumerate() {
        let y = ((4.0 + LINE_PX * i as f64) * SCALE) as i32;
        strip.draw(&Text::new(line.clone(), ((8.0 * SCALE) as i32, y), style.clone())).ok()?;
    }
    root.present().ok()?;
    let url = canvas.to_data_url_with_type("image/png").ok()?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a").ok()?.dyn_into().ok()?;
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    Some(())
}

/// Draws on `scratch` (a canvas outside the document, made on first use) and copies the
/// result onto `canvas`. Setting a font on a canvas in the page makes the browser bring
/// the page's styles up to date first; a filter click has just changed the DOM, so every
/// label of every chart would pay for a style recalculation. A detached canvas does not.
fn draw_offscreen(
    canvas: &web_sys::HtmlCanvasElement,
    scratch: &StoredValue<Option<web_sys::HtmlCanvasElement>, LocalStorage>,
    draw: &DrawFn,
    dpr: f64,
) -> Option<Option<Box<dyn Pick>>> {
    if scratch.with_value(Option::is_none) {
        let fresh = document().create_element("canvas").ok()?.dyn_into::<web_sys::HtmlCanvasElement>().ok()?;
        scratch.set_value(Some(fresh));
    }
    let off = scratch.with_value(Clone::clone)?;
    if off.width() != canvas.width() || off.height() != canvas.height() {
        off.set_width(canvas.width());
        off.set_height(canvas.height());
    }
    let backend = CanvasBackend::with_canvas_object(off.clone()).map(MeasuredCanvas)?;
    let drawn = draw(&backend.into_drawing_area(), dpr);
    let ctx = canvas.get_context("2d").ok()??.dyn_into::<web_sys::CanvasRenderingContext2d>().ok()?;
    // "copy" replaces every pixel, so no separate clear is needed.
    ctx.set_global_composite_operation("copy").ok()?;
    let copied = ctx.draw_image_with_html_canvas_element(&off, 0.0, 0.0);
    ctx.set_global_composite_operation("source-over").ok()?;
    copied.ok()?;
    Some(drawn)
}

#[component]
pub fn ChartCanvas(
    draw: DrawFn,
    /// CSS height; the width follows the container.
    #[prop(into)]
    height: Signal<f64>,
    /// Accessible name of the chart.
    #[prop(into)]
    label: Signal<String>,
    #[prop(into)]
    testid: String,
    /// Mark ids in keyboard order.
    #[prop(into)]
    marks: Signal<Vec<String>>,
    /// Called with a mark id on click, Enter or Space.
    on_pick: Callback<String>,
    /// Tooltip text for a mark id.
    describe: Callback<String, String>,
    /// Two lines under the downloaded PNG: the active filter and the source.
    #[prop(into)]
    caption: Signal<String>,
    #[prop(into)]
    file_name: Signal<String>,
    #[prop(into)]
    download_label: Signal<String>,
) -> impl IntoView {
    let canvas_ref = NodeRef::<html::Canvas>::new();
    let layout = StoredValue::new_local(None::<Box<dyn Pick>>);
    let size = RwSignal::new((0.0_f64, 0.0_f64));
    // The mark under the pointer or keyboard focus, and where to show its tooltip (CSS px).
    let focused = RwSignal::new(None::<(String, f64, f64)>);
    // `None` until drawn: the attribute is absent, so "not drawn yet" never reads as "no marks".
    let anchors = RwSignal::new(None::<String>);
    let printing = crate::app::state::use_app().printing;

    // The container's width, as a ResizeObserver reports it after the browser's own
    // layout. Reading it from the DOM instead would force a layout of the whole page, at
    // start-up and on every redraw.
    let width = RwSignal::new(None::<f64>);
    Effect::new(move |_| {
        let Some(parent) = canvas_ref.get().and_then(|c| c.parent_element()) else { return };
        let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let Ok(entry) = entries.get(0).dyn_into::<web_sys::ResizeObserverEntry>() else { return };
            let w = entry.content_rect().width().floor().max(260.0);
            if width.get_untracked() != Some(w) {
                // Each chart draws in its own task rather than all of them in the browser's
                // one resize step (a long task at start-up).
                set_timeout(
                    move || {
                        let _ = width.try_set(Some(w));
                    },
                    Duration::ZERO,
                );
            }
        });
        let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) else { return };
        observer.observe(&parent);
        // The observer holds the callback: both go when the chart does.
        let kept = SendWrapper::new((observer, on_resize));
        on_cleanup(move || kept.take().0.disconnect());
    });

    // Whether the chart is on screen or near it. A chart out of view is not redrawn on a
    // filter click, only once it comes into view: a click at the top of the page draws two, not five.
    let near_view = RwSignal::new(false);
    Effect::new(move |_| {
        let Some(canvas) = canvas_ref.get() else { return };
        let on_change = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            // The last entry is the newest state.
            let last = entries.iter().filter_map(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok()).next_back();
            if let Some(entry) = last {
                // While printing every chart stays drawn, wherever the print layout puts it.
                if printing.get_untracked() {
                    return;
                }
                // The observers of all charts report in one step: each chart comes into
                // view, and draws, in a task of its own.
                let near = entry.is_intersecting();
                set_timeout(
                    move || {
                        // Printing may have begun meanwhile: then the chart stays drawn.
                        if printing.try_get_untracked() == Some(false) && near_view.try_get_untracked().is_some_and(|was| was != near) {
                            near_view.set(near);
                        }
                    },
                    Duration::ZERO,
                );
            }
        });
        let options = web_sys::IntersectionObserverInit::new();
        // Drawn a little before it scrolls in, so a reader never sees a stale chart.
        options.set_root_margin("400px 0px");
        let Ok(observer) = web_sys::IntersectionObserver::new_with_options(on_change.as_ref().unchecked_ref(), &options)
        else {
            // Without the observer every chart is drawn, as before.
            near_view.set(true);
            return;
        };
        observer.observe(&canvas);
        // A printout shows every chart: all are drawn for printing, and afterwards
        // observing afresh reports again which are in view.
        let again = SendWrapper::new((observer.clone(), canvas.clone()));
        Effect::new(move |was: Option<bool>| {
            let now = printing.get();
            if now {
                near_view.set(true);
            } else if was == Some(true) {
                let (observer, canvas) = &*again;
                observer.unobserve(canvas);
                observer.observe(canvas);
            }
            now
        });
        let kept = SendWrapper::new((observer, on_change));
        on_cleanup(move || {
            kept.take().0.disconnect();
        });
    });

    let redraw = draw.clone();
    // The chart is drawn on a canvas outside the page, then copied in one step (see
    // `draw_offscreen`).
    let scratch = StoredValue::new_local(None::<web_sys::HtmlCanvasElement>);
    Effect::new(move |_| {
        // The marks derive from the chart's data: tracked always, so a change out of view
        // withdraws the anchors (they would be stale), and coming into view draws afresh.
        marks.track();
        if !near_view.get() {
            if anchors.with_untracked(Option::is_some) {
                anchors.set(None);
            }
            return;
        }
        let Some(css_w) = width.get() else { return };
        let Some(canvas) = canvas_ref.get() else { return };
        let dpr = device_ratio();
        let css_h = height.get();
        let (w, h) = ((css_w * dpr).round() as u32, (css_h * dpr).round() as u32);
        // Resizing a canvas reallocates it; the draw functions clear it themselves.
        if canvas.width() != w || canvas.height() != h {
            canvas.set_width(w);
            canvas.set_height(h);
            let css = web_sys::HtmlElement::style(&canvas);
            let _ = css.set_property("width", &format!("{css_w}px"));
            let _ = css.set_property("height", &format!("{css_h}px"));
        }
        size.set((css_w, css_h));
        let Some(drawn) = draw_offscreen(&canvas, &scratch, &redraw, dpr) else { return };
        // Each mark's anchor in CSS pixels, from the chart's own mapping: lets tests
        // and assistive tooling find a mark without a second hit model.
        let text = drawn
            .as_ref()
            .map(|l| {
                marks
                    .get_untracked()
                    .iter()
                    .filter_map(|id| l.anchor(id).map(|(x, y)| format!("{id}:{}:{}", (x as f64 / dpr).round(), (y as f64 / dpr).round())))
                    .collect::<Vec<_>>()
                    .join(",")
            })
            .unwrap_or_default();
        anchors.set(Some(text));
        layout.set_value(drawn);
        focused.set(None);
    });

    let pick_at = move |ev: &ev::MouseEvent| {
        let dpr = device_ratio();
        let px = ((ev.offset_x() as f64) * dpr) as i32;
        let py = ((ev.offset_y() as f64) * dpr) as i32;
        layout.with_value(|l| l.as_ref().and_then(|l| l.pick((px, py))))
    };
    let show = move |id: Option<String>| {
        let dpr = device_ratio();
        focused.set(id.and_then(|id| {
            let (x, y) = layout.with_value(|l| l.as_ref().and_then(|l| l.anchor(&id)))?;
            Some((id, x as f64 / dpr, y as f64 / dpr))
        }));
    };
    let on_click = move |ev: ev::MouseEvent| {
        if let Some(id) = pick_at(&ev) {
            on_pick.run(id);
        }
    };
    let on_move = move |ev: ev::MouseEvent| show(pick_at(&ev));
    let on_key = move |ev: ev::KeyboardEvent| {
        let list = marks.get_untracked();
        if list.is_empty() {
            return;
        }
        let current = focused.get_untracked().and_then(|(id, _, _)| list.iter().position(|m| *m == id));
        // Arrows move by where the marks are drawn (↓ on the map is the tile below); from
        // no mark they start at the first. Where none lies that way, the focus stays.
        let by_position = |step: Step| {
            let Some(from) = current else { return Some(0) };
            let points: Vec<Option<(i32, i32)>> =
                layout.with_value(|l| list.iter().map(|id| l.as_ref().and_then(|l| l.anchor(id))).collect());
            Some(step_by_position(&points, from, step).unwrap_or(from))
        };
        let next = match ev.key().as_str() {
            "ArrowDown" => by_position(Step::Down),
            "ArrowUp" => by_position(Step::Up),
            "ArrowRight" => by_position(Step::Right),
            "ArrowLeft" => by_position(Step::Left),
            "Home" => Some(0),
            "End" => Some(list.len() - 1),
            "Enter" | " " => {
                if let Some(i) = current {
                    ev.prevent_default();
                    on_pick.run(list[i].clone());
                }
                None
            }
            "Escape" => {
                focused.set(None);
                None
            }
            _ => None,
        };
        if let Some(i) = next {
            ev.prevent_default();
            show(Some(list[i].clone()));
        }
    };
    let save = move |_| {
        let (w, h) = size.get_untracked();
        // A picture for documents: always the light palette.
        let _ = crate::app::theme::in_light(|| download_png(&draw, w, h, &caption.get_untracked(), &file_name.get_untracked()));
    };
    // Near either edge the tooltip is anchored at its own edge rather than its middle, so
    // the label stays inside the chart instead of being cut by the page.
    let tooltip = move || {
        focused.get().map(|(id, x, y)| {
            let text = describe.run(id);
            let w = size.get_untracked().0;
            let side = if x < w * 0.3 { "tooltip from-left" } else if x > w * 0.7 { "tooltip from-right" } else { "tooltip" };
            view! {
                <div class=side aria-hidden="true" style:left=format!("{x}px") style:top=format!("{y}px")>{text}</div>
            }
        })
    };
    view! {
        <div class="canvas-wrap">
            <canvas
                node_ref=canvas_ref
                role="img"
                tabindex="0"
                data-testid=testid.clone()
                // The height is known before the chart is drawn (a chart out of view waits):
                // reserving it keeps the page from shifting and lets Back scroll to the list.
                style:height=move || format!("{}px", height.get())
                data-marks=move || marks.get().join(",")
                data-anchors=move || anchors.get()
                aria-label=move || label.get()
                on:click=on_click
                on:mousemove=on_move
                on:mouseleave=move |_| focused.set(None)
                on:keydown=on_key
                on:blur=move |_| focused.set(None)
            ></canvas>
            {tooltip}
            // One live region that stays in the page, so a screen reader announces each mark
            // the keyboard moves to (a region inserted with its text often goes unread).
            <p class="visually-hidden" role="status" aria-live="polite" data-testid=format!("{testid}-focus")>
                {move || focused.get().map(|(id, _, _)| describe.run(id)).unwrap_or_default()}
            </p>
        </div>
        <button class="download" on:click=save>{move || download_label.get()}</button>
    }
}
