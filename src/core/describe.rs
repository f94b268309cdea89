//! The active filter in words, for captions, citations and file names.

use super::dataset::Catalog;
use super::filter::{Facet, Filter, RANGE_UNIT_YUAN};
use super::format::yuan;
use super::i18n::{facet_label, kind_label, stage_label, texts};
use super::model::Lang;

fn value_name(cat: &Catalog, facet: Facet, value: &str, lang: Lang) -> String {
    let found = match facet {
        Facet::Sector => cat.ds.sectors.iter().find(|s| s.id == value).map(|s| s.name.get(lang).to_string()),
        Facet::District => cat.ds.districts.iter().find(|d| d.id == value).map(|d| d.name.get(lang).to_string()),
        Facet::Kind => Some(kind_label(value, lang).to_string()),
        Facet::Stage => Some(list_stage(cat, value, lang).unwrap_or_else(|| stage_label(value, lang).to_string())),
        Facet::Section => section_name(cat, value, lang),
    };
    found.unwrap_or_else(|| texts(lang).unstated.to_string())
}

/// A list's own stage value (续建) by id, if the list has its own.
pub fn list_stage(cat: &Catalog, id: &str, lang: Lang) -> Option<String> {
    cat.ds.stages.iter().find(|s| s.id == id).map(|s| s.name.get(lang).to_string())
}

pub fn section_name(cat: &Catalog, id: &str, lang: Lang) -> Option<String> {
    cat.ds.sections.iter().find(|s| s.id == id).map(|s| s.name.get(lang).to_string())
}

/// e.g. "Sector: Mining, Manufacturing; District: Kailu County; search “龙马”".
/// A range bound (亿元 in the link) in words: an amount in the reader's units (10 → "10亿元",
/// "CNY 1 bn").
pub fn bound_text(yi: f64, lang: Lang) -> String {
    yuan(yi * RANGE_UNIT_YUAN, lang)
}

pub fn describe_filter(cat: &Catalog, filter: &Filter, lang: Lang) -> String {
    let (sep, colon, or) = match lang {
        Lang::Zh => ("；", "：", "、"),
        Lang::En => ("; ", ": ", ", "),
    };
    let mut parts: Vec<String> = Vec::new();
    for facet in Facet::ALL {
        let set = filter.selected(facet);
        if !set.is_empty() {
            let names: Vec<String> = set.iter().map(|v| value_name(cat, facet, v, lang)).collect();
            parts.push(format!("{}{colon}{}", facet_label(facet.key(), lang), names.join(or)));
        }
    }
    if !filter.themes.is_empty() {
        let names: Vec<String> = filter
            .themes
            .iter()
            .map(|t| cat.ds.themes.iter().find(|x| &x.id == t).map_or_else(|| t.clone(), |x| x.name.get(lang).to_string()))
            .collect();
        parts.push(format!("{}{colon}{}", facet_label("theme", lang), names.join(or)));
    }
    if !filter.q.is_empty() {
        parts.push(format!("{}{colon}“{}”", facet_label("q", lang), filter.q));
    }
    let amount = |v: f64| bound_text(v, lang);
    let range = texts(lang).investment_range;
    match (filter.min, filter.max) {
        (Some(a), Some(b)) => parts.push(format!("{range}{colon}{} – {}", amount(a), amount(b))),
        (Some(a), None) => parts.push(format!("{range}{colon}≥ {}", amount(a))),
        (None, Some(b)) => parts.push(format!("{range}{colon}≤ {}", amount(b))),
        (None, None) => {}
    }
    if parts.is_empty() {
        texts(lang).filter_none.to_string()
    } else {
        parts.join(sep)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dataset::embedded;

    #[test]
    fn words_for_a_filter() {
        let cat = embedded().unwrap();
        let mut f = Filter::default();
        assert_eq!(describe_filter(&cat, &f, Lang::En), "All projects (no filter)");
        f.sectors.insert("mining".into());
        f.districts.insert("kailu".into());
        f.q = "龙马".into();
        f.min = Some(10.0);
        assert_eq!(
            describe_filter(&cat, &f, Lang::En),
            "Sector: Mining; District: Kailu County; search: “龙马”; Total investment: ≥ CNY 1 bn"
        );
        assert!(describe_filter(&cat, &f, Lang::Zh).starts_with("行业：采矿业；旗县区：开鲁县"));
    }
}
