//! What the tests know about listings/: where each program is, what it is
//! called as a Cargo example, and how its recorded output is compared.
#![allow(dead_code)] // Each test file uses a part of this module.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A listing whose source says this has output lines in varying order.
pub const UNORDERED_MARK: &str = "Output: lines may come in any order.";

/// How long a listing may run before the test kills it and fails. The rule for
/// listings is about two seconds; this only stops a hang.
pub const KILL_AFTER: Duration = Duration::from_secs(20);

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[derive(Debug, Clone)]
pub struct Listing {
    /// e.g. listings/ch01-thread/spawn.rs
    pub path: PathBuf,
    /// e.g. ch01-spawn
    pub example: String,
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
}

pub fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// The chapter folders, sorted: listings/chNN-slug.
pub fn chapter_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("listings"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
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

/// The example name of a listing: the chapter's number and the file's name,
/// with `-` for `_`: listings/ch01-thread/sleep_instead_of_join.rs is
/// `ch01-sleep-instead-of-join`.
pub fn example_name(path: &Path) -> String {
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
            example: example_name(&path),
            path,
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
}

/// Runs a command with no input, killing it after KILL_AFTER.
pub fn run(mut command: Command, what: &str) -> Run {
    let start = Instant::now();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{what}: could not start: {e}"));
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
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > KILL_AFTER {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("{what}: still running after {KILL_AFTER:?}; a listing must end by itself");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Run {
        stdout: out.join().unwrap().expect("stdout is UTF-8"),
        stderr: err.join().unwrap().expect("stderr is UTF-8"),
        success: status.success(),
        elapsed: start.elapsed(),
    }
}

/// True under `cargo xtask bless`, which sets SNAPSHOTS=overwrite.
pub fn blessing() -> bool {
    std::env::var("SNAPSHOTS").is_ok_and(|v| v == "overwrite")
}

/// Runs `work` on every item, a few at a time, and returns the results in
/// the items' order. Listings mostly sleep, so they overlap well; the limit
/// keeps their timing margins safe on a small machine.
pub fn in_parallel<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    const AT_ONCE: usize = 6;
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..AT_ONCE.min(items.len()) {
            s.spawn(|| {
                loop {
                    let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(item) = items.get(index) else { break };
                    let result = work(item);
                    results.lock().unwrap().push((index, result));
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap();
    results.sort_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, result)| result).collect()
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
        snapbox::Assert::new().action_env("SNAPSHOTS"),
        source,
        expected,
        actual,
    )
}

/// `compare` with a given snapbox assertion (the tests of the comparison use
/// one that never overwrites).
pub fn compare_with(
    assert: snapbox::Assert,
    source: &Path,
    expected: &Path,
    actual: &str,
) -> Result<(), String> {
    let text = std::fs::read_to_string(source).unwrap();
    let mut data = snapbox::Data::read_from(expected, None);
    if text.contains(UNORDERED_MARK) {
        data = data.unordered();
    }
    let shown = relative(source);
    assert
        .try_eq(Some(&shown), snapbox::Data::text(actual.to_string()), data)
        .map_err(|e| e.to_string())
}
