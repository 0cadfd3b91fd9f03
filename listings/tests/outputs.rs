//! Runs every listing and every Python original, and checks what each prints
//! against the output the book shows (<name>.stdout, <name>.py.stdout).
//!
//! One test per program, `rust::ch01-thread/spawn.rs` and
//! `python::ch01-thread/spawn.py`, so `cargo test -p listings --test outputs
//! -- spawn` runs one. A program must exit successfully, print nothing on
//! stderr unless a <name>.stderr records what it prints there, and end by
//! itself. `cargo xtask bless` runs this with SNAPSHOTS=overwrite to rewrite
//! the recorded files from real runs.
//!
//! The `layout::` tests check that listings/Cargo.toml, the programs and
//! their recordings agree.

mod common;

use std::path::Path;
use std::process::{Command, ExitCode};

use common::*;
use libtest_mimic::{Arguments, Failed, Trial};

/// Programs run at once. They mostly sleep; more would crowd two cores and
/// stretch the timings some listings print.
const AT_ONCE: usize = 16;

fn main() -> ExitCode {
    if let Err(refused) = refuse_overwrite_in_ci("SNAPSHOTS") {
        eprintln!("error: {refused}");
        return ExitCode::FAILURE;
    }
    let mut args = Arguments::from_args();
    if args.test_threads.is_none() {
        args.test_threads = Some(AT_ONCE);
    }
    let mut trials = vec![
        Trial::test(
            "layout::every_listing_is_a_binary",
            every_listing_is_a_binary,
        ),
        Trial::test(
            "layout::every_program_has_its_recording",
            every_program_has_its_recording,
        ),
        Trial::test(
            "layout::every_recording_has_its_program",
            every_recording_has_its_program,
        ),
        Trial::test(
            "layout::every_exercise_has_a_gap_and_a_solution",
            every_exercise_has_a_gap_and_a_solution,
        ),
        Trial::test(
            "layout::every_copy_is_the_same_as_its_original",
            every_copy_is_the_same_as_its_original,
        ),
        Trial::test(
            "comparison::exact_unless_the_order_varies",
            comparison_self_test,
        ),
        Trial::test(
            "harness::a_program_that_blocks_is_killed_with_its_children",
            blocking_program_is_killed,
        ),
        Trial::test(
            "harness::a_wait_that_never_ends_fails_at_its_deadline",
            || {
                let stuck = std::panic::catch_unwind(|| {
                    within(
                        std::time::Duration::from_millis(100),
                        "a stuck wait",
                        || std::thread::sleep(std::time::Duration::from_secs(5)),
                    )
                });
                let message = stuck
                    .err()
                    .and_then(|p| p.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                if message.starts_with("a stuck wait: not done within") {
                    Ok(())
                } else {
                    Err(format!("within() did not fail at its deadline: {message:?}").into())
                }
            },
        ),
    ];
    for listing in listings() {
        let name = format!("rust::{}", short(&listing.path));
        trials.push(Trial::test(name, move || {
            let mut program = Command::new(listing.binary()?);
            // A panic message must look the same on every machine.
            program
                .env_remove("RUST_BACKTRACE")
                .env_remove("RUST_LIB_BACKTRACE");
            let run = run(program, &listing.shown())?;
            let on_playground = fits_the_playground(&listing, run.peak_threads);
            let output = check(&listing.path, run);
            match (output, on_playground) {
                (Ok(()), Ok(())) => Ok(()),
                (output, playground) => Err([output.err(), playground.err()]
                    .into_iter()
                    .flatten()
                    .map(|f| f.message().unwrap_or_default().to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
                    .into()),
            }
        }));
    }
    for listing in listings() {
        let older = listing.path.with_extension("2021.stdout");
        if older.exists() {
            let name = format!("edition2021::{}", short(&listing.path));
            trials.push(Trial::test(name, move || {
                as_edition_2021(&listing.path, &older)
            }));
        }
    }
    for file in python_files() {
        trials.push(Trial::test(
            format!("python::{}", short(&file)),
            move || {
                let mut python = Command::new(python3()?);
                // Run from the listing's folder with a relative name, so that a
                // traceback names the file the same way on every machine.
                python
                    .arg(file.file_name().unwrap())
                    .current_dir(file.parent().unwrap())
                    .env("PYTHONDONTWRITEBYTECODE", "1")
                    .env("PYTHONIOENCODING", "utf-8");
                check(&file, run(python, &relative(&file))?)
            },
        ));
    }
    // The names the API appendix maps, as Python 3.13 lists them.
    let python313 = python_version("3.13");
    trials.push(
        Trial::test("python::api-names-3.13", move || {
            let interpreter = python313.ok_or("no Python 3.13")?;
            api_names_are_python_3_13s(&interpreter)
        })
        .with_ignored_flag(python_version("3.13").is_none()),
    );
    let python2 = python2();
    if python2.is_none() {
        eprintln!(
            "note: no Python 2.7 here (python2.7, or one installed by pyenv), so the \
             notes' Python 2 programs are not run; their tests show as ignored"
        );
    }
    for file in python2_files() {
        // As the notes give it, and again with the PEP 263 line that the
        // notes' UTF-8 text needs. The notes' program sleeps ten seconds, so
        // the second run is in the heavy tier.
        let source = std::fs::read_to_string(&file).unwrap_or_default();
        let has_coding = source.lines().take(2).any(|l| l.contains("coding"));
        for with_coding in [false, true].into_iter().filter(|c| !(*c && has_coding)) {
            let kind = if with_coding {
                "python2-coding"
            } else {
                "python2"
            };
            let name = format!("{kind}::{}", short(&file));
            let (file, interpreter) = (file.clone(), python2.clone());
            trials.push(
                Trial::test(name, move || {
                    let interpreter = interpreter.ok_or("no Python 2.7")?;
                    run_python2(&interpreter, &file, with_coding)
                })
                .with_ignored_flag(python2.is_none() || with_coding),
            );
        }
    }
    libtest_mimic::run(&args, trials).exit_code()
}

/// ch01-thread/spawn.rs: the path under listings/.
fn short(path: &Path) -> String {
    relative(path).trim_start_matches("listings/").to_string()
}

/// Where the editions differ, a listing records its output as edition 2021
/// too (<name>.2021.stdout): it is compiled again with `rustc --edition
/// 2021`, run, and checked against that. Such a listing uses std only.
fn as_edition_2021(source: &Path, expected: &Path) -> Result<(), Failed> {
    use std::hash::{Hash, Hasher};
    let shown = relative(source);
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    // The program is compiled again only when its text or the compiler
    // changed: the binary is kept under a name made from both.
    let text = std::fs::read(source).map_err(|e| format!("{shown}: {e}"))?;
    let version = Command::new(&rustc)
        .arg("-vV")
        .output()
        .map_err(|e| format!("{shown}: rustc does not start: {e}"))?
        .stdout;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    (text, version).hash(&mut hasher);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("edition2021");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let stem = source.file_stem().unwrap().to_string_lossy();
    let binary = dir.join(format!("{stem}-{:016x}", hasher.finish()));
    if !binary.exists() {
        let scratch = dir.join(format!("{stem}-{}.tmp", std::process::id()));
        let compiled = Command::new(&rustc)
            .args(["--edition", "2021", "-o"])
            .arg(&scratch)
            .arg(source)
            .output()
            .map_err(|e| format!("{shown}: rustc does not start: {e}"))?;
        if !compiled.status.success() {
            return Err(format!(
                "{shown} does not compile as edition 2021:\n{}",
                String::from_utf8_lossy(&compiled.stderr)
            )
            .into());
        }
        std::fs::rename(&scratch, &binary).map_err(|e| format!("{}: {e}", binary.display()))?;
    }
    let ran = run(Command::new(&binary), &format!("{shown} (edition 2021)"))?;
    if !ran.success {
        return Err(format!(
            "{shown} (edition 2021): exited with failure\n{}",
            ran.stderr
        )
        .into());
    }
    compare(source, expected, &ran.stdout).map_err(|diff| {
        format!("{shown} as edition 2021: stdout differs from the book\n{diff}").into()
    })
}

/// Runs one of the notes' Python 2 programs. As given, it may fail, and the
/// book shows how: its output is checked, whatever its exit status. With
/// `with_coding`, a copy with `# -*- coding: utf-8 -*-` first runs, and its
/// output is checked against <name>.py2.coding.stdout.
fn run_python2(interpreter: &Path, file: &Path, with_coding: bool) -> Result<(), Failed> {
    let dir = file.parent().unwrap();
    let mut python = Command::new(interpreter);
    python.current_dir(dir).env("PYTHONDONTWRITEBYTECODE", "1");
    if !with_coding {
        python.arg(file.file_name().unwrap());
        let ran = run(python, &relative(file))?;
        return check(
            file,
            Run {
                success: true,
                ..ran
            },
        );
    }
    let scratch = std::env::temp_dir().join(format!("book-py2-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).map_err(|e| e.to_string())?;
    let copy = scratch.join(file.file_name().unwrap());
    let source = std::fs::read_to_string(file).map_err(|e| e.to_string())?;
    std::fs::write(&copy, format!("# -*- coding: utf-8 -*-\n{source}"))
        .map_err(|e| e.to_string())?;
    python.arg(&copy);
    let ran = run(python, &format!("{} with a coding line", relative(file)));
    let _ = std::fs::remove_dir_all(&scratch);
    let ran = ran?;
    let mut faults = Vec::new();
    if !ran.success || !ran.stderr.is_empty() {
        faults.push(format!(
            "exited with {} and stderr:\n{}",
            ran.success, ran.stderr
        ));
    }
    let expected = recorded(file, "coding.stdout");
    if let Err(diff) = compare(file, &expected, &ran.stdout) {
        faults.push(format!("stdout differs from the book\n{diff}"));
    }
    fail_with(faults)
}

/// Checks one program's run against its recorded files.
fn check(source: &Path, run: Run) -> Result<(), Failed> {
    let shown = relative(source);
    let mut faults = Vec::new();
    if !run.success {
        faults.push(format!("{shown}: exited with failure\n{}", run.stderr));
    }
    let stdout_file = recorded(source, "stdout");
    let silent = !stdout_file.exists() && recorded(source, "stderr").exists();
    if silent {
        // A program that writes only to stderr records no empty .stdout.
        if !run.stdout.is_empty() {
            faults.push(format!(
                "{shown}: printed on stdout, and no {} records it:\n{}",
                relative(&stdout_file),
                run.stdout
            ));
        }
    } else if let Err(diff) = compare(source, &stdout_file, &run.stdout) {
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
    if faults.is_empty() {
        return Ok(());
    }
    Err(format!(
        "{}\n\nIf the program changed on purpose, run `cargo xtask bless` and review the diff.",
        faults.join("\n\n")
    )
    .into())
}

fn fail_with(faults: Vec<String>) -> Result<(), Failed> {
    if faults.is_empty() {
        Ok(())
    } else {
        Err(faults.join("\n\n").into())
    }
}

fn every_listing_is_a_binary() -> Result<(), Failed> {
    let declared = declared_bins();
    let mut faults = Vec::new();
    for listing in listings().into_iter().chain(exercises()) {
        let path = listing
            .path
            .strip_prefix(root())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if declared.get(&listing.bin) != Some(&path) {
            faults.push(format!(
                "{} is no binary; add to listings/Cargo.toml (or run `cargo xtask new-listing`):\n{}",
                listing.shown(),
                listing.stanza()
            ));
        }
    }
    let known: Vec<String> = listings()
        .into_iter()
        .chain(exercises())
        .map(|l| l.bin)
        .collect();
    for (name, path) in &declared {
        if !known.contains(name) {
            faults.push(format!(
                "listings/Cargo.toml declares binary {name} ({path}), which is no listing \
                 (listings/chNN-<slug>/<name>.rs is `chNN-<name>`, `-` for `_`; an \
                 exercise's starter, listings/chNN-<slug>/exercises/<name>.rs, is \
                 `chNN-exercise-<name>`)"
            ));
        }
    }
    fail_with(faults)
}

/// An exercise's starter stops at `todo!()` where the reader works, and its
/// solution is the chapter's listing of the same name (compiled, run and
/// checked like any other).
fn every_exercise_has_a_gap_and_a_solution() -> Result<(), Failed> {
    let mut faults = Vec::new();
    for starter in exercises() {
        let text = std::fs::read_to_string(&starter.path).unwrap();
        if !text.contains("todo!(") {
            faults.push(format!(
                "{}: an exercise's starter has a todo!() where the reader works",
                starter.shown()
            ));
        }
        let solution = starter
            .path
            .parent()
            .unwrap()
            .parent()
            .unwrap()
            .join(starter.path.file_name().unwrap());
        if !solution.exists() {
            faults.push(format!(
                "{}: its solution {} does not exist",
                starter.shown(),
                relative(&solution)
            ));
        }
    }
    fail_with(faults)
}

fn every_program_has_its_recording() -> Result<(), Failed> {
    if blessing() {
        return Ok(()); // The run that blesses writes them.
    }
    let programs = listings()
        .into_iter()
        .map(|l| l.path)
        .chain(python_files())
        .chain(python2_files());
    let mut faults: Vec<String> = programs
        .filter(|p| !recorded(p, "stdout").exists() && !recorded(p, "stderr").exists())
        .map(|p| {
            format!(
                "{} has no {}: run `cargo xtask bless`",
                relative(&p),
                relative(&recorded(&p, "stdout"))
            )
        })
        .collect();
    for failing in failing_listings() {
        if !failing.with_extension("stderr").exists() {
            faults.push(format!(
                "{} has no .stderr: run `cargo xtask bless`",
                relative(&failing)
            ));
        }
    }
    fail_with(faults)
}

/// The Rust playground runs a program in a container of at most 512
/// processes and threads (`--pids-limit 512` in rust-lang/rust-playground's
/// orchestrator). A listing that runs more threads at once cannot run there.
const PLAYGROUND_THREADS: usize = 512;

/// A Rust block of the English source that shows a listing.
struct Shown {
    chapter: String,
    /// Marked `noplayground`: no run button.
    noplayground: bool,
    /// The paragraph before the block names the playground (says why).
    says_why: bool,
}

/// Every Rust block of src/*.md that includes `listing`.
fn blocks_showing(listing: &Listing) -> Vec<Shown> {
    let src = root().parent().unwrap().join("src");
    let wanted = format!("../{}", listing.shown());
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (at, line) in lines.iter().enumerate() {
            let Some(info) = line.strip_prefix("```rust") else {
                continue;
            };
            let mut body = lines[at + 1..].iter().take_while(|l| !l.starts_with("```"));
            let includes = body.any(|l| {
                l.split(&wanted)
                    .nth(1)
                    .is_some_and(|rest| rest.starts_with("}}") || rest.starts_with(':'))
            });
            if !includes {
                continue;
            }
            let before: String = lines[..at]
                .iter()
                .rev()
                .skip_while(|l| l.trim().is_empty())
                .take_while(|l| !l.trim().is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            found.push(Shown {
                chapter: relative(&path),
                noplayground: info.split(',').any(|a| a.trim() == "noplayground"),
                says_why: before.contains("playground"),
            });
        }
    }
    found
}

/// A listing that needs more threads than the playground allows is shown
/// without a run button, and says why; a listing shown so needs them.
fn fits_the_playground(listing: &Listing, peak_threads: usize) -> Result<(), Failed> {
    let needs_more = peak_threads > PLAYGROUND_THREADS;
    let mut faults = Vec::new();
    for block in blocks_showing(listing) {
        let where_ = format!("{} shows {}", block.chapter, listing.shown());
        if needs_more && !block.noplayground {
            faults.push(format!(
                "{where_} with a run button, but it ran {peak_threads} threads at once, and the \
                 playground allows {PLAYGROUND_THREADS}: mark the block `rust,noplayground` \
                 and say why in the paragraph before it"
            ));
        }
        if !needs_more && block.noplayground {
            faults.push(format!(
                "{where_} as `noplayground`, but it ran at most {peak_threads} threads at once, \
                 which the playground allows: give it its run button back"
            ));
        }
        if block.noplayground && !block.says_why {
            faults.push(format!(
                "{where_} as `noplayground`: the paragraph before it must say why the \
                 playground cannot run it"
            ));
        }
    }
    if faults.is_empty() {
        Ok(())
    } else {
        Err(faults.join("\n").into())
    }
}

/// data/python-api-3.13.txt is what xtask/python_api.py prints under Python
/// 3.13: the appendix's list of names cannot be edited by hand.
fn api_names_are_python_3_13s(interpreter: &Path) -> Result<(), Failed> {
    let repository = root().parent().unwrap().to_path_buf();
    let mut python = Command::new(interpreter);
    python.arg(repository.join("xtask/python_api.py"));
    let printed = run(python, "xtask/python_api.py")?;
    let committed =
        std::fs::read_to_string(repository.join("data/python-api-3.13.txt")).unwrap_or_default();
    if printed.success && printed.stdout == committed {
        Ok(())
    } else {
        Err(format!(
            "data/python-api-3.13.txt is not what Python 3.13 lists; run `cargo xtask \
             python-api` and give each new name its row in src/appendix-api-map.md\n\
             Python printed:\n{}{}",
            printed.stdout, printed.stderr
        )
        .into())
    }
}

/// The lines between `// ANCHOR: name` and `// ANCHOR_END: name`.
fn anchored<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let start = format!("// ANCHOR: {name}\n");
    let end = format!("// ANCHOR_END: {name}\n");
    let from = text.find(&start)? + start.len();
    let to = from + text[from..].find(&end)?;
    Some(&text[from..to])
}

/// A listing that must be one whole program, and so carries a copy of
/// another's code, says so on the line before the copy's anchor:
/// `// The thread pool of pool.rs, unchanged (...)` then `// ANCHOR: pool`.
/// The copy must be the original's region of the same anchor, to the byte.
fn every_copy_is_the_same_as_its_original() -> Result<(), Failed> {
    let mut faults = Vec::new();
    let mut copies = 0;
    for listing in listings().into_iter().chain(exercises()) {
        let text = std::fs::read_to_string(&listing.path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for pair in lines.windows(2) {
            let Some((_, rest)) = pair[0].split_once(" of ") else {
                continue;
            };
            let Some((original, _)) = rest.split_once(", unchanged") else {
                continue;
            };
            let Some(anchor) = pair[1].trim().strip_prefix("// ANCHOR: ") else {
                continue;
            };
            copies += 1;
            // An exercise's starter copies from its chapter's folder.
            let folder = listing.path.parent().unwrap();
            let folder = if folder.ends_with("exercises") {
                folder.parent().unwrap()
            } else {
                folder
            };
            let source = folder.join(original);
            let wanted = std::fs::read_to_string(&source)
                .ok()
                .and_then(|t| anchored(&t, anchor).map(str::to_string));
            match (wanted, anchored(&text, anchor)) {
                (Some(wanted), Some(copy)) if wanted == copy => {}
                (None, _) => faults.push(format!(
                    "{}: says it copies {original}, which has no anchor {anchor}",
                    listing.shown()
                )),
                _ => faults.push(format!(
                    "{}: its anchor {anchor} is no longer the same as {original}'s; copy it again",
                    listing.shown()
                )),
            }
        }
    }
    if copies == 0 {
        faults.push("no listing says it copies another: the check found nothing to check".into());
    }
    if faults.is_empty() {
        Ok(())
    } else {
        Err(faults.join("\n").into())
    }
}

/// A recording left behind by a program that was renamed or deleted.
fn every_recording_has_its_program() -> Result<(), Failed> {
    let mut faults = Vec::new();
    for dir in chapter_dirs() {
        for folder in [dir.clone(), dir.join("fail")] {
            for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
                let file = entry.path();
                let name = file.file_name().unwrap().to_string_lossy().into_owned();
                let Some(program) = name
                    .strip_suffix(".stdout")
                    .or_else(|| name.strip_suffix(".stderr"))
                else {
                    continue;
                };
                // guard_lifetime.2021.stdout records guard_lifetime.rs as edition
                // 2021; notes_thread.py2.coding.stdout, notes_thread.py2 with a
                // coding line.
                let program = program.strip_suffix(".2021").unwrap_or(program);
                let program = program.strip_suffix(".coding").unwrap_or(program);
                let program = if program.ends_with(".py") || program.ends_with(".py2") {
                    folder.join(program)
                } else {
                    folder.join(format!("{program}.rs"))
                };
                if !program.exists() {
                    faults.push(format!(
                        "{} records the output of {}, which does not exist: delete it",
                        relative(&file),
                        relative(&program)
                    ));
                }
            }
        }
    }
    fail_with(faults)
}

/// A program that never ends, and a child it started, are both gone soon
/// after the deadline, and the error names the program.
#[cfg(unix)]
fn blocking_program_is_killed() -> Result<(), Failed> {
    use std::time::{Duration, Instant};
    let dir = std::env::temp_dir().join(format!("book-block-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let pid_file = dir.join("child.pid");
    let mut program = Command::new("sh");
    program.arg("-c").arg(format!(
        "sleep 300 & echo $! > {}; read line; sleep 300",
        pid_file.display()
    ));
    let began = Instant::now();
    let outcome = run_with_deadline(program, "blocks.py", Duration::from_millis(500));
    let Err(error) = outcome else {
        return Err("a program that never ends was not stopped".into());
    };
    if !error.starts_with("blocks.py: still running after") {
        return Err(format!("the error does not name the program: {error}").into());
    }
    if began.elapsed() > Duration::from_secs(5) {
        return Err(format!("stopping it took {:?}", began.elapsed()).into());
    }
    let child = std::fs::read_to_string(&pid_file).map_err(|e| e.to_string())?;
    let _ = std::fs::remove_dir_all(&dir);
    let stat = Path::new("/proc").join(child.trim()).join("stat");
    // A killed child may stay a zombie for a moment, until init reaps it.
    for _ in 0..100 {
        let state = std::fs::read_to_string(&stat).unwrap_or_default();
        if state.is_empty() || state.contains(") Z ") {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    Err(format!("the program's own child {} is still running", child.trim()).into())
}

#[cfg(not(unix))]
fn blocking_program_is_killed() -> Result<(), Failed> {
    Ok(())
}

/// The comparison itself, on made-up files: exact by default, any line order
/// when the program says so, `[..]` for a varying value, and a missing or
/// extra line always caught.
/// The self-test compares on its own, whatever SNAPSHOTS says: under
/// `cargo xtask bless` (SNAPSHOTS=overwrite) a comparison would otherwise
/// rewrite its scratch files and say every output matches.
fn verify_only() -> snapbox::Assert {
    snapbox::Assert::new().action(snapbox::assert::Action::Verify)
}

fn comparison_self_test() -> Result<(), Failed> {
    let dir = std::env::temp_dir().join(format!("book-compare-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let expected = dir.join("p.stdout");
    std::fs::write(&expected, "worker 1 done\nworker 2 done\ntook [..] ms\n").unwrap();
    let ordered = dir.join("ordered.rs");
    std::fs::write(&ordered, "fn main() {}\n").unwrap();
    let unordered = dir.join("unordered.rs");
    std::fs::write(&unordered, format!("// {UNORDERED_MARK}\nfn main() {{}}\n")).unwrap();
    let first_two = dir.join("first_two.rs");
    std::fs::write(
        &first_two,
        "// Output: the first 2 lines may come in any order.\nfn main() {}\n",
    )
    .unwrap();
    let last_first = "took 7 ms\nworker 2 done\nworker 1 done\n";
    let repeating = dir.join("repeating.rs");
    std::fs::write(&repeating, format!("// {REPEATING_MARK}\nfn main() {{}}\n")).unwrap();
    let patterns = dir.join("patterns.stdout");
    std::fs::write(
        &patterns,
        "worker [..] done\nwaited [..] ms\ntook [..] ms\n",
    )
    .unwrap();
    let repeats =
        |actual: &str| compare_with(verify_only(), &repeating, &patterns, actual, false).is_ok();

    let same = "worker 1 done\nworker 2 done\ntook 12 ms\n";
    let swapped = "worker 2 done\nworker 1 done\ntook 7 ms\n";
    let missing = "worker 2 done\ntook 7 ms\n";
    let extra = "worker 2 done\nworker 1 done\nworker 1 done\ntook 7 ms\n";
    let check = |source: &Path, actual: &str| {
        compare_with(verify_only(), source, &expected, actual, false).is_ok()
    };
    let verdicts = [
        check(&ordered, same),
        !check(&ordered, swapped),
        check(&unordered, same),
        check(&unordered, swapped),
        !check(&unordered, missing),
        !check(&unordered, extra),
        check(&first_two, same),
        check(&first_two, swapped),
        !check(&first_two, last_first),
        !check(&first_two, missing),
        racing_lines("// Output: the first 12 lines may come in any order.\n") == Some(12),
        repeats("worker 2 done\nwaited 3 ms\nworker 1 done\nworker 2 done\ntook 9 ms\n"),
        !repeats("worker 2 done\nwaited 3 ms\ntook 9 ms\nworker 1 done\n"),
        !repeats("worker 2 done\ntook 9 ms\n"),
        !repeats("worker 2 done\nwaited 3 ms\nstray\ntook 9 ms\n"),
        racing_lines(&format!("// {UNORDERED_MARK}\n")).is_none(),
    ];
    std::fs::remove_dir_all(&dir).unwrap();
    if verdicts.iter().all(|v| *v) {
        Ok(())
    } else {
        Err(format!("wrong verdicts: {verdicts:?}").into())
    }
}
