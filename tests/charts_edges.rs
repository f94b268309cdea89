//! At a phone's chart width no chart draws text past the canvas edge: no clipped axis
//! ticks ("150 br"), legends or value labels, and no tile cutting its name or amount.
//! Text is measured by a stand-in for the browser's `measureText` (`text_width`), and
//! the charts lay themselves out with that same measure, as they do in the browser.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use plotters::prelude::*;
use plotters_backend::text_anchor::HPos;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontTransform};
use tongliao_explorer::charts::{district_map, programme_share, scatter, sector_bars, timeline, ChartStyle, LIGHT};
use tongliao_explorer::core::aggregate::sums_by_code;
use tongliao_explorer::core::chart_data::{district_tiles, programme_bars, scatter_points, timeline as timeline_data};
use tongliao_explorer::core::dataset::embedded;
use tongliao_explorer::core::filter::Facet;
use tongliao_explorer::core::i18n::{chart_word, ChartWord};
use tongliao_explorer::core::model::Lang;
use tongliao_explorer::core::query::Measure;

/// A drawn text's horizontal extent, in device pixels.
#[derive(Debug)]
struct Drawn {
    text: String,
    left: i32,
    right: i32,
}

/// Close to DejaVu Sans, Chromium's sans-serif on Debian, and a little wider: a CJK
/// character 1 em, a lower-case letter 0.55, a space 0.32, anything else 0.68; bold 8% more.
fn text_width(text: &str, size: f64, bold: bool) -> u32 {
    let em: f64 = text
        .chars()
        .map(|c| match c {
            c if c as u32 >= 0x2E80 => 1.0,
            'a'..='z' => 0.55,
            ' ' => 0.32,
            _ => 0.68,
        })
        .sum();
    (em * size * if bold { 1.08 } else { 1.0 }).ceil() as u32
}

fn is_bold<T: BackendTextStyle>(style: &T) -> bool {
    matches!(style.style(), plotters_backend::FontStyle::Bold)
}

/// An SVG backend that measures text as above and records where each text lands.
struct Recorder<'a> {
    inner: SVGBackend<'a>,
    drawn: Rc<RefCell<Vec<Drawn>>>,
}

impl DrawingBackend for Recorder<'_> {
    type ErrorType = <SVGBackend<'static> as DrawingBackend>::ErrorType;
    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.present()
    }
    fn draw_pixel(&mut self, p: BackendCoord, c: BackendColor) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_pixel(p, c)
    }
    fn draw_line<S: BackendStyle>(&mut self, a: BackendCoord, b: BackendCoord, s: &S) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_line(a, b, s)
    }
    fn draw_rect<S: BackendStyle>(&mut self, a: BackendCoord, b: BackendCoord, s: &S, fill: bool) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_rect(a, b, s, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, s: &S) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_path(path, s)
    }
    fn draw_circle<S: BackendStyle>(&mut self, c: BackendCoord, r: u32, s: &S, fill: bool) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_circle(c, r, s, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, v: I, s: &S) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.fill_polygon(v, s)
    }
    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, pos: BackendCoord) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        // Rotated text (the scatter's y title) runs along the edge, not across it.
        if matches!(style.transform(), FontTransform::None) {
            let w = text_width(text, style.size(), is_bold(style)) as i32;
            let left = match style.anchor().h_pos {
                HPos::Left => pos.0,
                HPos::Center => pos.0 - w / 2,
                HPos::Right => pos.0 - w,
            };
            self.drawn.borrow_mut().push(Drawn { text: text.to_string(), left, right: left + w });
        }
        self.inner.draw_text(text, style, pos)
    }
    fn estimate_text_size<T: BackendTextStyle>(&self, text: &str, style: &T) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        Ok((text_width(text, style.size(), is_bold(style)), style.size().ceil() as u32))
    }
}

/// Draws at (w, h) CSS pixels, 2× density as on a phone; returns every text drawn.
fn drawn_texts(
    (w, h): (u32, u32),
    draw: impl FnOnce(&DrawingArea<Recorder<'_>, plotters::coord::Shift>, &ChartStyle),
    lang: Lang,
) -> Vec<Drawn> {
    let scale = 2.0;
    let style = ChartStyle { scale, title: "Chart title".into(), lang, empty_text: "Nothing to plot".into(), palette: &LIGHT };
    let drawn = Rc::new(RefCell::new(Vec::new()));
    let mut svg = String::new();
    {
        let inner = SVGBackend::with_string(&mut svg, (w * 2, h * 2));
        let root = Recorder { inner, drawn: drawn.clone() }.into_drawing_area();
        draw(&root, &style);
    }
    let all = drawn.take();
    assert!(!all.is_empty(), "the chart drew some text");
    all
}

/// The texts past an edge of a chart drawn as `drawn_texts` does.
fn past_the_edges(
    (w, h): (u32, u32),
    draw: impl FnOnce(&DrawingArea<Recorder<'_>, plotters::coord::Shift>, &ChartStyle),
    lang: Lang,
) -> Vec<Drawn> {
    let width = (w * 2) as i32;
    drawn_texts((w, h), draw, lang).into_iter().filter(|d| d.left < 0 || d.right > width).collect()
}

/// The chart width of a 390 px phone (the card's padding taken off), and a narrower one.
const PHONE_WIDTHS: [u32; 2] = [334, 300];

/// A phone's map tile with no amount in view says so in a word that fits ("not stated",
/// 未披露), not as a cut "no amoun…"; a wide one says it in full.
#[test]
fn narrow_map_tiles_say_no_amount_whole() {
    let cat = embedded().expect("embedded dataset loads");
    // One project in view: every other district's tile states no amount.
    let rows = vec![0];
    for lang in [Lang::Zh, Lang::En] {
        let tiles = district_tiles(&cat, &sums_by_code(&cat, &rows, Facet::District), lang, &BTreeSet::new());
        assert!(tiles.iter().filter(|t| !t.stated).count() >= 7, "{lang:?}: most tiles state no amount");
        let short = chart_word(ChartWord::AmountNotStated, lang);
        for w in PHONE_WIDTHS {
            let texts = drawn_texts((w, 330), |r, s| { district_map::draw(r, &tiles, s).expect("draws"); }, lang);
            let cut: Vec<&str> = texts.iter().map(|d| d.text.as_str()).filter(|t| t.contains('…')).collect();
            assert!(cut.is_empty(), "{lang:?} {w}px: cut texts {cut:?}");
            let full = tongliao_explorer::core::i18n::texts(lang).no_amount;
            let shown = texts.iter().filter(|d| d.text == short || d.text == full).count();
            assert!(shown >= 7, "{lang:?} {w}px: {shown} tiles say {full:?} or {short:?}");
            // English "no amount stated" is far wider than a phone's tile.
            if lang == Lang::En {
                assert!(texts.iter().any(|d| d.text == short), "{w}px: {short:?} shown");
            }
        }
        let wide = drawn_texts((1400, 330), |r, s| { district_map::draw(r, &tiles, s).expect("draws"); }, lang);
        let full = tongliao_explorer::core::i18n::texts(lang).no_amount;
        assert!(wide.iter().any(|d| d.text == full), "{lang:?}: {full:?} in full on a wide map");
        assert!(!wide.iter().any(|d| d.text == short), "{lang:?}: no short word where the full one fits");
    }
}

#[test]
fn no_chart_draws_text_past_its_edge_on_a_phone() {
    let cat = embedded().expect("embedded dataset loads");
    let rows: Vec<usize> = (0..cat.ds.projects.len()).collect();
    let themes = tongliao_explorer::core::filter::counts(&cat, &Default::default()).themes;
    let mut cut = Vec::new();
    for lang in [Lang::Zh, Lang::En] {
        for w in PHONE_WIDTHS {
            let mut check = |name: &str, found: Vec<Drawn>| {
                cut.extend(found.into_iter().map(|d| format!("{lang:?} {w}px {name}: {:?} at {}..{}", d.text, d.left, d.right)));
            };
            let bars = programme_bars(&cat, &rows, &themes, lang, None);
            check("programme", past_the_edges((w, 70 + 54 * bars.len() as u32), |r, s| { programme_share::draw(r, &bars, s).expect("draws"); }, lang));
            let tiles = district_tiles(&cat, &sums_by_code(&cat, &rows, Facet::District), lang, &BTreeSet::new());
            check("map", past_the_edges((w, 330), |r, s| { district_map::draw(r, &tiles, s).expect("draws"); }, lang));
            // No tile cuts its name or its amount ("Left Mid…", "CNY 18.…").
            let cut_tiles = drawn_texts((w, 330), |r, s| { district_map::draw(r, &tiles, s).expect("draws"); }, lang);
            check("map tile", cut_tiles.into_iter().filter(|d| d.text.contains('…')).collect());
            for (m, word) in [(Measure::Jobs, ChartWord::ScatterY), (Measure::Output, ChartWord::ScatterYOutput), (Measure::Revenue, ChartWord::ScatterYRevenue)] {
                let points = scatter_points(&cat, &rows, lang, None, m);
                check("scatter", past_the_edges((w, 360), |r, s| { scatter::draw(r, &points, word, s).expect("draws"); }, lang));
            }
            let data = timeline_data(&cat, &rows, lang, None);
            check("timeline", past_the_edges((w, 90 + 45 * data.rows.len() as u32), |r, s| { timeline::draw(r, &data, s).expect("draws"); }, lang));
            // Sector bars whose axis ends at round amounts with long tick labels (150 bn, 1,500亿).
            for top in [150e9, 1.5e11 * 10.0, 37.76e9] {
                let bars: Vec<sector_bars::Bar> = [(top, 12), (top / 7.0, 4), (top / 40.0, 1)]
                    .iter()
                    .enumerate()
                    .map(|(i, &(value, count))| sector_bars::Bar {
                        id: format!("s{i}"),
                        label: if lang == Lang::Zh { "C 制造业".into() } else { "C Manufacturing".into() },
                        value,
                        value_label: tongliao_explorer::core::chart_data::amount_label(value, count, lang) + &format!(" · {count} projects"),
                        selected: false,
                        count,
                    })
                    .collect();
                check("sectors", past_the_edges((w, 64 + 30 * 3), |r, s| { sector_bars::draw(r, &bars, s).expect("draws"); }, lang));
            }
        }
    }
    assert!(cut.is_empty(), "text past the edge:\n{}", cut.join("\n"));
}

#[test]
fn a_narrow_tile_drops_the_currency_word_only() {
    use tongliao_explorer::charts::district_map::compact_amount;
    assert_eq!(compact_amount("CNY 18.5 bn").as_deref(), Some("18.5 bn"));
    assert_eq!(compact_amount("22.7亿元").as_deref(), Some("22.7亿"));
    assert_eq!(compact_amount("500万元").as_deref(), Some("500万"));
    assert_eq!(compact_amount("no amount stated"), None);
    assert_eq!(compact_amount("未披露金额"), None);
}
