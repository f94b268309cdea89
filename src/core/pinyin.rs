//! Pinyin of the embedded dataset's Chinese names, computed at build time (`build.rs`),
//! so Latin searches (`longma`, `kailu`) find Chinese names without a dictionary here.

include!(concat!(env!("OUT_DIR"), "/pinyin.rs"));

/// The toneless pinyin of a name of the embedded dataset, syllables joined.
pub fn of(zh: &str) -> Option<&'static str> {
    PINYIN.binary_search_by(|(name, _)| (*name).cmp(zh)).ok().map(|i| PINYIN[i].1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_have_their_pinyin() {
        assert_eq!(super::of("开鲁县"), Some("kailuxian"));
        assert_eq!(super::of("奈曼旗"), Some("naimanqi"));
        assert!(super::PINYIN.windows(2).all(|w| w[0].0 < w[1].0), "sorted for the binary search");
        assert_eq!(super::of("不在数据里的名字"), None);
    }
}
