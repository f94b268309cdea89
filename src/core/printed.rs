//! Reads a figure as printed in Chinese ("近万人", "560亿元以上", "2×100MW") back into
//! base units. Validation uses it to prove every stored value equals its printed string.

use super::model::{Qualifier, Unit};

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

/// Unit tokens with the factor that turns one token into base units.
/// Longer tokens first, so "千瓦时" wins over "千瓦".
fn unit_tokens(unit: Unit) -> &'static [(&'static str, f64)] {
    match unit {
        Unit::Yuan => &[("元", 1.0)],
        Unit::Person => &[("人", 1.0), ("名", 1.0), ("个", 1.0)],
        Unit::Kw => &[("千瓦", 1.0), ("兆瓦", 1000.0), ("MW", 1000.0)],
        Unit::Kwh => &[("千瓦时", 1.0)],
        Unit::Tonne => &[("吨标煤", 1.0), ("吨/年", 1.0), ("吨", 1.0)],
        Unit::Mu => &[("亩", 1.0)],
        Unit::Hectare => &[("公顷", 1.0)],
        Unit::SquareMetre => &[("平方米", 1.0)],
        Unit::Hour => &[("小时", 1.0), ("个", 1.0)],
        Unit::Year => &[("年", 1.0)],
        Unit::Count => &[("个", 1.0), ("条", 1.0), ("台", 1.0), ("座", 1.0), ("项", 1.0), ("支", 1.0), ("家", 1.0), ("头", 1.0), ("", 1.0)],
        Unit::Kv => &[("千伏", 1.0)],
        Unit::GramPerKwh => &[("g/kWh", 1.0)],
        Unit::BillionUnits => &[("十亿", 1.0)],
        Unit::Percent => &[("%", 1.0)],
        Unit::PercentagePoint => &[("个百分点", 1.0)],
    }
}

fn chinese_digit(c: char) -> Option<f64> {
    Some(match c {
        '一' => 1.0,
        '二' | '两' => 2.0,
        '三' => 3.0,
        '四' => 4.0,
        '五' => 5.0,
        '六' => 6.0,
        '七' => 7.0,
        '八' => 8.0,
        '九' => 9.0,
        '十' => 10.0,
        _ => return None,
    })
}

/// Reads a leading number: arabic digits with an optional decimal point, or one
/// Chinese numeral. Returns the number and the rest of the text.
fn take_number(s: &str) -> Option<(f64, &str)> {
    let end = s
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(s.len(), |(i, _)| i);
    if end > 0 {
        return s[..end].parse::<f64>().ok().map(|v| (v, &s[end..]));
    }
    let c = s.chars().next()?;
    chinese_digit(c).map(|v| (v, &s[c.len_utf8()..]))
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
pub fn parse_printed(printed: &str, unit: Unit) -> Result<Parsed, String> {
    let compact: String = printed.chars().filter(|c| !c.is_whitespace()).collect();
    let (s, pre) = strip_any(&compact, PREFIX_QUALIFIERS, true);
    let (s, post) = strip_any(s, SUFFIX_QUALIFIERS, false);

    // "近万人": the magnitude alone stands for one of it.
    let (mut value, mut rest) = match take_number(s) {
        Some(n) => n,
        None if s.starts_with('万') || s.starts_with('亿') => (1.0, s),
        None => return Err(format!("no number in {printed:?}")),
    };
    // "2×100MW": a count times a size.
    if let Some(r) = rest.strip_prefix('×').or_else(|| rest.strip_prefix('x')) {
        let (m, r) = take_number(r).ok_or_else(|| format!("no number after × in {printed:?}"))?;
        value *= m;
        rest = r;
    }
    let mut infix = None;
    let mut magnitude_seen = false;
    loop {
        // "十亿" is itself a unit (billions of activity units), not a magnitude.
        if unit == Unit::BillionUnits && rest.starts_with("十亿") {
            break;
        }
        if let Some(r) = rest.strip_prefix('万') {
            value *= 1e4;
            rest = r;
        } else if let Some(r) = rest.strip_prefix('亿') {
            value *= 1e8;
            rest = r;
        } else {
            break;
        }
        magnitude_seen = true;
    }
    let (r, q) = strip_any(rest, INFIX_QUALIFIERS, true);
    if q.is_some() {
        infix = q;
        rest = r;
    }
    let (token, factor) = unit_tokens(unit)
        .iter()
        .find(|(t, _)| rest == *t)
        .ok_or_else(|| format!("unit {rest:?} in {printed:?} is not a {unit:?} unit"))?;
    if token.is_empty() && !magnitude_seen {
        return Err(format!("no unit in {printed:?}"));
    }
    let qualifiers: Vec<Qualifier> = [pre, infix, post].into_iter().flatten().collect();
    if qualifiers.len() > 1 {
        return Err(format!("more than one qualifier in {printed:?}"));
    }
    Ok(Parsed { value: round_exact(value * factor), qualifier: qualifiers.first().copied() })
}

/// Removes binary noise from decimal products (1.9 × 1e4 = 19000.000000000004).
fn round_exact(v: f64) -> f64 {
    let r = (v * 1e6).round() / 1e6;
    if (r - r.round()).abs() < 1e-9 {
        r.round()
    } else {
        r
    }
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
    }

    #[test]
    fn rejects_wrong_units_and_junk() {
        assert!(parse_printed("185亿元", Unit::Person).is_err());
        assert!(parse_printed("3333", Unit::Yuan).is_err());
        assert!(parse_printed("", Unit::Yuan).is_err());
        assert!(parse_printed("近约100亿元", Unit::Yuan).is_err());
        assert!(parse_printed("300", Unit::Count).is_err());
    }
}
