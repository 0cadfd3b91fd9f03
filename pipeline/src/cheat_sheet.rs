//! The cheat sheet: the "From Python to Rust" tables of every chapter on one
//! page, Python on the left, Rust on the right, each row with the chapter
//! that explains it. `cargo xtask cheat-sheet` writes it from the chapters,
//! so it cannot disagree with them, and the book's checks fail when it is
//! stale. Its cells are the chapters' own, so their translations serve it.

use std::fs;
use std::path::Path;

use crate::checks::Problem;

/// The page.
pub const PAGE: &str = "src/appendix-cheat-sheet.md";

const HEADING: &str = "## From Python to Rust";

const INTRO: &str = "# Appendix: cheat sheet

Python on the left, Rust on the right: the tables that end the chapters, on
one page, each row with the chapter that explains it. It prints on at most
two A4 pages. `cargo xtask cheat-sheet` writes it from the chapters.
";

/// The cells of a table row, split at each `|` that is not escaped.
fn cells(row: &str) -> Vec<String> {
    let inner = row.trim().trim_start_matches('|').trim_end_matches('|');
    let mut cells = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cells.last_mut().unwrap().push_str("\\|");
                chars.next();
            }
            '|' => cells.push(String::new()),
            c => cells.last_mut().unwrap().push(c),
        }
    }
    cells.iter().map(|c| c.trim().to_string()).collect()
}

/// The page, from the chapters: (file name such as ch01-thread.md, text),
/// in the book's order.
pub fn render(chapters: &[(String, String)]) -> String {
    let mut page = format!("{INTRO}\n<div class=\"cheat-sheet\">\n\n");
    page.push_str("| Python | Rust | Chapter |\n| --- | --- | --- |\n");
    for (number, (file, text)) in chapters.iter().enumerate() {
        let rows = text
            .lines()
            .skip_while(|l| l.trim() != HEADING)
            .skip(1)
            .take_while(|l| !l.starts_with("## "))
            .filter(|l| l.starts_with('|'))
            .skip(2); // the header and the separator
        for row in rows {
            let cells = cells(row);
            if cells.len() >= 2 {
                page.push_str(&format!(
                    "| {} | {} | [{}]({file}) |\n",
                    cells[0],
                    cells[1],
                    number + 1
                ));
            }
        }
    }
    page.push_str("\n</div>\n");
    page
}

/// The numbered chapters of src/, in order: chNN-*.md.
pub fn chapters(root: &Path) -> Vec<(String, String)> {
    let mut chapters: Vec<(String, String)> = fs::read_dir(root.join("src"))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let numbered = name.starts_with("ch") && name.ends_with(".md");
            numbered.then(|| Some((name, fs::read_to_string(entry.path()).ok()?)))?
        })
        .collect();
    chapters.sort();
    chapters
}

pub fn check(root: &Path) -> Vec<Problem> {
    let wanted = render(&chapters(root));
    match fs::read_to_string(root.join(PAGE)) {
        Ok(found) if found == wanted => Vec::new(),
        _ => vec![Problem {
            chapter: PAGE.to_string(),
            listing: None,
            message: "is not the chapters' tables: run `cargo xtask cheat-sheet`".to_string(),
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_come_from_each_chapters_table_with_their_chapter() {
        let one = "# One\n\n## From Python to Rust\n\n| Py | Rust | Watch |\n| --- | --- | --- |\n\
                   | `a \\| b` | `c` | d |\n\n## In practice\n\n| x | y |\n| --- | --- |\n| no | no |\n";
        let two = "# Two\n\n## From Python to Rust\n\n| Py | Rust | Watch |\n| --- | --- | --- |\n\
                   | `e` | `f` | g |\n";
        let page = render(&[
            ("ch01-one.md".into(), one.into()),
            ("ch02-two.md".into(), two.into()),
        ]);
        assert!(
            page.contains("| `a \\| b` | `c` | [1](ch01-one.md) |\n"),
            "{page}"
        );
        assert!(
            page.contains("| `e` | `f` | [2](ch02-two.md) |\n"),
            "{page}"
        );
        assert!(!page.contains("no"), "{page}");
    }
}
