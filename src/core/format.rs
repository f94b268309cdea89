//! Number formatting in the reader's language: 亿元/万元 in Chinese, CNY bn/m in English.

use super::model::{Lang, Qualifier, Unit};

/// Up to `decimals` decimals, trailing zeros removed.
pub fn trim_decimals(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// 1234567.5 → "1,234,567.5"
pub fn group_thousands(v: f64, decimals: usize) -> String {
    let s = trim_decimals(v, decimals);
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), format!(".{f}")),
        None => (s.clone(), String::new()),
    };
    let (sign, digits) = match int.strip_prefix('-') {
        Some(d) => ("-", d.to_string()),
        None => ("", int),
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}{frac}")
}

/// Chinese large-number style: 万 and 亿 steps.
fn zh_magnitude(v: f64, unit: &str) -> String {
    if v >= 1e8 {
        format!("{}亿{unit}", trim_decimals(v / 1e8, 2))
    } else if v >= 1e4 {
        format!("{}万{unit}", trim_decimals(v / 1e4, 2))
    } else {
        format!("{}{unit}", trim_decimals(v, 2))
    }
}

/// English SI-ish style: k/M/G steps on a base symbol, e.g. 300000 kW → "300 MW".
fn en_si(v: f64, steps: &[(f64, &str)]) -> String {
    let (div, sym) = steps.iter().rev().find(|(d, _)| v >= *d).copied().unwrap_or(steps[0]);
    format!("{} {sym}", group_thousands(v / div, 2))
}

pub fn yuan(v: f64, lang: Lang) -> String {
    match lang {
        Lang::Zh => zh_magnitude(v, "元"),
        Lang::En if v >= 1e9 => format!("CNY {} bn", trim_decimals(v / 1e9, 2)),
        Lang::En if v >= 1e6 => format!("CNY {} m", trim_decimals(v / 1e6, 1)),
        Lang::En => format!("CNY {}", group_thousands(v, 0)),
    }
}

/// A difference with its sign (a true minus, U+2212), the magnitude written by `text`;
/// `zero` is what a difference of nothing carries ("" or "±").
pub fn signed(v: f64, zero: &str, text: impl FnOnce(f64) -> String) -> String {
    let sign = if v < 0.0 { "−" } else if v > 0.0 { "+" } else { zero };
    format!("{sign}{}", text(v.abs()))
}

/// A short axis/tick form of an amount of yuan (no currency word in zh).
pub fn yuan_short(v: f64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}亿", trim_decimals(v / 1e8, 1)),
        Lang::En => format!("{} bn", trim_decimals(v / 1e9, 1)),
    }
}

/// One axis' tick text, in one style for the whole axis, chosen by its largest value
/// `axis_max` rather than tick by tick (which gave "8000" beside "1万"): a zh count axis
/// reaching 10,000 reads in 万 throughout ("0.8万", "1万"); an amount axis reads in the
/// short form (亿 / bn) unless it stays so low that the short form would read "0".
pub fn tick(v: f64, axis_max: f64, unit: Unit, lang: Lang) -> String {
    match (unit, lang) {
        _ if v == 0.0 => "0".into(),
        (Unit::Yuan, _) if axis_max < 5e6 * if lang == Lang::Zh { 1.0 } else { 10.0 } => yuan(v, lang),
        (Unit::Yuan, _) => yuan_short(v, lang),
        (_, Lang::Zh) if axis_max >= 1e8 => format!("{}亿", trim_decimals(v / 1e8, 2)),
        (_, Lang::Zh) if axis_max >= 1e4 => format!("{}万", trim_decimals(v / 1e4, 2)),
        (_, Lang::Zh) => trim_decimals(v, 2),
        (_, Lang::En) => group_thousands(v, 2),
    }
}

pub fn quantity(v: f64, unit: Unit, lang: Lang) -> String {
    use Unit::*;
    match (unit, lang) {
        (Yuan, _) => yuan(v, lang),
        (Person, Lang::Zh) => zh_magnitude(v, "人"),
        (Person, Lang::En) => format!("{} people", group_thousands(v, 0)),
        (Kw, Lang::Zh) => zh_magnitude(v, "千瓦"),
        (Kw, Lang::En) => en_si(v, &[(1.0, "kW"), (1e3, "MW"), (1e6, "GW")]),
        (Kwh, Lang::Zh) => zh_magnitude(v, "千瓦时"),
        (Kwh, Lang::En) => en_si(v, &[(1.0, "kWh"), (1e3, "MWh"), (1e6, "GWh"), (1e9, "TWh")]),
        (Tonne, Lang::Zh) => zh_magnitude(v, "吨"),
        (Tonne, Lang::En) => format!("{} t", group_thousands(v, 2)),
        (Mu, Lang::Zh) => format!("{}亩", group_thousands(v, 2)),
        (Mu, Lang::En) => format!("{} mu ({} ha)", group_thousands(v, 2), group_thousands(v / 15.0, 1)),
        (Hectare, Lang::Zh) => format!("{}公顷", trim_decimals(v, 4)),
        (Hectare, Lang::En) => format!("{} ha", group_thousands(v, 4)),
        (SquareMetre, Lang::Zh) => zh_magnitude(v, "平方米"),
        (SquareMetre, Lang::En) => format!("{} m²", group_thousands(v, 0)),
        (Hour, Lang::Zh) => format!("{}小时", trim_decimals(v, 0)),
        (Hour, Lang::En) => format!("{} h", group_thousands(v, 0)),
        (Year, Lang::Zh) => format!("{}年", trim_decimals(v, 0)),
        (Year, Lang::En) => format!("{} years", trim_decimals(v, 0)),
        (Count, Lang::Zh) => zh_magnitude(v, ""),
        (Count, Lang::En) => group_thousands(v, 0),
        (Kv, Lang::Zh) => format!("{}千伏", trim_decimals(v, 0)),
        (Kv, Lang::En) => format!("{} kV", trim_decimals(v, 0)),
        (GramPerKwh, _) => format!("{} g/kWh", trim_decimals(v, 1)),
        (BillionUnits, Lang::Zh) => zh_magnitude(v, "十亿单位"),
        (BillionUnits, Lang::En) => format!("{} billion units", group_thousands(v, 0)),
        (Percent, _) => format!("{}%", trim_decimals(v, 1)),
        (PercentagePoint, Lang::Zh) => format!("{}个百分点", trim_decimals(v, 1)),
        (PercentagePoint, Lang::En) => format!("{} pp", trim_decimals(v, 1)),
    }
}

/// The qualifier as a word that precedes the number ("about 300 MW").
pub fn qualifier(q: Qualifier, lang: Lang) -> &'static str {
    match (q, lang) {
        (Qualifier::AtLeast, Lang::Zh) => "不低于",
        (Qualifier::Nearly, Lang::Zh) => "近",
        (Qualifier::About, Lang::Zh) => "约",
        (Qualifier::Over, Lang::Zh) => "超过",
        (Qualifier::OddMore, Lang::Zh) => "逾",
        (Qualifier::AtLeast, Lang::En) => "at least",
        (Qualifier::Nearly, Lang::En) => "nearly",
        (Qualifier::About, Lang::En) => "about",
        (Qualifier::Over, Lang::En) => "over",
        (Qualifier::OddMore, Lang::En) => "more than",
    }
}

/// A figure for reading: qualifier word + formatted amount.
pub fn qualified(v: f64, unit: Unit, q: Option<Qualifier>, lang: Lang) -> String {
    let amount = quantity(v, unit, lang);
    match q {
        Some(q) if lang == Lang::En => format!("{} {amount}", qualifier(q, lang)),
        Some(q) => format!("{}{amount}", qualifier(q, lang)),
        None => amount,
    }
}

/// Base value as stored, for the provenance column: integers in full.
pub fn base_value(v: f64, unit: Unit, lang: Lang) -> String {
    let sym = match (unit, lang) {
        (Unit::Yuan, Lang::Zh) => "元",
        (Unit::Yuan, Lang::En) => "yuan",
        (Unit::Person, Lang::Zh) => "人",
        (Unit::Person, Lang::En) => "persons",
        (Unit::Kw, Lang::Zh) => "千瓦",
        (Unit::Kw, Lang::En) => "kW",
        (Unit::Kwh, Lang::Zh) => "千瓦时",
        (Unit::Kwh, Lang::En) => "kWh",
        (Unit::Tonne, Lang::Zh) => "吨",
        (Unit::Tonne, Lang::En) => "t",
        (Unit::Mu, Lang::Zh) => "亩",
        (Unit::Mu, Lang::En) => "mu",
        (Unit::Hectare, Lang::Zh) => "公顷",
        (Unit::Hectare, Lang::En) => "ha",
        (Unit::SquareMetre, Lang::Zh) => "平方米",
        (Unit::SquareMetre, Lang::En) => "m²",
        (Unit::Hour, Lang::Zh) => "小时",
        (Unit::Hour, Lang::En) => "h",
        (Unit::Year, Lang::Zh) => "年",
        (Unit::Year, Lang::En) => "a",
        (Unit::Count, _) => "",
        (Unit::Kv, Lang::Zh) => "千伏",
        (Unit::Kv, Lang::En) => "kV",
        (Unit::GramPerKwh, Lang::Zh) => "克/千瓦时",
        (Unit::GramPerKwh, Lang::En) => "g/kWh",
        (Unit::BillionUnits, Lang::Zh) => "十亿单位",
        (Unit::BillionUnits, Lang::En) => "BU",
        (Unit::Percent, _) => "%",
        (Unit::PercentagePoint, Lang::Zh) => "个百分点",
        (Unit::PercentagePoint, Lang::En) => "pp",
    };
    // Chinese sets no space between a number and its unit.
    let gap = if lang == Lang::Zh || unit == Unit::Percent { "" } else { " " };
    format!("{}{gap}{sym}", group_thousands(v, 4)).trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differences_carry_their_sign() {
        assert_eq!(signed(-5e7, "", |v| base_value(v, Unit::Yuan, Lang::Zh)), "−50,000,000元");
        assert_eq!(signed(1e8, "±", |v| yuan(v, Lang::En)), "+CNY 100 m");
        assert_eq!(signed(0.0, "±", |v| yuan(v, Lang::Zh)), "±0元");
    }

    #[test]
    fn an_axis_keeps_one_number_style() {
        let zh: Vec<String> = [0.0, 4000.0, 8000.0, 12000.0].iter().map(|&v| tick(v, 12000.0, Unit::Count, Lang::Zh)).collect();
        assert_eq!(zh, ["0", "0.4万", "0.8万", "1.2万"]);
        assert_eq!(tick(8000.0, 9000.0, Unit::Count, Lang::Zh), "8000");
        assert_eq!(tick(8000.0, 12000.0, Unit::Count, Lang::En), "8,000");
        assert_eq!(tick(2e6, 3e6, Unit::Yuan, Lang::Zh), "200万元");
        assert_eq!(tick(2e9, 3e9, Unit::Yuan, Lang::En), "2 bn");
    }

    #[test]
    fn money_in_both_languages() {
        assert_eq!(yuan(18_500_000_000.0, Lang::Zh), "185亿元");
        assert_eq!(yuan(2_266_000_000.0, Lang::Zh), "22.66亿元");
        assert_eq!(yuan(229_520_000.0, Lang::Zh), "2.3亿元");
        assert_eq!(yuan(88_790_000.0, Lang::Zh), "8879万元");
        assert_eq!(yuan(18_500_000_000.0, Lang::En), "CNY 18.5 bn");
        assert_eq!(yuan(425_000_000.0, Lang::En), "CNY 425 m");
        assert_eq!(yuan(160_000_000.0, Lang::En), "CNY 160 m");
        assert_eq!(yuan(0.0, Lang::En), "CNY 0");
    }

    #[test]
    fn quantities() {
        assert_eq!(quantity(300_000.0, Unit::Kw, Lang::En), "300 MW");
        assert_eq!(quantity(300_000.0, Unit::Kw, Lang::Zh), "30万千瓦");
        assert_eq!(quantity(900_000_000.0, Unit::Kwh, Lang::En), "900 GWh");
        assert_eq!(quantity(3_052_810_000.0, Unit::Kwh, Lang::En), "3.05 TWh");
        assert_eq!(quantity(10_000.0, Unit::Person, Lang::En), "10,000 people");
        assert_eq!(qualified(10_000.0, Unit::Person, Some(Qualifier::Nearly), Lang::Zh), "近1万人");
        assert_eq!(qualified(284_000.0, Unit::Tonne, Some(Qualifier::About), Lang::En), "about 284,000 t");
        assert_eq!(base_value(18_500_000_000.0, Unit::Yuan, Lang::En), "18,500,000,000 yuan");
        assert_eq!(base_value(314.1106, Unit::Hectare, Lang::En), "314.1106 ha");
        assert_eq!(base_value(18_500_000_000.0, Unit::Yuan, Lang::Zh), "18,500,000,000元");
        assert_eq!(base_value(10_000.0, Unit::Person, Lang::Zh), "10,000人");
        assert_eq!(base_value(25.0, Unit::Year, Lang::Zh), "25年");
    }

    #[test]
    fn grouping() {
        assert_eq!(group_thousands(1_234_567.5, 1), "1,234,567.5");
        assert_eq!(group_thousands(999.0, 0), "999");
        assert_eq!(group_thousands(-1000.0, 0), "-1,000");
    }
}
