//! Reading single cells: "not stated" marks, year ranges, names split into places, and
//! the ASCII slugs and pinyin that imported Chinese names get.

use pinyin::ToPinyin;

use super::grid::Value;
use crate::core::printed::ascii_digit;

/// Cells that say "not stated" rather than a value.
pub fn not_stated(text: &str) -> bool {
    matches!(text.trim(), "" | "—" | "-" | "–" | "——" | "/" | "／" | "无" | "暂无" | "N/A" | "n/a" | "NA" | "--")
}

/// A year ("2023") or year-month ("2023-03") as the schema writes it.
fn year_month(s: &str) -> Option<String> {
    let s: String = crate::core::printed::normalise_cell(s);
    let s = s.trim_end_matches(['年', '月']);
    let (y, m) = match s.split_once(['.', '年', '/', '-']) {
        Some((y, m)) => (y, Some(m.trim_end_matches('月'))),
        None => (s, None),
    };
    let year: u16 = y.parse().ok().filter(|y| (1900..=2100).contains(y))?;
    match m.filter(|m| !m.is_empty()) {
        None => Some(format!("{year:04}")),
        Some(m) => {
            let month: u8 = m.parse().ok().filter(|m| (1..=12).contains(m))?;
            Some(format!("{year:04}-{month:02}"))
        }
    }
}

/// The start and end of a construction period: "2023-2025", "2023—2025年", "2023.3-2025.12",
/// "2023年3月至2025年12月", a lone year (start only), or an Excel date serial.
pub fn years(v: &Value) -> Option<(String, Option<String>)> {
    if let Value::Date(serial) | Value::Number(serial) = v {
        let serial = *serial;
        if (1900.0..=2100.0).contains(&serial) && serial.fract() == 0.0 {
            return Some((format!("{:04}", serial as u16), None));
        }
        if let Value::Date(_) = v {
            return serial_year_month(serial).map(|d| (d, None));
        }
        return None;
    }
    let text = v.text();
    let t = text.trim();
    if not_stated(t) {
        return None;
    }
    for sep in ["—", "－", "–", "~", "～", "至", "到", "-"] {
        // "2023-2025": the separator between two years, not inside "2023-03".
        if let Some((a, b)) = split_range(t, sep) {
            if let (Some(a), Some(b)) = (year_month(a), year_month(b)) {
                return Some((a, Some(b)));
            }
        }
    }
    year_month(t).map(|d| (d, None))
}

fn split_range<'a>(t: &'a str, sep: &str) -> Option<(&'a str, &'a str)> {
    if sep == "-" {
        // Only a dash with a four-digit year on both sides splits a range.
        let i = t.match_indices('-').map(|(i, _)| i).find(|&i| {
            let right: String = t[i + 1..].chars().take(4).collect();
            right.len() == 4 && right.bytes().all(|b| b.is_ascii_digit()) && i >= 4
        })?;
        return Some((&t[..i], &t[i + 1..]));
    }
    t.split_once(sep)
}

/// An Excel serial (days since 1899-12-30) as a year-month.
fn serial_year_month(serial: f64) -> Option<String> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    // Civil-from-days (Howard Hinnant), from the Unix epoch, which is serial 25569.
    let z = serial.floor() as i64 - 25569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Some(format!("{year:04}-{month:02}"))
}

/// Places named in one cell: 红山区、松山区 → both.
pub fn places(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in text.split(['、', '，', ',', '；', ';', '/', '／', '\n']) {
        let p = p.trim();
        if !p.is_empty() && !not_stated(p) && !out.iter().any(|x| x == p) {
            out.push(p.to_string());
        }
    }
    out
}

/// Toneless pinyin syllables of a name, ASCII letters and digits kept as words.
fn syllables(zh: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in zh.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
            continue;
        }
        if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        if let Some(p) = c.to_pinyin() {
            out.push(p.plain().to_string());
        } else if let Some(d) = c.to_digit(10) {
            out.push(d.to_string());
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// The pinyin of a name as an English-side label: "Horqin" is not known here, so
/// 科尔沁区 reads "Ke Er Qin Qu" and is marked as a transliteration where shown.
pub fn transliterate(zh: &str) -> String {
    let words = syllables(zh);
    if words.is_empty() {
        return zh.to_string();
    }
    words
        .iter()
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// An ASCII slug of at most `max` bytes, cut at a syllable. Pinyin's ü is written v, as
/// ASCII pinyin writes it (an id must be a-z, 0-9 and -; lü blocked the import).
pub fn slug(zh: &str, max: usize) -> String {
    let mut s = String::new();
    for w in syllables(zh).into_iter().map(|w| w.replace('ü', "v")) {
        if s.len() + w.len() + 1 > max {
            break;
        }
        if !s.is_empty() {
            s.push('-');
        }
        s.push_str(&w);
    }
    if s.is_empty() {
        s.push('x');
    }
    s
}


/// A name as compared between releases: no spaces, full-width digits and brackets made ASCII.
pub fn normalise_name(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => ascii_digit(c),
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slug_writes_pinyin_u_umlaut_as_v() {
        assert!(slug("𦆾", 40).bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{}", slug("𦆾", 40));
    }

    fn y(s: &str) -> Option<(String, Option<String>)> {
        years(&Value::Text(s.into()))
    }

    #[test]
    fn year_ranges() {
        let r = |a: &str, b: &str| Some((a.to_string(), Some(b.to_string())));
        assert_eq!(y("2023-2025"), r("2023", "2025"));
        assert_eq!(y("2023—2025年"), r("2023", "2025"));
        assert_eq!(y("2023.3-2025.12"), r("2023-03", "2025-12"));
        assert_eq!(y("2023年3月至2025年12月"), r("2023-03", "2025-12"));
        assert_eq!(y("２０２３－２０２４"), r("2023", "2024"));
        assert_eq!(y("2023"), Some(("2023".into(), None)));
        assert_eq!(y("—"), None);
        assert_eq!(y("近期"), None);
        assert_eq!(years(&Value::Number(2024.0)), Some(("2024".into(), None)));
        // 2023-03-15 is serial 45000.
        assert_eq!(years(&Value::Date(45000.0)), Some(("2023-03".into(), None)));
    }

    #[test]
    fn several_places() {
        assert_eq!(places("红山区、松山区"), vec!["红山区", "松山区"]);
        assert_eq!(places("—"), Vec::<String>::new());
    }

    #[test]
    fn slugs_and_pinyin() {
        assert_eq!(slug("科尔沁区", 40), "ke-er-qin-qu");
        assert_eq!(transliterate("科尔沁区"), "Ke Er Qin Qu");
        assert_eq!(slug("5G基站", 40), "5g-ji-zhan");
        assert!(slug(&"风".repeat(100), 20).len() <= 20);
    }
}
