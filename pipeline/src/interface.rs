//! The theme's interface strings, translated through the catalogs as the
//! book's text is.
//!
//! A script of theme/ marks each English string it shows with `tr("…")`
//! (translate it here) or `N_("…")` (gettext's mark for a string translated
//! later: mdBook's own controls, which theme/chrome.js finds on the page).
//! [`messages`] finds them for `cargo xtask update-po` and the translation
//! gate; [`page_data`] gives each built page its edition's translations and
//! the list of editions, which `cargo xtask build` and `serve` write into the
//! page's head (see [`inject`]), and theme/interface.js reads.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

use crate::editions::Edition;

const FOLDER: &str = "theme";

/// The id of the data block in each page's head.
pub const DATA_ID: &str = "book-interface";

/// The marked strings of one script's text: (line, string).
fn marked(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        // A comment may speak of the marks without marking anything.
        let code = line.trim_start();
        if code.starts_with("//") || code.starts_with('*') {
            continue;
        }
        for mark in ["tr(\"", "N_(\""] {
            let mut rest = line;
            while let Some(at) = rest.find(mark) {
                // `str(` or `attr(` is not the mark.
                let before = rest[..at].chars().next_back();
                let after = &rest[at + mark.len()..];
                rest = after;
                if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.') {
                    continue;
                }
                let mut word = String::new();
                let mut chars = after.chars();
                let mut closed = false;
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => word.extend(chars.next()),
                        '"' => {
                            closed = true;
                            break;
                        }
                        c => word.push(c),
                    }
                }
                if closed && !word.is_empty() {
                    found.push((index + 1, word));
                }
            }
        }
    }
    found
}

/// Every marked string of theme/*.js: (theme/name.js:line, string), file
/// by file, each string once (where it is first marked).
pub fn messages(root: &Path) -> Result<Vec<(String, String)>> {
    let folder = root.join(FOLDER);
    let mut files: Vec<_> = match fs::read_dir(&folder) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(_) => return Ok(Vec::new()),
    };
    files.retain(|p| p.extension().is_some_and(|e| e == "js"));
    files.sort();
    let mut messages: Vec<(String, String)> = Vec::new();
    for file in files {
        let text =
            fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        for (line, word) in marked(&text) {
            if !messages.iter().any(|(_, w)| *w == word) {
                messages.push((format!("{FOLDER}/{name}:{line}"), word));
            }
        }
    }
    Ok(messages)
}

/// The marked strings and their translations in `edition` (none for the
/// source, or for a string not translated yet).
pub fn translations(root: &Path, edition: &Edition) -> Result<BTreeMap<String, String>> {
    let Some(po) = &edition.po else {
        return Ok(BTreeMap::new());
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

/// A JSON string.
pub fn json(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            // `</script>` must not end the block early.
            '<' => out.push_str("\\u003c"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// What a page of `edition` carries for the theme's scripts: its language,
/// every edition (language, name, title) in the registry's order, its
/// translations of the marked strings, and `extra`, more fields of the
/// object as JSON (`,"offline":true`), or nothing.
pub fn page_data(
    root: &Path,
    editions: &[Edition],
    edition: &Edition,
    extra: &str,
) -> Result<String> {
    let list: Vec<String> = editions
        .iter()
        .map(|e| {
            format!(
                "{{\"lang\":{},\"name\":{},\"title\":{}}}",
                json(&e.language),
                json(&e.name),
                json(&e.title)
            )
        })
        .collect();
    let words: Vec<String> = translations(root, edition)?
        .iter()
        .map(|(english, translated)| format!("{}:{}", json(english), json(translated)))
        .collect();
    Ok(format!(
        "{{\"lang\":{},\"editions\":[{}],\"words\":{{{}}}{extra}}}",
        json(&edition.language),
        list.join(","),
        words.join(",")
    ))
}

/// A CSS string, for the words the stylesheet shows before any script runs.
fn css_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// `page` with `data` (from [`page_data`]) in its head, and the one word
/// theme/book.css shows without a script (a question's "Choice", as
/// `--book-choice`) in the edition's language. A page that has them already
/// gets them again, replaced.
pub fn inject(page: &str, data: &str, choice: &str) -> String {
    let block = format!(
        "<script type=\"application/json\" id=\"{DATA_ID}\">{data}</script>\n\
         <style id=\"{DATA_ID}-css\">:root {{ --book-choice: {}; }}</style>\n",
        css_string(choice)
    );
    let mut page = page.to_string();
    let open = format!("<script type=\"application/json\" id=\"{DATA_ID}\">");
    if let Some(start) = page.find(&open) {
        let end_tag = "</style>\n";
        if let Some(end) = page[start..].find(end_tag) {
            page.replace_range(start..start + end + end_tag.len(), "");
        }
    }
    match page.find("</head>") {
        Some(at) => {
            page.insert_str(at, &block);
            page
        }
        None => page,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marked_strings_are_found_with_their_lines() {
        let js = "const a = tr(\"Edit this code\");\nconst b = [N_(\"Copied!\"), attr(\"x\")];\n\
                  str(\"no\"); o.tr(\"no\"); tr(\"say \\\"hi\\\"\")\n  // tr(\"a comment\")";
        assert_eq!(
            marked(js),
            [
                (1, "Edit this code".to_string()),
                (2, "Copied!".to_string()),
                (3, "say \"hi\"".to_string())
            ]
        );
    }

    #[test]
    fn data_is_json_that_cannot_end_its_script_block() {
        assert_eq!(json("a\"b</script>"), "\"a\\\"b\\u003c/script>\"");
    }

    #[test]
    fn injecting_twice_leaves_one_block() {
        let page = "<html><head><title>t</title></head><body></body></html>";
        let once = inject(page, "{\"lang\":\"en\"}", "Choice");
        let twice = inject(&once, "{\"lang\":\"xx\"}", "选项");
        assert_eq!(twice.matches(DATA_ID).count(), 2, "{twice}");
        assert!(twice.contains("\"xx\"") && twice.contains("--book-choice: \"选项\""));
        assert!(!twice.contains("\"en\""));
    }
}
