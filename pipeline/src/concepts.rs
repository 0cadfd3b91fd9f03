//! The order check: no page shows a listing that uses a concept the book
//! teaches only on a later page, unless the text before the listing links
//! forward to the page that teaches it.
//!
//! The concept map is `data/concepts.md`, a table with one row per concept:
//! its name, the code that shows it (one or more patterns, each in
//! backticks), and the page that teaches it. A pattern matches the code a
//! reader sees (comments left out): as a plain substring, except that a
//! pattern starting or ending with a letter, digit or `_` must not touch
//! another one there, so `Rc<` does not match in `Arc<`.
//!
//! "The text before the listing" is the page's text from the heading above
//! the include to the include itself; a link there to the teaching page
//! (`[chapter 7](ch07-threads-that-talk.md)`, with or without `#anchor`) is
//! the forward marker.

use std::fs;
use std::path::Path;

use crate::checks::{Problem, find_directives};

pub const MAP: &str = "data/concepts.md";

/// One row of the concept map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concept {
    pub name: String,
    pub patterns: Vec<String>,
    /// The page that teaches it, as SUMMARY.md names it: `ch04-lock.md`.
    pub page: String,
}

/// Reads the map's table rows: `| name | `a`, `b` | [page](page.md) |`.
pub fn parse(text: &str) -> Result<Vec<Concept>, String> {
    let mut concepts = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if !line.starts_with('|') || line.starts_with("| ---") || line.starts_with("| Concept") {
            continue;
        }
        let cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
        let [name, code, page] = cells[..] else {
            return Err(format!("{MAP}:{}: a row has three cells", index + 1));
        };
        let patterns: Vec<String> = code
            .split('`')
            .skip(1)
            .step_by(2)
            .map(|p| p.replace("\\|", "|"))
            .collect();
        let page = page
            .split_once("](")
            .and_then(|(_, rest)| rest.split_once(')'))
            .map(|(target, _)| target.to_string());
        match (patterns.is_empty(), page) {
            (false, Some(page)) => concepts.push(Concept {
                name: name.to_string(),
                patterns,
                page,
            }),
            _ => {
                return Err(format!(
                    "{MAP}:{}: a row needs code in backticks and a link to its page",
                    index + 1
                ));
            }
        }
    }
    Ok(concepts)
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether `pattern` occurs in `code` with word edges kept.
pub fn matches(code: &str, pattern: &str) -> bool {
    let first_word = pattern.chars().next().is_some_and(is_word);
    let last_word = pattern.chars().last().is_some_and(is_word);
    code.match_indices(pattern).any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let after = code[at + pattern.len()..].chars().next();
        let glued_before = first_word && before.is_some_and(is_word);
        let glued_after = last_word && after.is_some_and(is_word);
        !(glued_before || glued_after)
    })
}

/// The code a reader sees: the whole file, or the lines of one anchor
/// (every region of it, as mdBook takes them), without anchor lines and
/// without `//` comments.
pub fn shown(file: &str, anchor: Option<&str>) -> String {
    let mut inside = anchor.is_none();
    let mut code = String::new();
    for line in file.lines() {
        let trimmed = line.trim_start();
        if let Some(name) = trimmed.strip_prefix("// ANCHOR: ") {
            inside |= Some(name.trim()) == anchor;
            continue;
        }
        if let Some(name) = trimmed.strip_prefix("// ANCHOR_END: ") {
            if Some(name.trim()) == anchor {
                inside = false;
            }
            continue;
        }
        if inside {
            let without_comment = match line.find("//") {
                Some(at) => &line[..at],
                None => line,
            };
            code.push_str(without_comment);
            code.push('\n');
        }
    }
    code
}

/// Checks the pages, given in the book's order as (file, source), against
/// the map. `chapter_dir` is where the pages' relative paths start.
pub fn check_order(
    pages: &[(String, String)],
    concepts: &[Concept],
    chapter_dir: &Path,
) -> Vec<Problem> {
    let position = |page: &str| pages.iter().position(|(name, _)| name == page);
    let mut problems = Vec::new();
    for concept in concepts {
        if position(&concept.page).is_none() {
            problems.push(Problem {
                chapter: MAP.to_string(),
                listing: None,
                message: format!(
                    "concept `{}` is taught by {}, which is not a page of the book",
                    concept.name, concept.page
                ),
            });
        }
    }
    for (here, (page, source)) in pages.iter().enumerate() {
        for directive in find_directives(source) {
            if !directive.path.ends_with(".rs") {
                continue;
            }
            let Ok(file) = fs::read_to_string(chapter_dir.join(&directive.path)) else {
                continue; // a missing file is the include check's to report
            };
            let code = shown(&file, directive.anchor.as_deref());
            let at = source.find(&directive.text).unwrap_or(0);
            let section_start = source[..at].rfind("\n#").map_or(0, |i| i + 1);
            let before = &source[section_start..at];
            for concept in concepts {
                let Some(taught) = position(&concept.page) else {
                    continue;
                };
                if taught <= here || !concept.patterns.iter().any(|p| matches(&code, p)) {
                    continue;
                }
                if before.contains(&format!("]({})", concept.page))
                    || before.contains(&format!("]({}#", concept.page))
                {
                    continue;
                }
                problems.push(Problem {
                    chapter: format!("src/{page}"),
                    listing: Some(directive.path.trim_start_matches("../").to_string()),
                    message: format!(
                        "uses {} (`{}`), which {} teaches later: teach it first, or link \
                         forward to [{}]({}) in the text before the listing",
                        concept.name,
                        concept
                            .patterns
                            .iter()
                            .find(|p| matches(&code, p))
                            .expect("matched above"),
                        concept.page,
                        concept.page,
                        concept.page
                    ),
                });
            }
        }
    }
    problems
}

/// The order check of the book in `root`, its pages in SUMMARY order.
pub fn check(root: &Path, pages: &[(String, String)]) -> Vec<Problem> {
    let text = match fs::read_to_string(root.join(MAP)) {
        Ok(text) => text,
        Err(e) => {
            return vec![Problem {
                chapter: MAP.to_string(),
                listing: None,
                message: format!("cannot be read: {e}"),
            }];
        }
    };
    match parse(&text) {
        Ok(concepts) => check_order(pages, &concepts, &root.join("src")),
        Err(message) => vec![Problem {
            chapter: MAP.to_string(),
            listing: None,
            message,
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn concept(name: &str, pattern: &str, page: &str) -> Concept {
        Concept {
            name: name.into(),
            patterns: vec![pattern.into()],
            page: page.into(),
        }
    }

    #[test]
    fn the_map_is_read_from_its_table() {
        let map = "| Concept | Code | Taught in |\n| --- | --- | --- |\n\
                   | a channel | `mpsc::`, `sync_channel` | [chapter 7](ch07-x.md) |\n";
        assert_eq!(
            parse(map).unwrap(),
            vec![Concept {
                name: "a channel".into(),
                patterns: vec!["mpsc::".into(), "sync_channel".into()],
                page: "ch07-x.md".into(),
            }]
        );
        assert!(parse("| a | no code | [p](p.md) |\n").is_err());
    }

    #[test]
    fn patterns_keep_word_edges() {
        assert!(matches("let a = Rc::new(1);", "Rc::"));
        assert!(!matches("let a = Arc::new(1);", "Rc::"));
        assert!(matches("x.lock()?;", "?;"));
        assert!(!matches("Mutexes", "Mutex"));
    }

    #[test]
    fn only_the_shown_anchor_without_comments_counts() {
        let file = "use std::rc::Rc;\n// ANCHOR: part\nlet x = 1; // Rc:: in a comment\n\
                    // ANCHOR_END: part\nlet y = Rc::new(2);\n";
        assert!(!matches(&shown(file, Some("part")), "Rc::"));
        assert!(matches(&shown(file, None), "Rc::"));
    }

    fn scratch(name: &str, files: &[(&str, &str)]) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("concepts-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        // Includes are relative to src/, which must exist for `..` to resolve.
        fs::create_dir_all(dir.join("src")).unwrap();
        for (path, text) in files {
            let path = dir.join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        dir
    }

    #[test]
    fn a_concept_used_before_its_page_is_named_with_page_and_listing() {
        let dir = scratch(
            "early",
            &[(
                "listings/a/talk.rs",
                "fn main() { let (s, r) = std::sync::mpsc::channel::<u8>(); }\n",
            )],
        );
        let pages = vec![
            (
                "ch01-a.md".to_string(),
                "# One\n\n```rust\n{{#include ../listings/a/talk.rs}}\n```\n".to_string(),
            ),
            ("ch07-x.md".to_string(), "# Eight\n".to_string()),
        ];
        let problems = check_order(
            &pages,
            &[concept("a channel", "mpsc::", "ch07-x.md")],
            &dir.join("src"),
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        let text = problems[0].to_string();
        for part in [
            "src/ch01-a.md",
            "listings/a/talk.rs",
            "a channel",
            "ch07-x.md",
        ] {
            assert!(text.contains(part), "{text}");
        }
        let _ = fs::remove_dir_all(dir);
    }

    #[test]
    fn a_forward_link_in_the_section_or_a_later_use_is_accepted() {
        let dir = scratch(
            "linked",
            &[(
                "listings/a/talk.rs",
                "fn main() { let _ = std::sync::mpsc::channel::<u8>(); }\n",
            )],
        );
        let include = "```rust\n{{#include ../listings/a/talk.rs}}\n```\n";
        let linked = format!(
            "# One\n\n## Waiting\n\nA channel, which [chapter 7](ch07-x.md#channels) teaches:\n\n{include}"
        );
        let link_elsewhere =
            format!("# One\n\nSee [chapter 7](ch07-x.md).\n\n## Waiting\n\n{include}");
        let map = [concept("a channel", "mpsc::", "ch07-x.md")];
        for (text, wanted) in [(linked, 0), (link_elsewhere, 1)] {
            let pages = vec![
                ("ch01-a.md".to_string(), text),
                ("ch07-x.md".to_string(), String::new()),
            ];
            assert_eq!(check_order(&pages, &map, &dir.join("src")).len(), wanted);
        }
        let pages = vec![("ch07-x.md".to_string(), format!("# Eight\n\n{include}"))];
        assert!(check_order(&pages, &map, &dir.join("src")).is_empty());
        let _ = fs::remove_dir_all(dir);
    }

    #[test]
    fn a_map_row_naming_no_page_is_refused() {
        let problems = check_order(&[], &[concept("x", "x", "gone.md")], Path::new("."));
        assert_eq!(problems.len(), 1);
        assert!(problems[0].to_string().contains("gone.md"));
    }
}
