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
}

impl Section {
    pub fn to_sector(&self) -> Sector {
        Sector { id: self.slug.into(), code: self.code.into(), name: I18n { zh: self.zh.into(), en: self.en.into() } }
    }
}

const fn s(code: &'static str, slug: &'static str, zh: &'static str, en: &'static str) -> Section {
    Section { code, slug, zh, en }
}

pub const SECTIONS: [Section; 20] = [
    s("A", "agriculture", "农、林、牧、渔业", "Agriculture, forestry, animal husbandry and fishery"),
    s("B", "mining", "采矿业", "Mining"),
    s("C", "manufacturing", "制造业", "Manufacturing"),
    s("D", "energy", "电力、热力、燃气及水生产和供应业", "Electricity, heat, gas and water supply"),
    s("E", "construction", "建筑业", "Construction"),
    s("F", "wholesale-retail", "批发和零售业", "Wholesale and retail trade"),
    s("G", "transport", "交通运输、仓储和邮政业", "Transport, storage and postal services"),
    s("H", "accommodation-catering", "住宿和餐饮业", "Accommodation and catering"),
    s(
        "I",
        "information-technology",
        "信息传输、软件和信息技术服务业",
        "Information transmission, software and IT services",
    ),
    s("J", "finance", "金融业", "Finance"),
    s("K", "real-estate", "房地产业", "Real estate"),
    s("L", "leasing-business", "租赁和商务服务业", "Leasing and business services"),
    s("M", "research", "科学研究和技术服务业", "Scientific research and technical services"),
    s("N", "environment", "水利、环境和公共设施管理业", "Water, environment and public facilities"),
    s("O", "resident-services", "居民服务、修理和其他服务业", "Resident services, repair and other services"),
    s("P", "education", "教育", "Education"),
    s("Q", "health", "卫生和社会工作", "Health and social work"),
    s("R", "culture-sports", "文化、体育和娱乐业", "Culture, sports and entertainment"),
    s(
        "S",
        "public-administration",
        "公共管理、社会保障和社会组织",
        "Public administration, social security and social organisations",
    ),
    s("T", "international", "国际组织", "International organisations"),
];

/// The section with this letter; case and surrounding spaces are ignored.
pub fn by_code(code: &str) -> Option<&'static Section> {
    let code = code.trim();
    SECTIONS.iter().find(|s| s.code.eq_ignore_ascii_case(code))
}

pub fn by_slug(slug: &str) -> Option<&'static Section> {
    SECTIONS.iter().find(|s| s.slug == slug)
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
