//! Runs every listing and every Python original, and checks what each prints
//! against the output the book shows (<name>.stdout, <name>.py.stdout).
//!
//! A program must exit successfully, print nothing on stderr unless a
//! <name>.stderr records what it prints there, and end by itself.
//! `cargo xtask bless` runs this test with SNAPSHOTS=overwrite to rewrite
//! the recorded files from real runs.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

/// target/<profile>, where this test's own executable lives (in deps/).
fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.parent().unwrap().parent().unwrap().to_path_buf()
}

/// target/<profile>/examples.
fn examples_dir() -> PathBuf {
    profile_dir().join("examples")
}

/// Builds the examples, so that this test never runs a stale program even
/// when started alone (`cargo test --test outputs`). A no-op after `cargo test`
/// has built them.
fn build_examples() {
    let profile_dir = profile_dir();
    let target_dir = profile_dir.parent().unwrap();
    let mut cargo = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cargo
        .args([
            "build",
            "--quiet",
            "--examples",
            "--package",
            "threading-book",
        ])
        .arg("--target-dir")
        .arg(target_dir)
        .current_dir(root());
    if profile_dir.file_name().unwrap() == "release" {
        cargo.arg("--release");
    }
    let status = cargo.status().expect("cargo runs");
    assert!(status.success(), "building the examples failed");
}

/// Checks one program's run against its recorded files; returns the faults.
fn check(source: &Path, run: Run) -> Vec<String> {
    let shown = relative(source);
    let mut faults = Vec::new();
    if !run.success {
        faults.push(format!("{shown}: exited with failure\n{}", run.stderr));
    }
    if let Err(diff) = compare(source, &recorded(source, "stdout"), &run.stdout) {
        faults.push(format!("{shown}: stdout differs from the book\n{diff}"));
    }
    let stderr_file = recorded(source, "stderr");
    if stderr_file.exists() || (blessing() && !run.stderr.is_empty()) {
        if let Err(diff) = compare(source, &stderr_file, &run.stderr) {
            faults.push(format!("{shown}: stderr differs from the book\n{diff}"));
        }
    } else if !run.stderr.is_empty() {
        faults.push(format!(
            "{shown}: printed on stderr, and no {} records it:\n{}",
            relative(&stderr_file),
            run.stderr
        ));
    }
    eprintln!("ran {shown} in {:.0?}", run.elapsed);
    faults
}

fn report(faults: Vec<String>) {
    assert!(
        faults.is_empty(),
        "\n{}\n\nIf the program changed on purpose, run `cargo xtask bless` and review the diff.\n",
        faults.join("\n\n")
    );
}

#[test]
fn rust_listings_print_what_the_book_shows() {
    build_examples();
    let listings = listings();
    assert!(!listings.is_empty(), "no listings found");
    let faults = in_parallel(&listings, |listing| {
        let binary = examples_dir().join(format!(
            "{}{}",
            listing.example,
            std::env::consts::EXE_SUFFIX
        ));
        assert!(
            binary.exists(),
            "{} was not built as {}",
            listing.shown(),
            binary.display()
        );
        let mut program = Command::new(&binary);
        // A panic message must look the same on every machine.
        program
            .env_remove("RUST_BACKTRACE")
            .env_remove("RUST_LIB_BACKTRACE");
        check(&listing.path, run(program, &listing.shown()))
    })
    .concat();
    report(faults);
}

#[test]
fn python_originals_print_what_the_book_shows() {
    let files = python_files();
    assert!(!files.is_empty(), "no Python originals found");
    let faults = in_parallel(&files, |file| {
        let mut python = Command::new("python3");
        // Run from the listing's folder with a relative name, so that a
        // traceback names the file the same way on every machine.
        python
            .arg(file.file_name().unwrap())
            .current_dir(file.parent().unwrap())
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .env("PYTHONIOENCODING", "utf-8");
        check(file, run(python, &relative(file)))
    })
    .concat();
    report(faults);
}

/// The comparison itself, on made-up files: exact by default, any line order
/// when the program says so, `[..]` for a varying value, and a missing or
/// extra line always caught.
#[test]
fn comparison_is_exact_unless_the_program_says_the_order_varies() {
    let dir = std::env::temp_dir().join(format!("book-compare-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let expected = dir.join("p.stdout");
    std::fs::write(&expected, "worker 1 done\nworker 2 done\ntook [..] ms\n").unwrap();
    let ordered = dir.join("ordered.rs");
    std::fs::write(&ordered, "fn main() {}\n").unwrap();
    let unordered = dir.join("unordered.rs");
    std::fs::write(&unordered, format!("// {UNORDERED_MARK}\nfn main() {{}}\n")).unwrap();

    let same = "worker 1 done\nworker 2 done\ntook 12 ms\n";
    let swapped = "worker 2 done\nworker 1 done\ntook 7 ms\n";
    let missing = "worker 2 done\ntook 7 ms\n";
    let extra = "worker 2 done\nworker 1 done\nworker 1 done\ntook 7 ms\n";
    let check = |source: &Path, actual: &str| {
        compare_with(snapbox::Assert::new(), source, &expected, actual).is_ok()
    };
    assert!(check(&ordered, same));
    assert!(!check(&ordered, swapped));
    assert!(check(&unordered, same));
    assert!(check(&unordered, swapped));
    assert!(!check(&unordered, missing));
    assert!(!check(&unordered, extra));
    std::fs::remove_dir_all(&dir).unwrap();
}
