//! Every link between the pages of the built site must resolve.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Files under `dir`, in its subfolders too, whose extension is one of
/// `extensions` (every file, for none); sorted.
pub fn files_under(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return found;
    };
    for entry in entries {
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_under(&path, extensions));
        } else if extensions.is_empty()
            || path
                .extension()
                .is_some_and(|e| extensions.iter().any(|x| e == *x))
        {
            found.push(path);
        }
    }
    found.sort();
    found
}

pub fn html_files(dir: &Path) -> Vec<PathBuf> {
    files_under(dir, &["html"])
}

/// The values of `attribute="..."` in an HTML text.
fn attribute_values<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let needle = format!(" {attribute}=\"");
    html.match_indices(&needle)
        .filter_map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

/// Decodes %XX escapes and the HTML entities mdBook writes in URLs.
fn unescape(text: &str) -> String {
    let text = text.replace("&amp;", "&");
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        if bytes[i] == b'%'
            && let Some(byte) = hex.and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every relative link of every page of both editions must reach a file, and
/// its #fragment an id of that file. Returns "page: link" for each that does not.
pub fn check_links(book: &Path) -> Vec<String> {
    let mut ids: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
    let mut broken = Vec::new();
    // Every edition's folder: each holds its own index.html.
    let mut editions: Vec<PathBuf> = fs::read_dir(book)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    editions.retain(|dir| dir.join("index.html").is_file());
    editions.sort();
    let pages: Vec<PathBuf> = editions
        .iter()
        .flat_map(|edition| html_files(edition))
        .chain([book.join("index.html")])
        .collect();
    let mut ids_of = |page: &Path| -> Vec<String> {
        ids.entry(page.to_path_buf())
            .or_insert_with(|| {
                let text = fs::read_to_string(page).unwrap_or_default();
                attribute_values(&text, "id")
                    .into_iter()
                    .map(unescape)
                    .collect()
            })
            .clone()
    };
    for page in &pages {
        let Ok(text) = fs::read_to_string(page) else {
            broken.push(format!("{}: cannot be read", page.display()));
            continue;
        };
        let shown = crate::shown(page);
        for link in attribute_values(&text, "href")
            .into_iter()
            .chain(attribute_values(&text, "src"))
        {
            if link.is_empty()
                || link.contains("://")
                || link.starts_with("//")
                || link.starts_with("mailto:")
                || link.starts_with("javascript:")
                || link.starts_with("data:")
            {
                continue;
            }
            let (path, fragment) = match link.split_once('#') {
                Some((path, fragment)) => (path, Some(unescape(fragment))),
                None => (link, None),
            };
            let path = path.split('?').next().unwrap();
            let mut target = if path.is_empty() {
                page.clone()
            } else if let Some(absolute) = path.strip_prefix('/') {
                // Absolute paths start at the site's prefix, e.g. /book/.
                let site = absolute.split_once('/').map_or("", |(_, rest)| rest);
                book.join(unescape(site))
            } else {
                book_pipeline::checks::normalize(&page.parent().unwrap().join(unescape(path)))
            };
            if target.is_dir() || path.ends_with('/') {
                target = target.join("index.html");
            }
            if !target.exists() {
                broken.push(format!("{shown}: {link} (no such file)"));
            } else if let Some(fragment) = fragment
                && !fragment.is_empty()
                && target.extension().is_some_and(|e| e == "html")
                && !ids_of(&target).contains(&fragment)
            {
                broken.push(format!("{shown}: {link} (no such #anchor)"));
            }
        }
    }
    broken
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_and_escapes() {
        let html = r#"<a href="ch01.html#mdbook-a%20b">x</a> <h2 id="mdbook-a b">y</h2> <img src="i.png">"#;
        assert_eq!(attribute_values(html, "href"), ["ch01.html#mdbook-a%20b"]);
        assert_eq!(attribute_values(html, "src"), ["i.png"]);
        assert_eq!(unescape("%E4%BA%92%E6%96%A5&amp;x"), "互斥&x");
        assert_eq!(unescape("100%"), "100%");
    }

    #[test]
    fn dead_links_and_anchors_are_named() {
        let book = std::env::temp_dir().join(format!("book-links-{}", std::process::id()));
        let _ = fs::remove_dir_all(&book);
        for language in ["en", "zh-CN"] {
            fs::create_dir_all(book.join(language)).unwrap();
            fs::write(book.join(language).join("index.html"), "").unwrap();
            fs::write(
                book.join(language).join("a.html"),
                r#"<h1 id="top">A</h1><a href="b.html#here">ok</a><a href="b.html#gone">x</a><a href="c.html">x</a><a href="/book/en/a.html#top">ok</a><a href="https://example.org/">ok</a>"#,
            )
            .unwrap();
            fs::write(
                book.join(language).join("b.html"),
                r#"<p id="here">B</p><a href="../zh-CN/a.html">ok</a>"#,
            )
            .unwrap();
        }
        fs::write(
            book.join("index.html"),
            r#"<a href="en/">ok</a><a href="fr/">x</a>"#,
        )
        .unwrap();
        fs::write(book.join("en/index.html"), "").unwrap();
        let broken = check_links(&book);
        let shown: Vec<&str> = broken
            .iter()
            .map(|b| b.rsplit_once(": ").map_or("", |(_, l)| l))
            .collect();
        assert_eq!(broken.len(), 5, "{broken:#?}");
        assert!(
            broken
                .iter()
                .any(|b| b.ends_with("en/a.html: b.html#gone (no such #anchor)")),
            "{broken:#?}"
        );
        assert!(
            broken
                .iter()
                .any(|b| b.ends_with("zh-CN/a.html: c.html (no such file)")),
            "{broken:#?}"
        );
        assert!(
            broken
                .iter()
                .any(|b| b.ends_with("index.html: fr/ (no such file)")),
            "{shown:?}"
        );
        fs::remove_dir_all(&book).unwrap();
    }
}
