//! Free-text search that ignores case and full/half width.

/// Folds full-width ASCII forms (Ｈｏｒｑｉｎ, １２３) to half width, lowercases,
/// and collapses runs of white space to one space.
pub fn normalize(s: &str) -> String {
    normalize_all([s])
}

/// `normalize` of the texts joined by spaces, without building the joined text: it runs
/// once per project of a file that may hold 100,000.
pub fn normalize_all<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    let mut space = true;
    for s in texts {
        if !space {
            out.push(' ');
            space = true;
        }
        for c in s.chars() {
            let c = match c as u32 {
                0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                0x3000 => ' ',
                _ => c,
            };
            if c.is_whitespace() {
                if !space {
                    out.push(' ');
                }
                space = true;
            } else {
                if c.is_ascii() {
                    out.push(c.to_ascii_lowercase());
                } else {
                    out.extend(c.to_lowercase());
                }
                space = false;
            }
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// A normalized query: every term must occur in the haystack.
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
        self.0.iter().all(|t| haystack.contains(t.as_str()))
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
}
