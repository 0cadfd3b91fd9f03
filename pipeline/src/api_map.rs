//! The appendix that maps Python's threading API to Rust: a row for every
//! public name that Python 3.13 lists (data/python-api-3.13.txt, written by
//! `cargo xtask python-api`; the listings' tests check it against Python),
//! and no row for a name it does not list.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use crate::checks::Problem;

/// The names, one per line, as Python 3.13 prints them.
pub const NAMES: &str = "data/python-api-3.13.txt";
/// The appendix.
pub const PAGE: &str = "src/appendix-api-map.md";

/// The name in the first cell of each table row: `| \`threading.Lock\` | ...`.
pub fn rows(page: &str) -> Vec<&str> {
    page.lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|rest| rest.split('`').next())
        .collect()
}

pub fn check(root: &Path) -> Vec<Problem> {
    let problem = |message: String| Problem {
        chapter: PAGE.to_string(),
        listing: None,
        message,
    };
    let (Ok(names), Ok(page)) = (
        fs::read_to_string(root.join(NAMES)),
        fs::read_to_string(root.join(PAGE)),
    ) else {
        return vec![problem(format!("{NAMES} and {PAGE} must both exist"))];
    };
    let names: BTreeSet<&str> = names.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for row in rows(&page) {
        if !seen.insert(row) {
            problems.push(problem(format!("`{row}` has two rows")));
        }
        if !names.contains(row) {
            problems.push(problem(format!(
                "`{row}` has a row, and is not a public name in {NAMES}"
            )));
        }
    }
    for name in names.difference(&seen) {
        problems.push(problem(format!(
            "`{name}` is a public name in {NAMES}, and has no row: say what Rust uses \
             instead, or why nothing"
        )));
    }
    for line in page.lines().filter(|l| l.starts_with("| `")) {
        for link in line.split("](").skip(1) {
            let target = link.split(')').next().unwrap_or_default();
            let file = target.split('#').next().unwrap_or_default();
            if !file.is_empty() && !root.join("src").join(file).exists() {
                problems.push(problem(format!(
                    "a row links to {target}, which does not exist"
                )));
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_the_names_in_their_first_cells() {
        let page = "| Python | Rust |\n| --- | --- |\n| `queue.Queue` | `mpsc` |\n\
                    | `queue.Full` | none |\ntext | `not.a.row` |\n";
        assert_eq!(rows(page), ["queue.Queue", "queue.Full"]);
    }
}
