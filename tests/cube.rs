//! The facet cube against `filter::select`, the one pass it stands in for, over many random
//! lists and one-facet filters; and where it must leave the answer to `select`.

use proptest::prelude::*;
use tongliao_explorer::core::cube::{Cube, CubeBuilder};
use tongliao_explorer::core::dataset::{embedded, Catalog};
use tongliao_explorer::core::filter::{select, Facet, Filter};
use tongliao_explorer::core::model::{Kind, Stage, StageRecord, ThinVec};

/// A list of `codes.len()` projects made from the embedded ones, each given the sector,
/// district, kind, stage and themes its numbers pick; `places` adds a second district to
/// some.
fn list(codes: &[(usize, usize, usize, usize, u8)], places: bool) -> Catalog {
    let mut ds = embedded().expect("embedded").ds;
    let base = ds.projects.clone();
    let (sectors, districts, themes) = (ds.sectors.clone(), ds.districts.clone(), ds.themes.clone());
    ds.projects = codes
        .iter()
        .enumerate()
        .map(|(k, &(s, d, kind, stage, bits))| {
            let mut p = base[k % base.len()].clone();
            p.id = format!("p{k}");
            p.sector = sectors[s % sectors.len()].id.as_str().into();
            // One in five has no district.
            p.district = (d % 5 != 0).then(|| districts[d % districts.len()].id.as_str().into());
            p.places = if places && p.district.is_some() && d % 3 == 0 {
                ThinVec::from([districts[(d + 1) % districts.len()].id.as_str().into()])
            } else {
                ThinVec::new()
            };
            p.kind = if kind % 2 == 0 { Kind::Highlight } else { Kind::Mentioned };
            let src = p.src;
            p.stage = [None, Some(Stage::Planned), Some(Stage::UnderConstruction), Some(Stage::InProduction)][stage % 4]
                .map(|value| StageRecord { value, src });
            p.themes = themes.iter().enumerate().filter(|(i, _)| *i < 8 && bits & (1 << i) != 0).map(|(_, t)| t.id.as_str().into()).collect();
            p
        })
        .collect();
    Catalog::new(ds).expect("the made list validates")
}

fn project_codes() -> impl Strategy<Value = Vec<(usize, usize, usize, usize, u8)>> {
    proptest::collection::vec((0..20usize, 0..40usize, 0..2usize, 0..4usize, any::<u8>()), 1..120)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// One facet chosen, any values of it (some unknown to the list): the cube's counts,
    /// sums and rows in view are `select`'s exactly.
    #[test]
    fn a_one_facet_filter_selects_as_the_pass_does(
        codes in project_codes(),
        facet in 0..5usize,
        picks in proptest::collection::btree_set(0..24usize, 1..4),
        unknown in any::<bool>(),
    ) {
        let cat = list(&codes, false);
        let cube = Cube::of(&cat).expect("small enough");
        let facet = Facet::ALL[facet];
        let values = &cat.facet_values[facet.index()];
        let mut filter = Filter::default();
        for k in picks {
            if let Some(v) = values.get(k % values.len().max(1)) {
                filter.selected_mut(facet).insert(v.clone());
            }
        }
        if unknown || filter.selected(facet).is_empty() {
            filter.selected_mut(facet).insert("not-a-value".into());
        }
        prop_assert_eq!(cube.select(&cat, &filter), Some(select(&cat, &filter)));
    }

    /// Projects in two districts: a filter on another facet still matches the pass (they
    /// count in each district), and a district filter is left to the pass.
    #[test]
    fn projects_in_several_places_count_in_each_and_leave_district_filters_alone(
        codes in project_codes(),
        facet in 0..4usize,
        pick in 0..24usize,
    ) {
        let cat = list(&codes, true);
        let cube = Cube::of(&cat).expect("small enough");
        let facet = [Facet::Sector, Facet::Kind, Facet::Stage, Facet::District][facet];
        let values = &cat.facet_values[facet.index()];
        let mut filter = Filter::default();
        filter.selected_mut(facet).insert(values.get(pick % values.len().max(1)).cloned().unwrap_or_default());
        let want = (facet != Facet::District || cat.places.is_empty()).then(|| select(&cat, &filter));
        prop_assert_eq!(cube.select(&cat, &filter), want);
    }

    /// Built a step at a time, the cube is the one built at once.
    #[test]
    fn a_cube_built_in_steps_is_the_same(codes in project_codes(), step in 1..50usize) {
        let cat = list(&codes, true);
        let mut b = CubeBuilder::new(&cat).expect("small enough");
        let mut steps = 0;
        while !b.step(&cat, step) {
            steps += 1;
        }
        prop_assert_eq!(steps, codes.len().div_ceil(step) - 1);
        prop_assert_eq!(Some(b.finish()), Cube::of(&cat));
    }
}

#[test]
fn filters_the_cube_cannot_answer_are_left_to_the_pass() {
    let cat = list(&[(1, 1, 0, 1, 3), (2, 2, 1, 2, 1), (1, 3, 0, 0, 0)], false);
    let cube = Cube::of(&cat).expect("small enough");
    let sector = cat.facet_values[Facet::Sector.index()][0].clone();
    let one = |f: &mut Filter| {
        f.sectors.insert(sector.clone());
    };
    let with = |more: fn(&mut Filter)| {
        let mut f = Filter::default();
        one(&mut f);
        more(&mut f);
        f
    };
    assert_eq!(cube.select(&cat, &Filter::default()), None, "no facet chosen: the prepared selection or the pass");
    assert!(cube.select(&cat, &with(|_| {})).is_some());
    for f in [
        with(|f| f.q = "园".into()),
        with(|f| f.min = Some(1.0)),
        with(|f| f.max = Some(1.0)),
        with(|f| {
            f.themes.insert("x".into());
        }),
        with(|f| {
            f.kinds.insert("highlight".into());
        }),
    ] {
        assert_eq!(cube.select(&cat, &f), None, "{f:?}");
    }
    // A blank search is no search.
    assert_eq!(cube.select(&cat, &with(|f| f.q = "  ".into())), Some(select(&cat, &with(|_| {}))));
}
