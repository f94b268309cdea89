//! "Cite this view": plain text and BibTeX name the source page, the release, the filters
//! in words, the access date and the link; BibTeX is escaped and its key is stable.

use tongliao_explorer::core::cite::{bibtex_escape, bibtex_key, cite_bibtex, cite_text};
use tongliao_explorer::core::dataset::{embedded, Catalog};
use tongliao_explorer::core::model::Lang;
use tongliao_explorer::core::query::{parse, ViewState};

const LINK: &str = "https://example.org/explorer/?sector=energy&district=naiman&q=%E6%98%8E%E9%98%B3&v=2026.11.29";
const DATE: &str = "2026-11-29";

/// How many projects a view holds, as the table shows it.
fn shown(c: &Catalog, v: &ViewState) -> usize {
    tongliao_explorer::core::filter::apply(c, &v.filter).len()
}

fn cat() -> Catalog {
    embedded().expect("embedded dataset loads")
}

fn state(query: &str) -> ViewState {
    parse(query).0
}

#[test]
fn plain_text_names_everything() {
    let c = cat();
    let v = state("sector=energy&district=naiman");
    let en = cite_text(&c, &v, shown(&c, &v), Lang::En, DATE, LINK);
    for needle in [
        "“2022年重大项目亮点” (2022 major project highlights)",
        "newspaper page",
        "Tongliao, 2022",
        "dataset release 2026.11.29",
        "Sector: Electricity, heat, gas and water supply; District: Naiman Banner (1 project)",
        LINK,
        "accessed 2026-11-29",
    ] {
        assert!(en.contains(needle), "{needle:?} missing from {en}");
    }
    let zh = cite_text(&c, &v, shown(&c, &v), Lang::Zh, DATE, LINK);
    for needle in [
        "《2022年重大项目亮点》",
        "报纸版面",
        "数据版本2026.11.29",
        "行业：电力、热力、燃气及水生产和供应业；旗县区：奈曼旗",
        LINK,
        "访问日期：2026-11-29",
    ] {
        assert!(zh.contains(needle), "{needle:?} missing from {zh}");
    }
    assert!(!en.contains('\n') && !zh.contains('\n'));
}

#[test]
fn unfiltered_view_says_so() {
    let c = cat();
    let text = cite_text(&c, &ViewState::default(), shown(&c, &ViewState::default()), Lang::En, DATE, "https://example.org/");
    assert!(text.contains("View: All projects (no filter) (21 projects)"), "{text}");
}

fn field<'a>(entry: &'a str, name: &str) -> &'a str {
    let start = format!("  {name} = {{");
    let line = entry.lines().find(|l| l.starts_with(&start)).unwrap_or_else(|| panic!("no {name} in {entry}"));
    line.strip_prefix(&start).unwrap().trim_end_matches(',').strip_suffix('}').unwrap()
}

/// Braces not preceded by a backslash must balance, or BibTeX reads the rest of the file as this entry.
fn balanced(s: &str) -> bool {
    let mut depth = 0i32;
    let mut prev = ' ';
    for c in s.chars() {
        if prev != '\\' {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            if depth < 0 {
                return false;
            }
        }
        prev = c;
    }
    depth == 0
}

#[test]
fn bibtex_entry_is_complete_and_keeps_chinese() {
    let c = cat();
    let v = state("sector=energy&district=naiman");
    let zh = cite_bibtex(&c, &v, shown(&c, &v), Lang::Zh, DATE, LINK);
    assert!(zh.starts_with(&format!("@misc{{{},\n", bibtex_key(&c, &v))), "{zh}");
    assert!(balanced(&zh), "{zh}");
    assert_eq!(field(&zh, "title"), "{2022年重大项目亮点}");
    assert!(field(&zh, "howpublished").contains("数据版本2026.11.29"));
    assert!(field(&zh, "note").contains("旗县区：奈曼旗"));
    assert!(field(&zh, "note").contains("访问日期：2026-11-29"));
    assert_eq!(field(&zh, "year"), "2022");
    assert_eq!(field(&zh, "url"), LINK, "the link stays verbatim: biblatex reads url fields literally");
    assert_eq!(field(&zh, "urldate"), DATE);
    let en = cite_bibtex(&c, &v, shown(&c, &v), Lang::En, DATE, LINK);
    assert_eq!(field(&en, "title"), "{2022年重大项目亮点 (2022 major project highlights)}");
    assert!(field(&en, "howpublished").starts_with("Newspaper page, Tongliao."));
}

#[test]
fn bibtex_escapes_specials_from_the_view() {
    let c = cat();
    let mut v = ViewState::default();
    v.filter.q = "50% & #1 {x} a_b $5 \\end{document}\n\nnew paragraph".into();
    let entry = cite_bibtex(&c, &v, shown(&c, &v), Lang::En, DATE, "https://example.org/?q={x}\\");
    assert!(balanced(&entry), "{entry}");
    let note = field(&entry, "note");
    assert!(note.contains(r"50\% \& \#1 \{x\} a\_b \$5 \textbackslash{}end\{document\}  new paragraph"), "{note}");
    // Outside the url, no special character stands unescaped.
    for line in entry.lines().filter(|l| !l.starts_with("  url = ") && !l.starts_with("@misc")) {
        let chars: Vec<char> = line.chars().collect();
        for (i, ch) in chars.iter().enumerate() {
            if "%&#_$".contains(*ch) {
                assert!(i > 0 && chars[i - 1] == '\\', "unescaped {ch:?} in {line}");
            }
        }
    }
    assert_eq!(field(&entry, "url"), "https://example.org/?q=%7Bx%7D%5C");
    assert_eq!(entry.lines().filter(|l| l.trim().is_empty()).count(), 0, "no blank line inside the entry");
}

#[test]
fn escape_keeps_chinese_and_plain_text() {
    assert_eq!(bibtex_escape("通辽市 Tongliao (2022)"), "通辽市 Tongliao (2022)");
    assert_eq!(bibtex_escape("{}%&#_$\\"), r"\{\}\%\&\#\_\$\textbackslash{}");
}

#[test]
fn key_is_stable_for_equal_views() {
    let c = cat();
    let a = state("sector=energy,manufacturing&district=kailu");
    let b = state("district=kailu&sector=manufacturing&sector=energy&sort=-jobs&lang=en&p=jiupeng-doxycycline");
    assert_eq!(bibtex_key(&c, &a), bibtex_key(&c, &b));
    assert_eq!(cite_bibtex(&c, &a, shown(&c, &a), Lang::Zh, DATE, LINK), cite_bibtex(&c, &a, shown(&c, &a), Lang::Zh, DATE, LINK));
    assert_ne!(bibtex_key(&c, &a), bibtex_key(&c, &state("sector=energy")));
    let themed = state("sector=energy,manufacturing&district=kailu&theme=wind");
    assert_ne!(bibtex_key(&c, &a), bibtex_key(&c, &themed));
    assert!(cite_text(&c, &themed, shown(&c, &themed), Lang::En, DATE, LINK).contains("Wind power"));
    // Embedding and the name of a loaded file do not change what is cited.
    assert_eq!(bibtex_key(&c, &a), bibtex_key(&c, &state("sector=energy,manufacturing&district=kailu&embed=1")));
    assert_eq!(bibtex_key(&c, &ViewState::default()), "tongliao2022:2026.11.29:all");
    let key = bibtex_key(&c, &a);
    assert!(key.starts_with("tongliao2022:2026.11.29:") && key.len() == "tongliao2022:2026.11.29:".len() + 8, "{key}");
    assert!(key.chars().all(|ch| ch.is_ascii_alphanumeric() || ":.-".contains(ch)), "{key}");
}

#[test]
fn a_loaded_dataset_is_cited_by_its_own_names() {
    let mut c = cat();
    c.ds.region.en = "Chifeng & Co_".into();
    c.ds.source.year = 0;
    c.ds.source.title.zh = "赤峰市项目清单".into();
    c.ds.release = "uploaded".into();
    c.ds.source.file = "chifeng.csv".into();
    let v = ViewState::default();
    let entry = cite_bibtex(&c, &v, shown(&c, &v), Lang::En, DATE, LINK);
    assert!(entry.starts_with("@misc{chifengco:uploaded:all,"), "{entry}");
    assert!(!entry.contains("year ="), "no invented year: {entry}");
    assert!(field(&entry, "howpublished").contains(r"Chifeng \& Co\_"), "{entry}");
    let text = cite_text(&c, &v, shown(&c, &v), Lang::En, DATE, LINK);
    assert!(
        text.starts_with("“赤峰市项目清单” (2022 major project highlights), Chifeng & Co_."),
        "not called a newspaper page: {text}"
    );
    assert!(field(&entry, "howpublished").starts_with(r"Chifeng \& Co\_. Tongliao 2022"), "{entry}");
    assert!(!cite_text(&c, &v, shown(&c, &v), Lang::Zh, DATE, LINK).contains("报纸版面"));
}
