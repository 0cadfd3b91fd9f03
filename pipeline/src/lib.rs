//! The one way to read the book.
//!
//! [`read`] loads the book with mdBook's own code (mdbook-driver), expands its
//! includes with mdBook's `LinkPreprocessor` (the English edition), translates
//! that with mdbook-i18n-helpers' `Gettext` and each catalog of po/ (the
//! translations, found by [`editions`]), and runs every check mdBook itself does not make fatal. The gate
//! (`cargo test`, tests/book.rs) and `cargo xtask serve`/`build` all call it,
//! so they refuse exactly the same books.

pub mod api_map;
pub mod cheat_sheet;
pub mod checks;
pub mod concepts;
pub mod derive;
pub mod editions;
pub mod exercises;
pub mod figures;
pub mod interface;
pub mod predict;
pub mod same_code;
pub mod theme;
pub mod translation;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use mdbook_driver::MDBook;
use mdbook_driver::builtin_preprocessors::LinkPreprocessor;
use mdbook_i18n_helpers::preprocessors::Gettext;
use mdbook_preprocessor::book::{Book as MdBook, BookItem};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

pub use checks::Problem;

pub use editions::{Edition, Made, editions};

/// One rust block of one edition, after expansion.
#[derive(Debug, Clone)]
pub struct Block {
    pub language: String,
    /// The chapter file under src/, without `.md`: `ch01-thread`.
    pub chapter: String,
    /// What the block shows: the listings' stems and anchors, `spawn`,
    /// `pool_work`; numbered when a chapter shows the same thing twice.
    pub label: String,
    /// The info string: `rust`, `rust,compile_fail,ignore,mdbook-runnable`.
    pub info: String,
    /// The program, as skeptic compiles it (hidden `# ` lines included).
    pub code: String,
    /// The listing files it includes, from the book's root.
    pub listings: Vec<String>,
}

impl Block {
    /// `en::ch01-thread::spawn`: edition, chapter and what it shows.
    pub fn name(&self) -> String {
        format!("{}::{}::{}", self.language, self.chapter, self.label)
    }

    /// The program as rustdoc and skeptic compile it: a line whose first
    /// non-blank characters are `# ` (or that is a lone `#`) is hidden from
    /// readers but compiled, without the mark and the indentation before it.
    pub fn program(&self) -> String {
        self.code
            .split_inclusive('\n')
            .map(|line| {
                let trimmed = line.trim_start();
                if let Some(rest) = trimmed.strip_prefix("# ") {
                    rest
                } else if line.trim() == "#" {
                    &trimmed[1..]
                } else {
                    line
                }
            })
            .collect()
    }

    /// skeptic's own rule: an `ignore` block is not compiled. The book marks
    /// its rejected listings so; tests in listings/ check those instead.
    pub fn ignored(&self) -> bool {
        self.info.split(',').any(|word| word.trim() == "ignore")
    }

    /// skeptic's rule too: a `no_run` block is compiled, not run. The book
    /// marks its exercises' starters so: they stop at `todo!()`.
    pub fn compile_only(&self) -> bool {
        self.info.split(',').any(|word| word.trim() == "no_run")
    }
}

/// The book, read and checked.
pub struct Book {
    pub root: PathBuf,
    config: mdbook_preprocessor::config::Config,
    english: MdBook,
    /// The editions, from the registry (see [`editions`]).
    pub editions: Vec<Edition>,
    /// Every rust block of every edition, in book order.
    pub blocks: Vec<Block>,
    /// Everything wrong with the book, each naming its file.
    pub problems: Vec<Problem>,
}

/// Loads, expands, translates and checks the book whose book.toml is in `root`.
///
/// A book mdBook cannot load or expand is an error; a book that loads but
/// breaks one of the checks comes back with its [`Book::problems`].
pub fn read(root: &Path) -> Result<Book> {
    let crates = allowed_crates(root)?;
    let mdbook = MDBook::load(root)
        .map_err(|e| anyhow!("{e:#}"))
        .with_context(|| format!("mdBook could not load {}", root.join("book.toml").display()))?;
    let editions = editions::editions(root)?;
    let src_dir = root.join(&mdbook.config.book.src);
    let mut problems = Vec::new();

    let sources = chapter_texts(&mdbook.book);
    for (path, content) in &sources {
        problems.extend(checks::check_source(
            &format!("src/{}", path.display()),
            content,
            &chapter_dir(&src_dir, path),
            root,
        ));
    }

    let ctx = PreprocessorContext::new(root.to_path_buf(), mdbook.config.clone(), "html".into());
    let english = LinkPreprocessor::new()
        .run(&ctx, mdbook.book.clone())
        .map_err(|e| anyhow!("{e:#}"))
        .context("mdBook's include expansion failed")?;

    let mut blocks = Vec::new();
    for edition in &editions {
        let expanded = match &edition.po {
            None => english.clone(),
            Some(po) => {
                let mut config = mdbook.config.clone();
                config.book.language = Some(edition.language.clone());
                let ctx = PreprocessorContext::new(root.to_path_buf(), config, "html".into());
                Gettext
                    .run(&ctx, english.clone())
                    .map_err(|e| anyhow!("{e:#}"))
                    .with_context(|| format!("translating with {po} failed"))?
            }
        };
        let texts = chapter_texts(&expanded);
        for (path, text) in &texts {
            let mut name = format!("src/{}", path.display());
            if edition.po.is_some() {
                name.push_str(&format!(" ({})", edition.language));
            }
            let (found, wrong) = checks::check_expanded(
                &name,
                &sources[path],
                text,
                &chapter_dir(&src_dir, path),
                root,
                &crates,
            );
            problems.extend(wrong);
            blocks.extend(label_blocks(&edition.language, path, found));
        }
    }
    problems.extend(checks::check_listings_shown(root, &src_dir, &sources));
    let texts: Vec<&str> = sources.values().map(String::as_str).collect();
    problems.extend(theme::check_highlight(root, &texts));
    problems.extend(figures::check(root, &texts));
    problems.extend(api_map::check(root));
    problems.extend(cheat_sheet::check(root));
    let in_order: Vec<(String, String)> = mdbook
        .book
        .iter()
        .filter_map(|item| match item {
            BookItem::Chapter(chapter) => chapter
                .path
                .as_ref()
                .map(|path| (path.display().to_string(), chapter.content.clone())),
            _ => None,
        })
        .collect();
    problems.extend(concepts::check(root, &in_order));
    problems.extend(predict::check(root, &in_order));
    problems.extend(exercises::check(root, &in_order));

    Ok(Book {
        root: root.to_path_buf(),
        config: mdbook.config,
        english,
        editions,
        blocks,
        problems,
    })
}

impl Book {
    /// An error that lists every problem, or Ok for a clean book.
    pub fn ensure_clean(&self) -> Result<()> {
        if self.problems.is_empty() {
            return Ok(());
        }
        let list: Vec<String> = self.problems.iter().map(|p| format!("  {p}")).collect();
        bail!(
            "the book has {} problem(s):\n{}",
            self.problems.len(),
            list.join("\n")
        )
    }

    /// The English edition's messages, exactly as mdbook-xgettext extracts them.
    pub fn messages(&self) -> Result<polib::catalog::Catalog> {
        let ctx = mdbook_renderer::RenderContext::new(
            &self.root,
            self.english.clone(),
            self.config.clone(),
            self.root.join("target/xgettext"),
        );
        let catalogs = mdbook_i18n_helpers::xgettext::create_catalogs(&ctx, fs::read_to_string)
            .map_err(|e| anyhow!("{e:#}"))
            .context("extracting the English messages failed")?;
        let mut catalogs = catalogs.into_values();
        let mut catalog = match (catalogs.next(), catalogs.next()) {
            (Some(catalog), None) => catalog,
            _ => bail!("expected one message catalog for the whole book"),
        };
        // The figures' words, which mdbook-i18n-helpers does not see (HTML),
        // and the theme's interface strings.
        let theme = interface::messages(&self.root)?;
        for (source, word) in figures::messages(&self.root)?.into_iter().chain(theme) {
            let mut builder = polib::message::Message::build_singular();
            builder.with_msgid(word).with_source(source);
            catalog.append_or_update(builder.done());
        }
        Ok(catalog)
    }

    /// The faults of each translation against the English source (see
    /// [`translation::faults`]), each line naming the catalog: one entry per
    /// translated edition, in the registry's order.
    pub fn translation_faults(&self) -> Result<Vec<(Edition, Vec<String>)>> {
        let messages = self.messages()?;
        let mut all = Vec::new();
        for edition in self.editions.iter().filter(|e| e.po.is_some()) {
            let po = edition.po.as_deref().unwrap_or_default();
            let path = self.root.join(po);
            let catalog = polib::po_file::parse(&path)
                .map_err(|e| anyhow!("{e}"))
                .with_context(|| format!("{po} does not parse"))?;
            let text = fs::read_to_string(&path).with_context(|| format!("reading {po}"))?;
            let rules = translation::Rules::of(&self.root, edition)?;
            let faults = translation::faults(&messages, &catalog, &text, &rules)
                .into_iter()
                .map(|fault| format!("{po}: {fault}"))
                .collect();
            all.push((edition.clone(), faults));
        }
        Ok(all)
    }

    /// The faults of the editions whose gate is strict, all in one list:
    /// what `cargo xtask build` refuses to publish.
    pub fn strict_translation_faults(&self) -> Result<Vec<String>> {
        Ok(self
            .translation_faults()?
            .into_iter()
            .filter(|(edition, _)| edition.strict)
            .flat_map(|(_, faults)| faults)
            .collect())
    }
}

/// The folder a chapter's include paths are relative to.
fn chapter_dir(src_dir: &Path, chapter: &Path) -> PathBuf {
    src_dir
        .join(chapter)
        .parent()
        .map_or_else(|| src_dir.to_path_buf(), Path::to_path_buf)
}

/// Names each rust block after its chapter, listings and anchors.
fn label_blocks(language: &str, chapter: &Path, found: Vec<checks::RustBlock>) -> Vec<Block> {
    let chapter = chapter
        .with_extension("")
        .to_string_lossy()
        .replace('\\', "/");
    let mut seen = BTreeMap::<String, usize>::new();
    found
        .into_iter()
        .map(|block| {
            let mut label = block
                .listings
                .iter()
                .map(|l| {
                    Path::new(l)
                        .file_stem()
                        .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
                })
                .collect::<Vec<_>>()
                .join("+");
            for anchor in &block.anchors {
                label.push('_');
                label.push_str(anchor);
            }
            if label.is_empty() {
                label.push_str("block");
            }
            let count = seen.entry(label.clone()).or_default();
            *count += 1;
            if *count > 1 {
                label.push_str(&format!("_{count}"));
            }
            Block {
                language: language.to_string(),
                chapter: chapter.clone(),
                label,
                info: block.info,
                code: block.code,
                listings: block.listings,
            }
        })
        .collect()
}

/// The allow-list from the workspace manifest, and the crates of Cargo.lock.
fn allowed_crates(root: &Path) -> Result<checks::Crates> {
    let manifest = workspace_manifest(root)?;
    let allowed = manifest
        .get("workspace")
        .and_then(|w| w.get("metadata"))
        .and_then(|m| m.get("book"))
        .and_then(|b| b.get("allowed-crates"))
        .and_then(|a| a.as_array())
        .context("Cargo.toml: [workspace.metadata.book] has no allowed-crates list")?
        .iter()
        .map(|v| {
            v.as_str()
                .map(str::to_string)
                .context("Cargo.toml: allowed-crates holds a non-string")
        })
        .collect::<Result<Vec<_>>>()?;
    let lock = fs::read_to_string(root.join("Cargo.lock")).unwrap_or_default();
    Ok(checks::Crates::from_lock(&lock, allowed))
}

/// The root Cargo.toml, where every pin and the book's settings live.
pub fn workspace_manifest(root: &Path) -> Result<toml::Table> {
    let path = root.join("Cargo.toml");
    fs::read_to_string(&path)
        .with_context(|| format!("reading {}", path.display()))?
        .parse()
        .with_context(|| format!("{} does not parse", path.display()))
}

/// Each chapter with a file, by its path under src/.
fn chapter_texts(book: &MdBook) -> BTreeMap<PathBuf, String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_entry_without_its_file_is_an_error_naming_it() {
        let root = std::env::temp_dir().join(format!("book-summary-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(root.join("src")).unwrap();
        fs::write(
            root.join("book.toml"),
            "[book]\ntitle = \"t\"\nsrc = \"src\"\n\n[build]\ncreate-missing = false\n",
        )
        .unwrap();
        fs::write(
            root.join("Cargo.toml"),
            "[workspace.metadata.book]\nallowed-crates = [\"std\"]\n",
        )
        .unwrap();
        fs::write(
            root.join("src/SUMMARY.md"),
            "# Summary\n\n- [Gone](gone.md)\n",
        )
        .unwrap();
        let error = read(&root)
            .err()
            .expect("a missing chapter file is an error");
        let shown = format!("{error:#}");
        assert!(shown.contains("gone.md"), "{shown}");
        // The book's own book.toml says the same.
        let ours =
            fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../book.toml")).unwrap();
        assert!(ours.contains("create-missing = false"));
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn hidden_lines_are_compiled_without_their_mark() {
        let block = Block {
            language: "en".into(),
            chapter: "ch01".into(),
            label: "x".into(),
            info: "rust".into(),
            code: "# use std::thread;\n    # let x = 1;\n#\nfn main() {\n    let s = \"# not hidden\";\n}\n".into(),
            listings: vec![],
        };
        assert_eq!(
            block.program(),
            "use std::thread;\nlet x = 1;\n\nfn main() {\n    let s = \"# not hidden\";\n}\n"
        );
    }
}
