//! The "Predict the output" questions. A question is a `<div class="predict">`
//! holding a paragraph that starts with "Predict", two or more
//! `<div class="predict-choice">`, exactly one of them marked `data-right`,
//! and a `<details class="predict-answer">`. The check holds each question
//! to what it claims: the right choice is the recording of a listing the
//! page shows, included and not typed, and no wrong choice is that same
//! output. Every numbered chapter asks at least one question.

use std::fs;
use std::path::Path;

use crate::checks::{Problem, code_blocks, find_directives};

/// How many questions the book asks at the least.
pub const AT_LEAST: usize = 12;

/// One question's source, from `<div class="predict">` to its closing `</div>`.
pub fn questions(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("<div class=\"predict\">") {
        let block = &rest[start..];
        let end = block
            .find("</details>")
            .and_then(|d| block[d..].find("</div>").map(|e| d + e + "</div>".len()))
            .unwrap_or(block.len());
        found.push(&block[..end]);
        rest = &block[end..];
    }
    found
}

/// The choices of a question: (is it the right one, its source).
fn choices(question: &str) -> Vec<(bool, &str)> {
    let mut found = Vec::new();
    let mut rest = question;
    while let Some(start) = rest.find("<div class=\"predict-choice\"") {
        let block = &rest[start..];
        let open_end = block.find('>').unwrap_or(0);
        let right = block[..open_end].contains("data-right");
        let end = block.find("</div>").unwrap_or(block.len());
        found.push((right, &block[open_end + 1..end]));
        rest = &block[end..];
    }
    found
}

/// What a choice shows: its text blocks' bodies, with includes read from
/// `chapter_dir`. None when an include cannot be read.
fn shown(choice: &str, chapter_dir: &Path) -> Option<String> {
    let mut text = String::new();
    for block in code_blocks(choice) {
        let mut body = block.body.clone();
        for directive in find_directives(&block.body) {
            let file = fs::read_to_string(chapter_dir.join(&directive.path)).ok()?;
            body = body.replace(&directive.text, file.trim_end());
        }
        text.push_str(body.trim_end());
        text.push('\n');
    }
    Some(text)
}

/// The problems of one page's questions.
pub fn check_page(chapter: &str, source: &str, chapter_dir: &Path) -> Vec<Problem> {
    let mut problems = Vec::new();
    let shown_on_page: Vec<String> = find_directives(source)
        .into_iter()
        .map(|d| d.path)
        .collect();
    for (number, question) in questions(source).into_iter().enumerate() {
        let mut fault = |message: String| {
            problems.push(Problem {
                chapter: chapter.to_string(),
                listing: None,
                message: format!("question {}: {message}", number + 1),
            });
        };
        let asks = question
            .lines()
            .skip(1)
            .find(|l| !l.trim().is_empty())
            .is_some_and(|l| l.starts_with("Predict"));
        if !asks {
            fault("its first paragraph must ask, starting with \"Predict\"".into());
        }
        if !question.contains("<details class=\"predict-answer\">") {
            fault("has no folded answer (<details class=\"predict-answer\">)".into());
        }
        let all = choices(question);
        let right: Vec<&str> = all.iter().filter(|(r, _)| *r).map(|(_, c)| *c).collect();
        if all.len() < 2 {
            fault(format!(
                "offers {} choice(s); it needs two at least",
                all.len()
            ));
        }
        let [right] = right[..] else {
            fault(format!(
                "marks {} choices data-right; exactly one is right",
                right.len()
            ));
            continue;
        };
        let includes = find_directives(right);
        let recording = match &includes[..] {
            [one] if one.path.ends_with(".stdout") || one.path.ends_with(".stderr") => one,
            _ => {
                fault(
                    "its right choice must be the listing's recording, included \
                     ({{#include …/name.stdout}}), not typed"
                        .into(),
                );
                continue;
            }
        };
        let program = recording
            .path
            .trim_end_matches(".stdout")
            .trim_end_matches(".stderr")
            .to_string();
        let program_shown = shown_on_page
            .iter()
            .any(|p| p == &program || p.strip_suffix(".rs") == Some(program.as_str()));
        if !program_shown {
            fault(format!(
                "its right choice is the recording {}, but the page shows no listing {program}(.rs)",
                recording.path
            ));
        }
        let Some(wanted) = shown(right, chapter_dir) else {
            continue; // a missing recording is the include check's to report
        };
        for (index, (is_right, choice)) in all.iter().enumerate() {
            if *is_right {
                continue;
            }
            match shown(choice, chapter_dir) {
                Some(text) if text.trim().is_empty() => {
                    fault(format!("choice {} shows no output", index + 1));
                }
                Some(text) if text == wanted => fault(format!(
                    "choice {} is not marked right but shows the recording {}",
                    index + 1,
                    recording.path
                )),
                _ => {}
            }
        }
    }
    problems
}

/// Every page's questions, and at least one question in each numbered
/// chapter and `AT_LEAST` in the book.
pub fn check(root: &Path, pages: &[(String, String)]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut total = 0;
    for (page, source) in pages {
        let count = questions(source).len();
        total += count;
        let chapter = format!("src/{page}");
        if page.starts_with("ch") && count == 0 {
            problems.push(Problem {
                chapter: chapter.clone(),
                listing: None,
                message: "asks no \"Predict the output\" question; every chapter asks one".into(),
            });
        }
        problems.extend(check_page(&chapter, source, &root.join("src")));
    }
    if total < AT_LEAST {
        problems.push(Problem {
            chapter: "src/SUMMARY.md".into(),
            listing: None,
            message: format!("the book asks {total} questions; it asks {AT_LEAST} at least"),
        });
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    const RECORDED: &str = "locked = true\nlocked = false\n";

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("predict-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("listings/a")).unwrap();
        fs::create_dir_all(dir.join("src")).unwrap();
        fs::write(dir.join("listings/a/guard.stdout"), RECORDED).unwrap();
        dir
    }

    fn page(first: &str, second: &str) -> String {
        format!(
            "# A\n\n```rust\n{{{{#include ../listings/a/guard.rs}}}}\n```\n\n\
             <div class=\"predict\">\n\nPredict: what does it print?\n\n\
             <div class=\"predict-choice\"{first}>\n\n<!-- i18n:skip -->\n```text\nlocked = true\nlocked = true\n```\n\n</div>\n\n\
             <div class=\"predict-choice\"{second}>\n\n<!-- i18n:skip -->\n```text\n{{{{#include ../listings/a/guard.stdout}}}}\n```\n\n</div>\n\n\
             <details class=\"predict-answer\">\n<summary>\n\nThe answer\n\n</summary>\n\nThe second.\n\n</details>\n\n</div>\n"
        )
    }

    #[test]
    fn a_question_whose_right_choice_is_its_recording_passes() {
        let dir = scratch("good");
        let problems = check_page("src/a.md", &page("", " data-right"), &dir.join("src"));
        assert!(problems.is_empty(), "{problems:?}");
        let _ = fs::remove_dir_all(dir);
    }

    #[test]
    fn a_typed_answer_is_refused_naming_the_page() {
        let dir = scratch("typed");
        let problems = check_page("src/a.md", &page(" data-right", ""), &dir.join("src"));
        let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(
            text.iter()
                .any(|t| t.starts_with("src/a.md: question 1:") && t.contains("not typed")),
            "{text:?}"
        );
        let _ = fs::remove_dir_all(dir);
    }

    #[test]
    fn no_right_choice_or_a_wrong_one_equal_to_the_recording_is_refused() {
        let dir = scratch("marks");
        let none = check_page("src/a.md", &page("", ""), &dir.join("src"));
        assert!(none[0].to_string().contains("marks 0 choices"), "{none:?}");
        let same = page("", " data-right").replace(
            "locked = true\nlocked = true\n```",
            "locked = true\nlocked = false\n```",
        );
        let problems = check_page("src/a.md", &same, &dir.join("src"));
        assert!(
            problems
                .iter()
                .any(|p| p.message.contains("choice 1 is not marked right")),
            "{problems:?}"
        );
        let _ = fs::remove_dir_all(dir);
    }

    #[test]
    fn the_recording_must_belong_to_a_listing_the_page_shows() {
        let dir = scratch("elsewhere");
        let text =
            page("", " data-right").replace("../listings/a/guard.rs", "../listings/a/other.rs");
        let problems = check_page("src/a.md", &text, &dir.join("src"));
        assert!(
            problems
                .iter()
                .any(|p| p.message.contains("shows no listing")),
            "{problems:?}"
        );
        let _ = fs::remove_dir_all(dir);
    }

    #[test]
    fn a_chapter_without_a_question_is_named() {
        let problems = check(
            Path::new("/nonexistent"),
            &[("ch01-x.md".into(), "# One\n".into())],
        );
        assert!(
            problems.iter().any(|p| p.chapter == "src/ch01-x.md"),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.message.contains("asks 0 questions")),
            "{problems:?}"
        );
    }
}
