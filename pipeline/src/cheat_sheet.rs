//! The cheat sheet: the "From Python to Rust" tables of every chapter on one
//! page, ordered by Python module and class (`_thread`, `threading`'s classes
//! in turn, `queue`, `concurrent.futures`, then what is Python itself), one
//! row per Python idiom: a Python cell that two chapters share is one row,
//! with both chapters. Each row keeps the chapter's "what to watch".
//! `cargo xtask cheat-sheet` writes it from the chapters, so it cannot
//! disagree with them, and the book's checks fail when it is stale. Its
//! cells are the chapters' own, so their translations serve it.

use std::fs;
use std::path::Path;

use crate::checks::Problem;

/// The page.
pub const PAGE: &str = "src/appendix-cheat-sheet.md";

const HEADING: &str = "## From Python to Rust";

const INTRO: &str = "# Appendix: cheat sheet

Python on the left, Rust on the right: the tables that end the chapters, on
one page, ordered by Python module and class, each row with what to watch and
the chapter that explains it. It prints on at most two A4 pages.
";

/// The page's sections, in order: a heading, and the markers that put a
/// row's Python cell in it. The first section whose marker the cell holds
/// (the sections of `TRIED_LAST` last) takes the row; a row that none takes
/// goes to the last, Python itself.
const SECTIONS: &[(&str, &[&str])] = &[
    ("`_thread`", &["_thread."]),
    (
        "`threading.Thread`",
        &[
            "Thread",
            "t.",
            "run()",
            "thread_stop",
            "current_thread",
            "get_ident",
            "stack_size",
            "daemon",
            "thread",
        ],
    ),
    (
        "`threading.Lock`",
        &["Lock", "lock", "acquire", "release", "balance", "counter"],
    ),
    ("`threading.RLock`", &["RLock"]),
    ("`threading.Condition`", &["Condition", "cond."]),
    ("`threading.Event`", &["Event"]),
    ("`threading.Semaphore`", &["Semaphore"]),
    ("`threading.Barrier`", &["Barrier"]),
    ("`threading.Timer`", &["Timer"]),
    (
        "`threading.local`",
        &["local", "__del__", "this thread's value"],
    ),
    ("`queue`", &["Queue", "q.", "queue.", "put_nowait"]),
    (
        "`concurrent.futures`",
        &["Executor", "executor", "future", "pool.", "as_completed"],
    ),
    ("Python itself", &[]),
];

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

/// One row of the sheet: the Python cell, the Rust cells and the watch
/// cells of every chapter that has it, and those chapters' links.
struct Row {
    python: String,
    rust: Vec<String>,
    watch: Vec<String>,
    chapters: Vec<String>,
}

/// The sections whose markers are tried late, because their markers are
/// common words: a `ThreadPoolExecutor` row belongs to `concurrent.futures`,
/// not to `Thread`; a `Queue` with a lock, to `queue`.
const TRIED_LAST: &[&str] = &["`threading.Lock`", "`threading.Thread`"];

fn section(python: &str) -> usize {
    let holds = |index: &usize| SECTIONS[*index].1.iter().any(|m| python.contains(m));
    let early = (0..SECTIONS.len()).filter(|i| !TRIED_LAST.contains(&SECTIONS[*i].0));
    let late = TRIED_LAST
        .iter()
        .filter_map(|h| SECTIONS.iter().position(|(heading, _)| heading == h));
    early.chain(late).find(holds).unwrap_or(SECTIONS.len() - 1)
}

fn push_new(cells: &mut Vec<String>, cell: &str) {
    if !cell.is_empty() && !cells.iter().any(|c| c == cell) {
        cells.push(cell.to_string());
    }
}

/// The page, from the chapters: (file name such as ch01-thread.md, text),
/// in the book's order.
pub fn render(chapters: &[(String, String)]) -> String {
    let mut rows: Vec<Row> = Vec::new();
    for (number, (file, text)) in chapters.iter().enumerate() {
        let table = text
            .lines()
            .skip_while(|l| l.trim() != HEADING)
            .skip(1)
            .take_while(|l| !l.starts_with("## "))
            .filter(|l| l.starts_with('|'))
            .skip(2); // the header and the separator
        for line in table {
            let cells = cells(line);
            if cells.len() < 2 {
                continue;
            }
            let link = format!("[{}]({file})", number + 1);
            let watch = cells.get(2).map_or("", String::as_str);
            match rows.iter_mut().find(|r| r.python == cells[0]) {
                Some(row) => {
                    push_new(&mut row.rust, &cells[1]);
                    push_new(&mut row.watch, watch);
                    push_new(&mut row.chapters, &link);
                }
                None => {
                    let mut row = Row {
                        python: cells[0].clone(),
                        rust: Vec::new(),
                        watch: Vec::new(),
                        chapters: vec![link],
                    };
                    push_new(&mut row.rust, &cells[1]);
                    push_new(&mut row.watch, watch);
                    rows.push(row);
                }
            }
        }
    }
    let mut page = format!("{INTRO}\n<div class=\"cheat-sheet\">\n");
    for (index, (heading, _)) in SECTIONS.iter().enumerate() {
        let here: Vec<&Row> = rows
            .iter()
            .filter(|r| section(&r.python) == index)
            .collect();
        if here.is_empty() {
            continue;
        }
        page.push_str(&format!("\n## {heading}\n\n"));
        page.push_str("| Python | Rust | What to watch | Chapter |\n| --- | --- | --- | --- |\n");
        for row in here {
            page.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                row.python,
                row.rust.join("<br>"),
                row.watch.join("<br>"),
                row.chapters.join(", ")
            ));
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
            page.contains("| `a \\| b` | `c` | d | [1](ch01-one.md) |\n"),
            "{page}"
        );
        assert!(
            page.contains("| `e` | `f` | g | [2](ch02-two.md) |\n"),
            "{page}"
        );
        assert!(!page.contains("no"), "{page}");
    }

    #[test]
    fn rows_go_to_their_module_and_a_shared_idiom_is_one_row() {
        let table = |rows: &str| {
            format!(
                "# C\n\n## From Python to Rust\n\n| Py | Rust | Watch |\n| --- | --- | --- |\n{rows}"
            )
        };
        let one = table(
            "| `q.get()` | `rx.recv()` | blocks |\n| `lock.acquire()` | `m.lock()` | a guard |\n",
        );
        let two = table(
            "| `lock.acquire()` | `m.lock()` | poisoned |\n| `sock.recv(n)` | `read` | bytes |\n",
        );
        let page = render(&[("ch01-a.md".into(), one), ("ch02-b.md".into(), two)]);
        let lock = page.find("## `threading.Lock`").expect("a Lock section");
        let queue = page.find("## `queue`").expect("a queue section");
        let itself = page.find("## Python itself").expect("a last section");
        assert!(lock < queue && queue < itself, "{page}");
        assert!(
            page.contains("| `lock.acquire()` | `m.lock()` | a guard<br>poisoned | [1](ch01-a.md), [2](ch02-b.md) |"),
            "{page}"
        );
        assert_eq!(page.matches("`lock.acquire()`").count(), 1, "{page}");
        assert!(page[itself..].contains("`sock.recv(n)`"), "{page}");
    }
}
