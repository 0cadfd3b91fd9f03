//! The site's highlight.js: mdBook's own, with only the languages that the
//! book's code blocks use. mdBook 0.5.4 ships highlight.js 10.1.1 with 48
//! languages, the largest file a chapter page loads; the book needs four.
//! `cargo xtask trim-highlight` writes theme/highlight.js, and the book's
//! checks fail when it is not what the pinned mdBook's file trims to.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use anyhow::{Context, Result, anyhow};

use crate::checks::Problem;

/// The file the site loads instead of mdBook's.
pub const HIGHLIGHT_JS: &str = "theme/highlight.js";

/// For each language a code block of the book names, the highlight.js
/// languages it needs: its own (found by alias: `text` is plaintext's,
/// `console` is shell's) and those its rules embed (shell embeds bash).
const NEEDED: &[(&str, &[&str])] = &[
    ("rust", &["rust"]),
    ("python", &["python"]),
    ("text", &["plaintext"]),
    ("console", &["shell", "bash"]),
];

/// mdBook's highlight.js, as the pinned mdbook-html writes it.
fn mdbook_highlight_js() -> Result<String> {
    // A folder of its own for each call: two threads of one process (the
    // tests run in parallel) must not write or remove each other's.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let scratch = std::env::temp_dir().join(format!("book-theme-{}-{call}", std::process::id()));
    let theme = scratch.join("theme");
    for folder in ["css", "fonts"] {
        fs::create_dir_all(theme.join(folder))
            .with_context(|| format!("making {}", theme.join(folder).display()))?;
    }
    let config = mdbook_driver::config::HtmlConfig::default();
    mdbook_html::theme::Theme::copy_theme(&config, &scratch)
        .map_err(|e| anyhow!("{e:#}"))
        .context("writing mdBook's default theme")?;
    let text = fs::read_to_string(theme.join("highlight.js"));
    let _ = fs::remove_dir_all(&scratch);
    text.context("reading mdBook's highlight.js")
}

/// The languages of the opening fences in `sources` (```rust,ignore → rust).
pub fn fence_languages<'a>(sources: impl IntoIterator<Item = &'a str>) -> BTreeSet<String> {
    sources
        .into_iter()
        .flat_map(str::lines)
        .filter_map(|line| line.trim_start().strip_prefix("```"))
        .filter_map(|info| info.split(',').next())
        .map(str::trim)
        .filter(|language| !language.is_empty())
        .map(str::to_string)
        .collect()
}

/// mdBook's highlight.js with only the languages `used` needs; Err names a
/// language that NEEDED does not know.
pub fn trimmed_highlight_js(used: &BTreeSet<String>) -> Result<String> {
    let mut keep = BTreeSet::new();
    for language in used {
        let (_, needs) = NEEDED
            .iter()
            .find(|(name, _)| name == language)
            .ok_or_else(|| {
                anyhow!(
                    "a ```{language} block: say in NEEDED (pipeline/src/theme.rs) which \
                     highlight.js languages it needs"
                )
            })?;
        keep.extend(needs.iter().copied());
    }
    let original = mdbook_highlight_js()?;
    let mut kept = 0;
    let mut text = String::new();
    for line in original.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix("hljs.registerLanguage(\"") {
            let name = rest.split('"').next().unwrap_or_default();
            if !keep.contains(name) {
                continue;
            }
            kept += 1;
        }
        text.push_str(line);
    }
    if kept != keep.len() {
        return Err(anyhow!(
            "mdBook's highlight.js registers {kept} of the {} languages the book needs \
             ({keep:?}): its layout changed",
            keep.len()
        ));
    }
    Ok(text)
}

/// The book's check: theme/highlight.js is what the chapters need.
pub fn check_highlight(root: &Path, sources: &[&str]) -> Vec<Problem> {
    let problem = |message: String| Problem {
        chapter: HIGHLIGHT_JS.to_string(),
        listing: None,
        message,
    };
    let wanted = match trimmed_highlight_js(&fence_languages(sources.iter().copied())) {
        Ok(text) => text,
        Err(e) => return vec![problem(format!("{e:#}"))],
    };
    match fs::read_to_string(root.join(HIGHLIGHT_JS)) {
        Ok(found) if found == wanted => Vec::new(),
        _ => vec![problem(
            "is not mdBook's highlight.js trimmed to the languages the chapters use: \
             run `cargo xtask trim-highlight`"
                .to_string(),
        )],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_name_their_languages() {
        let text = "```rust,ignore\ncode\n```\n\n  ```text\n```\n```python\n";
        let found: Vec<String> = fence_languages([text]).into_iter().collect();
        assert_eq!(found, ["python", "rust", "text"]);
    }

    #[test]
    fn trimming_keeps_the_core_and_the_languages_needed() {
        let used: BTreeSet<String> = ["console".to_string()].into();
        let text = trimmed_highlight_js(&used).unwrap();
        assert!(text.starts_with("/*\n  Highlight.js 10.1.1"));
        assert!(text.contains("var hljs=function()"));
        let registered: Vec<&str> = text
            .lines()
            .filter_map(|l| l.strip_prefix("hljs.registerLanguage(\""))
            .map(|rest| rest.split('"').next().unwrap())
            .collect();
        assert_eq!(registered, ["bash", "shell"]);
    }

    #[test]
    fn an_unknown_language_is_refused() {
        let used: BTreeSet<String> = ["cobol".to_string()].into();
        let refused = trimmed_highlight_js(&used).unwrap_err().to_string();
        assert!(refused.contains("```cobol"), "{refused}");
    }
}
