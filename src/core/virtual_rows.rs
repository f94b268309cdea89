//! Which rows a virtualized table renders: the ones in its scroll viewport plus a margin,
//! so the DOM holds a few dozen rows however many match. And where the keyboard goes in
//! it, since Tab alone reaches only the rows that are rendered.

use std::ops::Range;

/// Rows kept rendered above and below the viewport, so a quick scroll or a Tab into the
/// next row finds it already there.
pub const OVERSCAN: usize = 8;

/// The rows to render for a viewport of `viewport_px` scrolled to `scroll_px`, when every
/// row is `row_px` high and there are `total` rows. Never empty while `total > 0`, and
/// never past the end, whatever the scroll position the browser reports.
pub fn visible_rows(scroll_px: f64, viewport_px: f64, row_px: f64, total: usize) -> Range<usize> {
    // Also refuses a NaN height, which `row_px <= 0.0` would let through.
    if total == 0 || row_px.is_nan() || row_px <= 0.0 {
        return 0..0;
    }
    let rows_at = |px: f64| if px.is_finite() && px > 0.0 { (px / row_px) as usize } else { 0 };
    let first = rows_at(scroll_px).min(total - 1);
    // At least one screenful, even before the viewport has been measured.
    let shown = rows_at(viewport_px).max(16) + 1;
    let start = first.saturating_sub(OVERSCAN);
    let end = first.saturating_add(shown).saturating_add(OVERSCAN).min(total);
    start..end
}

/// The most rows `visible_rows` renders for a viewport of `viewport_px`, wherever it is
/// scrolled: rows at consecutive positions taken modulo this are all different, so a
/// table can reuse one element per remainder as the window moves (`table.rs`).
pub fn window_len(viewport_px: f64, row_px: f64) -> usize {
    let rows = if viewport_px.is_finite() && viewport_px > 0.0 && row_px > 0.0 { (viewport_px / row_px) as usize } else { 0 };
    rows.max(16) + 1 + 2 * OVERSCAN
}

/// The keys of a table's `pool` row elements, in page order: every remainder (mod the
/// window's length) once, with the rows in the window, `window`'s remainders, in the
/// window's order. Elements of no row in view stay in the page, hidden, so a filter that
/// shortens the list builds and drops none. The order is 0, 1, 2… unless the window
/// wraps past the last remainder (a long list scrolled): then it starts at the window's
/// first. So the rows of a list shorter than the window never move, and a row keeps the
/// keyboard focus (a moved element loses it) while the window scrolls.
pub fn pool_keys(window: impl IntoIterator<Item = usize>, pool: usize) -> Vec<usize> {
    let mut window = window.into_iter().filter(|&r| r < pool);
    let first = window.next();
    let mut last = first;
    let wraps = window.any(|r| {
        let down = last.is_some_and(|l| r < l);
        last = Some(r);
        down
    });
    let start = if wraps { first.unwrap_or(0) } else { 0 };
    (start..pool).chain(0..start).collect()
}

/// The row a key moves the keyboard focus to, from row `current` of `total`: arrows by
/// one, Page Up/Down by ten, Home and End to the ends. `None`: not a key the table takes.
pub fn row_for_key(key: &str, current: usize, total: usize) -> Option<usize> {
    let last = total.checked_sub(1)?;
    let next = match key {
        "ArrowDown" => current.saturating_add(1),
        "ArrowUp" => current.saturating_sub(1),
        "PageDown" => current.saturating_add(10),
        "PageUp" => current.saturating_sub(10),
        "Home" => 0,
        "End" => last,
        _ => return None,
    };
    Some(next.min(last))
}

/// The scroll offset that shows row `row` whole, moving as little as possible: rows sit
/// `header_px` below the top of the scrolled content, under a header of that height that
/// stays in view.
pub fn scroll_to_show(row: usize, scroll_px: f64, viewport_px: f64, row_px: f64, header_px: f64) -> f64 {
    let top = row as f64 * row_px;
    let bottom = header_px + top + row_px;
    if top < scroll_px {
        top
    } else if bottom > scroll_px + viewport_px {
        bottom - viewport_px
    } else {
        scroll_px
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pool_keys_keep_the_window_in_order_and_move_nothing_else() {
        // A scrolled window that wraps starts the order; one that does not leaves it be.
        assert_eq!(pool_keys([3, 4, 0, 1], 5), vec![3, 4, 0, 1, 2]);
        assert_eq!(pool_keys([2, 3], 5), vec![0, 1, 2, 3, 4]);
        // A filter that leaves 2 rows keeps all 21 elements, in the same order as before.
        assert_eq!(pool_keys(0..2, 21), (0..21).collect::<Vec<_>>());
        assert_eq!(pool_keys(std::iter::empty(), 3), vec![0, 1, 2]);
        assert_eq!(pool_keys(0..5, 0), Vec::<usize>::new());
        // Every window of every list, as the table takes it: a permutation of the pool
        // with the window's rows in order, next to each other; for a list no longer than
        // the window, always 0, 1, 2…, so its rows never move.
        let k = window_len(900.0, 52.0);
        for total in [0, 5, 21, k, k + 1, 60, 1000] {
            for scroll in (0..60_000).step_by(130).map(f64::from) {
                let window: Vec<usize> = visible_rows(scroll, 900.0, 52.0, total).map(|p| p % k).collect();
                let pool = k.min(total);
                let keys = pool_keys(window.iter().copied(), pool);
                let mut sorted = keys.clone();
                sorted.sort_unstable();
                assert_eq!(sorted, (0..pool).collect::<Vec<_>>(), "{total} {scroll}");
                let at = keys.iter().position(|&r| Some(&r) == window.first()).unwrap_or(0);
                assert_eq!(&keys[at..at + window.len()], &window[..], "{total} {scroll}");
                if total <= k {
                    assert_eq!(keys, (0..pool).collect::<Vec<_>>(), "{total} {scroll}");
                }
            }
        }
    }

    #[test]
    fn no_window_is_longer_than_window_len() {
        for viewport in [0.0, 100.0, 520.0, 833.0, 2000.0, f64::NAN] {
            let most = window_len(viewport, 52.0);
            for total in [0, 1, 20, 60, 1000] {
                for scroll in (0..60_000).step_by(26).map(f64::from) {
                    let r = visible_rows(scroll, viewport, 52.0, total);
                    assert!(r.len() <= most, "{viewport} {total} {scroll}: {r:?} > {most}");
                }
            }
            // Mid-list the window is exactly that long: the bound is not loose.
            assert_eq!(visible_rows(52.0 * 500.0, viewport, 52.0, 1000).len(), most, "{viewport}");
        }
    }

    #[test]
    fn keys_move_by_one_ten_or_to_the_ends_and_stop_there() {
        assert_eq!(row_for_key("ArrowDown", 4, 100), Some(5));
        assert_eq!(row_for_key("ArrowDown", 99, 100), Some(99));
        assert_eq!(row_for_key("ArrowUp", 0, 100), Some(0));
        assert_eq!(row_for_key("PageDown", 95, 100), Some(99));
        assert_eq!(row_for_key("PageUp", 5, 100), Some(0));
        assert_eq!(row_for_key("End", 5, 100), Some(99));
        assert_eq!(row_for_key("Home", 50, 100), Some(0));
        assert_eq!(row_for_key("Enter", 5, 100), None);
        assert_eq!(row_for_key("ArrowDown", 0, 0), None);
    }

    #[test]
    fn scrolling_shows_the_row_and_no_more_than_needed() {
        // A 400 px box with a 40 px header, 50 px rows: rows 0–6 fit at the top.
        assert_eq!(scroll_to_show(3, 0.0, 400.0, 50.0, 40.0), 0.0);
        // Row 7 ends at 40 + 400 = 440: scroll by 40.
        assert_eq!(scroll_to_show(7, 0.0, 400.0, 50.0, 40.0), 40.0);
        // Going back up above the view puts the row right under the header.
        assert_eq!(scroll_to_show(2, 500.0, 400.0, 50.0, 40.0), 100.0);
        assert_eq!(scroll_to_show(9999, 0.0, 400.0, 50.0, 40.0), 40.0 + 10_000.0 * 50.0 - 400.0);
    }

    #[test]
    fn top_of_a_long_list_renders_a_screen_and_the_margin() {
        assert_eq!(visible_rows(0.0, 360.0, 36.0, 100_000), 0..(17 + OVERSCAN));
    }

    #[test]
    fn scrolled_window_is_centred_on_the_viewport() {
        let r = visible_rows(36.0 * 5000.0, 720.0, 36.0, 100_000);
        assert_eq!(r, (5000 - OVERSCAN)..(5000 + 21 + OVERSCAN));
    }

    #[test]
    fn short_list_renders_every_row() {
        assert_eq!(visible_rows(0.0, 500.0, 36.0, 21), 0..21);
        assert_eq!(visible_rows(0.0, 500.0, 36.0, 0), 0..0);
    }

    #[test]
    fn scroll_past_the_end_or_garbage_stays_in_range() {
        let r = visible_rows(1e12, 720.0, 36.0, 50);
        assert!(r.start < r.end && r.end == 50);
        assert_eq!(visible_rows(f64::NAN, f64::NAN, 36.0, 50), 0..(17 + OVERSCAN));
        assert_eq!(visible_rows(-50.0, 720.0, 36.0, 50), 0..(21 + OVERSCAN));
        assert_eq!(visible_rows(0.0, 720.0, 0.0, 50), 0..0);
    }

    #[test]
    fn rendered_rows_do_not_grow_with_the_row_count() {
        let small = visible_rows(3600.0, 720.0, 36.0, 1_000).len();
        let large = visible_rows(3600.0, 720.0, 36.0, 1_000_000).len();
        assert_eq!(small, large);
    }
}
