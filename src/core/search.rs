//! Free-text search that ignores case and full/half width, over a project's names,
//! summaries, company, district and themes in both languages and the pinyin of its
//! Chinese names.

use super::model::{Dataset, I18n, Project};
use super::pinyin;

/// Folds full-width ASCII forms (Ｈｏｒｑｉｎ, １２３) to half width, lowercases,
/// and collapses runs of white space to one space.
pub fn normalize(s: &str) -> String {
    normalize_all([s])
}

/// `normalize` of the texts joined by spaces, without building the joined text: it runs
/// once per project of a file that may hold 100,000.
pub fn normalize_all<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    normalize_onto(&mut out, texts);
    out
}

/// `normalize_all`, appended to `out`: a catalog writes its 100,000 search texts into one
/// string (`dataset::Texts`), with no string of its own per project.
pub fn normalize_onto<'a>(out: &mut String, texts: impl IntoIterator<Item = &'a str>) {
    let mut w = Normalizer::new(out);
    texts.into_iter().for_each(|t| w.text(t));
    w.finish();
}

/// `normalize_onto` a text at a time, where some texts come normalized already (a
/// district's name, shared by thousands of projects, is normalized once).
pub struct Normalizer<'o> {
    out: &'o mut String,
    start: usize,
    /// Whether the last thing written is a space, or nothing is written yet.
    space: bool,
}

impl<'o> Normalizer<'o> {
    pub fn new(out: &'o mut String) -> Self {
        let start = out.len();
        Normalizer { out, start, space: true }
    }

    fn separate(&mut self) {
        if !self.space {
            self.out.push(' ');
            self.space = true;
        }
    }

    pub fn text(&mut self, s: &str) {
        self.separate();
        if s.is_ascii() {
            // Most English and pinyin text: bytes, without decoding chars.
            for &b in s.as_bytes() {
                if (b as char).is_whitespace() {
                    self.separate();
                } else {
                    self.out.push(char::from(b.to_ascii_lowercase()));
                    self.space = false;
                }
            }
            return;
        }
        for c in s.chars() {
            let c = match c as u32 {
                0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                0x3000 => ' ',
                _ => c,
            };
            if c.is_whitespace() {
                self.separate();
            } else {
                if c.is_ascii() {
                    self.out.push(c.to_ascii_lowercase());
                } else {
                    self.out.extend(c.to_lowercase());
                }
                self.space = false;
            }
        }
    }

    /// A text that `normalize` has written: copied as it is.
    pub fn normalized(&mut self, s: &str) {
        if !s.is_empty() {
            self.separate();
            self.out.push_str(s);
            self.space = s.ends_with(' ');
        }
    }

    pub fn finish(self) {
        if self.out.len() > self.start && self.out.ends_with(' ') {
            self.out.pop();
        }
    }
}

/// Where in a project a search term was found, for "why this row matched".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Name,
    Summary,
    Company,
    District,
    Theme,
    /// The pinyin of a Chinese name (`pinyin.rs`).
    Pinyin,
}

/// The texts a project is searched in, each with its field: names, summaries, company,
/// district and theme names in both languages, and the pinyin of its Chinese names. The
/// id is left out: it is hidden, so a match through it would show no reason.
pub fn project_texts<'a>(ds: &'a Dataset, p: &'a Project) -> Vec<(Field, &'a str)> {
    let mut out = vec![(Field::Name, p.name.zh.as_str()), (Field::Name, p.name.en.as_str())];
    out.extend([(Field::Summary, p.summary.zh.as_str()), (Field::Summary, p.summary.en.as_str())]);
    let both = |field, t: &'a I18n| [(field, t.zh.as_str()), (field, t.en.as_str())];
    if let Some(c) = &p.company {
        out.extend(both(Field::Company, c));
    }
    let district = p.district.as_ref().and_then(|id| ds.districts.iter().find(|d| *d.id == **id));
    if let Some(d) = district {
        out.extend(both(Field::District, &d.name));
    }
    for t in p.themes.iter().filter_map(|id| ds.themes.iter().find(|t| *t.id == **id)) {
        out.extend(both(Field::Theme, &t.name));
    }
    let chinese = [Some(&p.name), p.company.as_deref(), district.map(|d| &d.name)];
    out.extend(chinese.into_iter().flatten().filter_map(|n| pinyin::of(&n.zh)).map(|py| (Field::Pinyin, py)));
    out
}

/// A term longer than this is not split into pieces (the split is quadratic in its length).
const MAX_SPLIT_CHARS: usize = 16;

/// How `term` occurs in `haystack`: whole, or (a Chinese term only, whose words a reader
/// runs together: 奈曼明阳) as consecutive pieces of two or more characters that are each
/// found somewhere in it (奈曼 + 明阳). Latin terms are not split: two-letter pieces
/// would match almost any text. Returns the pieces, or `None`.
pub fn find_term<'t>(term: &'t str, haystack: &str) -> Option<Vec<&'t str>> {
    if haystack.contains(term) {
        return Some(vec![term]);
    }
    split_pieces(term, &|piece| haystack.contains(piece))
}

/// `find_term` for a term not found whole: its pieces, if it is a Chinese term that splits
/// into pieces that are each `found` (in a project's texts, which may be several strings).
pub fn split_pieces<'t>(term: &'t str, found: &dyn Fn(&str) -> bool) -> Option<Vec<&'t str>> {
    if term.is_ascii() {
        return None;
    }
    let bounds: Vec<usize> = term.char_indices().map(|(i, _)| i).chain([term.len()]).collect();
    let chars = bounds.len() - 1;
    if !(4..=MAX_SPLIT_CHARS).contains(&chars) {
        return None;
    }
    // from[j]: where the last piece ending at char j starts, if term[..j] splits into found pieces.
    let mut from: Vec<Option<usize>> = vec![None; chars + 1];
    from[0] = Some(0);
    for i in 0..chars {
        if from[i].is_none() {
            continue;
        }
        // A piece not found cannot be found longer: stop at the first miss.
        for j in i + 2..=chars {
            if !found(&term[bounds[i]..bounds[j]]) {
                break;
            }
            from[j].get_or_insert(i);
        }
    }
    from[chars]?;
    let mut pieces = Vec::new();
    let mut j = chars;
    while j > 0 {
        let i = from[j]?;
        pieces.push(&term[bounds[i]..bounds[j]]);
        j = i;
    }
    pieces.reverse();
    Some(pieces)
}

/// A normalized query: every term must occur in the haystack (see `find_term`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Terms(Vec<String>);

impl Terms {
    pub fn new(query: &str) -> Terms {
        Terms(normalize(query).split(' ').filter(|t| !t.is_empty()).map(String::from).collect())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `haystack` must already be normalized.
    pub fn matches(&self, haystack: &str) -> bool {
        // Runs per row: a term found whole costs one scan and no allocation.
        self.0.iter().all(|t| haystack.contains(t.as_str()) || split_pieces(t, &|p| haystack.contains(p)).is_some())
    }

    /// The terms, normalized, in the order typed.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }

    /// Why a project matched: each term (or piece of a split term) with the first field
    /// it stands in, in the order typed.
    pub fn explain(&self, texts: &[(Field, &str)]) -> Vec<(String, Field)> {
        let normalized: Vec<(Field, String)> = texts.iter().map(|(f, t)| (*f, normalize(t))).collect();
        let all = normalize_all(texts.iter().map(|(_, t)| *t));
        let mut out = Vec::new();
        for term in &self.0 {
            for piece in find_term(term, &all).unwrap_or_default() {
                if let Some((field, _)) = normalized.iter().find(|(_, t)| t.contains(piece)) {
                    out.push((piece.to_string(), *field));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_and_case() {
        assert_eq!(normalize("  Ｈｏｒｑｉｎ　ＷＩＮＤ  "), "horqin wind");
        assert_eq!(normalize("龙马 ＬｏｎｇＭａ"), "龙马 longma");
    }

    #[test]
    fn all_terms_must_match() {
        let hay = normalize("龙马新能源装备制造产业园 Longma new-energy equipment park");
        assert!(Terms::new("longma 龙马").matches(&hay));
        assert!(Terms::new("ＬＯＮＧＭＡ").matches(&hay));
        assert!(!Terms::new("longma battery").matches(&hay));
        assert!(Terms::new("   ").is_empty());
    }

    #[test]
    fn run_together_chinese_words_are_found_as_pieces() {
        let hay = normalize("奈曼旗 明阳智慧能源 风电");
        assert_eq!(find_term("奈曼明阳", &hay), Some(vec!["奈曼", "明阳"]));
        assert_eq!(find_term("奈曼风电", &hay), Some(vec!["奈曼", "风电"]));
        assert_eq!(find_term("奈曼明X", &hay), None, "every piece must be found");
        assert_eq!(find_term("奈明", &hay), None, "pieces have two characters or more");
        assert_eq!(find_term("naimanmingyang", "naiman mingyang"), None, "Latin terms are not split");
        assert_eq!(find_term("风电", &hay), Some(vec!["风电"]));
    }
}
