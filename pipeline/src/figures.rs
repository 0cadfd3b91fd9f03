//! The book's figures: SVG files in figures/, included into the chapters as
//! HTML. mdbook-i18n-helpers leaves HTML alone, so their words (each
//! `<title>`, `<desc>` and `<text>`) become messages of the same catalog as
//! the prose here, and `translate` puts the translations into the Chinese
//! edition's pages after mdBook has built them. The translation gate then
//! holds a figure to its translation like any paragraph.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

/// The folder of the figures, in the repository.
pub const FOLDER: &str = "figures";

/// The book's checks of its figures: each is included by a chapter, is an
/// image with a text alternative (`role="img"` and `aria-labelledby` naming
/// its `<title>` and `<desc>`), and takes the theme's colours (the class
/// book-figure, styled by theme/book.css).
pub fn check(root: &Path, sources: &[&str]) -> Vec<crate::checks::Problem> {
    let problem = |file: &str, message: &str| crate::checks::Problem {
        chapter: format!("{FOLDER}/{file}"),
        listing: None,
        message: message.to_string(),
    };
    let mut problems = Vec::new();
    let Ok(entries) = fs::read_dir(root.join(FOLDER)) else {
        return problems;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Ok(svg) = fs::read_to_string(entry.path()) else {
            problems.push(problem(&name, "cannot be read"));
            continue;
        };
        let include = format!("{{{{#include ../{FOLDER}/{name}}}}}");
        if !sources.iter().any(|s| s.contains(&include)) {
            problems.push(problem(
                &name,
                &format!("no chapter shows it with {include}"),
            ));
        }
        let head = &svg[..svg.find('>').unwrap_or(svg.len())];
        let id = |tag: &str| {
            let open = format!("<{tag} id=\"");
            let rest = svg.split(&open).nth(1)?;
            Some(rest[..rest.find('"')?].to_string())
        };
        let labelled = match (id("title"), id("desc")) {
            (Some(title), Some(desc)) => {
                head.contains(&format!("aria-labelledby=\"{title} {desc}\""))
            }
            _ => false,
        };
        if !head.starts_with("<svg") || !head.contains("class=\"book-figure\"") {
            problems.push(problem(
                &name,
                "must start with <svg class=\"book-figure\" ...>",
            ));
        }
        if !head.contains("role=\"img\"") || !labelled {
            problems.push(problem(
                &name,
                "needs role=\"img\" and aria-labelledby=\"<title id> <desc id>\", with a \
                 <title id=...> and a <desc id=...>: its text alternative",
            ));
        }
        if svg.lines().any(|l| l.trim().is_empty()) {
            problems.push(problem(
                &name,
                "has a blank line, which would end its HTML block",
            ));
        }
    }
    problems
}

/// The words of one figure, with the line of each: the content of every
/// `<title>`, `<desc>` and `<text>` element, in order.
pub fn words(svg: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (index, line) in svg.lines().enumerate() {
        for tag in ["title", "desc", "text"] {
            let open = format!("<{tag}");
            let close = format!("</{tag}>");
            let mut rest = line;
            while let Some(at) = rest.find(&open) {
                let after = &rest[at + open.len()..];
                // `<text` must not match `<textPath` and the like.
                if !after.starts_with([' ', '>']) {
                    rest = after;
                    continue;
                }
                let Some(start) = after.find('>') else { break };
                let Some(end) = after[start..].find(&close) else {
                    break;
                };
                let word = after[start + 1..start + end].trim();
                // A number, such as a plot's tick label, is no word to
                // translate: it stays as it is in every edition.
                if word.chars().any(char::is_alphabetic) {
                    found.push((index + 1, word.to_string()));
                }
                rest = &after[start + end + close.len()..];
            }
        }
    }
    found
}

/// Every figure's words: (figures/name.svg:line, words), figure by figure.
pub fn messages(root: &Path) -> Result<Vec<(String, String)>> {
    let folder = root.join(FOLDER);
    let mut files: Vec<_> = match fs::read_dir(&folder) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(_) => return Ok(Vec::new()),
    };
    files.retain(|p| p.extension().is_some_and(|e| e == "svg"));
    files.sort();
    let mut messages = Vec::new();
    for file in files {
        let text =
            fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        for (line, word) in words(&text) {
            messages.push((format!("{FOLDER}/{name}:{line}"), word));
        }
    }
    Ok(messages)
}

/// The figures' words and their translations in `edition` (none for the
/// English source, or a word not translated yet).
pub fn translations(root: &Path, edition: &crate::Edition) -> Result<Vec<(String, String)>> {
    let Some(po) = &edition.po else {
        return Ok(Vec::new());
    };
    let catalog = polib::po_file::parse(&root.join(po))
        .map_err(|e| anyhow::anyhow!("{e}"))
        .with_context(|| format!("reading {po}"))?;
    let words: std::collections::BTreeSet<String> =
        messages(root)?.into_iter().map(|(_, word)| word).collect();
    Ok(catalog
        .messages()
        .filter(|m| words.contains(m.msgid()) && m.is_translated() && !m.is_fuzzy())
        .filter_map(|m| Some((m.msgid().to_string(), m.msgstr().ok()?.to_string())))
        .collect())
}

/// A built page with the figures' words translated: inside each figure
/// (`<svg` with the class book-figure, up to its `</svg>`), each
/// `>word</` becomes `>translation</`; the rest of the page is left alone,
/// where a word such as `main` may be code. Words are plain text (no `&`,
/// `<` or `>`), which mdBook writes back unchanged.
pub fn translate(page: &str, translations: &[(String, String)]) -> String {
    let mut out = String::with_capacity(page.len());
    let mut rest = page;
    while let Some(at) = rest.find("<svg") {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        let end = from
            .find("</svg>")
            .map_or(from.len(), |e| e + "</svg>".len());
        let (svg, after) = from.split_at(end);
        let is_figure = svg[..svg.find('>').unwrap_or(svg.len())].contains("book-figure");
        if is_figure {
            let mut svg = svg.to_string();
            for (english, translated) in translations {
                svg = svg.replace(&format!(">{english}</"), &format!(">{translated}</"));
            }
            out.push_str(&svg);
        } else {
            out.push_str(svg);
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_titles_descriptions_and_texts() {
        let svg = "<svg>\n<title id=\"t\">A title</title>\n<desc>What it shows.</desc>\n\
                   <text x=\"1\">main</text><text>worker</text><text>0.5</text>\n\
                   <textPath>no</textPath>\n</svg>";
        let found: Vec<(usize, String)> = words(svg);
        let words: Vec<&str> = found.iter().map(|(_, w)| w.as_str()).collect();
        assert_eq!(words, ["A title", "What it shows.", "main", "worker"]);
        assert_eq!(found[2].0, 4, "the line of each word");
    }

    #[test]
    fn translate_replaces_whole_texts_of_figures_only() {
        let page = "<p><code>main</code></p><svg class=\"book-figure\"><text>main</text>\
                    <text>main thread</text></svg><svg class=\"icon\"><title>main</title></svg>";
        let translated = translate(page, &[("main".into(), "主线程".into())]);
        assert_eq!(
            translated,
            "<p><code>main</code></p><svg class=\"book-figure\"><text>主线程</text>\
             <text>main thread</text></svg><svg class=\"icon\"><title>main</title></svg>"
        );
    }
}
