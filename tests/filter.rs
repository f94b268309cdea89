//! Filtering, facet counts, sorting and sums, against hand-computed cases on the embedded data.

use tongliao_explorer::core::aggregate::{by_facet, ranked, sums_by_code, totals, Totals};
use tongliao_explorer::core::dataset::{embedded, Catalog};
use tongliao_explorer::core::filter::{apply, facet_counts, theme_counts, Facet, Filter};
use tongliao_explorer::core::model::Lang;
use tongliao_explorer::core::sort::{sort_rows, Column, Sort};

fn cat() -> Catalog {
    embedded().expect("embedded dataset loads")
}

fn filter(f: impl FnOnce(&mut Filter)) -> Filter {
    let mut x = Filter::default();
    f(&mut x);
    x
}

fn ids(c: &Catalog, rows: &[usize]) -> Vec<String> {
    let mut v: Vec<String> = rows.iter().map(|&i| c.ds.projects[i].id.clone()).collect();
    v.sort();
    v
}

#[test]
fn no_filter_shows_everything() {
    let c = cat();
    assert_eq!(apply(&c, &Filter::default()).len(), c.ds.projects.len());
}

#[test]
fn sector_filter() {
    let c = cat();
    let rows = apply(&c, &filter(|f| { f.sectors.insert("energy".into()); }));
    assert_eq!(
        ids(&c, &rows),
        ["horqin-left-middle-zhurihe-wind-500mw", "jarud-daolaodu-wind-500mw", "naiman-mingyang-smart-energy", "spic-combined-heat-power"]
    );
    // 30亿 + 22.66亿; the two mentioned projects state no investment.
    let t = totals(&c, &rows);
    assert_eq!(t.investment, 5_266_000_000.0);
    assert_eq!(t.with_investment, 2);
}

#[test]
fn or_within_and_across_facets() {
    let c = cat();
    let both = apply(&c, &filter(|f| { f.sectors.extend(["energy".into(), "mining".into()]); }));
    assert_eq!(both.len(), 6);
    let narrowed = apply(&c, &filter(|f| {
        f.sectors.insert("manufacturing".into());
        f.districts.insert("kailu".into());
    }));
    assert_eq!(ids(&c, &narrowed), ["jiupeng-doxycycline", "kailu-jinyufeng-corn-circular-park"]);
}

#[test]
fn facet_counts_ignore_their_own_facet() {
    let c = cat();
    let f = filter(|f| { f.sectors.insert("energy".into()); });
    let districts = facet_counts(&c, &f, Facet::District);
    let count = |id: &str| districts.iter().find(|(k, _)| k == id).map(|(_, n)| *n).unwrap();
    assert_eq!(count("jarud"), 1);
    assert_eq!(count("naiman"), 1);
    assert_eq!(count("horqin-left-middle"), 1);
    assert_eq!(count("unstated"), 1);
    assert_eq!(count("kailu"), 0);
    // The sector facet itself still counts every sector under the (empty) other filters.
    let sectors = facet_counts(&c, &f, Facet::Sector);
    assert_eq!(sectors.iter().map(|(_, n)| n).sum::<usize>(), c.ds.projects.len());
}

#[test]
fn text_search_matches_names_and_companies_in_both_languages() {
    let c = cat();
    let q = |s: &str| ids(&c, &apply(&c, &filter(|f| f.q = s.into())));
    assert_eq!(q("龙马"), ["horqin-longma-wind-equipment-park"]);
    assert_eq!(q("LONGMA"), ["horqin-longma-wind-equipment-park"]);
    assert_eq!(q("ｌｏｎｇｍａ"), ["horqin-longma-wind-equipment-park"]);
    assert_eq!(q("金玉锋"), ["kailu-jinyufeng-corn-circular-park"]);
    assert!(q("no such project anywhere").is_empty());
    for hostile in ["<script>alert(1)</script>", "%00", "\u{0}", "'\"", "(((", "\\", "🦀🦀", ".*", "  "] {
        let _ = q(hostile);
    }
}

/// What readers type: words of the summaries in either language, run-together Chinese
/// words, pinyin of the Chinese names, several terms that must all match; and the reason
/// a row matched, since the id (hidden) no longer matches anything.
#[test]
fn search_finds_what_readers_type_and_says_why() {
    use tongliao_explorer::core::search::{project_texts, Field, Terms};
    let c = cat();
    let q = |s: &str| ids(&c, &apply(&c, &filter(|f| f.q = s.into())));
    assert!(q("turbine").contains(&"horqin-longma-wind-equipment-park".to_string()), "{:?}", q("turbine"));
    assert!(q("整机").contains(&"horqin-longma-wind-equipment-park".to_string()));
    assert_eq!(q("奈曼明阳"), ["naiman-mingyang-smart-energy"]);
    assert!(q("longma").contains(&"horqin-longma-wind-equipment-park".to_string()));
    for (py, district) in [("kailu", "kailu"), ("naiman", "naiman")] {
        let found = apply(&c, &filter(|f| f.q = py.into()));
        assert!(!found.is_empty() && found.iter().all(|&i| {
            let p = &c.ds.projects[i];
            p.district.as_deref() == Some(district) || project_texts(&c.ds, p).iter().any(|(f, t)| *f == Field::Pinyin && t.contains(py))
        }), "{py}");
    }
    // Every term must match, each anywhere: 整机 in the summary, Horqin in the district.
    assert_eq!(q("整机 horqin"), ["horqin-longma-wind-equipment-park"]);
    assert!(q("整机 kailu").is_empty());
    // The hidden id matches nothing on its own.
    assert!(q("smart-energy").is_empty());

    let i = c.project_index("naiman-mingyang-smart-energy").unwrap();
    let why = Terms::new("奈曼明阳").explain(&project_texts(&c.ds, &c.ds.projects[i]));
    assert_eq!(why, [("奈曼".to_string(), Field::Name), ("明阳".to_string(), Field::Name)]);
    let i = c.project_index("horqin-longma-wind-equipment-park").unwrap();
    let why = Terms::new("turbine kailu").explain(&project_texts(&c.ds, &c.ds.projects[i]));
    assert_eq!(why, [("turbine".to_string(), Field::Summary)], "a term that is not there gives no reason");
}

/// 近万人 is "nearly 10,000": the qualifier goes wherever the amount goes, not only to
/// the detail page.
#[test]
fn headline_amounts_keep_their_qualifier() {
    use tongliao_explorer::core::chart_data::scatter_points;
    use tongliao_explorer::core::format::qualified;
    use tongliao_explorer::core::model::{Lang, Qualifier, Unit};
    use tongliao_explorer::core::query::Measure;
    let c = cat();
    let i = c.project_index("horqin-longma-wind-equipment-park").unwrap();
    let jobs = c.rows[i].jobs.expect("Longma states its jobs");
    assert_eq!((jobs.value, jobs.qualifier), (10_000.0, Some(Qualifier::Nearly)));
    assert_eq!(qualified(jobs.value, Unit::Person, jobs.qualifier, Lang::Zh), "近1万人");
    assert_eq!(qualified(jobs.value, Unit::Person, jobs.qualifier, Lang::En), "nearly 10,000 people");
    let points = scatter_points(&c, &[i], Lang::En, None, Measure::Jobs);
    assert_eq!(points[0].y_label, "nearly 10,000 people");
    assert!(c.rows.iter().filter_map(|r| r.investment).all(|a| !a.derived || a.qualifier.is_none()));
}

/// A chart of a facet shows every value under the other filters, in one order: choosing
/// a sector leaves the others to add, and a district filter changes sums, not the order.
#[test]
fn a_facet_chart_keeps_every_value_in_a_stable_order() {
    use tongliao_explorer::core::aggregate::{dimension, stable_order};
    use tongliao_explorer::core::filter::counts;
    let c = cat();
    let order = stable_order(&c, Facet::Sector);
    let ids_of = |groups: &[tongliao_explorer::core::aggregate::Group]| groups.iter().map(|g| g.id.clone()).collect::<Vec<_>>();
    let all = dimension(&c, &counts(&c, &Filter::default()), Facet::Sector, &order);
    assert_eq!(ids_of(&all), ids_of(&ranked(by_facet(&c, &(0..c.rows.len()).collect::<Vec<_>>(), Facet::Sector))));
    let chosen = filter(|f| { f.sectors.insert("manufacturing".into()); });
    let with_choice = dimension(&c, &counts(&c, &chosen), Facet::Sector, &order);
    assert_eq!(with_choice, all, "choosing a sector changes nothing in its own chart");
    let other = filter(|f| { f.districts.insert("kailu".into()); });
    let under_district = dimension(&c, &counts(&c, &other), Facet::Sector, &order);
    assert_eq!(ids_of(&under_district), ids_of(&all), "same bars, same order");
    let kailu = apply(&c, &other);
    assert_eq!(under_district.iter().map(|g| g.count).sum::<usize>(), kailu.len());
}

/// English readers type the range in CNY bn, Chinese readers in 亿元; the link is in 亿元.
#[test]
fn range_fields_in_the_readers_unit() {
    use tongliao_explorer::core::filter::{range_from_input, range_to_input};
    assert_eq!(range_from_input("2.266", Lang::En), Some(22.66));
    assert_eq!(range_from_input("22.66", Lang::Zh), Some(22.66));
    assert_eq!(range_to_input(22.66, Lang::En), "2.266");
    assert_eq!(range_to_input(10.0, Lang::Zh), "10");
    assert_eq!(range_from_input("", Lang::En), None);
    assert_eq!(range_from_input("-1", Lang::Zh), None);
    for yi in [0.1, 1.0, 7.1, 185.0, 1762.0] {
        assert_eq!(range_from_input(&range_to_input(yi, Lang::En), Lang::En), Some(yi));
    }
}

#[test]
fn investment_range_in_yi_yuan() {
    let c = cat();
    let at_least_20 = apply(&c, &filter(|f| f.min = Some(20.0)));
    assert_eq!(at_least_20.len(), 5, "185, 120, 71 (derived), 30 and 22.66 亿元");
    let at_most_5 = apply(&c, &filter(|f| f.max = Some(5.0)));
    assert_eq!(
        ids(&c, &at_most_5),
        ["holingol-chuangyuan-aluminium-alloy", "horqin-left-rear-tianyang-silica-sand", "hure-xiexin-lead-zinc-mine"]
    );
}

#[test]
fn derived_total_is_the_sum_of_phases() {
    let c = cat();
    let i = c.project_index("etdz-haineng-nimh-battery").unwrap();
    let inv = c.rows[i].investment.unwrap();
    assert!(inv.derived);
    assert_eq!(inv.value, 7_100_000_000.0);
}

#[test]
fn sorting() {
    let c = cat();
    let mut rows = apply(&c, &Filter::default());
    sort_rows(&c, &mut rows, Sort::default(), Lang::Zh);
    assert_eq!(c.ds.projects[rows[0]].id, "horqin-longma-wind-equipment-park");
    sort_rows(&c, &mut rows, Sort { column: Column::Investment, descending: false }, Lang::Zh);
    assert_eq!(c.ds.projects[rows[0]].id, "holingol-chuangyuan-aluminium-alloy");
    // Projects without a figure go last either way.
    assert!(c.rows[*rows.last().unwrap()].investment.is_none());
    sort_rows(&c, &mut rows, Sort { column: Column::Name, descending: false }, Lang::En);
    let names: Vec<String> = rows.iter().map(|&i| c.ds.projects[i].name.en.to_lowercase()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
}

/// Every column and direction against a plain comparison sort on full keys: the primary
/// key, then the lowercased name, then the index (the embedded data has many ties: ten
/// projects without an amount, shared districts, sectors, kinds and stages).
#[test]
fn sorting_matches_a_plain_sort_on_full_keys() {
    use tongliao_explorer::core::filter::facet_value;
    let c = cat();
    for column in Column::ALL {
        for descending in [false, true] {
            for lang in [Lang::Zh, Lang::En] {
                let sort = Sort { column, descending };
                let mut rows: Vec<usize> = (0..c.ds.projects.len()).rev().collect();
                sort_rows(&c, &mut rows, sort, lang);
                let label = |i: usize| -> String {
                    let p = &c.ds.projects[i];
                    let v = facet_value(p, match column {
                        Column::District => Facet::District,
                        Column::Sector => Facet::Sector,
                        Column::Kind => Facet::Kind,
                        _ => Facet::Stage,
                    });
                    let named = match column {
                        Column::District => c.ds.districts.iter().find(|d| d.id == v).map(|d| d.name.get(lang).to_string()),
                        Column::Sector => c.ds.sectors.iter().find(|s| s.id == v).map(|s| s.name.get(lang).to_string()),
                        Column::Kind | Column::Stage => Some(v.to_string()),
                        _ => Some(String::new()),
                    };
                    named.unwrap_or_else(|| format!("\u{10FFFF}{v}"))
                };
                let number = |i: usize| match column {
                    Column::Investment => c.rows[i].investment.map(|a| a.value),
                    Column::Jobs => c.rows[i].jobs.map(|a| a.value),
                    _ => None,
                };
                let mut expected: Vec<usize> = (0..c.ds.projects.len()).collect();
                expected.sort_by(|&a, &b| {
                    let primary = match (number(a), number(b)) {
                        (Some(x), Some(y)) => if descending { y.total_cmp(&x) } else { x.total_cmp(&y) },
                        (Some(_), None) => std::cmp::Ordering::Less,
                        (None, Some(_)) => std::cmp::Ordering::Greater,
                        (None, None) => if descending { label(b).cmp(&label(a)) } else { label(a).cmp(&label(b)) },
                    };
                    let name = |i: usize| c.ds.projects[i].name.get(lang).to_lowercase();
                    primary.then_with(|| name(a).cmp(&name(b))).then(a.cmp(&b))
                });
                assert_eq!(rows, expected, "{sort:?} {lang:?}");
            }
        }
    }
}

#[test]
fn sector_sums() {
    let c = cat();
    let all: Vec<usize> = (0..c.ds.projects.len()).collect();
    let groups = ranked(by_facet(&c, &all, Facet::Sector));
    assert_eq!(groups[0].id, "manufacturing");
    // 185 + 120 + 71 + 1.6 亿元
    assert_eq!(groups[0].investment, 37_760_000_000.0);
    assert_eq!(groups[0].count, 10);
    assert_eq!(groups[0].derived, 1);
    assert_eq!(groups.iter().map(|g| g.count).sum::<usize>(), c.ds.projects.len());
    assert_eq!(totals(&c, &all).investment, 44_651_000_000.0);
}

#[test]
fn theme_filter_matches_any_selected_theme() {
    let c = cat();
    let wind = apply(&c, &filter(|f| { f.themes.insert("wind".into()); }));
    assert_eq!(
        ids(&c, &wind),
        ["horqin-left-middle-zhurihe-wind-500mw", "jarud-daolaodu-wind-500mw", "naiman-mingyang-smart-energy"]
    );
    let f = filter(|f| { f.sectors.insert("energy".into()); f.themes.insert("wind".into()); });
    let counts = theme_counts(&c, &f);
    let n = |id: &str| counts.iter().find(|(k, _)| k == id).map(|(_, n)| *n).unwrap();
    // Counted under the sector filter, ignoring the theme selection itself.
    assert_eq!(n("wind"), 3);
    assert_eq!(n("heat-power"), 1);
    assert_eq!(n("biopharma"), 0);
}

/// The one-pass counts equal counting each group separately by brute force, filtering a
/// presorted order equals filtering then sorting, and the view's sums read from the counts
/// equal summing the rows in view, for many filter combinations.
#[test]
fn one_pass_counts_and_presorted_filtering_match_brute_force() {
    use tongliao_explorer::core::aggregate::{in_view_by, in_view_totals};
    use tongliao_explorer::core::filter::{counts, select};
    let c = cat();
    let sectors: Vec<String> = c.ds.sectors.iter().map(|s| s.id.clone()).collect();
    let districts: Vec<String> = c.ds.districts.iter().map(|d| d.id.clone()).collect();
    let themes: Vec<String> = c.ds.themes.iter().map(|t| t.id.clone()).collect();
    let mut filters = vec![Filter::default()];
    for (k, s) in sectors.iter().enumerate() {
        filters.push(filter(|f| { f.sectors.insert(s.clone()); }));
        filters.push(filter(|f| {
            f.sectors.insert(s.clone());
            f.districts.insert(districts[k % districts.len()].clone());
            f.themes.insert(themes[k % themes.len()].clone());
        }));
        filters.push(filter(|f| {
            f.stages.insert("under-construction".into());
            f.kinds.insert("highlight".into());
            f.min = Some(k as f64);
            f.q = if k % 2 == 0 { "园".into() } else { String::new() };
        }));
    }
    for f in &filters {
        let all = counts(&c, f);
        for facet in Facet::ALL {
            // The oracle: the same filter with this facet's choice cleared, then counted.
            let mut others = f.clone();
            others.selected_mut(facet).clear();
            let shown = apply(&c, &others);
            let brute: Vec<usize> = (0..c.facet_values[facet.index()].len())
                .map(|code| shown.iter().filter(|&&i| c.rows[i].codes[facet.index()] as usize == code).count())
                .collect();
            let counted: Vec<usize> = all.facets[facet.index()].iter().map(|t| t.count).collect();
            assert_eq!(counted, brute, "{facet:?} under {f:?}");
            // The sums carried with the counts are those of the same rows.
            assert_eq!(all.facets[facet.index()], sums_by_code(&c, &shown, facet), "{facet:?} sums under {f:?}");
        }
        let mut no_theme = f.clone();
        no_theme.themes.clear();
        let base = apply(&c, &no_theme);
        let brute: Vec<Totals> = c
            .ds
            .themes
            .iter()
            .map(|t| {
                let members: Vec<usize> = base.iter().copied().filter(|&i| c.ds.projects[i].themes.iter().any(|x| **x == *t.id)).collect();
                totals(&c, &members)
            })
            .collect();
        assert_eq!(all.themes, brute, "theme counts and sums under {f:?}");

        let selection = select(&c, f);
        assert_eq!(selection.counts, all);
        let shown = apply(&c, f);
        for facet in Facet::ALL {
            assert_eq!(in_view_by(&c, &all, f, facet), by_facet(&c, &shown, facet), "{facet:?} in view under {f:?}");
        }
        assert_eq!(in_view_totals(&c, &all, f), totals(&c, &shown), "totals under {f:?}");

        for sort in [Sort::default(), Sort { column: Column::Name, descending: false }, Sort { column: Column::District, descending: true }] {
            let mut order: Vec<usize> = (0..c.ds.projects.len()).collect();
            sort_rows(&c, &mut order, sort, Lang::En);
            let mut expected = apply(&c, f);
            sort_rows(&c, &mut expected, sort, Lang::En);
            assert_eq!(selection.in_order(&order), expected);
        }
    }
}

proptest::proptest! {
    /// The search text is normalized from its pieces without joining them first; that
    /// must equal normalizing the joined text (full-width forms, ideographic spaces, empties).
    #[test]
    fn normalizing_pieces_equals_normalizing_the_joined_text(
        parts in proptest::collection::vec("[ 　a-zA-ZＡ-Ｚａ-ｚ０-９通辽İ\t]{0,8}", 0..5)
    ) {
        use tongliao_explorer::core::search::{normalize, normalize_all};
        let joined = parts.join(" ");
        proptest::prop_assert_eq!(normalize_all(parts.iter().map(String::as_str)), normalize(&joined));
    }
}

/// The embedded catalog with odd names (spacing, full-width forms, empties) put into one
/// project and into the shared district and theme names.
fn odd_names(names: &[String], project: usize) -> Catalog {
    let mut ds = cat().ds;
    let n = ds.projects.len();
    let p = &mut ds.projects[project % n];
    p.name.en = names[0].clone();
    p.summary.zh = names[1].clone();
    p.summary.en = names[2].clone();
    p.company = Some(Box::new(tongliao_explorer::core::model::I18n { zh: names[3].clone(), en: names[4].clone() }));
    ds.districts[0].name.en = names[5].clone();
    ds.districts[1].name.zh = names[6].clone();
    ds.themes[0].name.en = names[7].clone();
    Catalog::index(ds)
}

/// Every text a project is searched in, normalized as one (`search::project_texts`).
fn full_text(c: &Catalog, i: usize) -> String {
    tongliao_explorer::core::search::normalize_all(
        tongliao_explorer::core::search::project_texts(&c.ds, &c.ds.projects[i]).into_iter().map(|(_, t)| t),
    )
}

proptest::proptest! {
    /// A project's own search text takes ASCII a byte at a time; it must equal normalizing
    /// its texts in order, less the district and theme names (and the district's pinyin),
    /// which the list's shared texts hold once each, by code and by bit.
    #[test]
    fn search_texts_equal_normalizing_each_projects_texts(
        names in proptest::collection::vec("[ a-zA-Z0-9\t\n]{0,8}|[ 　a-zA-ZＡ-Ｚ０-９通辽奈曼旗\t]{0,8}", 8),
        project in 0usize..21,
    ) {
        use tongliao_explorer::core::search::{normalize_all, Field};
        use tongliao_explorer::core::pinyin;
        let c = odd_names(&names, project);
        proptest::prop_assert_eq!(c.search.len(), c.ds.projects.len());
        for (i, p) in c.ds.projects.iter().enumerate() {
            let district = p.district.as_deref().and_then(|id| c.ds.districts.iter().find(|d| d.id == id));
            let district_pinyin = district.and_then(|d| pinyin::of(&d.name.zh));
            let own = tongliao_explorer::core::search::project_texts(&c.ds, p)
                .into_iter()
                .filter(|(f, t)| !(matches!(f, Field::District | Field::Theme) || *f == Field::Pinyin && Some(*t) == district_pinyin))
                .map(|(_, t)| t);
            let own = normalize_all(own);
            proptest::prop_assert_eq!(c.search.get(i), Some(own.as_str()), "project {}", i);
            let code = c.rows[i].codes[Facet::District.index()];
            let mut shared = vec![c.shared.district(code).to_string()];
            shared.extend(c.shared.themes(c.rows[i].themes).map(str::to_string));
            let want: Vec<String> = district.into_iter().map(|d| {
                normalize_all([d.name.zh.as_str(), d.name.en.as_str()].into_iter().chain(district_pinyin))
            }).chain(p.themes.iter().filter_map(|t| c.ds.themes.iter().find(|x| *x.id == **t)).map(|t| normalize_all([t.name.zh.as_str(), t.name.en.as_str()]))).collect();
            if district.is_none() {
                shared.remove(0);
            }
            // The themes in any order: the row's bits are in the list's order.
            let (mut shared, mut want) = (shared, want);
            shared.sort();
            want.sort();
            proptest::prop_assert_eq!(shared, want, "project {}", i);
        }
    }

    /// A search finds exactly the projects whose texts, all of them in one string, hold
    /// every term: the filter reads a project's own text and the list's shared district
    /// and theme texts apart, and a term may be found whole in one of them or (Chinese)
    /// as pieces across them (奈曼 in the district, 明阳 in the company). Queries are cut
    /// from the projects' texts, run together or spaced.
    #[test]
    fn a_search_over_shared_texts_finds_what_one_text_would(
        names in proptest::collection::vec("[ a-zA-Z0-9]{0,8}|[ 　a-zA-Z通辽奈曼旗]{0,8}", 8),
        project in 0usize..21,
        cuts in proptest::collection::vec((0usize..21, 0usize..80, 1usize..6), 1..4),
        spaced in proptest::bool::ANY,
    ) {
        use tongliao_explorer::core::search::Terms;
        let c = odd_names(&names, project);
        let texts: Vec<String> = (0..c.ds.projects.len()).map(|i| full_text(&c, i)).collect();
        let pieces: Vec<String> = cuts.iter().map(|&(i, at, len)| texts[i].chars().skip(at).take(len).collect::<String>()).collect();
        let q = pieces.join(if spaced { " " } else { "" });
        let want: Vec<usize> = (0..texts.len()).filter(|&i| Terms::new(&q).matches(&texts[i])).collect();
        proptest::prop_assert_eq!(apply(&c, &filter(|f| f.q = q.clone())), want, "query {:?}", q);
    }
}

/// `normalize` as its doc says, written plainly: the reference the fast paths are held to.
fn normalize_reference(s: &str) -> String {
    let folded: String = s
        .chars()
        .map(|c| match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap(),
            0x3000 => ' ',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

proptest::proptest! {
    #[test]
    fn normalize_folds_width_and_case_and_collapses_white_space(
        s in "[ a-zA-Z0-9\t\n\u{b}\u{c}\r]{0,12}|[ 　a-zA-ZＡ-Ｚａ-ｚ０-９通辽İ\t\u{85}\u{a0}]{0,12}",
    ) {
        use tongliao_explorer::core::search::normalize;
        proptest::prop_assert_eq!(normalize(&s), normalize_reference(&s));
    }
}

#[test]
fn a_run_together_search_finds_pieces_in_the_shared_district_and_theme_texts() {
    let q = |c: &Catalog, q: &str| ids(c, &apply(c, &filter(|f| f.q = q.into())));
    // 生物医药 and 热电联产 are two themes' names, in no name, summary or company of this project.
    let c = cat();
    assert_eq!(q(&c, "生物医药热电联产"), ["kailu-jinyufeng-corn-circular-park"]);
    // A district named in no project's own text: its piece is found in the district's text only.
    let mut ds = c.ds.clone();
    ds.districts.iter_mut().find(|d| d.id == "horqin").unwrap().name.zh = "测试旗".into();
    let c = Catalog::index(ds);
    assert_eq!(q(&c, "测试风电装备"), ["horqin-longma-wind-equipment-park"]);
    let in_horqin: Vec<usize> = (0..c.ds.projects.len()).filter(|&i| c.ds.projects[i].district.as_deref() == Some("horqin")).collect();
    assert!(!in_horqin.is_empty());
    assert_eq!(q(&c, "测试旗"), ids(&c, &in_horqin));
}
