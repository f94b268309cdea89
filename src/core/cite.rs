//! "Cite this view": a plain-text reference and a BibTeX entry naming the source page,
//! the dataset release, the active filters in words, the access date and the link.
//! The date and the link come from the caller, so the output is a pure function of its inputs.

use super::dataset::Catalog;
use super::describe::describe_filter;
use super::i18n::{cite_words as words, count_projects, fill_named, texts};
use super::model::{Dataset, Lang};
use super::query::ViewState;

/// The embedded dataset's source file (from build.rs): only that source is known to be a
/// newspaper page.
const EMBEDDED_SOURCE_FILE: &str = env!("EMBEDDED_SOURCE_FILE");

/// "newspaper page" for the embedded source; nothing for a user's file, whose kind we do not know.
fn source_kind(ds: &Dataset, lang: Lang) -> Option<&'static str> {
    (ds.source.file == EMBEDDED_SOURCE_FILE).then(|| words(lang).newspaper_page)
}

/// Control characters (a `%0A` in a search link) would break lines and, in BibTeX, paragraphs.
fn one_line(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// "Sector: Energy (4 projects)": the filter in words and how many projects it shows.
/// `shown` is the number of projects the view holds, which the caller has already.
fn view_words(cat: &Catalog, view: &ViewState, shown: usize, lang: Lang) -> String {
    let count = count_projects(shown, lang);
    match lang {
        Lang::Zh => format!("{}（{count}）", describe_filter(cat, &view.filter, lang)),
        Lang::En => format!("{} ({count})", describe_filter(cat, &view.filter, lang)),
    }
}

/// A plain-text reference, one paragraph.
pub fn cite_text(cat: &Catalog, view: &ViewState, shown: usize, lang: Lang, accessed: &str, link: &str) -> String {
    let ds = &cat.ds;
    let w = words(lang);
    let title = &ds.source.title;
    let region = ds.region.get(lang);
    let year = match ds.source.year {
        0 => String::new(),
        y => fill_named(w.year, &[("year", y.to_string())]),
    };
    let kind = source_kind(ds, lang).map(|k| fill_named(w.kind, &[("kind", k.to_string())])).unwrap_or_default();
    // A Chinese reader reads the title as printed; an English one gets its translation too.
    let translated = if lang == Lang::Zh || title.en.is_empty() || title.en == title.zh {
        String::new()
    } else {
        format!(" ({})", title.en)
    };
    fill_named(
        w.reference,
        &[
            ("title", title.zh.clone()),
            ("translated", translated),
            ("kind", kind),
            ("region", region.to_string()),
            ("year", year),
            ("in", w.in_.to_string()),
            ("app", texts(lang).title.to_string()),
            ("release", w.release.to_string()),
            ("version", ds.release.clone()),
            ("view", w.view.to_string()),
            ("view_text", one_line(&view_words(cat, view, shown, lang))),
            ("link", one_line(link)),
            ("accessed", w.accessed.to_string()),
            ("date", one_line(accessed)),
        ],
    )
}

/// First letter in capitals; the words are English, so ASCII case is enough (and keeps
/// std's Unicode upper-case tables out of the bundle).
fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| std::iter::once(f.to_ascii_uppercase()).chain(c).collect()).unwrap_or_default()
}

/// Escapes LaTeX's special characters; Chinese and other text pass through.
pub fn bibtex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in one_line(s).chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '%' | '&' | '#' | '_' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            c => out.push(c),
        }
    }
    out
}

/// The `url` field is read verbatim by biblatex and `\url`, so `\%` there would corrupt the
/// link; only what could unbalance the entry (braces, backslash, spaces) is percent-encoded.
fn bibtex_url(link: &str) -> String {
    let mut out = String::new();
    for c in one_line(link).trim().chars() {
        match c {
            '{' => out.push_str("%7B"),
            '}' => out.push_str("%7D"),
            '\\' => out.push_str("%5C"),
            ' ' => out.push_str("%20"),
            c => out.push(c),
        }
    }
    out
}

fn fnv1a(s: &str) -> u32 {
    super::hash::fnv1a(s.as_bytes())
}

/// Same filter and release → same key, whatever the language, sort or open project.
/// e.g. `tongliao2022:2026.11.29:all`, `tongliao2022:2026.11.29:5c3e0a91`.
pub fn bibtex_key(cat: &Catalog, view: &ViewState) -> String {
    let ds = &cat.ds;
    let keep =
        |s: &str| -> String { s.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '-').collect() };
    let mut stem = keep(&ds.region.en.to_ascii_lowercase());
    if stem.is_empty() {
        stem = "dataset".into();
    }
    if ds.source.year > 0 {
        stem.push_str(&ds.source.year.to_string());
    }
    let release = match keep(&ds.release) {
        r if r.is_empty() => "release".to_string(),
        r => r,
    };
    let filter_only = ViewState { filter: view.filter.clone(), ..ViewState::default() };
    let query = filter_only.to_query();
    let tail =
        if query.is_empty() { "all".to_string() } else { format!("{:08x}", fnv1a(&format!("{release}|{query}"))) };
    format!("{stem}:{release}:{tail}")
}

/// A BibTeX `@misc` entry (`urldate` for biblatex; the access date is also in `note`).
pub fn cite_bibtex(cat: &Catalog, view: &ViewState, shown: usize, lang: Lang, accessed: &str, link: &str) -> String {
    let ds = &cat.ds;
    let w = words(lang);
    let title = &ds.source.title;
    let title_text = match lang {
        Lang::En if !title.en.is_empty() && title.en != title.zh => format!("{} ({})", title.zh, title.en),
        _ => title.zh.clone(),
    };
    // An English sentence starts with a capital, even where the kind opens it.
    let kind = source_kind(ds, lang).map(|k| if lang == Lang::En { capitalized(k) } else { k.to_string() });
    let how = fill_named(
        w.howpublished,
        &[
            ("kind", kind.map(|k| fill_named(w.bib_kind, &[("kind", k)])).unwrap_or_default()),
            ("region", ds.region.get(lang).to_string()),
            ("app", texts(lang).title.to_string()),
            ("release", w.release.to_string()),
            ("version", ds.release.clone()),
        ],
    );
    let note = fill_named(
        w.note,
        &[
            ("view", w.view.to_string()),
            ("view_text", view_words(cat, view, shown, lang)),
            ("accessed", w.accessed.to_string()),
            ("date", accessed.to_string()),
        ],
    );
    let mut fields: Vec<(&str, String)> = vec![
        // Double braces keep BibTeX styles from changing the title's case.
        ("title", format!("{{{}}}", bibtex_escape(&title_text))),
        ("howpublished", bibtex_escape(&how)),
        ("note", bibtex_escape(&note)),
    ];
    if ds.source.year > 0 {
        fields.push(("year", ds.source.year.to_string()));
    }
    fields.push(("url", bibtex_url(link)));
    fields.push(("urldate", bibtex_escape(accessed.trim())));
    let body: Vec<String> = fields.iter().map(|(k, v)| format!("  {k} = {{{v}}}")).collect();
    format!("@misc{{{},\n{}\n}}\n", bibtex_key(cat, view), body.join(",\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_latex_specials() {
        assert_eq!(
            bibtex_escape(r"{a} 100% & #1 a_b $5 \x ~^"),
            r"\{a\} 100\% \& \#1 a\_b \$5 \textbackslash{}x \textasciitilde{}\textasciicircum{}"
        );
        assert_eq!(bibtex_escape("龙马\n新能源"), "龙马 新能源");
    }

    #[test]
    fn url_keeps_percent_encoding() {
        assert_eq!(bibtex_url("https://x/?q=%E9%BE%99&a=1#{b}"), "https://x/?q=%E9%BE%99&a=1#%7Bb%7D");
    }

    #[test]
    fn fnv_is_the_reference_function() {
        assert_eq!(fnv1a(""), 0x811c_9dc5);
        assert_eq!(fnv1a("a"), 0xe40c_292c);
    }
}
