//! The printed-figure reader is exact: a decimal 亿/万 amount gives the whole yuan it states.

use proptest::prelude::*;
use tongliao_explorer::core::model::{Qualifier, Unit};
use tongliao_explorer::core::printed::parse_printed;

proptest! {
    #[test]
    fn yi_amounts_are_exact(k in 1u64..10_000_000_000, d in 0u32..5) {
        let printed = format!("{}亿元", tongliao_explorer::core::format::trim_decimals(k as f64 / 10f64.powi(d as i32), d as usize));
        let parsed = parse_printed(&printed, Unit::Yuan).unwrap();
        let expected = (k as u128 * 10u128.pow(8 - d)) as f64;
        prop_assert_eq!(parsed.value, expected, "{}", printed);
    }

    #[test]
    fn wan_amounts_with_qualifiers(k in 1u64..100_000_000) {
        let parsed = parse_printed(&format!("约{k}万吨"), Unit::Tonne).unwrap();
        prop_assert_eq!(parsed.value, (k as f64) * 1e4);
        prop_assert_eq!(parsed.qualifier, Some(Qualifier::About));
    }

    #[test]
    fn any_text_is_read_or_refused_without_panic(s in ".{0,40}") {
        for unit in [Unit::Yuan, Unit::Kw, Unit::Count, Unit::BillionUnits, Unit::Percent] {
            let _ = parse_printed(&s, unit);
        }
    }
}
