//! The map, scatter, timeline and programme charts rendered natively to SVG, and their inputs
//! computed from the embedded dataset.

use std::collections::BTreeSet;

use plotters::prelude::*;
use tongliao_explorer::charts::district_map::{self, DistrictTile, MapLayout};
use tongliao_explorer::charts::programme_share::{self, ProgrammeBar, ProgrammeLayout};
use tongliao_explorer::charts::scatter::{self, ScatterLayout, ScatterPoint};
use tongliao_explorer::charts::timeline::{self, TimelineData, TimelineLayout, TimelineMark, TimelineRow};
use tongliao_explorer::charts::ChartStyle;
use tongliao_explorer::core::chart_data::{district_tiles, parse_date, programme_bars, scatter_points, timeline};
use tongliao_explorer::core::aggregate::sums_by_code;
use tongliao_explorer::core::dataset::{embedded, Catalog};
use tongliao_explorer::core::filter::Facet;
use tongliao_explorer::core::i18n::ChartWord;
use tongliao_explorer::core::model::{Lang, MilestoneEvent};
use tongliao_explorer::core::query::Measure;

// ---------- helpers ----------

fn catalog() -> Catalog {
    embedded().expect("embedded dataset loads")
}

/// Every theme's totals with no filter, as `Counts::themes` gives them.
fn all_themes(cat: &Catalog) -> Vec<tongliao_explorer::core::aggregate::Totals> {
    tongliao_explorer::core::filter::counts(cat, &Default::default()).themes
}

fn all_rows(cat: &Catalog) -> Vec<usize> {
    (0..cat.ds.projects.len()).collect()
}

fn style(scale: f64, lang: Lang) -> ChartStyle {
    ChartStyle { scale, title: "Chart title".into(), lang, empty_text: "Nothing to plot".into(), palette: &tongliao_explorer::charts::LIGHT }
}

/// Renders a chart at `scale` × (w, h) CSS pixels into an SVG string.
fn render<L>(
    (w, h): (u32, u32),
    scale: f64,
    draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, plotters::coord::Shift>) -> L,
) -> (String, L) {
    let mut svg = String::new();
    let layout = {
        let size = ((f64::from(w) * scale) as u32, (f64::from(h) * scale) as u32);
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        draw(&root)
    };
    (svg, layout)
}

/// One SVG element's attributes, as plotters-svg writes them (one element per line).
struct El(String);

impl El {
    fn attr(&self, name: &str) -> Option<&str> {
        self.0.split(&format!(" {name}=\"")).nth(1)?.split('"').next()
    }
    fn num(&self, name: &str) -> f64 {
        self.attr(name).and_then(|v| v.parse().ok()).unwrap_or(f64::NAN)
    }
    fn fill(&self) -> String {
        self.attr("fill").unwrap_or_default().to_ascii_uppercase()
    }
    fn stroke(&self) -> String {
        self.attr("stroke").unwrap_or_default().to_ascii_uppercase()
    }
}

fn elements(svg: &str, tag: &str) -> Vec<El> {
    let open = format!("<{tag} ");
    svg.lines().filter(|l| l.trim_start().starts_with(&open)).map(|l| El(l.to_string())).collect()
}

fn count_filled(svg: &str, tag: &str, colour: &str) -> usize {
    elements(svg, tag).iter().filter(|e| e.fill() == colour).count()
}

// ---------- chart_data on the embedded dataset ----------

#[test]
fn district_tiles_cover_every_district() {
    let cat = catalog();
    let rows = all_rows(&cat);
    let tiles = district_tiles(&cat, &sums_by_code(&cat, &rows, Facet::District), Lang::Zh, &BTreeSet::new());
    assert_eq!(tiles.len(), cat.ds.districts.len());
    assert_eq!(tiles.len(), 9);
    let kailu = tiles.iter().find(|t| t.id == "kailu").unwrap();
    // The Jinyufeng park (120亿元) and the doxycycline plant (no amount) are both in Kailu.
    assert_eq!(kailu.count, 2);
    assert_eq!(kailu.investment, 12_000_000_000.0);
    assert_eq!(kailu.value_label, "120亿元");
    assert_eq!(kailu.count_label, "2个项目");
    assert_eq!(kailu.label, "开鲁县");
    assert_eq!((kailu.col, kailu.row), (1, 1));
    let etdz = tiles.iter().find(|t| t.id == "tongliao-etdz").unwrap();
    assert_eq!(etdz.investment, 7_100_000_000.0, "derived phase sum counts");
    assert!(tiles.iter().all(|t| !t.selected));
    // 11 of the 21 projects state a district.
    assert_eq!(tiles.iter().map(|t| t.count).sum::<usize>(), 11);
}

#[test]
fn district_tiles_keep_empty_districts_and_mark_selection() {
    let cat = catalog();
    // Only the energy sector in view: Kailu has no energy project but keeps its tile.
    let rows: Vec<usize> = all_rows(&cat).into_iter().filter(|&i| *cat.ds.projects[i].sector == *"energy").collect();
    let selected: BTreeSet<String> = ["jarud".to_string()].into();
    let tiles = district_tiles(&cat, &sums_by_code(&cat, &rows, Facet::District), Lang::En, &selected);
    assert_eq!(tiles.len(), 9);
    let kailu = tiles.iter().find(|t| t.id == "kailu").unwrap();
    assert_eq!((kailu.count, kailu.investment), (0, 0.0));
    assert_eq!(kailu.value_label, "no amount stated");
    assert_eq!(kailu.count_label, "0 projects");
    let jarud = tiles.iter().find(|t| t.id == "jarud").unwrap();
    assert!(jarud.selected && jarud.count == 1);
    assert_eq!(jarud.value_label, "CNY 3 bn");
    assert_eq!(tiles.iter().filter(|t| t.selected).count(), 1);
}

#[test]
fn scatter_has_a_point_per_project_with_both_numbers() {
    let cat = catalog();
    let rows = all_rows(&cat);
    let points = scatter_points(&cat, &rows, Lang::Zh, Some("hure-xiexin-lead-zinc-mine"), Measure::Jobs);
    let expected: Vec<&str> = cat
        .ds
        .projects
        .iter()
        .zip(&cat.rows)
        .filter(|(_, r)| r.investment.is_some() && r.jobs.is_some())
        .map(|(p, _)| p.id.as_str())
        .collect();
    let ids: Vec<&str> = points.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, expected);
    assert_eq!(
        ids,
        [
            "horqin-longma-wind-equipment-park",
            "kailu-jinyufeng-corn-circular-park",
            "hure-xiexin-lead-zinc-mine",
            "etdz-haineng-nimh-battery",
            "holingol-chuangyuan-aluminium-alloy"
        ]
    );
    let etdz = points.iter().find(|p| p.id == "etdz-haineng-nimh-battery").unwrap();
    assert!(etdz.derived, "10亿 + 61亿 summed from the phases");
    assert_eq!((etdz.investment, etdz.y), (7_100_000_000.0, 1500.0));
    assert_eq!(points.iter().filter(|p| p.derived).count(), 1);
    let longma = &points[0];
    assert_eq!(longma.value_label, "185亿元 · 近1万人");
    assert_eq!(
        points.iter().filter(|p| p.selected).map(|p| p.id.as_str()).collect::<Vec<_>>(),
        ["hure-xiexin-lead-zinc-mine"]
    );
}

#[test]
fn timeline_has_a_row_per_project_with_milestones() {
    let cat = catalog();
    let rows = all_rows(&cat);
    let data = timeline(&cat, &rows, Lang::Zh, None);
    assert_eq!((data.first_year, data.last_year), (2022, 2025));
    let with_milestones = cat.ds.projects.iter().filter(|p| !p.milestones.is_empty()).count();
    assert_eq!(data.rows.len(), with_milestones);
    // Earliest first; the two May 2022 rows keep dataset order.
    let ids: Vec<&str> = data.rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "horqin-left-rear-tianyang-silica-sand",
            "holingol-chuangyuan-aluminium-alloy",
            "hure-xiexin-lead-zinc-mine",
            "etdz-haineng-nimh-battery"
        ]
    );
    let etdz = data.rows.last().unwrap();
    assert_eq!(etdz.marks.len(), 2);
    assert_eq!((etdz.marks[0].year, etdz.marks[0].month), (2023, Some(12)));
    assert_eq!((etdz.marks[1].year, etdz.marks[1].month), (2024, Some(12)));
    assert!(etdz.marks.iter().all(|m| m.event == MilestoneEvent::Production));
    assert_eq!(etdz.marks[0].label, "一期投产 2023年底");
    let en = timeline(&cat, &rows, Lang::En, Some("etdz-haineng-nimh-battery"));
    let etdz = en.rows.last().unwrap();
    assert!(etdz.selected);
    assert_eq!(etdz.marks[1].label, "Phase 2: Production 2024-12");
    assert_eq!(en.rows.iter().filter(|r| r.selected).count(), 1);
}

/// A list with more dated projects than the chart has rows draws the earliest, in the
/// order the uncapped timeline has them, and counts them all.
#[test]
fn a_long_timeline_draws_its_earliest_rows_and_counts_the_rest() {
    use tongliao_explorer::core::chart_data::TIMELINE_ROWS;
    let mut ds = catalog().ds;
    let dated: Vec<_> = ds.projects.iter().filter(|p| !p.milestones.is_empty()).cloned().collect();
    // Copies a year apart, each year's in dataset order, so that dates tie across copies too.
    for copy in 1..=15 {
        for p in &dated {
            let mut p = p.clone();
            p.id = format!("{}-copy-{copy}", p.id);
            for m in &mut p.milestones {
                let (y, rest) = m.date.split_once('-').unwrap();
                m.date = format!("{}-{rest}", y.parse::<i32>().unwrap() + copy % 4);
            }
            ds.projects.push(p);
        }
    }
    let cat = Catalog::new(ds).expect("the copies validate");
    let rows = all_rows(&cat);
    let data = timeline(&cat, &rows, Lang::En, None);
    assert_eq!(data.dated, dated.len() * 16);
    assert_eq!(data.rows.len(), TIMELINE_ROWS);
    // The uncapped order, by brute force: first date, then place in `rows`.
    let mut all: Vec<((i32, Option<u32>), usize)> = rows
        .iter()
        .enumerate()
        .filter_map(|(k, &i)| cat.ds.projects[i].milestones.iter().filter_map(|m| parse_date(&m.date)).min().map(|d| (d, k)))
        .collect();
    all.sort();
    let want: Vec<&str> = all.iter().take(TIMELINE_ROWS).map(|&(_, k)| cat.ds.projects[rows[k]].id.as_str()).collect();
    assert_eq!(data.rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), want);
    // The axis spans what is drawn.
    assert!(data.rows.iter().all(|r| r.marks.iter().all(|m| (data.first_year..=data.last_year).contains(&m.year))));
    // Under the cap, nothing is left out.
    let few = timeline(&cat, &rows[..21], Lang::En, None);
    assert_eq!(few.rows.len(), few.dated);
}

#[test]
fn timeline_of_no_milestones_is_empty_but_keeps_its_years() {
    let cat = catalog();
    let data = timeline(&cat, &[0], Lang::Zh, None);
    assert!(data.rows.is_empty());
    assert_eq!((data.first_year, data.last_year), (2022, 2025));
    assert_eq!(parse_date("2023-12"), Some((2023, Some(12))));
    assert_eq!(parse_date("2023"), Some((2023, None)));
    for bad in ["2023-13", "2023-00", "202", "20234", "", "2023-", "-12", "abcd"] {
        assert_eq!(parse_date(bad), None, "{bad:?}");
    }
}

/// An imported list often gives only years (建设起止年限 "2022-2025"): each end is a mark
/// of its own, labelled with its own year, not with the range printed once for both.
#[test]
fn years_alone_are_marks_labelled_by_their_own_year() {
    let mut ds = catalog().ds;
    let p = ds.projects.iter_mut().find(|p| p.id == "hure-xiexin-lead-zinc-mine").unwrap();
    let src = p.milestones[0].src;
    p.milestones = ["2021", "2027"]
        .iter()
        .zip([MilestoneEvent::Start, MilestoneEvent::Completion])
        .map(|(date, event)| tongliao_explorer::core::model::Milestone {
            event,
            part: None,
            date: date.to_string(),
            printed: "2021-2027".into(),
            src,
        })
        .collect();
    let cat = Catalog::new(ds).expect("year-only milestones validate");
    let rows = all_rows(&cat);
    let zh = timeline(&cat, &rows, Lang::Zh, None);
    assert_eq!(zh.rows[0].id, "hure-xiexin-lead-zinc-mine", "2021 is the earliest date");
    let marks: Vec<_> = zh.rows[0].marks.iter().map(|m| (m.year, m.month, m.label.as_str())).collect();
    assert_eq!(marks, [(2021, None, "开工 2021年"), (2027, None, "建成 2027年")]);
    assert_eq!((zh.first_year, zh.last_year), (2021, 2027), "the axis reaches both years");
    assert!(zh.has_years_alone());
    let en = timeline(&cat, &rows, Lang::En, None);
    assert_eq!(en.rows[0].marks[1].label, "Completion 2027");
    // The other projects' month dates are unchanged, and a year alone sorts before its months.
    assert!(!timeline(&catalog(), &all_rows(&catalog()), Lang::Zh, None).has_years_alone());
    assert!((2021, None) < (2021, Some(1)));
}

#[test]
fn programme_bars_compare_named_projects_with_programme_figures() {
    let cat = catalog();
    let rows = all_rows(&cat);
    let bars = programme_bars(&cat, &rows, &all_themes(&cat), Lang::Zh, None);
    let ids: Vec<&str> = bars.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "key-projects-investment",
            "key-projects-annual-investment",
            "new-energy2022-investment",
            "new-energy14th-fyp-investment",
            "urban-investment",
            "public-service-investment",
            "ecology-investment"
        ]
    );
    let by_id = |id: &str| bars.iter().find(|b| b.id == id).unwrap();
    // 185 + 120 + 4.25 + 5 + 30 + 22.66 + 71 + 7 + 1.6 = 446.51亿元 over 21 projects.
    let key = by_id("key-projects-investment");
    assert!((key.named.unwrap() - 44_651_000_000.0).abs() < 1.0);
    assert_eq!(key.total, 176_200_000_000.0);
    assert_eq!(key.total_label, "1762亿元");
    assert_eq!(key.share_label, "25.3% · 446.51亿元 · 21个项目");
    // The annual plan and the urban package have nothing comparable.
    for id in ["key-projects-annual-investment", "urban-investment"] {
        assert_eq!(by_id(id).named, None, "{id}");
        assert_eq!(by_id(id).share_label, "无对应项目");
        assert_eq!(by_id(id).share(), None);
    }
    // New energy: Longma 185 + Daolaodu 30 + Mingyang 22.66 = 237.66亿元.
    let ne = by_id("new-energy2022-investment");
    assert!((ne.named.unwrap() - 23_766_000_000.0).abs() < 1.0);
    assert!((ne.share().unwrap() - 1.5844).abs() < 1e-4);
    assert_eq!(ne.total_label, "超过150亿元");
    // Public-service and ecology projects are named without amounts.
    let ps = by_id("public-service-investment");
    assert_eq!(ps.named, Some(0.0));
    assert_eq!(ps.share_label, "0% · 未披露金额 · 3个项目");
    assert_eq!(by_id("ecology-investment").share_label, "0% · 未披露金额 · 2个项目");
    let en = programme_bars(&cat, &rows, &all_themes(&cat), Lang::En, Some("ecology-investment"));
    assert_eq!(en[0].total_label, "CNY 176.2 bn · 1762亿元");
    assert_eq!(en.iter().filter(|b| b.selected).map(|b| b.id.as_str()).collect::<Vec<_>>(), ["ecology-investment"]);
    assert_eq!(en[1].share_label, "not itemised");
}

// ---------- district map ----------

fn draw_map(tiles: &[DistrictTile], scale: f64, lang: Lang) -> (String, Option<MapLayout>) {
    render((640, 320), scale, |root| district_map::draw(root, tiles, &style(scale, lang)).expect("draws"))
}

fn map_tiles(selected: &[&str]) -> Vec<DistrictTile> {
    let cat = catalog();
    let rows = all_rows(&cat);
    let set: BTreeSet<String> = selected.iter().map(|s| s.to_string()).collect();
    district_tiles(&cat, &sums_by_code(&cat, &rows, Facet::District), Lang::Zh, &set)
}

/// Tile rectangles: anything wider than a legend swatch.
fn tile_rects(svg: &str, scale: f64) -> Vec<El> {
    elements(svg, "rect")
        .into_iter()
        .filter(|e| e.num("width") > 40.0 * scale && e.num("width") < 600.0 * scale)
        .collect()
}

const MAP_FILLS: [&str; 6] = ["#DBEAFE", "#93C5FD", "#3B82F6", "#1D4ED8", "#1E3A8A", "#E2E8F0"];

#[test]
fn map_draws_a_tile_per_district_with_its_numbers() {
    let tiles = map_tiles(&[]);
    let (svg, layout) = draw_map(&tiles, 1.0, Lang::Zh);
    let rects = tile_rects(&svg, 1.0);
    assert_eq!(rects.len(), 9, "{svg}");
    assert!(rects.iter().all(|r| MAP_FILLS.contains(&r.fill().as_str()) && r.attr("opacity") == Some("1")));
    // Horqin (185亿) is the darkest class, Kailu (120亿) the next one.
    assert_eq!(count_filled(&svg, "rect", "#1E3A8A"), 2, "tile + legend swatch");
    for text in ["开鲁县", "2个项目", "120亿元", "科尔沁区", "185亿元", "当前项目投资额"] {
        assert!(svg.contains(text), "{text} missing");
    }
    // Hit testing through plotters' mapping: every centre resolves to its own tile.
    let layout = layout.expect("layout");
    for t in &tiles {
        let c = layout.centre(&t.id).unwrap();
        assert_eq!(layout.hit(c), Some(t.id.as_str()), "{}", t.id);
    }
    assert_eq!(layout.hit((2, 2)), None, "the title is no tile");
    assert_eq!(layout.centre("nowhere"), None);
    // Holingol is north-west (0,0), Horqin Left Rear south-east (3,2).
    let nw = layout.centre("holingol").unwrap();
    let se = layout.centre("horqin-left-rear").unwrap();
    assert!(nw.0 < se.0 && nw.1 < se.1, "{nw:?} {se:?}");
}

#[test]
fn map_empty_cells_are_no_tiles() {
    let (_, layout) = draw_map(&map_tiles(&[]), 1.0, Lang::Zh);
    let layout = layout.unwrap();
    // (0,1) holds no district: a point between Holingol (0,0) and Naiman's row.
    let a = layout.centre("holingol").unwrap();
    let b = layout.centre("kailu").unwrap();
    assert_eq!(layout.hit((a.0, b.1)), None);
}

#[test]
fn map_shows_districts_without_projects_in_grey() {
    let mut tiles = map_tiles(&[]);
    tiles[1].investment = 0.0;
    tiles[1].count = 0;
    tiles[1].value_label = "none here".into();
    let (svg, _) = draw_map(&tiles, 1.0, Lang::En);
    assert_eq!(tile_rects(&svg, 1.0).len(), 9);
    assert_eq!(tile_rects(&svg, 1.0).iter().filter(|r| r.fill() == "#E2E8F0").count(), 1);
    assert!(svg.contains("none here") && svg.contains("Investment in view"));
}

#[test]
fn map_selection_frames_selected_and_dims_the_rest() {
    let tiles = map_tiles(&["kailu", "hure"]);
    let (svg, _) = draw_map(&tiles, 1.0, Lang::Zh);
    assert_eq!(count_filled(&svg, "rect", "#0F172A"), 2, "a dark frame per selected tile");
    let rects = tile_rects(&svg, 1.0);
    let dimmed = rects.iter().filter(|r| r.attr("opacity") == Some("0.35")).count();
    assert_eq!(dimmed, 7, "unselected tiles are dimmed, not removed");
    assert!(svg.contains("科尔沁区"), "dimmed tiles keep their labels");
    let (plain, _) = draw_map(&map_tiles(&[]), 1.0, Lang::Zh);
    assert_eq!(count_filled(&plain, "rect", "#0F172A"), 0);
}

#[test]
fn map_scales_for_hi_dpi() {
    let tiles = map_tiles(&[]);
    let (_, l1) = draw_map(&tiles, 1.0, Lang::Zh);
    let (svg2, l2) = draw_map(&tiles, 2.0, Lang::Zh);
    let (c1, c2) = (l1.unwrap().centre("hure").unwrap(), l2.unwrap().centre("hure").unwrap());
    assert!((f64::from(c2.0) / f64::from(c1.0) - 2.0).abs() < 0.05, "{c1:?} {c2:?}");
    assert!((f64::from(c2.1) / f64::from(c1.1) - 2.0).abs() < 0.05, "{c1:?} {c2:?}");
    assert_eq!(tile_rects(&svg2, 2.0).len(), 9);
}

#[test]
fn map_classes_split_the_range_in_five_equal_steps() {
    use district_map::class_of;
    assert_eq!(class_of(0.0, 100.0), None);
    assert_eq!(class_of(5.0, 0.0), None);
    assert_eq!(class_of(1.0, 100.0), Some(0));
    assert_eq!(class_of(20.0, 100.0), Some(0));
    assert_eq!(class_of(21.0, 100.0), Some(1));
    assert_eq!(class_of(100.0, 100.0), Some(4));
}

#[test]
fn map_without_districts_shows_the_empty_state() {
    let (svg, layout) = draw_map(&[], 1.0, Lang::Zh);
    assert!(layout.is_none());
    assert!(svg.contains("Nothing to plot"));
    assert!(tile_rects(&svg, 1.0).is_empty());
}

// ---------- scatter ----------

fn draw_scatter(points: &[ScatterPoint], scale: f64, lang: Lang) -> (String, Option<ScatterLayout>) {
    render((640, 360), scale, |root| scatter::draw(root, points, ChartWord::ScatterY, &style(scale, lang)).expect("draws"))
}

fn point(id: &str, investment: f64, jobs: f64) -> ScatterPoint {
    ScatterPoint {
        id: id.into(),
        label: format!("{id} label"),
        investment,
        y: jobs,
        y_label: String::new(),
        derived: false,
        value_label: String::new(),
        selected: false,
    }
}

#[test]
fn scatter_draws_a_circle_per_project_hollow_when_derived() {
    let cat = catalog();
    let points = scatter_points(&cat, &all_rows(&cat), Lang::Zh, None, Measure::Jobs);
    let (svg, layout) = draw_scatter(&points, 1.0, Lang::Zh);
    let circles = elements(&svg, "circle");
    assert_eq!(circles.len(), 5, "{svg}");
    assert_eq!(circles.iter().filter(|c| c.fill() == "#0369A1").count(), 4);
    assert_eq!(
        circles.iter().filter(|c| c.fill() == "NONE" && c.stroke() == "#0369A1").count(),
        1,
        "derived is hollow"
    );
    assert!(svg.contains("总投资（对数刻度）"), "investment spans 1.6亿–185亿: log axis");
    assert!(svg.contains("就业人数") && svg.contains("空心点"));
    let layout = layout.unwrap();
    assert_eq!(layout.log_axes(), (true, false), "jobs span 260–10000 (< 50×): linear");
    for p in &points {
        let c = layout.point_centre(&p.id).unwrap();
        assert_eq!(layout.nearest(c, 3), Some(p.id.as_str()));
    }
    // Bigger investment lies further right, more jobs higher up.
    let longma = layout.point_centre("horqin-longma-wind-equipment-park").unwrap();
    let holingol = layout.point_centre("holingol-chuangyuan-aluminium-alloy").unwrap();
    assert!(longma.0 > holingol.0 && longma.1 < holingol.1);
}

#[test]
fn scatter_log_scale_only_when_the_range_needs_it() {
    let linear = [point("a", 1e9, 100.0), point("b", 4e9, 400.0)];
    let (svg, layout) = draw_scatter(&linear, 1.0, Lang::En);
    assert_eq!(layout.unwrap().log_axes(), (false, false));
    assert!(svg.contains("Total investment") && !svg.contains("log scale"));
    let wide = [point("a", 1e7, 10.0), point("b", 1e10, 20_000.0)];
    let (svg, layout) = draw_scatter(&wide, 1.0, Lang::En);
    assert_eq!(layout.unwrap().log_axes(), (true, true));
    assert!(svg.contains("Total investment (log scale)") && svg.contains("Jobs (log scale)"));
    assert!(scatter::needs_log(1.0, 51.0) && !scatter::needs_log(1.0, 50.0) && !scatter::needs_log(0.0, 10.0));
    // On a log axis equal ratios take equal distances.
    let three = [point("a", 1e7, 10.0), point("b", 1e8, 10.0), point("c", 1e9, 10_000.0)];
    let (_, layout) = draw_scatter(&three, 1.0, Lang::En);
    let l = layout.unwrap();
    let xs: Vec<i32> = ["a", "b", "c"].iter().map(|id| l.point_centre(id).unwrap().0).collect();
    assert!(((xs[1] - xs[0]) - (xs[2] - xs[1])).abs() <= 1, "{xs:?}");
}

#[test]
fn scatter_highlights_the_selected_project() {
    let mut points = vec![point("a", 1e9, 100.0), point("b", 2e9, 300.0), point("c", 3e9, 200.0)];
    points[1].selected = true;
    points[1].label = "龙马风电装备产业园".into();
    let (svg, layout) = draw_scatter(&points, 1.0, Lang::Zh);
    assert_eq!(count_filled(&svg, "circle", "#DC2626"), 1);
    assert_eq!(count_filled(&svg, "circle", "#0369A1"), 2);
    assert!(svg.contains("龙马风电装备产业园"), "the selected point is named");
    assert!(!svg.contains("a label"), "other points are not");
    let sel = elements(&svg, "circle").into_iter().find(|c| c.fill() == "#DC2626").unwrap();
    let other = elements(&svg, "circle").into_iter().find(|c| c.fill() == "#0369A1").unwrap();
    assert!(sel.num("r") > other.num("r"));
    let l = layout.unwrap();
    let c = l.point_centre("b").unwrap();
    assert_eq!(l.nearest((c.0 + 4, c.1 - 3), 8), Some("b"));
    assert_eq!(l.nearest((c.0 + 40, c.1 + 40), 8), None, "too far from any point");
    assert_eq!(l.nearest((1, 1), 8), None);
}

#[test]
fn scatter_scales_for_hi_dpi() {
    let points = [point("a", 1e9, 100.0), point("b", 3e9, 300.0)];
    let (svg1, l1) = draw_scatter(&points, 1.0, Lang::En);
    let (svg2, l2) = draw_scatter(&points, 2.0, Lang::En);
    let (c1, c2) = (l1.unwrap().point_centre("a").unwrap(), l2.unwrap().point_centre("a").unwrap());
    assert!((f64::from(c2.0) / f64::from(c1.0) - 2.0).abs() < 0.05, "{c1:?} {c2:?}");
    assert!((f64::from(c2.1) / f64::from(c1.1) - 2.0).abs() < 0.05, "{c1:?} {c2:?}");
    let r = |svg: &str| elements(svg, "circle")[0].num("r");
    assert_eq!(r(&svg2), 2.0 * r(&svg1), "marker sizes scale too");
}

#[test]
fn scatter_without_points_shows_the_empty_state() {
    let (svg, layout) = draw_scatter(&[], 1.0, Lang::En);
    assert!(layout.is_none());
    assert!(svg.contains("Nothing to plot"));
    assert!(elements(&svg, "circle").is_empty());
    assert!(!svg.contains("Total investment"), "no axes");
}

// ---------- timeline ----------

fn draw_timeline(data: &TimelineData, scale: f64, lang: Lang) -> (String, Option<TimelineLayout>) {
    render((640, 260), scale, |root| timeline::draw(root, data, &style(scale, lang)).expect("draws"))
}

fn mark(event: MilestoneEvent, year: i32, month: u32) -> TimelineMark {
    TimelineMark { event, year, month: Some(month), label: String::new() }
}

fn year_mark(event: MilestoneEvent, year: i32) -> TimelineMark {
    TimelineMark { event, year, month: None, label: String::new() }
}

fn synthetic_timeline() -> TimelineData {
    let row = |id: &str, marks: Vec<TimelineMark>| TimelineRow {
        id: id.into(),
        label: format!("Project {id}"),
        marks,
        selected: false,
    };
    TimelineData {
        first_year: 2022,
        last_year: 2025,
        rows: vec![
            row(
                "a",
                vec![
                    mark(MilestoneEvent::Start, 2022, 3),
                    mark(MilestoneEvent::Production, 2023, 6),
                    mark(MilestoneEvent::Completion, 2025, 12),
                ],
            ),
            row("b", vec![mark(MilestoneEvent::Production, 2024, 1)]),
            row("c", vec![mark(MilestoneEvent::Start, 2022, 1), mark(MilestoneEvent::Completion, 2023, 12)]),
        ],
        dated: 3,
    }
}

const START: &str = "#009E73";
const PRODUCTION: &str = "#0072B2";
const COMPLETION: &str = "#D55E00";

#[test]
fn timeline_draws_a_marker_per_milestone_by_kind() {
    let data = synthetic_timeline();
    let (svg, layout) = draw_timeline(&data, 1.0, Lang::En);
    // One legend swatch per kind on top of the milestones' own markers.
    assert_eq!(count_filled(&svg, "polygon", START), 2 + 1, "start: triangles");
    assert_eq!(count_filled(&svg, "circle", PRODUCTION), 2 + 1, "production: circles");
    assert_eq!(count_filled(&svg, "rect", COMPLETION), 2 + 1, "completion: squares");
    // A span bar for each row whose milestones differ in date.
    assert_eq!(count_filled(&svg, "rect", "#CBD5E1"), 2);
    for text in ["2022", "2023", "2024", "2025", "Project a", "Start", "Production", "Completion"] {
        assert!(svg.contains(text), "{text} missing");
    }
    // A line at each January plus the end of 2025.
    let year_lines = elements(&svg, "polyline").into_iter().filter(|p| p.stroke() == "#E5E7EB").count();
    assert_eq!(year_lines, 5);
    let layout = layout.unwrap();
    for r in &data.rows {
        let c = layout.row_centre(&r.id).unwrap();
        assert_eq!(layout.hit(c), Some(r.id.as_str()));
        assert_eq!(layout.hit((3, c.1)), Some(r.id.as_str()), "the label column counts as the row");
    }
    assert!(layout.row_centre("a").unwrap().1 < layout.row_centre("c").unwrap().1, "first row on top");
    assert_eq!(layout.hit((3, 3)), None);
}

#[test]
fn timeline_places_markers_by_month() {
    let data = synthetic_timeline();
    let (svg, _) = draw_timeline(&data, 1.0, Lang::En);
    // Row c: start Jan 2022, completion Dec 2023; the span bar runs between their centres.
    let squares: Vec<El> = elements(&svg, "rect").into_iter().filter(|r| r.fill() == COMPLETION).collect();
    let triangles: Vec<El> = elements(&svg, "polygon").into_iter().filter(|p| p.fill() == START).collect();
    let first_x = |p: &El| p.attr("points").unwrap().split([',', ' ']).next().unwrap().parse::<f64>().unwrap();
    // Completion of a (Dec 2025) lies right of completion of c (Dec 2023).
    let xs: Vec<f64> = squares.iter().map(|r| r.num("x")).collect();
    assert!(xs[0] > xs[1], "{xs:?}");
    // Start of a (Mar 2022) lies right of start of c (Jan 2022).
    assert!(first_x(&triangles[0]) > first_x(&triangles[1]));
}

/// A year alone is drawn mid-year over a whisker in its colour spanning that year, with a
/// tick at each end; month marks get no whisker.
#[test]
fn timeline_draws_a_year_alone_across_its_year() {
    let mut data = synthetic_timeline();
    let (plain, _) = draw_timeline(&data, 1.0, Lang::En);
    let whiskers = |svg: &str, colour: &str| elements(svg, "polyline").into_iter().filter(|p| p.stroke() == colour).collect::<Vec<_>>();
    assert!(whiskers(&plain, START).is_empty() && whiskers(&plain, COMPLETION).is_empty());
    data.rows[1].marks = vec![year_mark(MilestoneEvent::Start, 2023), year_mark(MilestoneEvent::Completion, 2025)];
    let (svg, _) = draw_timeline(&data, 1.0, Lang::En);
    for colour in [START, COMPLETION] {
        let lines = whiskers(&svg, colour);
        assert_eq!(lines.len(), 3, "{colour}: the whisker and its two ticks");
    }
    let xs = |p: &El| p.attr("points").unwrap().split([' ']).filter_map(|xy| xy.split(',').next()?.parse::<f64>().ok()).collect::<Vec<_>>();
    let start = whiskers(&svg, START);
    let across = xs(&start[0]);
    let (lo, hi) = (across[0], across[1]);
    // The triangle of 2023 sits between the whisker's ends, at its middle.
    let tri: Vec<El> = elements(&svg, "polygon").into_iter().filter(|p| p.fill() == START).collect();
    let tx: Vec<f64> = tri.iter().map(|t| { let v = xs(t); v.iter().sum::<f64>() / v.len() as f64 }).collect();
    assert!(tx.iter().any(|&x| (x - (lo + hi) / 2.0).abs() < 2.0), "{tx:?} vs {lo}..{hi}");
    // One year of the four is about a quarter of the plot's width.
    let plot_w = 640.0 * 0.8;
    assert!((hi - lo) > plot_w / 4.0 * 0.6 && (hi - lo) < plot_w / 4.0 * 1.1, "{lo}..{hi}");
}

#[test]
fn timeline_highlights_the_selected_row_and_truncates_long_names() {
    let mut data = synthetic_timeline();
    data.rows[1].selected = true;
    data.rows[2].label = "通辽市一个名字非常非常非常非常非常非常非常非常非常非常长的重大项目".into();
    let (svg, _) = draw_timeline(&data, 1.0, Lang::Zh);
    assert_eq!(count_filled(&svg, "rect", "#FEF3C7"), 1);
    assert!(svg.contains("…"), "the long name is cut");
    assert!(svg.contains("通辽市"), "its start stays");
    assert!(svg.contains("开工") && svg.contains("投产") && svg.contains("建成"), "legend in Chinese");
}

#[test]
fn timeline_from_the_dataset() {
    let cat = catalog();
    let data = timeline(&cat, &all_rows(&cat), Lang::Zh, None);
    let (svg, layout) = draw_timeline(&data, 1.0, Lang::Zh);
    // Five production milestones, plus the legend's circle.
    assert_eq!(count_filled(&svg, "circle", PRODUCTION), 5 + 1);
    assert_eq!(count_filled(&svg, "rect", "#CBD5E1"), 1, "only the battery plant spans two dates");
    let layout = layout.unwrap();
    let c = layout.row_centre("etdz-haineng-nimh-battery").unwrap();
    assert_eq!(layout.hit(c), Some("etdz-haineng-nimh-battery"));
}

#[test]
fn timeline_scales_for_hi_dpi() {
    let data = synthetic_timeline();
    let (_, l1) = draw_timeline(&data, 1.0, Lang::En);
    let (_, l2) = draw_timeline(&data, 2.0, Lang::En);
    let (c1, c2) = (l1.unwrap().row_centre("b").unwrap(), l2.unwrap().row_centre("b").unwrap());
    assert!((f64::from(c2.1) / f64::from(c1.1) - 2.0).abs() < 0.05, "{c1:?} {c2:?}");
    assert!((f64::from(c2.0) / f64::from(c1.0) - 2.0).abs() < 0.05, "{c1:?} {c2:?}");
}

#[test]
fn timeline_without_rows_shows_the_empty_state() {
    let data = TimelineData { first_year: 2022, last_year: 2025, rows: vec![], dated: 0 };
    let (svg, layout) = draw_timeline(&data, 1.0, Lang::En);
    assert!(layout.is_none());
    assert!(svg.contains("Nothing to plot"));
    assert!(!svg.contains("2023"), "no axis");
}

// ---------- programme share ----------

fn draw_programme(bars: &[ProgrammeBar], scale: f64, lang: Lang) -> (String, Option<ProgrammeLayout>) {
    render((720, 300), scale, |root| programme_share::draw(root, bars, &style(scale, lang)).expect("draws"))
}

const TOTAL: &str = "#E0E7FF";
const NAMED: &str = "#3730A3";
const NAMED_DIMMED: &str = "#A5B4FC";

#[test]
fn programme_bars_overlay_the_named_share() {
    let cat = catalog();
    let bars = programme_bars(&cat, &all_rows(&cat), &all_themes(&cat), Lang::Zh, None);
    let (svg, layout) = draw_programme(&bars, 1.0, Lang::Zh);
    // Seven programme figures plus the legend swatch; dark bars where named projects carry amounts.
    assert_eq!(count_filled(&svg, "rect", TOTAL), 7 + 1);
    assert_eq!(count_filled(&svg, "rect", NAMED), 3 + 1, "key projects and the two new-energy figures");
    for text in ["1762亿元", "551亿元", "超过150亿元", "25.3%", "158.4%", "无对应项目", "重点项目总投资", "全市计划数"]
    {
        assert!(svg.contains(text), "{text} missing");
    }
    // 237.66亿 against 150亿: the dark bar runs past the full-length one.
    let widths = |colour: &str| -> Vec<f64> {
        elements(&svg, "rect").iter().filter(|r| r.fill() == colour).map(|r| r.num("width")).collect()
    };
    let (totals, named) = (widths(TOTAL), widths(NAMED));
    assert!(named[1] > totals[2], "{named:?} {totals:?}");
    assert!((named[0] / totals[0] - 0.2534).abs() < 0.01, "{named:?} {totals:?}");
    let layout = layout.unwrap();
    for b in &bars {
        let c = layout.row_centre(&b.id).unwrap();
        assert_eq!(layout.hit(c), Some(b.id.as_str()));
    }
    assert_eq!(layout.hit((2, 2)), None);
}

/// On a very narrow chart the share label past the longest bar drops its project count
/// instead of being cut by the edge; at the desktop width it keeps it.
#[test]
fn programme_share_labels_give_way_on_a_phone() {
    let cat = catalog();
    let bars = programme_bars(&cat, &all_rows(&cat), &all_themes(&cat), Lang::Zh, None);
    let full = bars.iter().find(|b| b.share_label.starts_with("158.4%")).expect("the upgrade bar").share_label.clone();
    assert!(full.ends_with("个项目"), "{full}");
    // Narrower than a phone's chart (332 px), where the stacked labels leave it room.
    let (narrow, _) = render((240, 300), 1.0, |root| programme_share::draw(root, &bars, &style(1.0, Lang::Zh)).expect("draws"));
    assert!(narrow.contains("158.4%") && !narrow.contains(&full), "the count gives way");
    let (wide, _) = draw_programme(&bars, 1.0, Lang::Zh);
    assert!(wide.contains(&full));
}

/// On a phone a row label that would be cut gets a line of its own above its bars, so
/// every label is drawn whole, with the figure as printed; at the desktop width the
/// labels keep their column.
#[test]
fn programme_labels_stack_whole_on_a_phone() {
    let cat = catalog();
    for lang in [Lang::En, Lang::Zh] {
        let bars = programme_bars(&cat, &all_rows(&cat), &all_themes(&cat), lang, None);
        let h = 70 + 54 * bars.len() as u32;
        let (narrow, layout) = render((332, h), 1.0, |root| programme_share::draw(root, &bars, &style(1.0, lang)).expect("draws"));
        for b in &bars {
            assert!(narrow.contains(&format!("{}\n", b.label)) || narrow.contains(&format!(">{}<", b.label)), "{lang:?}: {:?} whole", b.label);
            let printed = b.total_label.split(" · ").next().unwrap();
            assert!(narrow.contains(printed), "{lang:?}: {printed:?} shown");
        }
        assert!(!narrow.contains('…'), "{lang:?}: nothing ellipsised");
        // Clicks and keyboard focus still find each row.
        let layout = layout.unwrap();
        for b in &bars {
            assert_eq!(layout.hit(layout.row_centre(&b.id).unwrap()), Some(b.id.as_str()));
        }
    }
}

/// A theme filter leaves the theme bars summed under the other filters (crossfilter):
/// with only wind projects in view, the ecology bar still counts its two projects.
#[test]
fn programme_theme_bars_ignore_their_own_filter() {
    use tongliao_explorer::core::filter::{select, Filter};
    let cat = catalog();
    let mut f = Filter::default();
    f.themes.insert("wind".into());
    let s = select(&cat, &f);
    let bars = programme_bars(&cat, &s.in_dataset_order(), &s.counts.themes, Lang::Zh, None);
    let by_id = |id: &str| bars.iter().find(|b| b.id == id).unwrap();
    assert_eq!(by_id("ecology-investment").share_label, "0% · 未披露金额 · 2个项目");
    let unfiltered = programme_bars(&cat, &all_rows(&cat), &all_themes(&cat), Lang::Zh, None);
    assert_eq!(by_id("new-energy2022-investment"), unfiltered.iter().find(|b| b.id == "new-energy2022-investment").unwrap());
    assert_ne!(by_id("key-projects-investment").share_label, unfiltered[0].share_label, "the programme total follows the view");
}

#[test]
fn programme_selection_dims_the_other_overlays() {
    let cat = catalog();
    let bars = programme_bars(&cat, &all_rows(&cat), &all_themes(&cat), Lang::En, Some("new-energy2022-investment"));
    let (svg, _) = draw_programme(&bars, 1.0, Lang::En);
    assert_eq!(count_filled(&svg, "rect", NAMED), 1 + 1);
    assert_eq!(count_filled(&svg, "rect", NAMED_DIMMED), 2);
    assert!(svg.contains("not itemised") && svg.contains("Programme figure"));
}

#[test]
fn programme_scales_for_hi_dpi_and_has_an_empty_state() {
    let cat = catalog();
    let bars = programme_bars(&cat, &all_rows(&cat), &all_themes(&cat), Lang::En, None);
    let (_, l1) = draw_programme(&bars, 1.0, Lang::En);
    let (_, l2) = draw_programme(&bars, 2.0, Lang::En);
    let (c1, c2) =
        (l1.unwrap().row_centre("urban-investment").unwrap(), l2.unwrap().row_centre("urban-investment").unwrap());
    assert!((f64::from(c2.1) / f64::from(c1.1) - 2.0).abs() < 0.05, "{c1:?} {c2:?}");
    let (svg, layout) = draw_programme(&[], 1.0, Lang::En);
    assert!(layout.is_none() && svg.contains("Nothing to plot"));
    assert_eq!(count_filled(&svg, "rect", TOTAL), 0);
}

#[test]
fn scatter_against_annual_output_and_revenue() {
    let cat = embedded().unwrap();
    let ids = |m: Measure| {
        let mut v: Vec<String> = scatter_points(&cat, &all_rows(&cat), Lang::En, None, m).into_iter().map(|p| p.id).collect();
        v.sort();
        v
    };
    // 560亿元以上 and 70亿元 of annual output; 156亿, 22952万 and 153亿元 of annual revenue.
    assert_eq!(ids(Measure::Output), ["holingol-chuangyuan-aluminium-alloy", "horqin-longma-wind-equipment-park"]);
    assert_eq!(
        ids(Measure::Revenue),
        ["etdz-haineng-nimh-battery", "hure-xiexin-lead-zinc-mine", "kailu-jinyufeng-corn-circular-park"]
    );
    let pts = scatter_points(&cat, &all_rows(&cat), Lang::En, None, Measure::Output);
    let longma = pts.iter().find(|p| p.id == "horqin-longma-wind-equipment-park").unwrap();
    assert_eq!(longma.y, 56_000_000_000.0);
    let (svg, _) = render((640, 360), 1.0, |root| scatter::draw(root, &pts, ChartWord::ScatterYOutput, &style(1.0, Lang::En)).expect("draws"));
    assert!(svg.contains("Annual output value"));
}

/// The app narrows the rows to the scatter's and the timeline's candidates (computed once
/// per dataset) before building them; that must change nothing, whatever is in view.
#[test]
fn prefiltered_candidates_give_the_same_points_and_rows() {
    use tongliao_explorer::core::chart_data::{dated, plottable};
    let cat = embedded().expect("embedded dataset loads");
    let all = all_rows(&cat);
    let views = [all.clone(), all.iter().copied().filter(|i| i % 2 == 0).collect(), all.iter().rev().copied().collect(), vec![]];
    for rows in &views {
        for measure in [Measure::Jobs, Measure::Output, Measure::Revenue] {
            let ok = plottable(&cat, measure);
            let kept: Vec<usize> = rows.iter().copied().filter(|&i| ok[i]).collect();
            assert_eq!(
                scatter_points(&cat, &kept, Lang::En, None, measure),
                scatter_points(&cat, rows, Lang::En, None, measure),
                "{measure:?}"
            );
        }
        let d = dated(&cat);
        let mut in_order = rows.clone();
        in_order.sort_unstable();
        let kept: Vec<usize> = d.iter().copied().filter(|i| in_order.binary_search(i).is_ok()).collect();
        assert_eq!(timeline(&cat, &kept, Lang::Zh, None), timeline(&cat, &in_order, Lang::Zh, None));
    }
    assert!(!dated(&cat).is_empty() && plottable(&cat, Measure::Jobs).iter().any(|&x| x));
}

/// The coverage axis ends at a round share just above the longest bar (158% → 200%, not
/// 300%), and every share label is drawn whole beside its bar.
#[test]
fn programme_axis_fits_the_data_and_labels_are_whole() {
    let cat = catalog();
    for lang in [Lang::Zh, Lang::En] {
        let bars = programme_bars(&cat, &all_rows(&cat), &all_themes(&cat), lang, None);
        let (svg, _) = draw_programme(&bars, 1.0, lang);
        // Axis ticks are the texts that are a bare percentage.
        let ticks: Vec<&str> = svg
            .split(['>', '<'])
            .map(str::trim)
            .filter(|t| t.ends_with('%') && t[..t.len() - 1].chars().all(|c| c.is_ascii_digit()))
            .collect();
        assert!(ticks.contains(&"200%") && !ticks.contains(&"300%"), "{lang:?}: axis to 200%: {ticks:?}");
        for b in &bars {
            assert!(svg.contains(&b.share_label), "{lang:?}: {:?} drawn whole", b.share_label);
        }
    }
}

/// On a phone-narrow map an English tile whose full name does not fit shows its short
/// name, so Horqin Left Middle and Left Rear stay apart; no text is wider than its tile.
#[test]
fn narrow_map_uses_short_district_names() {
    let cat = catalog();
    let rows = all_rows(&cat);
    let tiles = district_tiles(&cat, &sums_by_code(&cat, &rows, Facet::District), Lang::En, &BTreeSet::new());
    let (svg, _) = render((358, 300), 1.0, |root| district_map::draw(root, &tiles, &style(1.0, Lang::En)).expect("draws"));
    assert!(svg.contains(">Left Middle<") || svg.contains("\nLeft Middle\n"), "{svg}");
    assert!(svg.contains(">Left Rear<") || svg.contains("\nLeft Rear\n"));
    assert!(!svg.contains("Horqin Le…"));
    let (wide, _) = render((1400, 320), 1.0, |root| district_map::draw(root, &tiles, &style(1.0, Lang::En)).expect("draws"));
    assert!(wide.contains("Horqin Left Middle Banner"), "the full name where it fits");
}

/// A phone-narrow map keeps every legend label inside the picture: the swatches take a
/// second line rather than run off the edge.
#[test]
fn narrow_map_legend_stays_inside() {
    let cat = catalog();
    let rows = all_rows(&cat);
    let tiles = district_tiles(&cat, &sums_by_code(&cat, &rows, Facet::District), Lang::En, &BTreeSet::new());
    let width = 300.0;
    let (svg, _) = render((300, 300), 1.0, |root| district_map::draw(root, &tiles, &style(1.0, Lang::En)).expect("draws"));
    // plotters-svg writes `<text …>` with its content on the next line.
    let lines: Vec<&str> = svg.lines().collect();
    let legend: Vec<El> = lines
        .windows(2)
        .filter(|w| w[0].trim_start().starts_with("<text ") && w[1].trim_start().starts_with('≤'))
        .map(|w| El(w[0].to_string()))
        .collect();
    assert_eq!(legend.len(), 5, "five classes");
    // A label such as "≤18.5 bn" is about 45 px wide at 11 px.
    assert!(legend.iter().all(|t| t.num("x") + 45.0 <= width), "{:?}", legend.iter().map(|t| t.num("x")).collect::<Vec<_>>());
}

