//! The gate: the whole book, read the one way the pipeline reads it.
//!
//! - `book::checks`: every check of the pipeline (include files and anchors,
//!   code pasted into the markdown, crates off the allow-list, listings no
//!   chapter shows, ...), each problem naming its file;
//! - `translation::zh-CN`, one per translated edition of the registry
//!   (Cargo.toml, `[workspace.metadata.book.editions]`): its catalog
//!   translates every English message, in the edition's words and script;
//! - `derived::zh-TW`, one per derived edition: its catalog was made from
//!   today's inputs (`cargo xtask derive-editions`);
//! - one test per rust block of each edition, `en::ch01-thread::spawn`,
//!   `zh-CN::ch01-thread::spawn`: skeptic compiles it with the pinned
//!   compiler and runs it (a `no_run` block, an exercise's starter, is only
//!   compiled). A translated block that is the English block apart from its
//!   comments is that program, compiled and run already: its test compares
//!   the two, token by token (book_pipeline::same_code), and compiles and
//!   runs it only when they differ, so that each program runs once here. A block marked `ignore` is a rejected listing,
//!   which listings/tests/compile_fail.rs checks instead, so it has no test
//!   here (and `--include-ignored` runs only what is heavy).
//!
//! The book is read when this runs, so an edit to a chapter, a listing or the
//! catalog recompiles nothing here. Filter as with any test:
//! `cargo test --test book -- ch04`.

use std::path::Path;
use std::process::ExitCode;
use std::sync::{Arc, mpsc};
use std::time::Duration;

use libtest_mimic::{Arguments, Failed, Trial};

/// Rust blocks compiled and run at once. Most listings sleep, so more than
/// the cores; skeptic's own pool (SKEPTIC_JOBS) bounds rustc processes.
const AT_ONCE: usize = 16;

fn main() -> ExitCode {
    let mut args = Arguments::from_args();
    if args.test_threads.is_none() {
        args.test_threads = Some(AT_ONCE);
    }
    // skeptic's first block runs `cargo metadata` and looks up every crate
    // it links; let that happen while the book is read.
    let warm_up = std::thread::spawn(|| run_block("fn main() {}\n", "(warm-up)", false));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = book_pipeline::read(root);
    if let Ok(Err(failed)) = warm_up.join() {
        eprintln!("error: skeptic cannot compile an empty program: {failed:?}");
        return ExitCode::FAILURE;
    }
    let book = match read {
        Ok(book) => Arc::new(book),
        Err(error) => {
            eprintln!("error: {error:#}");
            return ExitCode::FAILURE;
        }
    };

    let mut trials = Vec::new();
    let checked = Arc::clone(&book);
    trials.push(Trial::test("book::checks", move || {
        checked.ensure_clean().map_err(|e| format!("{e:#}").into())
    }));
    // The translations are checked together, in one pass over the catalogs,
    // and reported edition by edition.
    let translated = Arc::new(std::sync::OnceLock::new());
    for edition in book.editions.iter().filter(|e| e.po.is_some()) {
        let (book, translated) = (Arc::clone(&book), Arc::clone(&translated));
        let (language, strict) = (edition.language.clone(), edition.strict);
        trials.push(Trial::test(format!("translation::{language}"), move || {
            let all =
                translated.get_or_init(|| book.translation_faults().map_err(|e| format!("{e:#}")));
            let all = all.as_ref().map_err(|e| e.clone())?;
            let faults = all
                .iter()
                .find(|(e, _)| e.language == language)
                .map(|(_, f)| f.clone())
                .unwrap_or_default();
            if faults.is_empty() {
                return Ok(());
            }
            let report = format!(
                "the {language} edition is behind the English source ({} faults). \
                 Run `cargo xtask update-po`, translate, and test again.\n\n{}",
                faults.len(),
                faults.join("\n")
            );
            if strict {
                return Err(report.into());
            }
            eprintln!("note (not strict): {report}");
            Ok(())
        }));
    }
    for edition in &book.editions {
        if matches!(edition.made, book_pipeline::Made::Derived { .. }) {
            let (book, edition) = (Arc::clone(&book), edition.clone());
            trials.push(Trial::test(
                format!("derived::{}", edition.language),
                move || match book_pipeline::derive::stale(&book.root, &book.editions, &edition) {
                    Ok(None) => Ok(()),
                    Ok(Some(why)) => Err(why.into()),
                    Err(e) => Err(format!("{e:#}").into()),
                },
            ));
        }
    }
    let english: std::collections::HashMap<String, String> = book
        .blocks
        .iter()
        .filter(|b| b.language == "en")
        .map(|b| (format!("{}::{}", b.chapter, b.label), b.program()))
        .collect();
    // A block marked `ignore` is a rejected listing: skeptic skips it, and
    // listings/tests/compile_fail.rs checks its error instead.
    for block in book.blocks.iter().filter(|b| !b.ignored()) {
        let code = block.program();
        let listings = block.listings.join(", ");
        let compile_only = block.compile_only();
        // A translated block: the English one, if the two are the same
        // program apart from their comments.
        let original = (block.language != "en")
            .then(|| {
                english
                    .get(&format!("{}::{}", block.chapter, block.label))
                    .cloned()
            })
            .flatten();
        trials.push(Trial::test(block.name(), move || {
            if original
                .is_some_and(|e| book_pipeline::same_code::same_apart_from_comments(&e, &code))
            {
                return Ok(());
            }
            run_block(&code, &listings, compile_only)
        }));
    }
    // A `no_run` block is compiled and not run: a starter that stops at
    // todo!() passes. (One that does not compile makes skeptic print rustc's
    // errors and panic, which fails its trial.)
    trials.push(Trial::test(
        "harness::a_no_run_block_is_compiled_not_run",
        || run_block("fn main() {\n    todo!()\n}\n", "(a starter)", true),
    ));
    libtest_mimic::run(&args, trials).exit_code()
}

/// How long one block may take to compile and run. A listing ends within
/// about two seconds; skeptic has no deadline of its own, so a block that
/// hangs fails here instead of hanging `cargo test` (its process is left
/// running until it ends or is killed).
const BLOCK_DEADLINE: Duration = Duration::from_secs(120);

/// Compiles and runs one block with skeptic, as an edition-2024 program;
/// only compiles it if `compile_only`.
fn run_block(code: &str, listings: &str, compile_only: bool) -> Result<(), Failed> {
    let (done, result) = mpsc::channel();
    let program = code.to_string();
    std::thread::spawn(move || {
        let (root, out, target) = (
            env!("CARGO_MANIFEST_DIR"),
            env!("OUT_DIR"),
            env!("BOOK_TARGET"),
        );
        let outcome = if compile_only {
            // skeptic prints the compiler's output and panics when it
            // fails; the panic leaves `done` unsent, which reads as failure.
            skeptic::rt::compile_test(root, out, target, &program);
            Ok(String::new())
        } else {
            skeptic::rt::run_test_captured(root, out, target, &program)
        };
        let _ = done.send(outcome);
    });
    let outcome = match result.recv_timeout(BLOCK_DEADLINE) {
        Ok(outcome) => outcome,
        Err(mpsc::RecvTimeoutError::Timeout) => {
            return Err(format!(
                "from {listings}: still compiling or running after {BLOCK_DEADLINE:?}; \
                 a listing must end by itself within about two seconds"
            )
            .into());
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            return Err(format!(
                "from {listings}: skeptic panicked (for a no_run block: rustc rejected it; \
                 what it printed is above)"
            )
            .into());
        }
    };
    outcome.map(drop).map_err(|output| {
        // skeptic ends with the whole rustc command line, one `--extern` per
        // crate of the graph; what rustc or the program printed is enough.
        let output = match output.split_once("Command failed:") {
            Some((printed, command)) if command.trim_start().starts_with("\"rustc\"") => {
                format!("{printed}rustc rejected the block")
            }
            Some((printed, _)) => format!("{printed}the program failed"),
            None => output,
        };
        format!("from {listings}:\n{output}").into()
    })
}
