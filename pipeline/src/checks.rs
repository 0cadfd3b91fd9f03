//! Checks on the book's markdown that mdBook itself does not make fatal.
//!
//! `mdbook build` logs a missing include file and carries on, and turns a
//! missing anchor into an empty block. These functions find such problems and
//! name the chapter file and the listing.

use std::collections::BTreeSet;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

/// One problem, named by chapter file and, where known, listing path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub chapter: String,
    pub listing: Option<String>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.listing {
            Some(listing) => write!(f, "{}: {}: {}", self.chapter, listing, self.message),
            None => write!(f, "{}: {}", self.chapter, self.message),
        }
    }
}

/// `{{#include …}}` or `{{#rustdoc_include …}}` found in a chapter's source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub kind: String,
    /// The path as written, relative to the chapter's folder.
    pub path: String,
    /// The anchor name, if the directive names one (`file:name`).
    pub anchor: Option<String>,
    /// True when the directive selects lines by number (`file:2:10`).
    pub range: bool,
    /// The whole directive as written.
    pub text: String,
}

/// Finds include directives, skipping escaped ones (`\{{#include …}}`).
pub fn find_directives(text: &str) -> Vec<Directive> {
    let mut found = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(start) = rest.find("{{#") {
        let absolute = offset + start;
        let after = &rest[start..];
        let Some(end) = after.find("}}") else { break };
        let escaped = absolute > 0 && text.as_bytes()[absolute - 1] == b'\\';
        let inner = &after[3..end];
        let mut words = inner.split_whitespace();
        if let (false, Some(kind), Some(target)) = (escaped, words.next(), words.next())
            && (kind == "include" || kind == "rustdoc_include")
        {
            let mut parts = target.splitn(2, ':');
            let path = parts.next().unwrap_or_default().to_string();
            let selector = parts.next();
            let range = selector.is_some_and(|s| {
                s.split(':')
                    .all(|n| n.is_empty() || n.chars().all(|c| c.is_ascii_digit()))
            });
            let anchor = selector.filter(|_| !range).map(str::to_string);
            found.push(Directive {
                kind: kind.to_string(),
                path,
                anchor,
                range,
                text: after[..end + 2].to_string(),
            });
        }
        offset = absolute + end + 2;
        rest = &text[offset..];
    }
    found
}

/// A fenced code block: its info string and the lines between the fences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeBlock {
    pub info: String,
    pub body: String,
    /// 1-based line of the opening fence.
    pub line: usize,
}

impl CodeBlock {
    /// The block's language, the first word of its info string.
    pub fn language(&self) -> &str {
        self.info
            .split(|c: char| c == ',' || c.is_whitespace())
            .next()
            .unwrap_or_default()
    }

    pub fn is_rust(&self) -> bool {
        self.language() == "rust"
    }
}

/// Fenced code blocks (``` or ~~~, possibly indented) in document order.
pub fn code_blocks(text: &str) -> Vec<CodeBlock> {
    let mut blocks = Vec::new();
    let mut open: Option<(char, usize, CodeBlock)> = None;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let fence_char = trimmed.chars().next().filter(|c| *c == '`' || *c == '~');
        let fence_len = fence_char.map_or(0, |c| trimmed.chars().take_while(|x| *x == c).count());
        match (&mut open, fence_char) {
            (Some((c, len, _)), Some(f))
                if f == *c && fence_len >= *len && trimmed[fence_len..].trim().is_empty() =>
            {
                let (_, _, block) = open.take().expect("checked above");
                blocks.push(block);
            }
            (Some((_, _, block)), _) => {
                block.body.push_str(line);
                block.body.push('\n');
            }
            (None, Some(c)) if fence_len >= 3 => {
                open = Some((
                    c,
                    fence_len,
                    CodeBlock {
                        info: trimmed[fence_len..].trim().to_string(),
                        body: String::new(),
                        line: index + 1,
                    },
                ));
            }
            (None, _) => {}
        }
    }
    blocks
}

fn problem(chapter: &str, listing: Option<&str>, message: impl Into<String>) -> Problem {
    Problem {
        chapter: chapter.to_string(),
        listing: listing.map(str::to_string),
        message: message.into(),
    }
}

/// Does `source` have an `ANCHOR: name` line?
pub fn has_anchor(source: &str, name: &str) -> bool {
    source.lines().any(|line| {
        line.split_once("ANCHOR:")
            .is_some_and(|(_, rest)| rest.trim() == name)
    })
}

/// The lines a directive selects by number (`file:2:10`, `file:2:`, `file::10`):
/// the first and the last it names, 0 where it names none.
pub fn line_range(directive: &Directive) -> Option<(usize, usize)> {
    if !directive.range {
        return None;
    }
    let selector = directive.text.trim_end_matches("}}").split_once(':')?.1;
    let mut numbers = selector
        .split(':')
        .map(|n| n.trim().parse::<usize>().unwrap_or(0));
    let start = numbers.next().unwrap_or(0);
    Some((start, numbers.next().unwrap_or(0)))
}

/// Each `ANCHOR: name` needs its `ANCHOR_END: name`, and the other way round:
/// mdBook would otherwise include to the end of the file, or nothing.
pub fn unbalanced_anchors(source: &str) -> Vec<String> {
    let names = |marker: &str| -> Vec<String> {
        source
            .lines()
            .filter_map(|line| line.split_once(marker))
            .map(|(_, rest)| rest.trim().to_string())
            .collect()
    };
    let (starts, ends) = (names("ANCHOR:"), names("ANCHOR_END:"));
    let mut faults = Vec::new();
    for name in starts.iter().filter(|n| !ends.contains(n)) {
        faults.push(format!("`ANCHOR: {name}` has no `ANCHOR_END: {name}`"));
    }
    for name in ends.iter().filter(|n| !starts.contains(n)) {
        faults.push(format!("`ANCHOR_END: {name}` has no `ANCHOR: {name}`"));
    }
    faults
}

/// Checks a chapter's source before expansion.
///
/// `chapter` is the name to report (e.g. `src/ch01-thread.md`), `chapter_dir`
/// the folder its include paths are relative to, and `root` the book's root,
/// so that listings are named from there (`listings/ch01-thread/spawn.rs`).
pub fn check_source(chapter: &str, text: &str, chapter_dir: &Path, root: &Path) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut included = Vec::new();
    for directive in find_directives(text) {
        let target = normalize(&chapter_dir.join(&directive.path));
        let listing = display_path(&target, root);
        match fs::read_to_string(&target) {
            Err(_) => problems.push(problem(
                chapter,
                Some(&listing),
                format!("{} names a file that does not exist", directive.text),
            )),
            Ok(source) => {
                for fault in unbalanced_anchors(&source) {
                    problems.push(problem(chapter, Some(&listing), fault));
                }
                if let Some((start, end)) = line_range(&directive)
                    && end.max(start) > source.lines().count()
                {
                    problems.push(problem(
                        chapter,
                        Some(&listing),
                        format!(
                            "{} asks for lines up to {}, and the file has {}",
                            directive.text,
                            end.max(start),
                            source.lines().count()
                        ),
                    ));
                }
                if directive.kind == "include"
                    && directive.anchor.is_none()
                    && !directive.range
                    && source
                        .lines()
                        .any(|l| l.trim_start().starts_with("// ANCHOR"))
                {
                    problems.push(problem(
                        chapter,
                        Some(&listing),
                        format!(
                            "{} shows the whole file, anchor comments and all (mdBook \
                             removes them only from an anchored include): put `// ANCHOR: \
                             all` on its first line and `// ANCHOR_END: all` on its last, \
                             and include `{}:all`",
                            directive.text, directive.path
                        ),
                    ));
                }
                if let Some(anchor) = &directive.anchor
                    && !has_anchor(&source, anchor)
                {
                    problems.push(problem(
                        chapter,
                        Some(&listing),
                        format!(
                            "{} names anchor `{anchor}`, which the file does not have",
                            directive.text
                        ),
                    ));
                }
                included.push(source);
            }
        }
    }
    problems.extend(check_numbers(chapter, text, &included));
    let lines: Vec<&str> = text.lines().collect();
    for block in code_blocks(text) {
        let output = find_directives(&block.body)
            .into_iter()
            .find(|d| d.path.ends_with(".stdout") || d.path.ends_with(".stderr"));
        let before = lines[..block.line - 1]
            .iter()
            .rev()
            .find(|l| !l.trim().is_empty());
        if let Some(output) = output
            && !before.is_some_and(|l| l.contains("i18n:skip"))
        {
            problems.push(problem(
                chapter,
                None,
                format!(
                    "the output block at line {} ({}) needs `<!-- i18n:skip -->` on the line \
                     before it: outputs are the same in both editions",
                    block.line, output.text
                ),
            ));
        }
    }
    for block in code_blocks(text).iter().filter(|b| b.is_rust()) {
        let directives = find_directives(&block.body);
        let pasted = block
            .body
            .lines()
            .any(|line| !line.trim().is_empty() && find_directives(line).is_empty());
        if pasted {
            problems.push(problem(
                chapter,
                None,
                format!(
                    "the rust block at line {} has code pasted into the markdown; \
                     put the program in listings/ and include it",
                    block.line
                ),
            ));
        }
        for directive in directives {
            let target = normalize(&chapter_dir.join(&directive.path));
            let whole = directive.anchor.as_deref().is_some_and(|anchor| {
                fs::read_to_string(&target).is_ok_and(|source| wraps_all(&source, anchor))
            });
            if directive.kind == "include"
                && (directive.anchor.is_some() || directive.range)
                && !whole
            {
                problems.push(problem(
                    chapter,
                    Some(&display_path(&target, root)),
                    format!(
                        "{} shows part of a program in a rust block, which then cannot compile; \
                         use {{{{#rustdoc_include …}}}} so the rest is hidden but compiled",
                        directive.text
                    ),
                ));
            }
        }
    }
    problems
}

/// True when `anchor` opens on the file's first line and closes on its last:
/// the anchored include is the whole program, without the anchor comments.
fn wraps_all(source: &str, anchor: &str) -> bool {
    let mut lines = source.lines().filter(|l| !l.trim().is_empty());
    lines.next().map(str::trim) == Some(&format!("// ANCHOR: {anchor}"))
        && lines.next_back().map(str::trim) == Some(&format!("// ANCHOR_END: {anchor}"))
}

/// Units that make a number a quantity a reader may take for a measurement.
const UNITS: [&str; 10] = ["ns", "µs", "ms", "KiB", "MiB", "GiB", "KB", "MB", "×", "%"];

/// Numbers with a unit in a chapter's prose that none of the files it
/// includes (`included`, their texts) holds. A figure measured by a run belongs in a file that the run wrote
/// (`cargo xtask measure`), included into the page; a number that a program
/// uses as a parameter (`200 ms`, `from_millis(200)`) appears in its code.
pub fn check_numbers(chapter: &str, text: &str, included: &[String]) -> Vec<Problem> {
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let mut in_listings = BTreeSet::new();
    for source in included {
        // `100_000` and `100,000` are one number.
        let mut number = String::new();
        for c in source.chars().chain([' ']) {
            if c.is_ascii_digit() {
                number.push(c);
            } else if !(c == '_' || c == ',') || number.is_empty() {
                in_listings.insert(std::mem::take(&mut number));
            }
        }
    }
    let mut problems = Vec::new();
    let mut fenced = false;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fenced = !fenced;
            continue;
        }
        if fenced || line.contains("{{#") {
            continue;
        }
        // Inline code is code, not prose.
        let prose: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        let chars: Vec<char> = prose.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let starts = chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_alphanumeric());
            if !starts {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < chars.len() && (chars[j].is_ascii_digit() || ",.".contains(chars[j])) {
                j += 1;
            }
            let number: String = chars[i..j].iter().collect();
            let number = number.trim_end_matches([',', '.']);
            let rest: String = chars[j..].iter().collect::<String>();
            let rest = rest.trim_start();
            let unit = UNITS.iter().find(|u| {
                rest.starts_with(**u) && !rest[u.len()..].starts_with(|c: char| c.is_alphanumeric())
            });
            if let Some(unit) = unit
                && !in_listings.contains(&digits(number))
            {
                problems.push(problem(
                    chapter,
                    None,
                    format!(
                        "line {}: `{number} {unit}` is typed by hand: no listing the chapter \
                         includes has it. A measured figure comes from a file that a run \
                         wrote (`cargo xtask measure`), included into the page",
                        index + 1
                    ),
                ));
            }
            i = j.max(i + 1);
        }
    }
    problems
}

/// What a rust block of the expanded chapter came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RustBlock {
    pub info: String,
    pub code: String,
    /// Listings the block includes, from the book's root.
    pub listings: Vec<String>,
    /// Anchors the block's directives name, if any.
    pub anchors: Vec<String>,
}

/// Checks a chapter after mdBook expanded (and perhaps translated) it, and
/// returns its rust blocks paired with the listings they came from.
///
/// Rust blocks are paired with the source's rust blocks by order: includes
/// expand inside a block and never add or remove one.
pub fn check_expanded(
    chapter: &str,
    source: &str,
    expanded: &str,
    chapter_dir: &Path,
    root: &Path,
    crates: &Crates,
) -> (Vec<RustBlock>, Vec<Problem>) {
    let mut problems = Vec::new();
    for (number, line) in expanded.lines().enumerate() {
        let directives = find_directives(line);
        if directives.is_empty() && line.contains("{{#") && !line.contains("\\{{#") {
            problems.push(problem(
                chapter,
                None,
                format!(
                    "line {} of the expanded chapter still holds `{{{{#`: {}",
                    number + 1,
                    line.trim()
                ),
            ));
        }
        for directive in directives {
            if !chapter_dir.join(&directive.path).exists() {
                continue; // check_source reports the missing file.
            }
            problems.push(problem(
                chapter,
                None,
                format!(
                    "line {} of the expanded chapter still holds {}",
                    number + 1,
                    directive.text
                ),
            ));
        }
    }
    let source_blocks: Vec<CodeBlock> = code_blocks(source)
        .into_iter()
        .filter(|b| b.is_rust())
        .collect();
    let expanded_blocks: Vec<CodeBlock> = code_blocks(expanded)
        .into_iter()
        .filter(|b| b.is_rust())
        .collect();
    if source_blocks.len() != expanded_blocks.len() {
        problems.push(problem(
            chapter,
            None,
            format!(
                "the source has {} rust blocks but the expanded chapter has {}",
                source_blocks.len(),
                expanded_blocks.len()
            ),
        ));
    }
    let mut blocks = Vec::new();
    for (source_block, block) in source_blocks.iter().zip(&expanded_blocks) {
        let directives = find_directives(&source_block.body);
        let listings: Vec<String> = directives
            .iter()
            .map(|d| display_path(&normalize(&chapter_dir.join(&d.path)), root))
            .collect();
        let anchors = directives.iter().filter_map(|d| d.anchor.clone()).collect();
        let named = if listings.is_empty() {
            None
        } else {
            Some(listings.join(", "))
        };
        if block.body.trim().is_empty() {
            problems.push(problem(
                chapter,
                named.as_deref(),
                format!("the rust block at line {} is empty", source_block.line),
            ));
        }
        for name in crates.used_outside_allow_list(&block.body) {
            problems.push(problem(
                chapter,
                named.as_deref(),
                format!(
                    "uses crate `{name}`, which is not on the book's allow-list ({}); \
                     readers would not have it",
                    crates
                        .allowed
                        .iter()
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        blocks.push(RustBlock {
            info: block.info.clone(),
            code: block.body.clone(),
            listings,
            anchors,
        });
    }
    (blocks, problems)
}

/// The crates a listing could reach, and the ones it may.
#[derive(Debug, Clone, Default)]
pub struct Crates {
    /// Every crate of the dependency graph, as Rust names it (`-` → `_`).
    pub known: BTreeSet<String>,
    /// The allow-list.
    pub allowed: BTreeSet<String>,
}

impl Crates {
    /// Reads crate names from the text of a Cargo.lock.
    pub fn from_lock(lock: &str, allowed: impl IntoIterator<Item = String>) -> Crates {
        let known = lock
            .lines()
            .filter_map(|line| line.strip_prefix("name = \""))
            .filter_map(|rest| rest.strip_suffix('"'))
            .map(|name| name.replace('-', "_"))
            .collect();
        Crates {
            known,
            allowed: allowed.into_iter().collect(),
        }
    }

    /// Crates of the graph, not on the allow-list, that `code` names as the
    /// first segment of a path, in `use`, or in `extern crate`. The item after
    /// `#[cfg(loom)]` does not count: only the loom model (listings/loom)
    /// compiles it, and a reader's build leaves it out.
    pub fn used_outside_allow_list(&self, code: &str) -> BTreeSet<String> {
        let mut used = BTreeSet::new();
        let mut loom_only = false;
        for line in code.lines() {
            let unhidden = line.trim_start();
            let unhidden = unhidden.strip_prefix("# ").unwrap_or(unhidden).trim_start();
            if unhidden == "#[cfg(loom)]" {
                loom_only = true;
                continue;
            }
            let line = line.trim_start().trim_start_matches('#').trim_start();
            if line.starts_with("//") || line.is_empty() {
                continue;
            }
            if std::mem::take(&mut loom_only) {
                continue;
            }
            let bytes = line.as_bytes();
            let mut start = None;
            for (i, c) in line.char_indices().chain([(line.len(), ' ')]) {
                let ident = c == '_' || c.is_ascii_alphanumeric();
                match (ident, start) {
                    (true, None) => start = Some(i),
                    (false, Some(s)) => {
                        start = None;
                        let word = &line[s..i];
                        // `a::name` continues a path; `::name` after a space starts one.
                        let before_colons = s >= 2
                            && &bytes[s - 2..s] == b"::"
                            && s >= 3
                            && (bytes[s - 3] == b'_'
                                || bytes[s - 3] == b'>'
                                || bytes[s - 3].is_ascii_alphanumeric());
                        let path_head = line[i..].starts_with("::") && !before_colons;
                        let after_extern = line[..s].trim_end().ends_with("extern crate");
                        // `use name as alias;`, `use name;`: the crate itself.
                        let next = line[i..].trim_start();
                        let used_whole = line[..s].split_whitespace().last() == Some("use")
                            && (next.starts_with(';') || next.starts_with("as "));
                        if (path_head || after_extern || used_whole)
                            && self.known.contains(word)
                            && !self.allowed.contains(word)
                        {
                            used.insert(word.to_string());
                        }
                    }
                    _ => {}
                }
            }
        }
        used
    }
}

/// Every file of a listing (the program, its Python original, their recorded
/// outputs, a rejected program and its error) that no chapter includes.
/// `sources` are the chapters' paths under `src_dir` and their texts.
pub fn check_listings_shown<'a>(
    root: &Path,
    src_dir: &Path,
    sources: impl IntoIterator<Item = (&'a PathBuf, &'a String)>,
) -> Vec<Problem> {
    let mut included = BTreeSet::new();
    for (path, text) in sources {
        let dir = src_dir.join(path);
        let dir = dir.parent().unwrap_or(src_dir);
        for directive in find_directives(text) {
            included.insert(normalize(&dir.join(&directive.path)));
        }
    }
    listing_files(&root.join("listings"))
        .into_iter()
        .filter(|file| !included.contains(&normalize(file)))
        .map(|file| {
            problem(
                &display_path(&file, root),
                None,
                "no chapter includes it: show it, or delete it",
            )
        })
        .collect()
}

/// The files the book shows: in listings/chNN-<slug>/ and its fail/ and
/// exercises/ folders, those ending in .rs, .py, .stdout, .stderr or
/// .measured. Sorted.
pub fn listing_files(listings: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(chapters) = fs::read_dir(listings) else {
        return found;
    };
    for chapter in chapters.flatten().map(|e| e.path()) {
        let is_chapter = chapter
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("ch"));
        if !chapter.is_dir() || !is_chapter {
            continue;
        }
        for dir in [
            chapter.clone(),
            chapter.join("fail"),
            chapter.join("exercises"),
        ] {
            for file in fs::read_dir(&dir).into_iter().flatten().flatten() {
                let file = file.path();
                if file.is_file()
                    && file.extension().is_some_and(|e| {
                        ["rs", "py", "py2", "stdout", "stderr", "measured"]
                            .iter()
                            .any(|x| e == *x)
                    })
                {
                    found.push(file);
                }
            }
        }
    }
    found.sort();
    found
}

/// Joins `..` and `.` away without touching the file system.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// `path` relative to `root` with `/` separators, or as it is.
pub fn display_path(path: &Path, root: &Path) -> String {
    let relative = path.strip_prefix(normalize(root)).unwrap_or(path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("book-checks-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("src")).unwrap();
        fs::create_dir_all(dir.join("listings/ch01")).unwrap();
        fs::write(
            dir.join("listings/ch01/spawn.rs"),
            "fn main() {\n    // ANCHOR: body\n    println!(\"hi\");\n    // ANCHOR_END: body\n}\n",
        )
        .unwrap();
        dir
    }

    /// check_expanded on a chapter src/ch01.md of the scratch book `root`.
    fn expand(root: &Path, source: &str, expanded: &str) -> (Vec<RustBlock>, Vec<Problem>) {
        check_expanded(
            "src/ch01.md",
            source,
            expanded,
            &root.join("src"),
            root,
            &crates(),
        )
    }

    fn crates() -> Crates {
        Crates::from_lock(
            "[[package]]\nname = \"parking_lot\"\n\n[[package]]\nname = \"mdbook-driver\"\n\n[[package]]\nname = \"toml\"\n",
            ["std", "core", "alloc", "parking_lot"].map(String::from),
        )
    }

    #[test]
    fn finds_directives_and_their_parts() {
        let found = find_directives(
            "a {{#include ../x.rs}} b {{#rustdoc_include ../y.rs:main}} \\{{#include z.rs}} {{#include w.rs:2:5}}",
        );
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].path, "../x.rs");
        assert_eq!(found[0].anchor, None);
        assert_eq!(found[1].kind, "rustdoc_include");
        assert_eq!(found[1].anchor.as_deref(), Some("main"));
        assert!(found[2].range);
        assert_eq!(found[2].anchor, None);
    }

    #[test]
    fn missing_include_file_names_chapter_and_listing() {
        let root = scratch("missing-file");
        let text = "```rust\n{{#include ../listings/ch01/gone.rs}}\n```\n";
        let problems = check_source("src/ch01.md", text, &root.join("src"), &root);
        assert_eq!(problems.len(), 1, "{problems:?}");
        let shown = problems[0].to_string();
        assert!(
            shown.starts_with("src/ch01.md: listings/ch01/gone.rs:"),
            "{shown}"
        );
        assert!(shown.contains("does not exist"), "{shown}");
    }

    #[test]
    fn missing_anchor_names_chapter_listing_and_anchor() {
        let root = scratch("missing-anchor");
        let text = "```rust\n{{#rustdoc_include ../listings/ch01/spawn.rs:nowhere}}\n```\n";
        let problems = check_source("src/ch01.md", text, &root.join("src"), &root);
        assert_eq!(problems.len(), 1, "{problems:?}");
        let shown = problems[0].to_string();
        assert!(
            shown.starts_with("src/ch01.md: listings/ch01/spawn.rs:"),
            "{shown}"
        );
        assert!(shown.contains("anchor `nowhere`"), "{shown}");
        // The anchor that exists is accepted.
        let good = "```rust\n{{#rustdoc_include ../listings/ch01/spawn.rs:body}}\n```\n";
        assert!(check_source("src/ch01.md", good, &root.join("src"), &root).is_empty());
    }

    #[test]
    fn pasted_code_and_partial_include_in_rust_block_are_refused() {
        let root = scratch("pasted");
        let pasted = "```rust\nfn main() {}\n```\n";
        let problems = check_source("src/ch01.md", pasted, &root.join("src"), &root);
        assert!(problems[0].message.contains("pasted"), "{problems:?}");
        let partial = "```rust\n{{#include ../listings/ch01/spawn.rs:body}}\n```\n";
        let problems = check_source("src/ch01.md", partial, &root.join("src"), &root);
        assert!(
            problems[0].message.contains("rustdoc_include"),
            "{problems:?}"
        );
        // A text block may show part of a file with a plain include.
        let text = "```text\n{{#include ../listings/ch01/spawn.rs:body}}\n```\n";
        assert!(check_source("src/ch01.md", text, &root.join("src"), &root).is_empty());
    }

    #[test]
    fn a_file_with_anchors_is_shown_whole_through_an_anchor_that_wraps_it() {
        let root = scratch("wrapped");
        let whole = "```rust\n{{#include ../listings/ch01/spawn.rs}}\n```\n";
        let problems = check_source("src/ch01.md", whole, &root.join("src"), &root);
        assert!(
            problems
                .iter()
                .any(|p| p.message.contains("// ANCHOR: all")),
            "{problems:?}"
        );
        fs::write(
            root.join("listings/ch01/spawn.rs"),
            "// ANCHOR: all\nfn main() {\n    // ANCHOR: body\n    println!(\"hi\");\n    \
             // ANCHOR_END: body\n}\n// ANCHOR_END: all\n",
        )
        .unwrap();
        let all = "```rust\n{{#include ../listings/ch01/spawn.rs:all}}\n```\n";
        let problems = check_source("src/ch01.md", all, &root.join("src"), &root);
        assert!(problems.is_empty(), "{problems:?}");
        // An anchor that leaves lines out is still part of a program.
        let body = "```rust\n{{#include ../listings/ch01/spawn.rs:body}}\n```\n";
        let problems = check_source("src/ch01.md", body, &root.join("src"), &root);
        assert!(
            problems[0].message.contains("rustdoc_include"),
            "{problems:?}"
        );
    }

    #[test]
    fn output_blocks_must_be_skipped_by_translation() {
        let root = scratch("skip");
        fs::write(root.join("listings/ch01/spawn.stdout"), "hi\n").unwrap();
        let bare = "Output:\n\n```text\n{{#include ../listings/ch01/spawn.stdout}}\n```\n";
        let problems = check_source("src/ch01.md", bare, &root.join("src"), &root);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].message.contains("i18n:skip"));
        let marked = "Output:\n\n<!-- i18n:skip -->\n```text\n{{#include ../listings/ch01/spawn.stdout}}\n```\n";
        assert!(check_source("src/ch01.md", marked, &root.join("src"), &root).is_empty());
    }

    #[test]
    fn leftover_directive_after_expansion_is_reported() {
        let root = scratch("leftover");
        // A directive mdBook left in place although its file exists.
        let source = "```rust\n{{#include ../listings/ch01/spawn.rs}}\n```\n";
        let (_, problems) = expand(&root, source, source);
        assert!(
            problems.iter().any(|p| p
                .message
                .contains("still holds {{#include ../listings/ch01/spawn.rs}}")),
            "{problems:?}"
        );
        let odd = "Some text with {{#inclde typo.rs}} in it.\n";
        let (_, problems) = expand(&root, odd, odd);
        assert!(
            problems.iter().any(|p| p.message.contains("`{{#`")),
            "{problems:?}"
        );
    }

    #[test]
    fn empty_rust_block_names_its_listing() {
        let root = scratch("empty");
        let source = "```rust\n{{#rustdoc_include ../listings/ch01/spawn.rs:gone}}\n```\n";
        let expanded = "```rust\n\n```\n";
        let (blocks, problems) = expand(&root, source, expanded);
        assert_eq!(blocks.len(), 1);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(
            problems[0].to_string(),
            "src/ch01.md: listings/ch01/spawn.rs: the rust block at line 1 is empty"
        );
    }

    #[test]
    fn crate_outside_allow_list_is_reported() {
        let root = scratch("crate");
        let source = "```rust\n{{#include ../listings/ch01/spawn.rs}}\n```\n";
        let expanded = "```rust\nuse toml::Table;\nfn main() { let _ = mdbook_driver::MDBook::load(\".\"); }\n```\n";
        let (_, problems) = expand(&root, source, expanded);
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 2, "{shown:?}");
        assert!(
            shown[0].starts_with("src/ch01.md: listings/ch01/spawn.rs: uses crate `mdbook_driver`")
        );
        assert!(shown[1].contains("`toml`"));
    }

    #[test]
    fn allowed_crates_std_paths_and_comments_pass() {
        let c = crates();
        let code = "use std::thread;\nuse parking_lot::Mutex;\n// toml::Table in a comment\n\
                    let x = a::toml::b; let y = <T as toml>::f;\nlet s = \"toml\";\n# use core::mem;\n";
        assert!(
            c.used_outside_allow_list(code).is_empty(),
            "{:?}",
            c.used_outside_allow_list(code)
        );
        assert!(
            c.used_outside_allow_list("extern crate toml;")
                .contains("toml")
        );
        assert!(
            c.used_outside_allow_list("use ::toml::Value;")
                .contains("toml")
        );
        assert!(
            c.used_outside_allow_list("# use toml::Value;")
                .contains("toml")
        );
        // An alias hides nothing.
        assert!(c.used_outside_allow_list("use toml as t;").contains("toml"));
        assert!(c.used_outside_allow_list("    use toml;").contains("toml"));
        assert!(
            c.used_outside_allow_list("use parking_lot as pl;\nuse std::sync as s;")
                .is_empty()
        );
        // Compiled only by the loom model, never by a reader's build ...
        let loom = "#[cfg(loom)]\nuse toml::Value;\n# #[cfg(loom)]\n# use toml::Table;\n";
        assert!(c.used_outside_allow_list(loom).is_empty());
        // ... and only the one item after the attribute.
        let after = "#[cfg(loom)]\nuse std::sync::Mutex;\nuse toml::Value;\n";
        assert!(c.used_outside_allow_list(after).contains("toml"));
    }

    #[test]
    fn numbers_with_units_come_from_listings_or_includes() {
        let root = scratch("numbers");
        fs::write(
            root.join("listings/ch01/sleep.rs"),
            "fn main() { std::thread::sleep(std::time::Duration::from_millis(1_500)); }\n",
        )
        .unwrap();
        let text = "```rust\n{{#include ../listings/ch01/sleep.rs}}\n```\n\n\
                    It sleeps 1,500 ms, and `3 ms` is code.\n\
                    Threads added 4,993 MiB and ran 1.96× faster, 50 % of the time.\n\
                    ```text\n7 ms in a block\n```\n";
        let problems = check_source("src/ch01.md", text, &root.join("src"), &root);
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 3, "{shown:#?}");
        assert!(shown[0].starts_with("src/ch01.md: line 6: `4,993 MiB` is typed by hand"));
        assert!(shown[1].contains("`1.96 ×`"), "{shown:#?}");
        assert!(shown[2].contains("`50 %`"), "{shown:#?}");
    }

    #[test]
    fn unbalanced_anchors_and_ranges_past_the_end_are_named() {
        let root = scratch("anchors");
        fs::write(
            root.join("listings/ch01/half.rs"),
            "fn main() {\n    // ANCHOR: open\n    println!(\"hi\");\n    // ANCHOR_END: other\n}\n",
        )
        .unwrap();
        let text = "```text\n{{#include ../listings/ch01/half.rs}}\n```\n";
        let shown: Vec<String> = check_source("src/ch01.md", text, &root.join("src"), &root)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(shown.len(), 3, "{shown:#?}");
        assert!(shown[0].starts_with("src/ch01.md: listings/ch01/half.rs: `ANCHOR: open`"));
        assert!(shown[1].contains("`ANCHOR_END: other` has no `ANCHOR: other`"));
        // And a whole file with anchors shows them.
        assert!(shown[2].contains("anchor comments and all"), "{shown:#?}");

        let ranged = "```text\n{{#include ../listings/ch01/spawn.rs:2:9}}\n```\n";
        let problems = check_source("src/ch01.md", ranged, &root.join("src"), &root);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0]
                .message
                .contains("lines up to 9, and the file has 5")
        );
        let inside = "```text\n{{#include ../listings/ch01/spawn.rs:2:4}}\n```\n";
        assert!(check_source("src/ch01.md", inside, &root.join("src"), &root).is_empty());
    }

    #[test]
    fn code_blocks_track_fences_and_lines() {
        let blocks =
            code_blocks("text\n```rust,ignore\nfn a() {}\n```\n\n   ~~~python\nx = 1\n   ~~~\n");
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].info, "rust,ignore");
        assert!(blocks[0].is_rust());
        assert_eq!(blocks[0].line, 2);
        assert_eq!(blocks[1].language(), "python");
        assert_eq!(blocks[1].body, "x = 1\n");
    }
}
