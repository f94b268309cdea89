//! Reads a figure as printed in Chinese ("近万人", "560亿元以上", "2×100MW") back into
//! base units. Validation uses it to prove every stored value equals its printed string.

use super::model::{Qualifier, Unit};

/// Why a printed figure could not be read; the message adds the figure and the unit.
#[derive(Debug, Clone, PartialEq)]
pub enum Unreadable {
    NoNumber,
    /// "2×" with nothing after the ×.
    NoNumberAfterTimes,
    TooLarge,
    /// The text after the number is no unit token of the expected unit.
    NotTheUnit(String),
    NoUnit,
    TwoQualifiers,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub value: f64,
    pub qualifier: Option<Qualifier>,
}

const PREFIX_QUALIFIERS: &[(&str, Qualifier)] = &[
    ("超过", Qualifier::Over),
    ("近", Qualifier::Nearly),
    ("约", Qualifier::About),
];
const SUFFIX_QUALIFIERS: &[(&str, Qualifier)] = &[
    ("以上", Qualifier::AtLeast),
    ("左右", Qualifier::About),
];
const INFIX_QUALIFIERS: &[(&str, Qualifier)] = &[("余", Qualifier::OddMore), ("多", Qualifier::OddMore)];

/// Unit tokens with the power of ten that turns one token into base units.
/// Longer tokens first, so "千瓦时" wins over "千瓦".
fn unit_tokens(unit: Unit) -> &'static [(&'static str, i32)] {
    match unit {
        Unit::Yuan => &[("元", 0)],
        Unit::Person => &[("人", 0), ("名", 0), ("个", 0)],
        Unit::Kw => &[("千瓦", 0), ("兆瓦", 3), ("MW", 3)],
        Unit::Kwh => &[("千瓦时", 0)],
        Unit::Tonne => &[("吨标煤", 0), ("吨/年", 0), ("吨", 0)],
        Unit::Mu => &[("亩", 0)],
        Unit::Hectare => &[("公顷", 0)],
        Unit::SquareMetre => &[("平方米", 0)],
        Unit::Hour => &[("小时", 0), ("个", 0)],
        Unit::Year => &[("年", 0)],
        Unit::Count => &[("个", 0), ("条", 0), ("台", 0), ("座", 0), ("项", 0), ("支", 0), ("家", 0), ("头", 0), ("", 0)],
        Unit::Kv => &[("千伏", 0)],
        Unit::GramPerKwh => &[("g/kWh", 0)],
        Unit::BillionUnits => &[("十亿", 0)],
        Unit::Percent => &[("%", 0)],
        Unit::PercentagePoint => &[("个百分点", 0)],
    }
}

fn chinese_digit(c: char) -> Option<u64> {
    Some(match c {
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        '十' => 10,
        _ => return None,
    })
}

/// A decimal number kept exact: `mantissa × 10^-decimals`.
#[derive(Debug, Clone, Copy)]
struct Decimal {
    mantissa: u128,
    decimals: i32,
}

/// Reads a leading number: arabic digits with an optional decimal point, or one
/// Chinese numeral. Returns the number and the rest of the text.
fn take_number(s: &str) -> Option<(Decimal, &str)> {
    let end = s
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(s.len(), |(i, _)| i);
    if end > 0 {
        let text = &s[..end];
        let (int, frac) = text.split_once('.').unwrap_or((text, ""));
        if int.is_empty() || frac.contains('.') || int.len() + frac.len() > 30 {
            return None;
        }
        // Digits only (checked above), at most 30 of them: the mantissa fits a u128.
        let mantissa = int.bytes().chain(frac.bytes()).fold(0u128, |m, d| m * 10 + u128::from(d - b'0'));
        return Some((Decimal { mantissa, decimals: frac.len() as i32 }, &s[end..]));
    }
    let c = s.chars().next()?;
    chinese_digit(c).map(|v| (Decimal { mantissa: u128::from(v), decimals: 0 }, &s[c.len_utf8()..]))
}

/// The nearest f64 to `mantissa × 10^exp`, rounded once, so "140.48亿" is exactly 14048000000.
fn to_f64(mantissa: u128, exp: i32) -> f64 {
    if exp >= 0 {
        match 10u128.checked_pow(exp as u32).and_then(|p| mantissa.checked_mul(p)) {
            Some(v) => v as f64,
            None => mantissa as f64 * 10f64.powi(exp),
        }
    } else if exp >= -22 {
        // Both operands are exact (powers of ten up to 1e22 are), so the division rounds once.
        mantissa as f64 / 10f64.powi(-exp)
    } else {
        mantissa as f64 * 10f64.powi(exp)
    }
}

fn strip_any<'a>(s: &'a str, list: &[(&str, Qualifier)], prefix: bool) -> (&'a str, Option<Qualifier>) {
    for (token, q) in list {
        let hit = if prefix { s.strip_prefix(token) } else { s.strip_suffix(token) };
        if let Some(rest) = hit {
            return (rest, Some(*q));
        }
    }
    (s, None)
}

/// Parses `printed` as an amount of `unit`. Errors say what could not be read.
pub fn parse_printed(printed: &str, unit: Unit) -> Result<Parsed, Unreadable> {
    let compact: String = printed.chars().filter(|c| !c.is_whitespace()).collect();
    let (s, pre) = strip_any(&compact, PREFIX_QUALIFIERS, true);
    let (s, post) = strip_any(s, SUFFIX_QUALIFIERS, false);

    // "近万人": the magnitude alone stands for one of it.
    let (mut number, mut rest) = match take_number(s) {
        Some(n) => n,
        None if s.starts_with('万') || s.starts_with('亿') => (Decimal { mantissa: 1, decimals: 0 }, s),
        None => return Err(Unreadable::NoNumber),
    };
    // "2×100MW": a count times a size.
    if let Some(r) = rest.strip_prefix('×').or_else(|| rest.strip_prefix('x')) {
        let (m, r) = take_number(r).ok_or(Unreadable::NoNumberAfterTimes)?;
        number = Decimal {
            mantissa: number.mantissa.checked_mul(m.mantissa).ok_or(Unreadable::TooLarge)?,
            decimals: number.decimals + m.decimals,
        };
        rest = r;
    }
    let mut exp = -number.decimals;
    let mut magnitude_seen = false;
    loop {
        // "十亿" is itself a unit (billions of activity units), not a magnitude.
        if unit == Unit::BillionUnits && rest.starts_with("十亿") {
            break;
        }
        if let Some(r) = rest.strip_prefix('万') {
            exp += 4;
            rest = r;
        } else if let Some(r) = rest.strip_prefix('亿') {
            exp += 8;
            rest = r;
        } else {
            break;
        }
        magnitude_seen = true;
    }
    let (r, infix) = strip_any(rest, INFIX_QUALIFIERS, true);
    if infix.is_some() {
        rest = r;
    }
    let (token, factor) = unit_tokens(unit)
        .iter()
        .find(|(t, _)| rest == *t)
        .ok_or_else(|| Unreadable::NotTheUnit(rest.to_string()))?;
    if token.is_empty() && !magnitude_seen {
        return Err(Unreadable::NoUnit);
    }
    let qualifiers: Vec<Qualifier> = [pre, infix, post].into_iter().flatten().collect();
    if qualifiers.len() > 1 {
        return Err(Unreadable::TwoQualifiers);
    }
    Ok(Parsed { value: to_f64(number.mantissa, exp + factor), qualifier: qualifiers.first().copied() })
}

/// A full-width digit (０–９) as its ASCII twin; any other character as it is.
pub fn ascii_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        c => c,
    }
}

/// A spreadsheet cell as a reader would type it: full-width digits and points made ASCII,
/// thousands separators and spaces dropped ("１２,５００．３７" → "12500.37").
pub fn normalise_cell(cell: &str) -> String {
    cell.chars()
        .filter_map(|c| match c {
            '０'..='９' => Some(ascii_digit(c)),
            '．' => Some('.'),
            ',' | '，' => None,
            c if c.is_whitespace() => None,
            c => Some(c),
        })
        .collect()
}

/// Reads a cell under a column whose header gives the unit: "12,500.37" under 总投资（万元）
/// (`exp` = 4) is 125003700 yuan, exactly. A cell that prints its own unit ("5亿元") is
/// read as printed.
pub fn parse_cell(cell: &str, exp: i32, unit: Unit) -> Result<Parsed, Unreadable> {
    let compact = normalise_cell(cell);
    let (s, pre) = strip_any(&compact, PREFIX_QUALIFIERS, true);
    let (s, post) = strip_any(s, SUFFIX_QUALIFIERS, false);
    let (s, odd) = strip_any(s, &[("余", Qualifier::OddMore), ("多", Qualifier::OddMore)], false);
    match take_number(s) {
        Some((n, "")) => {
            let qualifiers: Vec<Qualifier> = [pre, post, odd].into_iter().flatten().collect();
            if qualifiers.len() > 1 {
                return Err(Unreadable::TwoQualifiers);
            }
            Ok(Parsed { value: to_f64(n.mantissa, exp - n.decimals), qualifier: qualifiers.first().copied() })
        }
        _ => parse_printed(&compact, unit),
    }
}

/// The power of ten of a header unit token (万元 → 4), for `parse_cell`.
pub fn unit_exp(token: &str) -> Option<i32> {
    Some(match token {
        "元" => 0,
        "千元" => 3,
        "万元" => 4,
        "百万元" => 6,
        "亿元" => 8,
        "十亿元" => 9,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str, u: Unit) -> (f64, Option<Qualifier>) {
        let r = parse_printed(s, u).unwrap();
        (r.value, r.qualifier)
    }

    #[test]
    fn reads_amounts_and_qualifiers() {
        assert_eq!(p("185亿元", Unit::Yuan), (18_500_000_000.0, None));
        assert_eq!(p("560亿元以上", Unit::Yuan), (56_000_000_000.0, Some(Qualifier::AtLeast)));
        assert_eq!(p("近万人", Unit::Person), (10_000.0, Some(Qualifier::Nearly)));
        assert_eq!(p("1300 余名", Unit::Person), (1300.0, Some(Qualifier::OddMore)));
        assert_eq!(p("300多支", Unit::Count), (300.0, Some(Qualifier::OddMore)));
        assert_eq!(p("22952万元", Unit::Yuan), (229_520_000.0, None));
        assert_eq!(p("4.25亿元", Unit::Yuan), (425_000_000.0, None));
        assert_eq!(p("22.66亿元", Unit::Yuan), (2_266_000_000.0, None));
        assert_eq!(p("2×100MW", Unit::Kw), (200_000.0, None));
        assert_eq!(p("305281万千瓦时", Unit::Kwh), (3_052_810_000.0, None));
        assert_eq!(p("约28.4万吨", Unit::Tonne), (284_000.0, Some(Qualifier::About)));
        assert_eq!(p("1.9万平方米", Unit::SquareMetre), (19_000.0, None));
        assert_eq!(p("314.1106公顷", Unit::Hectare), (314.1106, None));
        assert_eq!(p("3000个以上", Unit::Hour), (3000.0, Some(Qualifier::AtLeast)));
        assert_eq!(p("300万千瓦左右", Unit::Kw), (3_000_000.0, Some(Qualifier::About)));
        assert_eq!(p("超过150亿元", Unit::Yuan), (15_000_000_000.0, Some(Qualifier::Over)));
        assert_eq!(p("500万吨标煤以上", Unit::Tonne), (5_000_000.0, Some(Qualifier::AtLeast)));
        assert_eq!(p("120万十亿", Unit::BillionUnits), (1_200_000.0, None));
        assert_eq!(p("一万头", Unit::Count), (10_000.0, None));
        assert_eq!(p("两座", Unit::Count), (2.0, None));
        assert_eq!(p("30%以上", Unit::Percent), (30.0, Some(Qualifier::AtLeast)));
        assert_eq!(p("44个百分点", Unit::PercentagePoint), (44.0, None));
        assert_eq!(p("3770.3吨/年", Unit::Tonne), (3770.3, None));
        // Exact in yuan where binary floating point multiplication is not (140.48 × 1e8).
        assert_eq!(p("140.48亿元", Unit::Yuan), (14_048_000_000.0, None));
        assert_eq!(p("266.22亿元", Unit::Yuan), (26_622_000_000.0, None));
        assert_eq!(p("0.01亿元", Unit::Yuan), (1_000_000.0, None));
    }

    #[test]
    fn reads_cells_under_a_unit_header() {
        let c = |s: &str, exp: i32| parse_cell(s, exp, Unit::Yuan).map(|p| (p.value, p.qualifier));
        assert_eq!(c("12,500.37", 4), Ok((125_003_700.0, None)));
        assert_eq!(c("１２，５００．３７", 4), Ok((125_003_700.0, None)));
        assert_eq!(c(" 3.5 ", 8), Ok((350_000_000.0, None)));
        assert_eq!(c("约5000", 4), Ok((50_000_000.0, Some(Qualifier::About))));
        assert_eq!(c("5亿元", 4), Ok((500_000_000.0, None)));
        assert!(c("待定", 4).is_err());
        assert!(c("1.2.3", 4).is_err());
    }

    #[test]
    fn rejects_wrong_units_and_junk() {
        assert!(parse_printed("185亿元", Unit::Person).is_err());
        assert!(parse_printed("3333", Unit::Yuan).is_err());
        assert!(parse_printed("", Unit::Yuan).is_err());
        assert!(parse_printed("近约100亿元", Unit::Yuan).is_err());
        assert!(parse_printed("300", Unit::Count).is_err());
        assert!(parse_printed("1.2.3亿元", Unit::Yuan).is_err());
        assert!(parse_printed(&format!("{}亿元", "9".repeat(60)), Unit::Yuan).is_err());
    }
}
