//! `cargo xtask loop-times`: how long a contributor waits for `cargo test`.
//!
//! Five situations, each timed `runs` times as a whole `cargo test --quiet`:
//! cold (an empty target directory of its own), warm (nothing changed), and
//! after one edit each to a listing, to a translation and to a paragraph of
//! prose. Each edit is a real change of the file's bytes that keeps the book
//! green, alternating between two forms so that every run sees a change; the
//! files are restored afterwards, whatever happens. Prints min and median.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::{cargo, root};

/// An edit that flips a file between its own text and `edited`, and puts the
/// original back when dropped.
struct Toggle {
    path: PathBuf,
    original: String,
    edited: String,
    flipped: bool,
}

impl Toggle {
    fn new(path: &str, from: &str, to: &str) -> Result<Toggle> {
        let path = root().join(path);
        let original =
            fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        if !original.contains(from) {
            bail!(
                "{}: {from:?} is not in it; update loop_times.rs",
                path.display()
            );
        }
        let edited = original.replacen(from, to, 1);
        Ok(Toggle {
            path,
            original,
            edited,
            flipped: false,
        })
    }

    fn flip(&mut self) -> Result<()> {
        self.flipped = !self.flipped;
        let text = if self.flipped {
            &self.edited
        } else {
            &self.original
        };
        fs::write(&self.path, text).with_context(|| format!("writing {}", self.path.display()))
    }
}

impl Drop for Toggle {
    fn drop(&mut self) {
        if let Err(e) = fs::write(&self.path, &self.original) {
            eprintln!("xtask: could not restore {}: {e}", self.path.display());
        }
    }
}

/// One `cargo test --quiet`, which must pass.
fn cargo_test(target_dir: Option<&Path>) -> Result<Duration> {
    let mut test = cargo();
    test.current_dir(root())
        .args(["test", "--quiet", "--locked"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    if let Some(dir) = target_dir {
        test.env("CARGO_TARGET_DIR", dir);
    }
    let began = Instant::now();
    let status = test.status().context("running cargo test")?;
    let took = began.elapsed();
    if !status.success() {
        bail!("cargo test failed during the measurement ({status}); run it to see why");
    }
    Ok(took)
}

fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    let seconds = |d: Duration| d.as_secs_f64();
    println!(
        "{what:<28} min {:>6.1} s   median {:>6.1} s   ({} runs)",
        seconds(times[0]),
        seconds(times[times.len() / 2]),
        times.len()
    );
}

fn timed_edits(runs: usize, toggle: &mut Toggle) -> Result<Vec<Duration>> {
    (0..runs)
        .map(|_| {
            toggle.flip()?;
            cargo_test(None)
        })
        .collect()
}

pub fn measure(runs: usize, skip_cold: bool) -> Result<()> {
    if runs == 0 {
        bail!("--runs must be at least 1");
    }
    let machine = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("cargo test --quiet, {machine} cores:");
    if !skip_cold {
        let cold = root().join("target/loop-cold");
        let times = (0..runs)
            .map(|_| {
                if cold.exists() {
                    fs::remove_dir_all(&cold)
                        .with_context(|| format!("emptying {}", cold.display()))?;
                }
                cargo_test(Some(&cold))
            })
            .collect::<Result<Vec<_>>>()?;
        report("cold (empty target dir)", times);
        fs::remove_dir_all(&cold).ok();
    }
    cargo_test(None)?; // brings the target directory up to date
    let warm = (0..runs).map(|_| cargo_test(None)).collect::<Result<_>>()?;
    report("warm (nothing changed)", warm);

    // A token of code, spaced differently: the binary and both editions'
    // blocks are rebuilt, and the output stays the same.
    let mut listing = Toggle::new(
        "listings/ch02-thread-object/join_timeout.rs",
        "fn main() {",
        "fn main () {",
    )?;
    report("one listing edited", timed_edits(runs, &mut listing)?);
    drop(listing);
    cargo_test(None)?;

    // A translated paragraph: the Chinese edition is read again, and the
    // Traditional one, derived from it, is derived again first (its stamp
    // would fail the gate otherwise), as `update-po` would.
    let mut po = Toggle::new("po/zh-CN.po", "msgstr \"底层的", "msgstr \"底层的 ")?;
    let times = (0..runs)
        .map(|_| {
            po.flip()?;
            let began = Instant::now();
            crate::derive::derive_editions(false)?;
            Ok(began.elapsed() + cargo_test(None)?)
        })
        .collect::<Result<Vec<_>>>();
    drop(po);
    crate::derive::derive_editions(false)?;
    report("one po message edited", times?);
    cargo_test(None)?;

    // A paragraph of the English source: spaces at the end of a line are
    // not part of its message, so the translation still matches.
    let mut prose = Toggle::new("src/ch01-thread.md", ".\n", ". \n")?;
    report("one paragraph edited", timed_edits(runs, &mut prose)?);
    Ok(())
}
