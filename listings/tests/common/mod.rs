//! What the tests know about listings/: where each program is, which binary
//! Cargo built for it, and how its recorded output is compared.
#![allow(dead_code)] // Each test file uses a part of this module.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A listing whose source says this has output lines in varying order.
pub const UNORDERED_MARK: &str = "Output: lines may come in any order.";

/// A listing whose racing threads print a varying number of lines: each line
/// it prints must match one line of the recording, each recorded line must
/// match at least one line printed, and the last lines must correspond.
pub const REPEATING_MARK: &str =
    "Output: lines repeat in varying order and number; the last comes last.";

/// How long a listing may run before the test kills it and fails. The rule for
/// listings is about two seconds; this only stops a hang.
pub const KILL_AFTER: Duration = Duration::from_secs(20);

/// listings/, the package's own folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[derive(Debug, Clone)]
pub struct Listing {
    /// e.g. <repository>/listings/ch01-thread/spawn.rs
    pub path: PathBuf,
    /// Its binary in listings/Cargo.toml, e.g. ch01-spawn.
    pub bin: String,
}

impl Listing {
    pub fn stem(&self) -> String {
        self.path
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned()
    }

    /// The Python original beside it, if there is one.
    pub fn python(&self) -> Option<PathBuf> {
        Some(self.path.with_extension("py")).filter(|p| p.exists())
    }

    /// listings/ch01-thread/spawn.rs, relative to the repository.
    pub fn shown(&self) -> String {
        relative(&self.path)
    }

    /// The program Cargo built, from `CARGO_BIN_EXE_<bin>`, which `cargo test`
    /// sets for the package's binaries.
    pub fn binary(&self) -> Result<PathBuf, String> {
        std::env::var_os(format!("CARGO_BIN_EXE_{}", self.bin))
            .map(PathBuf::from)
            .ok_or_else(|| {
                format!(
                    "{}: Cargo built no binary {} for it; add to listings/Cargo.toml:\n{}\n\
                     (run this test through `cargo test`, which says where binaries are)",
                    self.shown(),
                    self.bin,
                    self.stanza()
                )
            })
    }

    /// Its stanza in listings/Cargo.toml.
    pub fn stanza(&self) -> String {
        format!(
            "[[bin]]\nname = \"{}\"\npath = \"{}\"\ntest = false",
            self.bin,
            self.path
                .strip_prefix(root())
                .unwrap_or(&self.path)
                .to_string_lossy()
        )
    }
}

/// A path as the book names it: listings/ch01-thread/spawn.rs.
pub fn relative(path: &Path) -> String {
    let repository = root().parent().map(Path::to_path_buf).unwrap_or_default();
    path.strip_prefix(&repository)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// The chapter folders, sorted: listings/chNN-slug.
pub fn chapter_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.is_dir()
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("ch"))
        })
        .collect();
    dirs.sort();
    dirs
}

fn files_with_extension(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    files.sort();
    files
}

/// The binary of a listing: the chapter's number and the file's name, with
/// `-` for `_`: listings/ch01-thread/sleep_instead_of_join.rs is
/// `ch01-sleep-instead-of-join`.
pub fn bin_name(path: &Path) -> String {
    let chapter = path
        .parent()
        .unwrap()
        .file_name()
        .unwrap()
        .to_string_lossy();
    let number = chapter.split('-').next().unwrap();
    let stem = path
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .replace('_', "-");
    format!("{number}-{stem}")
}

/// Every runnable listing (listings/chNN-slug/*.rs).
pub fn listings() -> Vec<Listing> {
    chapter_dirs()
        .iter()
        .flat_map(|dir| files_with_extension(dir, "rs"))
        .map(|path| Listing {
            bin: bin_name(&path),
            path,
        })
        .collect()
}

/// Every exercise's starter (listings/chNN-slug/exercises/*.rs): it compiles,
/// stops at `todo!()` where the reader works, and is never run; its solution
/// is the listing of the same name in the chapter's folder. Its binary is
/// `chNN-exercise-<name>`.
pub fn exercises() -> Vec<Listing> {
    chapter_dirs()
        .iter()
        .flat_map(|dir| files_with_extension(&dir.join("exercises"), "rs"))
        .map(|path| {
            let chapter = path
                .parent()
                .unwrap()
                .parent()
                .unwrap()
                .file_name()
                .unwrap();
            let number = chapter
                .to_string_lossy()
                .split('-')
                .next()
                .unwrap()
                .to_string();
            let stem = path
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .replace('_', "-");
            Listing {
                bin: format!("{number}-exercise-{stem}"),
                path,
            }
        })
        .collect()
}

/// Every listing that must not compile (listings/chNN-slug/fail/*.rs).
pub fn failing_listings() -> Vec<PathBuf> {
    chapter_dirs()
        .iter()
        .flat_map(|dir| files_with_extension(&dir.join("fail"), "rs"))
        .collect()
}

/// Every Python file under listings/.
pub fn python_files() -> Vec<PathBuf> {
    chapter_dirs()
        .iter()
        .flat_map(|dir| files_with_extension(dir, "py"))
        .collect()
}

/// The notes' Python 2 programs, as the notes give them (`.py2`).
pub fn python2_files() -> Vec<PathBuf> {
    chapter_dirs()
        .iter()
        .flat_map(|dir| files_with_extension(dir, "py2"))
        .collect()
}

/// A Python 2.7 interpreter: `python2.7` if it runs, else one that pyenv
/// installed (pyenv's shim refuses to run a version that is not selected).
pub fn python2() -> Option<PathBuf> {
    python_version("2.7")
}

/// A Python of `version` ("2.7", "3.13"): `python<version>` if it runs and
/// is that version, else the newest that pyenv installed.
pub fn python_version(version: &str) -> Option<PathBuf> {
    let (major, minor) = version.split_once('.')?;
    let works = |program: &Path| {
        Command::new(program)
            .args([
                "-c",
                &format!("import sys; sys.exit(sys.version_info[:2] != ({major}, {minor}))"),
            ])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let named = PathBuf::from(format!("python{version}"));
    if works(&named) {
        return Some(named);
    }
    let pyenv = std::env::var_os("PYENV_ROOT")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".pyenv")))?;
    let mut found: Vec<PathBuf> = std::fs::read_dir(pyenv.join("versions"))
        .ok()?
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name == version || name.starts_with(&format!("{version}."))
        })
        .map(|e| e.path().join(format!("bin/python{version}")))
        .filter(|p| works(p))
        .collect();
    found.sort();
    found.pop()
}

/// Where the recorded output of `source` lives: spawn.rs → spawn.stdout,
/// spawn.py → spawn.py.stdout.
pub fn recorded(source: &Path, stream: &str) -> PathBuf {
    if source.extension().is_some_and(|e| e == "rs") {
        source.with_extension(stream)
    } else {
        let mut name = source.file_name().unwrap().to_os_string();
        name.push(format!(".{stream}"));
        source.with_file_name(name)
    }
}

pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub success: bool,
    pub elapsed: Duration,
    /// The most threads the program was seen running at once, sampled
    /// every 5 ms (Linux; 0 elsewhere).
    pub peak_threads: usize,
}

/// The threads process `pid` runs now (Linux).
fn threads_of(pid: u32) -> usize {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("Threads:"))
                .and_then(|n| n.trim().parse().ok())
        })
        .unwrap_or(0)
}

/// Runs a command with no input in a process group of its own, killing the
/// whole group after KILL_AFTER.
pub fn run(command: Command, what: &str) -> Result<Run, String> {
    run_with_deadline(command, what, KILL_AFTER)
}

/// `run`, with the deadline given.
pub fn run_with_deadline(
    mut command: Command,
    what: &str,
    deadline: Duration,
) -> Result<Run, String> {
    let start = Instant::now();
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{what}: could not start {command:?}: {e}"))?;
    let mut stdout_pipe = child.stdout.take().unwrap();
    let mut stderr_pipe = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        stdout_pipe.read_to_string(&mut s).map(|_| s)
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        stderr_pipe.read_to_string(&mut s).map(|_| s)
    });
    let mut peak_threads = 0;
    let status = loop {
        peak_threads = peak_threads.max(threads_of(child.id()));
        if let Some(status) = child.try_wait().map_err(|e| format!("{what}: {e}"))? {
            break status;
        }
        if start.elapsed() > deadline {
            kill_group(&mut child);
            return Err(format!(
                "{what}: still running after {deadline:?}, killed with every process \
                 it started; a listing must end by itself"
            ));
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let text = |pipe: std::thread::JoinHandle<std::io::Result<String>>, name: &str| {
        pipe.join()
            .map_err(|_| format!("{what}: reading {name} panicked"))?
            .map_err(|e| format!("{what}: {name} is not UTF-8 text: {e}"))
    };
    Ok(Run {
        stdout: text(out, "stdout")?,
        stderr: text(err, "stderr")?,
        success: status.success(),
        elapsed: start.elapsed(),
        peak_threads,
    })
}

/// Kills the child and everything it started: it leads a process group of
/// its own (see `run`), so a listing's own children cannot outlive it.
fn kill_group(child: &mut std::process::Child) {
    #[cfg(unix)]
    {
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", child.id())])
            .status();
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Runs `work` on a thread of its own and waits at most `limit` for it: a
/// worker that died or a server that never stops fails the test with a
/// message, instead of hanging `cargo test`. (The stuck thread is left
/// behind; the test process ends with the run.)
pub fn within<T: Send + 'static>(
    limit: Duration,
    what: &str,
    work: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (done, result) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(work());
    });
    match result.recv_timeout(limit) {
        Ok(value) => value,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            panic!("{what}: not done within {limit:?}")
        }
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => panic!("{what}: panicked"),
    }
}

/// The Python interpreter that `python3` starts, found once. Through a
/// version manager's shim, each start would cost a shell script (measured:
/// 0.10 s against 0.04 s with pyenv's), and the book starts 28 of them.
pub fn python3() -> Result<PathBuf, String> {
    static FOUND: std::sync::OnceLock<Result<PathBuf, String>> = std::sync::OnceLock::new();
    FOUND
        .get_or_init(|| {
            let output = Command::new("python3")
                .args(["-c", "import sys; print(sys.executable)"])
                .output()
                .map_err(|e| {
                    format!("python3 does not start: {e}; the book's Python originals need it")
                })?;
            let path = String::from_utf8_lossy(&output.stdout).trim().to_string();
            if !output.status.success() || path.is_empty() {
                return Err("python3 could not say where its interpreter is".into());
            }
            Ok(PathBuf::from(path))
        })
        .clone()
}

/// The [[bin]] stanzas of listings/Cargo.toml: name → path.
pub fn declared_bins() -> std::collections::BTreeMap<String, String> {
    let path = root().join("Cargo.toml");
    let manifest: toml::Table = std::fs::read_to_string(&path)
        .unwrap()
        .parse()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    manifest
        .get("bin")
        .and_then(|b| b.as_array())
        .into_iter()
        .flatten()
        .filter_map(|bin| {
            Some((
                bin.get("name")?.as_str()?.to_string(),
                bin.get("path")?.as_str()?.to_string(),
            ))
        })
        .collect()
}

/// Under CI, a variable that would re-record instead of check is an error:
/// CI must never bless. `variable` is SNAPSHOTS or TRYBUILD.
pub fn refuse_overwrite_in_ci(variable: &str) -> Result<(), String> {
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false");
    let overwrite = std::env::var(variable).is_ok_and(|v| v == "overwrite");
    let bless = std::env::var_os("BOOK_BLESS").is_some();
    if ci && (overwrite || bless) {
        let set = if overwrite {
            format!("{variable}=overwrite")
        } else {
            "BOOK_BLESS".into()
        };
        return Err(format!(
            "{set} is set with CI: CI checks the recorded outputs and never rewrites them. \
             Re-record on your machine with `cargo xtask bless` and commit the result."
        ));
    }
    Ok(())
}

/// True under `cargo xtask bless`, which sets SNAPSHOTS=overwrite.
pub fn blessing() -> bool {
    std::env::var("SNAPSHOTS").is_ok_and(|v| v == "overwrite")
}

/// Compares `actual` with the file `expected`, in any line order if `source`
/// carries UNORDERED_MARK. With SNAPSHOTS=overwrite (`cargo xtask bless`) the
/// file is written instead. Returns a description of the difference.
pub fn compare(source: &Path, expected: &Path, actual: &str) -> Result<(), String> {
    if blessing() && !expected.exists() {
        std::fs::write(expected, actual).unwrap();
        return Ok(());
    }
    compare_with(
        snapbox::Assert::new()
            .action_env("SNAPSHOTS")
            .normalize_paths(false),
        source,
        expected,
        actual,
        blessing(),
    )
}

/// `compare` with a given snapbox assertion, and `rewrite` to let a mismatch
/// rewrite the recording (the tests of the comparison itself never do).
pub fn compare_with(
    assert: snapbox::Assert,
    source: &Path,
    expected: &Path,
    actual: &str,
    rewrite: bool,
) -> Result<(), String> {
    let text = std::fs::read_to_string(source).unwrap();
    let shown = relative(source);
    if let Some(racing) = racing_lines(&text) {
        return compare_first_unordered(&shown, racing, expected, actual, rewrite);
    }
    if text.contains(REPEATING_MARK) {
        return compare_repeating(&shown, expected, actual);
    }
    let mut data = snapbox::Data::read_from(expected, None);
    if text.contains(UNORDERED_MARK) {
        data = data.unordered();
    }
    assert
        .try_eq(Some(&shown), snapbox::Data::text(actual.to_string()), data)
        .map_err(|e| e.to_string())
}

/// See REPEATING_MARK. Such a recording is a set of line patterns, taken from
/// a real run with `[..]` where the racing values go; bless never rewrites it.
fn compare_repeating(shown: &str, expected: &Path, actual: &str) -> Result<(), String> {
    let recorded = std::fs::read_to_string(expected).unwrap_or_default();
    let patterns: Vec<&str> = recorded.lines().collect();
    let lines: Vec<&str> = actual.lines().collect();
    let matches = |line: &str, pattern: &str| {
        snapbox::Assert::new()
            .normalize_paths(false)
            .try_eq(
                None,
                snapbox::Data::text(line),
                snapbox::Data::text(pattern),
            )
            .is_ok()
    };
    let mut faults = Vec::new();
    for line in &lines {
        if !patterns.iter().any(|p| matches(line, p)) {
            faults.push(format!("printed a line no recorded line matches: {line:?}"));
        }
    }
    for pattern in &patterns {
        if !lines.iter().any(|l| matches(l, pattern)) {
            faults.push(format!("no printed line matches the recorded {pattern:?}"));
        }
    }
    match (lines.last(), patterns.last()) {
        (Some(line), Some(pattern)) if matches(line, pattern) => {}
        (line, pattern) => faults.push(format!(
            "the last line {line:?} does not match the last recorded line {pattern:?}"
        )),
    }
    if faults.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{shown} (see {}; bless leaves it alone):\n{}",
            relative(expected),
            faults.join("\n")
        ))
    }
}

/// N, when the program says `Output: the first N lines may come in any order.`
pub fn racing_lines(source: &str) -> Option<usize> {
    let (_, rest) = source.split_once("Output: the first ")?;
    let (number, rest) = rest.split_once(' ')?;
    rest.starts_with("lines may come in any order.")
        .then(|| number.parse().ok())
        .flatten()
}

/// The first `racing` lines in any order, and the rest exactly in order,
/// so that a line that must come last is checked to come last. Under
/// `cargo xtask bless`, a mismatch rewrites the whole file.
fn compare_first_unordered(
    shown: &str,
    racing: usize,
    expected: &Path,
    actual: &str,
    rewrite: bool,
) -> Result<(), String> {
    let recorded = std::fs::read_to_string(expected).unwrap_or_default();
    let split = |text: &str| {
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let at = racing.min(lines.len());
        (lines[..at].concat(), lines[at..].concat())
    };
    let ((expected_head, expected_tail), (actual_head, actual_tail)) =
        (split(&recorded), split(actual));
    let check = snapbox::Assert::new().normalize_paths(false);
    let head = check.try_eq(
        Some(&format!("{shown}, its first {racing} lines in any order")),
        snapbox::Data::text(actual_head),
        snapbox::Data::text(expected_head).unordered(),
    );
    let tail = check.try_eq(
        Some(&format!("{shown}, the lines after those, in order")),
        snapbox::Data::text(actual_tail),
        snapbox::Data::text(expected_tail),
    );
    match (head, tail) {
        (Ok(()), Ok(())) => Ok(()),
        _ if rewrite => std::fs::write(expected, actual).map_err(|e| e.to_string()),
        (head, tail) => Err([head.err(), tail.err()]
            .into_iter()
            .flatten()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join("\n")),
    }
}

/// Runs the test `name` of the running test binary alone, in a child
/// process (with `--exact --include-ignored --test-threads=1`, and
/// LISTINGS_TEST_CHILD=name), for a test that changes the whole process:
/// its limits, say. Returns the child's run after checking that it passed
/// that one test. In the child itself, returns None: the caller is the
/// child, and does the work.
pub fn in_child(name: &str) -> Option<Run> {
    const CHILD: &str = "LISTINGS_TEST_CHILD";
    if std::env::var(CHILD).is_ok_and(|v| v == name) {
        return None;
    }
    let mut command = Command::new(std::env::current_exe().unwrap());
    command
        .args([name, "--exact", "--include-ignored", "--test-threads=1"])
        .env(CHILD, name);
    let run = run_with_deadline(command, name, Duration::from_secs(60)).unwrap();
    assert!(
        run.success && run.stdout.contains("1 passed"),
        "{name}, in a child process:\n{}\n{}",
        run.stdout,
        run.stderr
    );
    Some(run)
}

/// The soft and the hard limit of `resource`.
#[cfg(target_os = "linux")]
pub fn limits(resource: libc::__rlimit_resource_t) -> (u64, u64) {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit only writes `limit`.
    assert_eq!(unsafe { libc::getrlimit(resource, &mut limit) }, 0);
    (limit.rlim_cur, limit.rlim_max)
}

/// Sets the soft limit of `resource` (at most the hard one); returns the
/// soft limit it replaced.
#[cfg(target_os = "linux")]
pub fn set_soft_limit(resource: libc::__rlimit_resource_t, soft: u64) -> u64 {
    let (old, hard) = limits(resource);
    let limit = libc::rlimit {
        rlim_cur: soft.min(hard),
        rlim_max: hard,
    };
    // SAFETY: setrlimit only reads `limit`.
    assert_eq!(unsafe { libc::setrlimit(resource, &limit) }, 0);
    old
}

/// A field of /proc/self/status, in bytes (Linux).
pub fn status_bytes(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status
        .lines()
        .find(|l| l.starts_with(field))
        .unwrap_or_else(|| panic!("no {field} in /proc/self/status"));
    let kib: u64 = line
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap();
    kib * 1024
}
