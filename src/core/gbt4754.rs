//! The 20 sections (门类) of GB/T 4754-2017, China's industrial classification.
//! A user CSV names a sector by its section letter; this table gives the slug and names.
//! The zh names are the standard's own; the first seven slugs match the embedded dataset.

use super::model::{I18n, Sector};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    /// Section letter, "A"–"T".
    pub code: &'static str,
    /// URL slug, e.g. "manufacturing".
    pub slug: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    /// Short names for narrow columns and chart labels.
    pub short_zh: &'static str,
    pub short_en: &'static str,
}

impl Section {
    pub fn to_sector(&self) -> Sector {
        Sector {
            id: self.slug.into(),
            code: self.code.into(),
            name: I18n { zh: self.zh.into(), en: self.en.into() },
            short: Some(I18n { zh: self.short_zh.into(), en: self.short_en.into() }),
        }
    }
}

const fn s(code: &'static str, slug: &'static str, zh: &'static str, en: &'static str, short: (&'static str, &'static str)) -> Section {
    Section { code, slug, zh, en, short_zh: short.0, short_en: short.1 }
}

pub const SECTIONS: [Section; 20] = [
    s("A", "agriculture", "农、林、牧、渔业", "Agriculture, forestry, animal husbandry and fishery", ("农林牧渔", "Agriculture")),
    s("B", "mining", "采矿业", "Mining", ("采矿", "Mining")),
    s("C", "manufacturing", "制造业", "Manufacturing", ("制造", "Manufacturing")),
    s("D", "energy", "电力、热力、燃气及水生产和供应业", "Electricity, heat, gas and water supply", ("电热燃水", "Utilities")),
    s("E", "construction", "建筑业", "Construction", ("建筑", "Construction")),
    s("F", "wholesale-retail", "批发和零售业", "Wholesale and retail trade", ("批发零售", "Trade")),
    s("G", "transport", "交通运输、仓储和邮政业", "Transport, storage and postal services", ("交通运输", "Transport")),
    s("H", "accommodation-catering", "住宿和餐饮业", "Accommodation and catering", ("住宿餐饮", "Hospitality")),
    s(
        "I",
        "information-technology",
        "信息传输、软件和信息技术服务业",
        "Information transmission, software and IT services", ("信息技术", "IT")),
    s("J", "finance", "金融业", "Finance", ("金融", "Finance")),
    s("K", "real-estate", "房地产业", "Real estate", ("房地产", "Real estate")),
    s("L", "leasing-business", "租赁和商务服务业", "Leasing and business services", ("租赁商务", "Business services")),
    s("M", "research", "科学研究和技术服务业", "Scientific research and technical services", ("科研技术", "Research")),
    s("N", "environment", "水利、环境和公共设施管理业", "Water, environment and public facilities", ("水利环境", "Environment")),
    s("O", "resident-services", "居民服务、修理和其他服务业", "Resident services, repair and other services", ("居民服务", "Resident services")),
    s("P", "education", "教育", "Education", ("教育", "Education")),
    s("Q", "health", "卫生和社会工作", "Health and social work", ("卫生", "Health")),
    s("R", "culture-sports", "文化、体育和娱乐业", "Culture, sports and entertainment", ("文体娱乐", "Culture and sports")),
    s(
        "S",
        "public-administration",
        "公共管理、社会保障和社会组织",
        "Public administration, social security and social organisations", ("公共管理", "Public administration")),
    s("T", "international", "国际组织", "International organisations", ("国际组织", "International")),
];

/// The section with this letter; case and surrounding spaces are ignored.
/// Words in a list's own category names (能源项目, 社会事业) and the section they point to.
/// A suggestion only: the importer offers it and the reader decides.
const HINTS: &[(&str, &str)] = &[
    ("农", "A"), ("林业", "A"), ("牧", "A"), ("渔", "A"), ("agri", "A"),
    ("矿", "B"), ("煤炭", "B"), ("mining", "B"),
    ("工业", "C"), ("制造", "C"), ("产业园", "C"), ("加工", "C"), ("manufact", "C"), ("industr", "C"),
    ("能源", "D"), ("电力", "D"), ("新能源", "D"), ("风电", "D"), ("光伏", "D"), ("供热", "D"), ("燃气", "D"), ("energy", "D"),
    ("建筑", "E"), ("construct", "E"),
    ("商贸", "F"), ("商业", "F"), ("批发", "F"), ("零售", "F"), ("trade", "F"),
    ("交通", "G"), ("物流", "G"), ("公路", "G"), ("铁路", "G"), ("机场", "G"), ("transport", "G"), ("logistic", "G"),
    ("住宿", "H"), ("餐饮", "H"),
    ("信息", "I"), ("数字", "I"), ("通信", "I"), ("软件", "I"), ("digital", "I"),
    ("金融", "J"), ("financ", "J"),
    ("房地产", "K"), ("real estate", "K"),
    ("科技", "M"), ("科研", "M"), ("研发", "M"), ("research", "M"),
    ("水利", "N"), ("生态", "N"), ("环保", "N"), ("环境", "N"), ("市政", "N"), ("城建", "N"), ("城镇", "N"), ("基础设施", "N"), ("environment", "N"),
    ("教育", "P"), ("学校", "P"), ("education", "P"),
    ("卫生", "Q"), ("医疗", "Q"), ("养老", "Q"), ("health", "Q"),
    ("文化", "R"), ("旅游", "R"), ("体育", "R"), ("culture", "R"), ("touris", "R"),
    ("社会事业", "Q"),
];

/// The GB/T section a category name suggests, where exactly one section's words appear
/// in it (能源项目 → D); `None` where the name allows no single answer.
pub fn suggest(category: &str) -> Option<&'static Section> {
    let name = category.to_lowercase();
    let mut codes: Vec<&str> = HINTS.iter().filter(|(word, _)| name.contains(word)).map(|(_, c)| *c).collect();
    codes.sort_unstable();
    codes.dedup();
    match codes.as_slice() {
        [one] => by_code(one),
        _ => None,
    }
}

pub fn by_code(code: &str) -> Option<&'static Section> {
    let code = code.trim();
    SECTIONS.iter().find(|s| s.code.eq_ignore_ascii_case(code))
}

pub fn by_slug(slug: &str) -> Option<&'static Section> {
    SECTIONS.iter().find(|s| s.slug == slug)
}

#[cfg(test)]
mod suggest_tests {
    use super::suggest;

    #[test]
    fn categories_suggest_a_section_only_when_the_name_allows_one() {
        assert_eq!(suggest("能源项目").map(|s| s.code), Some("D"));
        assert_eq!(suggest("工业项目").map(|s| s.code), Some("C"));
        assert_eq!(suggest("交通物流").map(|s| s.code), Some("G"));
        assert_eq!(suggest("Energy").map(|s| s.code), Some("D"));
        assert_eq!(suggest("重点项目"), None);
        // Two sections' words: no single answer.
        assert_eq!(suggest("农业和工业"), None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dataset::embedded;
    use crate::core::validate::is_slug;

    #[test]
    fn letters_a_to_t_with_unique_slugs() {
        let letters: String = SECTIONS.iter().map(|s| s.code).collect();
        assert_eq!(letters, "ABCDEFGHIJKLMNOPQRST");
        for (i, s) in SECTIONS.iter().enumerate() {
            assert!(is_slug(s.slug), "{}", s.slug);
            assert!(SECTIONS[..i].iter().all(|t| t.slug != s.slug), "{} twice", s.slug);
        }
        assert_eq!(by_code(" c ").map(|s| s.slug), Some("manufacturing"));
        assert_eq!(by_code("U"), None);
    }

    #[test]
    fn embedded_sectors_are_table_rows() {
        for sector in embedded().unwrap().ds.sectors {
            let row = by_slug(&sector.id).unwrap_or_else(|| panic!("sector {} not in the table", sector.id));
            assert_eq!(row.to_sector(), sector);
        }
    }
}
