//! The chart drawing functions rendered natively to SVG.

use plotters::prelude::*;
use tongliao_explorer::charts::sector_bars::{draw, Bar};
use tongliao_explorer::charts::ChartStyle;
use tongliao_explorer::core::model::Lang;

fn bar(id: &str, label: &str, value: f64, selected: bool) -> Bar {
    Bar { id: id.into(), label: label.into(), value, value_label: format!("{label}-value"), selected, count: 1 }
}

fn style(scale: f64) -> ChartStyle {
    ChartStyle { scale, title: "Investment by sector".into(), lang: Lang::En, empty_text: "Nothing to plot".into(), palette: &tongliao_explorer::charts::LIGHT }
}

fn render(bars: &[Bar], scale: f64) -> (String, Option<tongliao_explorer::charts::sector_bars::BarsLayout>) {
    let mut svg = String::new();
    let layout = {
        let root = SVGBackend::with_string(&mut svg, ((640.0 * scale) as u32, (200.0 * scale) as u32)).into_drawing_area();
        draw(&root, bars, &style(scale)).expect("draws")
    };
    (svg, layout)
}

/// `<rect>` elements filled with a colour, as plotters-svg writes them.
fn rects_with(svg: &str, colour: &str) -> usize {
    svg.lines().filter(|l| l.contains("<rect") && l.to_ascii_uppercase().contains(&format!("FILL=\"{colour}\""))).count()
}

#[test]
fn one_bar_per_sector_with_labels() {
    let bars = [bar("manufacturing", "C Manufacturing", 37.76e9, false), bar("energy", "D Energy", 5.266e9, false), bar("mining", "B Mining", 0.925e9, false)];
    let (svg, layout) = render(&bars, 1.0);
    assert_eq!(rects_with(&svg, "#2563EB"), 3, "{svg}");
    for b in &bars {
        assert!(svg.contains(&b.label), "label {} missing", b.label);
        assert!(svg.contains(&b.value_label));
    }
    assert!(svg.contains("Investment by sector"));
    assert!(svg.contains("bn"), "axis ticks in CNY bn");
    // Clicking a bar's row resolves through plotters' own coordinate mapping.
    let layout = layout.expect("layout");
    for b in &bars {
        let centre = layout.row_centre(&b.id).unwrap();
        assert_eq!(layout.hit(centre), Some(b.id.as_str()));
    }
    assert_eq!(layout.hit((5, 5)), None, "the title is not a bar");
}

/// On a phone a long bar's value label would run past the edge: it drops its project
/// count (the data table has it), and a short bar's label stays whole.
#[test]
fn a_value_label_that_would_be_cut_drops_its_count() {
    let mut bars = [bar("c", "C Manufacturing", 37.76e9, false), bar("d", "D Utilities", 5.27e9, false)];
    bars[0].value_label = "CNY 37.76 bn · 10 projects".into();
    bars[1].value_label = "CNY 5.27 bn · 4 projects".into();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (280, 140)).into_drawing_area();
        draw(&root, &bars, &style(1.0)).expect("draws");
    }
    assert!(svg.contains("CNY 37.76 bn") && !svg.contains("10 projects"), "{svg}");
    assert!(svg.contains("CNY 5.27 bn · 4 projects"));
    // At the desktop width both keep their counts.
    let (wide, _) = render(&bars, 1.0);
    assert!(wide.contains("CNY 37.76 bn · 10 projects"));
}

#[test]
fn selection_highlights_and_dims() {
    let bars = [bar("a", "A", 3e9, true), bar("b", "B", 2e9, false), bar("c", "C", 1e9, false)];
    let (svg, _) = render(&bars, 1.0);
    assert_eq!(rects_with(&svg, "#1E3A8A"), 1);
    assert_eq!(rects_with(&svg, "#BFD0F5"), 2);
}

#[test]
fn the_axis_ends_just_above_the_largest_bar_in_both_languages() {
    use tongliao_explorer::charts::nice_ceiling;
    assert_eq!(nice_ceiling(37.76e9), 40e9);
    assert_eq!(nice_ceiling(377.6e8), 40e9);
    assert_eq!(nice_ceiling(4e9), 4e9);
    assert_eq!(nice_ceiling(4.1e9), 5e9);
    assert_eq!(nice_ceiling(1.0), 1.0);
    // The largest bar, with a long value label as in zh or en, fills most of the plot.
    for label in ["377.6亿元 · 5个项目", "CNY 37.76 bn · 5 projects"] {
        let mut big = bar("manufacturing", "C Manufacturing", 37.76e9, false);
        big.value_label = label.into();
        let bars = [big, bar("energy", "D Energy", 5.266e9, false)];
        let (svg, _) = render(&bars, 1.0);
        let widths: Vec<f64> = svg
            .lines()
            .filter(|l| l.contains("<rect") && l.contains("#2563EB"))
            .filter_map(|l| l.split("width=\"").nth(1)?.split('"').next()?.parse().ok())
            .collect();
        let axis_px = 640.0 - 16.0 - 4.0;
        assert!(widths[0] > axis_px * 0.45, "{label}: the largest bar is {} px of {axis_px}", widths[0]);
        assert!(svg.contains("40") && !svg.contains(">80"), "{label}: the axis ends at 40 bn, not 80");
    }
}

#[test]
fn larger_bars_are_longer_and_on_top() {
    let bars = [bar("big", "Big", 4e9, false), bar("small", "Small", 1e9, false)];
    let (svg, layout) = render(&bars, 1.0);
    let layout = layout.unwrap();
    assert!(layout.row_centre("big").unwrap().1 < layout.row_centre("small").unwrap().1);
    let widths: Vec<f64> = svg
        .lines()
        .filter(|l| l.contains("<rect") && l.contains("#2563EB"))
        .filter_map(|l| l.split("width=\"").nth(1)?.split('"').next()?.parse().ok())
        .collect();
    assert_eq!(widths.len(), 2);
    assert!((widths[0] / widths[1] - 4.0).abs() < 0.1, "{widths:?}");
}

#[test]
fn hi_dpi_scales_the_drawing() {
    let bars = [bar("a", "A", 3e9, false)];
    let (_, l1) = render(&bars, 1.0);
    let (_, l2) = render(&bars, 2.0);
    let (c1, c2) = (l1.unwrap().row_centre("a").unwrap(), l2.unwrap().row_centre("a").unwrap());
    assert!((c2.1 as f64 / c1.1 as f64 - 2.0).abs() < 0.1, "{c1:?} {c2:?}");
}

#[test]
fn empty_state_instead_of_axes() {
    for bars in [vec![], vec![bar("a", "A", 0.0, false)]] {
        let (svg, layout) = render(&bars, 1.0);
        assert!(layout.is_none());
        assert!(svg.contains("Nothing to plot"));
        assert_eq!(rects_with(&svg, "#2563EB"), 0);
    }
}

#[test]
fn chinese_labels_render_as_text() {
    let bars = [bar("manufacturing", "C 制造业", 1e9, false)];
    let mut s = style(1.0);
    s.lang = Lang::Zh;
    s.title = "各行业投资额".into();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (640, 200)).into_drawing_area();
        draw(&root, &bars, &s).unwrap();
    }
    assert!(svg.contains("C 制造业") && svg.contains("各行业投资额") && svg.contains("亿"));
}

/// A downloaded chart's caption wraps inside the picture instead of running off its edge.
#[test]
fn captions_wrap_to_the_width() {
    use tongliao_explorer::charts::wrap_text;
    let w = |s: &str| s.chars().map(|c| if c.is_ascii() { 1.0 } else { 2.0 }).sum::<f64>();
    let caption = "All projects (no filter)\nSource: newspaper page 2022 major project highlights · Tongliao 2026.11.29 · http://127.0.0.1:8080/?lang=en&v=2026.11.29";
    let lines = wrap_text(caption, 40.0, w);
    assert!(lines.len() >= 4, "{lines:?}");
    assert_eq!(lines[0], "All projects (no filter)");
    assert!(lines.iter().all(|l| w(l) <= 40.0), "{lines:?}");
    let joined: String = lines.concat().chars().filter(|c| !c.is_whitespace()).collect();
    let original: String = caption.chars().filter(|c| !c.is_whitespace()).collect();
    assert_eq!(joined, original, "nothing is lost");
    let zh = wrap_text("来源：报纸版面《2022年重大项目亮点》 · 通辽市", 10.0, w);
    assert!(zh.iter().all(|l| w(l) <= 10.0) && zh.len() > 2, "{zh:?}");
    assert_eq!(wrap_text("short", 40.0, w), ["short"]);
}

/// Arrow keys move by where marks are drawn: on a grid of tiles ↓ is the tile below.
#[test]
fn arrow_keys_step_by_position() {
    use tongliao_explorer::charts::{step_by_position, Step};
    // A 3 × 2 grid, row by row, with a gap at the bottom left.
    let grid = [Some((0, 0)), Some((10, 0)), Some((20, 0)), None, Some((10, 10)), Some((20, 10))];
    assert_eq!(step_by_position(&grid, 1, Step::Down), Some(4));
    assert_eq!(step_by_position(&grid, 2, Step::Down), Some(5));
    assert_eq!(step_by_position(&grid, 0, Step::Down), Some(4), "nearest below, a column over");
    assert_eq!(step_by_position(&grid, 4, Step::Up), Some(1));
    assert_eq!(step_by_position(&grid, 4, Step::Right), Some(5));
    assert_eq!(step_by_position(&grid, 5, Step::Left), Some(4));
    assert_eq!(step_by_position(&grid, 2, Step::Right), None, "nothing drawn to the right");
    assert_eq!(step_by_position(&grid, 0, Step::Up), None);
    // A column of bars: ↓ is the next bar.
    let bars = [Some((50, 10)), Some((30, 40)), Some((80, 70))];
    assert_eq!(step_by_position(&bars, 0, Step::Down), Some(1));
    assert_eq!(step_by_position(&bars, 1, Step::Down), Some(2));
}

/// On a phone-narrow chart the empty message wraps inside it and the axis keeps its
/// tick labels apart.
#[test]
fn narrow_charts_wrap_the_empty_message_and_thin_the_ticks() {
    let narrow = |bars: &[Bar], empty: &str| {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (220, 200)).into_drawing_area();
            let style = ChartStyle { empty_text: empty.into(), ..style(1.0) };
            draw(&root, bars, &style).expect("draws");
        }
        svg
    };
    let message = "Nothing to plot: no project in view states a planned date.";
    let svg = narrow(&[], message);
    let lines: Vec<&str> = svg.lines().filter(|l| l.contains("<text")).collect();
    assert!(lines.len() >= 3, "title and a wrapped message: {lines:?}");
    assert!(!svg.contains(message), "not on one line");
    let bars = [bar("manufacturing", "C Manufacturing", 37.76e9, false), bar("energy", "D Energy", 5.266e9, false)];
    let svg = narrow(&bars, message);
    let ticks = svg.matches(" bn<").count() + svg.matches(" bn\n").count();
    assert!((2..=3).contains(&ticks), "{ticks} tick labels on a narrow axis: a scale, not a crowd");
}

/// The chart style carries its palette: the dark one draws a dark ground and light ink,
/// the light one stays as it was (white ground, the colours the other tests check).
#[test]
fn charts_draw_in_the_palette_they_are_given() {
    use tongliao_explorer::charts::{DARK, LIGHT};
    let bars = [bar("manufacturing", "C Manufacturing", 37.76e9, true), bar("energy", "D Energy", 5.266e9, false)];
    let draw_in = |palette| {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (640, 200)).into_drawing_area();
            draw(&root, &bars, &ChartStyle { palette, ..style(1.0) }).expect("draws");
        }
        svg.to_ascii_uppercase()
    };
    let (light, dark) = (draw_in(&LIGHT), draw_in(&DARK));
    assert!(light.contains("FILL=\"#FFFFFF\"") && !light.contains("#111827"));
    assert!(dark.contains("FILL=\"#111827\"") && !dark.contains("FILL=\"#FFFFFF\""), "a dark ground");
    assert!(dark.contains("#DBEAFE") && dark.contains("#1E3A5F"), "selected and dimmed bars in dark");
    assert!(dark.contains("#E5E7EB"), "light ink");
}

#[test]
fn charts_draw_in_the_pages_font_stack() {
    // The canvas must ask for the fonts the page has loaded (see `FONT`): the same stack
    // as the root rule of main.css, with single quotes (it goes into SVG attributes too).
    let css = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/style/main.css")).expect("main.css");
    let root = css.split(":root").nth(1).expect("a :root rule");
    let stack = root.split("font-family:").nth(1).and_then(|s| s.split(';').next()).expect("a font-family in :root").trim();
    assert_eq!(stack.replace('"', "'"), tongliao_explorer::charts::FONT);
    let (svg, _) = render(&[bar("a", "C 制造", 10.0, false)], 1.0);
    assert!(svg.contains("font-family=\"system-ui, -apple-system, &apos;Segoe UI&apos;"), "the SVG names the stack");
}
