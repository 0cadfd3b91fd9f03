//! Expands the book with mdBook's own code, checks it, and hands every rust
//! block of both editions to skeptic.
//!
//! 1. Load the book (book.toml, src/SUMMARY.md) with mdbook-driver.
//! 2. Check each chapter's source: include files and anchors exist, rust blocks
//!    only include listings (xtask/src/checks.rs).
//! 3. Expand includes with mdBook's LinkPreprocessor: the English edition.
//! 4. Translate that with mdbook-i18n-helpers' Gettext and po/zh-CN.po: the
//!    Chinese edition.
//! 5. Check both expansions (no `{{#` left, no empty rust block, no crate
//!    outside the allow-list), then write each chapter to OUT_DIR/<lang>/ and
//!    each rust block to OUT_DIR/skeptic/<lang>_<chapter>_<listing>.md, so
//!    that skeptic's test names say edition, chapter and listing.
//! 6. Write the English edition's message catalog to OUT_DIR/messages.pot for
//!    the translation gate (tests/translation.rs).

#[path = "xtask/src/checks.rs"]
mod checks;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use mdbook_driver::MDBook;
use mdbook_driver::builtin_preprocessors::LinkPreprocessor;
use mdbook_i18n_helpers::preprocessors::Gettext;
use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

const EDITIONS: [(&str, Option<&str>); 2] = [("en", None), ("zh_cn", Some("zh-CN"))];

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    for watched in [
        "book.toml",
        "src",
        "listings",
        "po",
        "Cargo.toml",
        "Cargo.lock",
        "xtask/src/checks.rs",
    ] {
        println!("cargo::rerun-if-changed={watched}");
    }

    let crates = allowed_crates(&root);
    let book =
        MDBook::load(&root).unwrap_or_else(|e| panic!("mdBook could not load the book: {e:#}"));
    let src_dir = root.join(&book.config.book.src);
    let mut problems = Vec::new();

    // Sources, before expansion.
    let sources = chapter_sources(&book.book);
    for (path, content) in &sources {
        let chapter_dir = src_dir.join(path).parent().unwrap().to_path_buf();
        let name = format!("src/{}", path.display());
        problems.extend(checks::check_source(&name, content, &chapter_dir, &root));
    }

    let ctx = PreprocessorContext::new(root.clone(), book.config.clone(), "html".into());
    let english = LinkPreprocessor::new()
        .run(&ctx, book.book.clone())
        .unwrap_or_else(|e| panic!("mdBook's include expansion failed: {e:#}"));

    let mut skeptic_files = Vec::new();
    let skeptic_dir = out.join("skeptic");
    fs::create_dir_all(&skeptic_dir).unwrap();
    let mut written = Vec::new();

    for (prefix, language) in EDITIONS {
        let edition = match language {
            None => english.clone(),
            Some(language) => {
                let mut config = book.config.clone();
                config.book.language = Some(language.to_string());
                let ctx = PreprocessorContext::new(root.clone(), config, "html".into());
                Gettext
                    .run(&ctx, english.clone())
                    .unwrap_or_else(|e| panic!("translating to {language} failed: {e:#}"))
            }
        };
        let edition_dir = out.join(language.unwrap_or("en"));
        fs::create_dir_all(&edition_dir).unwrap();
        for (path, expanded) in chapter_sources(&edition) {
            let source = &sources[&path];
            let chapter_dir = src_dir.join(&path).parent().unwrap().to_path_buf();
            let mut name = format!("src/{}", path.display());
            if let Some(language) = language {
                name.push_str(&format!(" ({language})"));
            }
            let (blocks, found) =
                checks::check_expanded(&name, source, &expanded, &chapter_dir, &root, &crates);
            problems.extend(found);
            write_if_changed(&edition_dir.join(&path), &expanded);

            let stem = slug(&path.with_extension("").to_string_lossy());
            let mut seen = BTreeMap::<String, usize>::new();
            for block in blocks {
                let mut label = block
                    .listings
                    .iter()
                    .map(|l| slug(Path::new(l).file_stem().unwrap().to_str().unwrap()))
                    .collect::<Vec<_>>()
                    .join("_");
                for anchor in &block.anchors {
                    label.push('_');
                    label.push_str(&slug(anchor));
                }
                let count = seen.entry(label.clone()).or_default();
                *count += 1;
                if *count > 1 {
                    label.push_str(&format!("_{count}"));
                }
                let file = skeptic_dir.join(format!("{prefix}_{stem}_{label}.md"));
                let text = format!(
                    "<!-- {name}, {} -->\n\n```{}\n{}```\n",
                    block.listings.join(", "),
                    block.info,
                    block.code
                );
                write_if_changed(&file, &text);
                written.push(file.clone());
                skeptic_files.push(file);
            }
        }
    }

    // `cargo xtask bless` builds before the outputs it will write exist.
    println!("cargo::rerun-if-env-changed=BOOK_BLESS");
    if std::env::var_os("BOOK_BLESS").is_some() {
        for problem in problems.drain(..) {
            println!("cargo::warning={problem}");
        }
    }
    if !problems.is_empty() {
        let list: Vec<String> = problems.iter().map(|p| format!("  {p}")).collect();
        panic!(
            "\n\nThe book has {} problem(s):\n{}\n\n",
            problems.len(),
            list.join("\n")
        );
    }

    // Blocks that no longer exist must not linger as tests.
    for entry in fs::read_dir(&skeptic_dir).unwrap() {
        let path = entry.unwrap().path();
        if !written.contains(&path) {
            fs::remove_file(path).unwrap();
        }
    }

    write_catalog(&root, &book, english, &out);
    skeptic::generate_doc_tests(&skeptic_files);
}

/// The crates of Cargo.lock, and the allow-list from Cargo.toml.
fn allowed_crates(root: &Path) -> checks::Crates {
    let manifest: toml::Table = fs::read_to_string(root.join("Cargo.toml"))
        .unwrap()
        .parse()
        .expect("Cargo.toml parses");
    let allowed = manifest["workspace"]["metadata"]["book"]["allowed-crates"]
        .as_array()
        .expect("[workspace.metadata.book] allowed-crates is a list")
        .iter()
        .map(|v| v.as_str().unwrap().to_string());
    let lock = fs::read_to_string(root.join("Cargo.lock")).unwrap_or_default();
    checks::Crates::from_lock(&lock, allowed)
}

/// Each chapter with a file, by its path under src/.
fn chapter_sources(book: &Book) -> BTreeMap<PathBuf, String> {
    let mut chapters = BTreeMap::new();
    for item in book.iter() {
        if let BookItem::Chapter(chapter) = item
            && let Some(path) = &chapter.path
        {
            chapters.insert(path.clone(), chapter.content.clone());
        }
    }
    chapters
}

/// The message catalog mdbook-xgettext would write for the English edition.
fn write_catalog(root: &Path, book: &MDBook, english: Book, out: &Path) {
    let ctx = mdbook_renderer::RenderContext::new(
        root,
        english,
        book.config.clone(),
        out.join("xgettext"),
    );
    let catalogs = mdbook_i18n_helpers::xgettext::create_catalogs(&ctx, fs::read_to_string)
        .unwrap_or_else(|e| panic!("extracting messages failed: {e:#}"));
    assert_eq!(catalogs.len(), 1, "one catalog for the whole book");
    let catalog = catalogs.into_values().next().unwrap();
    let path = out.join("messages.pot");
    let scratch = out.join("messages.pot.new");
    polib::po_file::write(&catalog, &scratch).expect("messages.pot is written");
    // The catalog's date changes on every run; compare what follows it.
    let body = |text: &str| text.split_once("\n\n").map(|(_, b)| b.to_string());
    let new = fs::read_to_string(&scratch).unwrap();
    let old = fs::read_to_string(&path).unwrap_or_default();
    if body(&new) != body(&old) {
        fs::rename(&scratch, &path).unwrap();
    } else {
        fs::remove_file(&scratch).unwrap();
    }
}

/// Lower-case ASCII letters, digits and single underscores.
fn slug(text: &str) -> String {
    text.to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// Writing an unchanged file would make cargo and skeptic redo their work.
fn write_if_changed(path: &Path, text: &str) {
    if fs::read_to_string(path).ok().as_deref() != Some(text) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}
