//! Step 3: map the columns. A header names a field under one of many spellings, Chinese or
//! English, and may carry the unit of its amounts (总投资（万元）, Total investment (CNY 10k)).

use serde::{Deserialize, Serialize};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Field {
    Seq,
    Name,
    Location,
    Stage,
    Content,
    Years,
    Total,
    PlanYear,
    ToDate,
    Owner,
    Category,
    Remark,
    /// Kept with each project as printed, mapped to nothing.
    Other,
}

impl Field {
    pub const ALL: [Field; 13] = [
        Field::Seq,
        Field::Name,
        Field::Location,
        Field::Stage,
        Field::Content,
        Field::Years,
        Field::Total,
        Field::PlanYear,
        Field::ToDate,
        Field::Owner,
        Field::Category,
        Field::Remark,
        Field::Other,
    ];

    pub fn is_amount(self) -> bool {
        matches!(self, Field::Total | Field::PlanYear | Field::ToDate)
    }

    /// At most one column may hold each field but `Other`.
    pub fn single(self) -> bool {
        self != Field::Other
    }
}

/// Header spellings per field, matched after `normalise` (no spaces, no unit in brackets,
/// lower case). Longer, more specific names come first where one contains another.
const SYNONYMS: &[(Field, &[&str])] = &[
    (Field::Seq, &["序号", "编号", "no.", "no", "#", "seq"]),
    (Field::PlanYear, &["年度计划投资", "计划投资", "年计划投资", "本年计划投资", "年度投资计划", "plannedinvestment", "annualinvestment", "plan"]),
    (Field::ToDate, &["累计完成投资", "累计完成", "已完成投资", "完成投资", "investmenttodate", "completed"]),
    (Field::Total, &["总投资", "计划总投资", "项目总投资", "投资总额", "totalinvestment", "investment", "total"]),
    (Field::Name, &["项目名称", "项目", "名称", "projectname", "project", "name"]),
    (Field::Location, &["建设地点", "所在地区", "旗县区", "实施地点", "所在地", "地区", "地点", "区域", "旗县市区", "location", "district", "place"]),
    (Field::Stage, &["建设性质", "项目性质", "性质", "项目阶段", "类型", "status", "stage", "nature"]),
    (Field::Content, &["建设规模及主要内容", "建设内容及规模", "建设规模及内容", "主要建设内容", "建设内容", "建设规模", "content", "scope", "description"]),
    (Field::Years, &["建设起止年限", "建设年限", "起止年限", "建设周期", "建设期限", "起止年份", "years", "period", "duration"]),
    (Field::Owner, &["项目单位", "建设单位", "项目业主", "责任单位", "业主单位", "实施单位", "owner", "company", "developer", "unit"]),
    (Field::Category, &["行业", "产业类别", "所属领域", "行业类别", "项目类别", "领域", "产业", "category", "sector", "industry"]),
    (Field::Remark, &["备注", "说明", "remarks", "remark", "notes", "note"]),
];

/// A header without spaces, line breaks, bracketed units or case.
pub fn normalise(header: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in header.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = (depth - 1).max(0),
            c if depth > 0 || c.is_whitespace() || c == ':' || c == '：' => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The field a header names, if any. `2023年计划投资` is a year's plan.
pub fn field_of(header: &str) -> Option<Field> {
    // A two-row header reads "投资（万元） 总投资": the sub-header names the field.
    field_named(header).or_else(|| header.rsplit_once(' ').and_then(|(_, sub)| field_named(sub)))
}

fn field_named(header: &str) -> Option<Field> {
    let n = normalise(header);
    if n.is_empty() {
        return None;
    }
    let n = strip_year(&n);
    SYNONYMS.iter().find(|(_, names)| names.contains(&n)).map(|(f, _)| *f).or_else(|| {
        // "2023年计划投资" / "其中：2023年投资": a year and 投资 is the year's plan.
        (n.contains("计划") && n.contains("投资")).then_some(Field::PlanYear)
    })
}

/// "2023年计划投资" → "计划投资"; other text unchanged.
fn strip_year(n: &str) -> &str {
    let digits = n.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 4 {
        if let Some(rest) = n[4..].strip_prefix('年') {
            return rest;
        }
    }
    n
}

/// An amount unit: its Chinese token and the power of ten that makes yuan of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scale {
    pub token: &'static str,
    pub exp: i32,
}

pub const SCALES: [Scale; 6] = [
    Scale { token: "元", exp: 0 },
    Scale { token: "千元", exp: 3 },
    Scale { token: "万元", exp: 4 },
    Scale { token: "百万元", exp: 6 },
    Scale { token: "亿元", exp: 8 },
    Scale { token: "十亿元", exp: 9 },
];

pub fn scale_named(token: &str) -> Option<Scale> {
    SCALES.iter().copied().find(|s| s.token == token)
}

/// The unit a header or unit line states: （万元）, 单位：亿元, (CNY 10k), (CNY m).
pub fn scale_in(text: &str) -> Option<Scale> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
    const ENGLISH: [(&str, &str); 9] = [
        ("cny10k", "万元"),
        ("cny10,000", "万元"),
        ("10,000yuan", "万元"),
        ("cnybn", "十亿元"),
        ("cnybillion", "十亿元"),
        ("cnym", "百万元"),
        ("cnymn", "百万元"),
        ("cnymillion", "百万元"),
        ("cny100m", "亿元"),
    ];
    // Longest match first: 十亿元 before 亿元, 百万元 and 千元 before 元.
    let mut english = ENGLISH.to_vec();
    english.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
    for (k, token) in english {
        if compact.contains(k) {
            return scale_named(token);
        }
    }
    let mut by_length = SCALES.to_vec();
    by_length.sort_by_key(|s| std::cmp::Reverse(s.token.len()));
    by_length.into_iter().find(|s| compact.contains(s.token)).or_else(|| {
        (compact.contains("(cny)") || compact.contains("(yuan)") || compact.ends_with("yuan")).then_some(SCALES[0])
    })
}

/// A spreadsheet column's letters: 0 → A, 26 → AA.
pub fn letters(mut col: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// A first guess for every column, and which fields more than one column claimed (a choice
/// for the reader, not an error): the first claimant keeps it, the others become `Other`.
pub fn guess(headers: &[String]) -> (Vec<Field>, Vec<Field>) {
    let mut fields: Vec<Field> = headers.iter().map(|h| field_of(h).unwrap_or(Field::Other)).collect();
    let mut contested = Vec::new();
    for f in Field::ALL.into_iter().filter(|f| f.single()) {
        let claimants: Vec<usize> = (0..fields.len()).filter(|&i| fields[i] == f).collect();
        if claimants.len() > 1 {
            contested.push(f);
            for &i in &claimants[1..] {
                fields[i] = Field::Other;
            }
        }
    }
    (fields, contested)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonyms() {
        assert_eq!(field_of("项目名称"), Some(Field::Name));
        assert_eq!(field_of(" 建设地点 "), Some(Field::Location));
        assert_eq!(field_of("旗县区"), Some(Field::Location));
        assert_eq!(field_of("总投资（万元）"), Some(Field::Total));
        assert_eq!(field_of("投资（万元） 总投资"), Some(Field::Total));
        assert_eq!(field_of("投资（万元）"), None);
        assert_eq!(field_of("2023年计划投资"), Some(Field::PlanYear));
        assert_eq!(field_of("年度计划投资（万元）"), Some(Field::PlanYear));
        assert_eq!(field_of("累计完成投资"), Some(Field::ToDate));
        assert_eq!(field_of("建设起止\n年限"), Some(Field::Years));
        assert_eq!(field_of("建设规模及主要内容"), Some(Field::Content));
        assert_eq!(field_of("Total investment (CNY 10k)"), Some(Field::Total));
        assert_eq!(field_of("Project"), Some(Field::Name));
        assert_eq!(field_of("Location"), Some(Field::Location));
        assert_eq!(field_of("项目业主"), Some(Field::Owner));
        assert_eq!(field_of("所属领域"), Some(Field::Category));
        assert_eq!(field_of("联系人"), None);
    }

    #[test]
    fn units() {
        assert_eq!(scale_in("总投资（万元）").map(|s| s.exp), Some(4));
        assert_eq!(scale_in("单位：亿元").map(|s| s.exp), Some(8));
        assert_eq!(scale_in("Total investment (CNY 10k)").map(|s| s.exp), Some(4));
        assert_eq!(scale_in("Investment (CNY m)").map(|s| s.exp), Some(6));
        assert_eq!(scale_in("Investment (CNY bn)").map(|s| s.exp), Some(9));
        assert_eq!(scale_in("金额单位：元").map(|s| s.exp), Some(0));
        assert_eq!(scale_in("总投资"), None);
    }

    #[test]
    fn column_letters() {
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
        assert_eq!(letters(27), "AB");
    }

    #[test]
    fn two_totals_are_a_choice() {
        let h = ["项目名称", "总投资", "计划总投资"].map(String::from);
        let (fields, contested) = guess(&h);
        assert_eq!(fields, vec![Field::Name, Field::Total, Field::Other]);
        assert_eq!(contested, vec![Field::Total]);
    }
}
