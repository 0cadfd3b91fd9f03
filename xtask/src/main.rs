//! The book's tasks: `cargo xtask <task>`; `cargo xtask --help` lists them.
//!
//! One module per task. Every error says what was being done and to which
//! file, and where a command fixes it, names the command.

mod bless;
mod derive;
mod downloads;
mod links;
mod lint_zh;
mod loop_times;
mod measure;
mod new_listing;
mod po;
mod serve_test;
mod site;
mod tools;
mod workflows;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cargo xtask", about = "The book's tasks", version = None)]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Serve one edition with live reload, after the book's checks pass.
    Serve {
        /// The edition's language code, from the registry in Cargo.toml:
        /// en, zh-CN, zh-TW.
        #[arg(long, default_value = "en")]
        lang: String,
        /// The port (the edition's own in the registry unless given).
        #[arg(long)]
        port: Option<u16>,
    },
    /// Serve a scratch copy of the book, edit a listing, a recording, a
    /// figure, a data file and the catalog, and time each edit's way to the
    /// served page, the search index and the book's checks.
    ServeTest,
    /// Build every edition into book/, with its EPUB, PDF and offline worker, with book/index.html, the Pagefind
    /// search index and a check of every link between the pages.
    Build,
    /// Drive the built site in headless Chromium (run `cargo xtask build` first).
    BrowserTest,
    /// Check the EPUB and PDF of every edition that `cargo xtask build` wrote
    /// (EPUBCheck; each PDF's outline, text, page numbers and figures).
    CheckDownloads,
    /// Install the pinned mdbook, mdbook-i18n-helpers, Pagefind, Playwright
    /// and actionlint where they are missing.
    InstallTools,
    /// Check .github/workflows with actionlint.
    LintWorkflows,
    /// Check the spelling of the English sources with typos (_typos.toml
    /// says what it skips), after proving that it finds a seeded typo.
    Spell,
    /// Check the typography of the editions translated by hand with an
    /// allowance in the registry, with autocorrect (中文文案排版指北).
    LintZh,
    /// Rerun every listing, Python original and rejected listing, rewrite
    /// their recorded outputs, and print the diff of each file rewritten.
    Bless,
    /// Bring every catalog translated by hand in line with the English
    /// source, then derive the derived editions again.
    UpdatePo,
    /// Make every derived edition's catalog and terms file again from the
    /// edition it comes from (OpenCC and its overrides), and po/scripts.toml.
    DeriveEditions {
        /// Write nothing; fail if a committed file is not what it would write.
        #[arg(long)]
        check: bool,
    },
    /// Write theme/highlight.js: mdBook's, with only the languages the
    /// chapters' code blocks use.
    TrimHighlight,
    /// Write src/appendix-cheat-sheet.md from the chapters' "From Python to
    /// Rust" tables.
    CheatSheet,
    /// Write data/python-api-3.13.txt, the public names of threading, queue
    /// and concurrent.futures as Python 3.13 lists them (python3.13, or one
    /// that pyenv installed).
    PythonApi,
    /// Create a listing: listings/<chapter>/<name>.rs, its Python original
    /// and its [[bin]] in listings/Cargo.toml; print the lines to include.
    NewListing {
        /// The chapter's folder under listings/, e.g. ch04-lock.
        chapter: String,
        /// The file name without .rs, in snake_case, e.g. poison_recovery.
        name: String,
        /// No Python original beside it.
        #[arg(long)]
        no_python: bool,
    },
    /// Measure the contributor's loop: cold, warm, and after editing a
    /// listing, a translation and a paragraph. Prints min and median.
    LoopTimes {
        /// Runs of each measurement.
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// Leave out the cold builds (each takes minutes).
        #[arg(long)]
        skip_cold: bool,
    },
    /// Run the listings whose figures the book quotes, and write those
    /// figures, with the machine, to their `.measured` files; then run
    /// chapter 10's measurements, write data/ch10/ and draw its plots.
    Measure {
        /// The thread counts of chapter 10's runs (on a machine with more
        /// cores, for example 1,2,4,8,16,32,64).
        #[arg(long, value_delimiter = ',', default_values_t = [1, 2, 4])]
        threads: Vec<usize>,
        /// Only chapter 10's measurements.
        #[arg(long)]
        chapter_10_only: bool,
    },
    /// Draw chapter 10's plots again from data/ch10/, without measuring.
    Plots,
    /// Model-check chapter 8's pool and chapter 10's second pool with loom, and
    /// check that each one's mutant fails (a build of its own, in target/loom).
    Loom,
}

fn main() -> ExitCode {
    let result = match Cli::parse().task {
        Task::Serve { lang, port } => site::serve(&lang, port),
        Task::Build => site::build(),
        Task::ServeTest => serve_test::serve_test(),
        Task::BrowserTest => site::browser_test(),
        Task::CheckDownloads => site::check_downloads(),
        Task::InstallTools => tools::install_all(),
        Task::LintWorkflows => site::lint_workflows(),
        Task::Spell => spell(),
        Task::LintZh => lint_zh::lint(),
        Task::Bless => bless::bless(),
        Task::UpdatePo => po::update_po(),
        Task::DeriveEditions { check } => derive::derive_editions(check),
        Task::TrimHighlight => trim_highlight(),
        Task::PythonApi => python_api(),
        Task::CheatSheet => cheat_sheet(),
        Task::NewListing {
            chapter,
            name,
            no_python,
        } => new_listing::new_listing(&chapter, &name, !no_python),
        Task::LoopTimes { runs, skip_cold } => loop_times::measure(runs, skip_cold),
        Task::Measure {
            threads,
            chapter_10_only,
        } => measure::measure(&threads, chapter_10_only),
        Task::Plots => plots::render_all(&root()),
        Task::Loom => loom(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// The repository's root.
/// `BOOK_ROOT` when set: `cargo xtask serve-test` serves a scratch copy.
fn root() -> PathBuf {
    if let Some(scratch) = std::env::var_os("BOOK_ROOT") {
        return PathBuf::from(scratch);
    }
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ sits in the repository")
        .to_path_buf()
}

/// `path` as the repository names it: listings/ch01-thread/spawn.rs.
fn shown(path: &Path) -> String {
    book_pipeline::checks::display_path(path, &root())
}

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

/// Runs a command, failing with the command line if it fails.
fn cheat_sheet() -> Result<()> {
    use book_pipeline::cheat_sheet;
    let path = root().join(cheat_sheet::PAGE);
    std::fs::write(&path, cheat_sheet::render(&cheat_sheet::chapters(&root())))
        .with_context(|| format!("writing {}", shown(&path)))?;
    println!("wrote {}", shown(&path));
    Ok(())
}

fn python_api() -> Result<()> {
    let pyenv = std::env::var_os("PYENV_ROOT")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(".pyenv")));
    let mut candidates = vec![std::path::PathBuf::from("python3.13")];
    if let Some(versions) = pyenv.map(|p| p.join("versions"))
        && let Ok(entries) = std::fs::read_dir(versions)
    {
        let mut found: Vec<_> = entries
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("3.13"))
            .map(|e| e.path().join("bin/python3.13"))
            .collect();
        found.sort();
        candidates.extend(found.into_iter().rev());
    }
    for python in candidates {
        let Ok(output) = Command::new(&python)
            .arg(root().join("xtask/python_api.py"))
            .output()
        else {
            continue;
        };
        if output.status.success() {
            let path = root().join("data/python-api-3.13.txt");
            std::fs::write(&path, &output.stdout)
                .with_context(|| format!("writing {}", shown(&path)))?;
            println!("wrote {} with {}", shown(&path), python.display());
            return Ok(());
        }
    }
    anyhow::bail!("no Python 3.13 here: install one (pyenv install 3.13) and run this again")
}

fn trim_highlight() -> Result<()> {
    use book_pipeline::theme;
    let mut sources = Vec::new();
    for entry in std::fs::read_dir(root().join("src")).context("reading src/")? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "md") {
            sources.push(std::fs::read_to_string(&path)?);
        }
    }
    let used = theme::fence_languages(sources.iter().map(String::as_str));
    let text = theme::trimmed_highlight_js(&used)?;
    let path = root().join(theme::HIGHLIGHT_JS);
    std::fs::write(&path, &text).with_context(|| format!("writing {}", shown(&path)))?;
    println!(
        "wrote {} ({} KiB) for {used:?}",
        shown(&path),
        text.len() / 1024
    );
    Ok(())
}

fn run(mut command: Command) -> Result<()> {
    let line = format!("{command:?}");
    let status = command
        .status()
        .with_context(|| format!("could not start {line}"))?;
    if !status.success() {
        bail!("{line} failed ({status})");
    }
    Ok(())
}

/// typos over the repository, as _typos.toml configures it; first over a
/// scratch file with a known typo, which it must find, so that a check that
/// silently reads nothing cannot pass.
fn spell() -> Result<()> {
    tools::install_python_tools(Some("typos"))?;
    let typos = tools::tools_dir().join("venv/bin/typos");
    let seeded = root().join("target/spell-seeded.md");
    // Spelled in two parts, so that this file itself passes.
    let typo = ["te", "h"].concat();
    std::fs::write(&seeded, format!("A thread that is {typo} main thread.\n"))?;
    let found = Command::new(&typos)
        .arg("--config")
        .arg(root().join("_typos.toml"))
        .arg(&seeded)
        .output()
        .context("running typos from target/tools/venv")?;
    let _ = std::fs::remove_file(&seeded);
    if found.status.success() || !String::from_utf8_lossy(&found.stdout).contains(&typo) {
        bail!("typos did not find the seeded typo `{typo}`: the spelling check is not working");
    }
    let mut check = Command::new(&typos);
    check.current_dir(root()).args(["--format", "brief"]);
    run(check).context("typos found misspellings (add a real word to _typos.toml)")?;
    println!("typos: no misspelling in the English sources (and the seeded one was found)");
    Ok(())
}

/// Reads the book and refuses it as `cargo test` would.
fn checked_book() -> Result<book_pipeline::Book> {
    let book = book_pipeline::read(&root())?;
    book.ensure_clean()
        .context("`cargo test` would refuse this book too")?;
    Ok(book)
}

fn loom() -> Result<()> {
    let mut test = cargo();
    test.current_dir(root())
        .env("RUSTFLAGS", "--cfg loom")
        .args([
            "test",
            "--locked",
            "-p",
            "pool-loom",
            "--release",
            "--target-dir",
        ])
        .arg(root().join("target/loom"));
    run(test)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CONTRIBUTING.md's tour names every module of the tooling: each file
    /// of xtask/src and pipeline/src, so that the list cannot fall behind.
    #[test]
    fn contributing_names_every_tooling_module() {
        let guide = std::fs::read_to_string(root().join("CONTRIBUTING.md")).unwrap();
        let mut missing = Vec::new();
        for folder in ["xtask/src", "pipeline/src"] {
            for entry in std::fs::read_dir(root().join(folder)).unwrap() {
                let name = entry.unwrap().file_name().to_string_lossy().into_owned();
                if name.ends_with(".rs")
                    && !["main.rs", "lib.rs"].contains(&name.as_str())
                    && !guide.contains(&format!("`{name}`"))
                {
                    missing.push(format!("{folder}/{name}"));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "CONTRIBUTING.md does not name {missing:?} (\"How the pieces fit\")"
        );
    }
}
