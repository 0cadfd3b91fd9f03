//! Each exercise states what a right answer prints. An exercise is a section
//! whose heading starts with "Exercise"; it shows a starter from
//! `listings/<chapter>/exercises/<name>.rs` and, folded in `<details>`, the
//! solution `listings/<chapter>/<name>.rs`. The solution's recording,
//! `<name>.stdout`, must be included in the section outside the fold, so
//! that the reader knows the goal before opening the answer.

use std::path::Path;

use crate::checks::{Problem, find_directives};

/// The sections of a page whose heading starts with "Exercise": (heading, text).
pub fn sections(source: &str) -> Vec<(&str, &str)> {
    let mut found = Vec::new();
    let mut starts: Vec<usize> = source.match_indices("\n#").map(|(at, _)| at + 1).collect();
    starts.push(source.len());
    for pair in starts.windows(2) {
        let text = &source[pair[0]..pair[1]];
        let heading = text.lines().next().unwrap_or_default();
        if heading
            .trim_start_matches('#')
            .trim_start()
            .starts_with("Exercise")
        {
            found.push((heading, text));
        }
    }
    found
}

/// The text of a section outside its `<details>` folds.
fn unfolded(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("<details") {
        out.push_str(&rest[..start]);
        match rest[start..].find("</details>") {
            Some(end) => rest = &rest[start + end + "</details>".len()..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

pub fn check_page(chapter: &str, source: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (heading, text) in sections(source) {
        let starters: Vec<String> = find_directives(text)
            .into_iter()
            .map(|d| d.path)
            .filter(|p| p.contains("/exercises/"))
            .collect();
        let [starter] = &starters[..] else {
            problems.push(Problem {
                chapter: chapter.to_string(),
                listing: None,
                message: format!(
                    "{heading}: shows {} starters; an exercise shows one",
                    starters.len()
                ),
            });
            continue;
        };
        let solution = starter.replace("/exercises/", "/");
        let recording = format!("{}.stdout", solution.trim_end_matches(".rs"));
        let stated = find_directives(&unfolded(text))
            .iter()
            .any(|d| d.path == recording);
        if !stated {
            problems.push(Problem {
                chapter: chapter.to_string(),
                listing: Some(solution.trim_start_matches("../").to_string()),
                message: format!(
                    "{heading}: does not state what a right answer prints: include {} \
                     under the starter, outside the folded solution",
                    recording.trim_start_matches("../")
                ),
            });
        }
    }
    problems
}

pub fn check(_root: &Path, pages: &[(String, String)]) -> Vec<Problem> {
    pages
        .iter()
        .flat_map(|(page, source)| check_page(&format!("src/{page}"), source))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const STARTER: &str =
        "```rust,no_run\n{{#include ../listings/ch01-a/exercises/wait.rs}}\n```\n\n";
    const OUTPUT: &str =
        "<!-- i18n:skip -->\n```text\n{{#include ../listings/ch01-a/wait.stdout}}\n```\n\n";
    const FOLD: &str = "<details>\n<summary>\n\nA solution\n\n</summary>\n\n```rust\n{{#include ../listings/ch01-a/wait.rs}}\n```\n\n";

    #[test]
    fn the_expected_output_above_the_fold_passes() {
        let page =
            format!("# One\n\n## Exercise: wait\n\n{STARTER}{OUTPUT}{FOLD}</details>\n\n## Next\n");
        assert!(check_page("src/ch01-a.md", &page).is_empty());
    }

    #[test]
    fn an_output_only_inside_the_fold_is_refused_naming_page_and_solution() {
        let page = format!("# One\n\n## Exercise: wait\n\n{STARTER}{FOLD}{OUTPUT}</details>\n");
        let problems = check_page("src/ch01-a.md", &page);
        assert_eq!(problems.len(), 1, "{problems:?}");
        let text = problems[0].to_string();
        assert!(
            text.starts_with("src/ch01-a.md: listings/ch01-a/wait.rs: ## Exercise: wait"),
            "{text}"
        );
        assert!(text.contains("listings/ch01-a/wait.stdout"), "{text}");
    }

    #[test]
    fn other_sections_are_not_exercises() {
        assert!(sections("# One\n\n## In practice\n\ntext\n").is_empty());
    }
}
