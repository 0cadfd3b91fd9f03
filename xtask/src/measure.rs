//! `cargo xtask measure`: the figures the book quotes, from real runs.
//!
//! Each measurement runs a listing a few times and writes what it printed,
//! with the machine it ran on, to a `.measured` file beside the listing. The
//! chapter includes that file in a block the translation leaves alone, so no
//! figure in the book is typed by hand, and a new run changes no message
//! that a translator has to see again.

use std::fs;
use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::{cargo, root, shown};

/// What runs: a listing's binary, a Python original, or a benchmark of the
/// listings package.
enum Program {
    Bin(&'static str),
    Python(&'static str),
    Bench(&'static str),
}

struct Measurement {
    program: Program,
    /// The file its figures go to, beside the listing.
    file: &'static str,
    runs: usize,
    /// Keep only the lines that start so (None: every line).
    keep: Option<&'static str>,
}

const MEASUREMENTS: &[Measurement] = &[
    Measurement {
        program: Program::Bin("ch08-threads-2000"),
        file: "listings/ch08-thread-pool/threads_2000.measured",
        runs: 3,
        keep: None,
    },
    Measurement {
        program: Program::Bench("servers"),
        file: "listings/ch08-thread-pool/servers_bench.measured",
        runs: 3,
        keep: None,
    },
    Measurement {
        program: Program::Python("listings/ch04-lock/race.py"),
        file: "listings/ch04-lock/race.py.measured",
        runs: 10,
        keep: Some("final balance"),
    },
    Measurement {
        program: Program::Python("listings/ch04-lock/race_call.py"),
        file: "listings/ch04-lock/race_call.py.measured",
        runs: 20,
        keep: Some("final balance"),
    },
    Measurement {
        program: Program::Python("listings/ch05-rlock/rlock_notes.py"),
        file: "listings/ch05-rlock/rlock_notes.py.measured",
        runs: 10,
        keep: Some("final num"),
    },
];

/// What `program --version` prints, or nothing when it does not run.
fn version(program: impl AsRef<std::ffi::OsStr>) -> String {
    Command::new(program)
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| {
            // Python 2 printed its version on stderr.
            let text = [o.stdout, o.stderr].concat();
            String::from_utf8_lossy(&text).trim().to_string()
        })
        .unwrap_or_default()
}

/// Runs `command` in the repository and returns what it printed, failing
/// with its stderr when it fails.
fn output_of(mut command: Command, name: &str) -> Result<String> {
    let output = command
        .current_dir(root())
        .output()
        .with_context(|| format!("running {name}"))?;
    if !output.status.success() {
        bail!(
            "{name} failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// One line about the machine: processor, cores, memory and system.
fn machine() -> String {
    let read = |path: &str| fs::read_to_string(path).unwrap_or_default();
    let cpuinfo = read("/proc/cpuinfo");
    let cpu = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name").and_then(|r| r.split_once(':')))
        .map_or("an unknown processor", |(_, name)| name.trim());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let memory_kib = read("/proc/meminfo")
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|r| r.split_whitespace().next()?.parse::<u64>().ok())
        .unwrap_or(0);
    let kernel = read("/proc/sys/kernel/osrelease");
    let (rustc, python) = (version("rustc"), version("python3"));
    format!(
        "{cpu}, {cores} cores available, {} GiB of memory, {} {}, {rustc}, {python}",
        memory_kib / (1024 * 1024),
        std::env::consts::OS,
        kernel.trim()
    )
}

pub fn measure(threads: &[usize], chapter_10_only: bool) -> Result<()> {
    let began = std::time::Instant::now();
    let machine = machine();
    let earlier: &[Measurement] = if chapter_10_only { &[] } else { MEASUREMENTS };
    for measurement in earlier {
        let runs = measurement.runs;
        let mut text = format!("Measured by `cargo xtask measure`, {runs} runs, on {machine}:\n");
        for run in 1..=runs {
            let (command, name) = match measurement.program {
                Program::Bin(bin) => {
                    let mut command = cargo();
                    command.args(["run", "--quiet", "--locked", "-p", "listings", "--bin", bin]);
                    (command, bin)
                }
                Program::Bench(bench) => {
                    let mut command = cargo();
                    command.args([
                        "bench", "--quiet", "--locked", "-p", "listings", "--bench", bench,
                    ]);
                    (command, bench)
                }
                Program::Python(path) => {
                    let mut command = Command::new("python3");
                    command.arg(path);
                    (command, path)
                }
            };
            let kept: Vec<String> = output_of(command, name)?
                .lines()
                .filter(|l| measurement.keep.is_none_or(|prefix| l.starts_with(prefix)))
                .map(str::to_string)
                .collect();
            if kept.len() == 1 {
                text.push_str(&format!("run {run}: {}\n", kept[0]));
            } else {
                text.push_str(&format!("run {run}:\n"));
                for line in kept {
                    text.push_str(&format!("  {line}\n"));
                }
            }
        }
        let path = root().join(measurement.file);
        fs::write(&path, &text).with_context(|| format!("writing {}", shown(&path)))?;
        println!("wrote {}:\n{text}", shown(&path));
    }
    chapter_10(threads, &machine)?;
    println!("measured in {:.0} s", began.elapsed().as_secs_f64());
    Ok(())
}

/// The Python versions chapter 10 compares: each of PYTHONS that this
/// machine has, as `python3.X` on the PATH or under pyenv's versions.
const PYTHONS: &[&str] = &["3.11", "3.13"];

/// A Python found for chapter 10: "Python 3.11", its path, and what its
/// `--version` says.
struct Python {
    label: String,
    path: PathBuf,
    version: String,
}

fn pythons() -> Vec<Python> {
    let pyenv = std::env::var_os("PYENV_ROOT")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".pyenv")));
    let installed: Vec<(Vec<u32>, PathBuf)> = pyenv
        .and_then(|p| fs::read_dir(p.join("versions")).ok())
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            // 3.11.10 after 3.11.7: versions compare as numbers, not text.
            let name = e.file_name().to_string_lossy().into_owned();
            let numbers = name
                .split('.')
                .map(|n| n.parse().ok())
                .collect::<Option<_>>()?;
            Some((numbers, e.path().join("bin/python3")))
        })
        .collect();
    let mut found = Vec::new();
    for minor in PYTHONS {
        let wanted: Vec<u32> = minor.split('.').filter_map(|n| n.parse().ok()).collect();
        let mut under_pyenv: Vec<&(Vec<u32>, PathBuf)> = installed
            .iter()
            .filter(|(v, _)| v.starts_with(&wanted))
            .collect();
        under_pyenv.sort_by(|a, b| b.0.cmp(&a.0));
        let candidates = std::iter::once(PathBuf::from(format!("python{minor}")))
            .chain(under_pyenv.into_iter().map(|(_, path)| path.clone()));
        for path in candidates {
            let version = version(&path);
            if !version.is_empty() {
                found.push(Python {
                    label: format!("Python {minor}"),
                    path,
                    version,
                });
                break;
            }
        }
    }
    found
}

/// Runs `command` and returns the lines it printed, split at tabs.
fn rows_of(command: Command, name: &str) -> Result<Vec<Vec<String>>> {
    Ok(output_of(command, name)?
        .lines()
        .filter(|l| l.contains('\t'))
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect())
}

/// Today's date, from the system clock (days since 1970 to a calendar date).
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Chapter 10's measurements: each listing of listings/ch10-gil run with
/// `--measure` (the Python ones with every Python of PYTHONS found), and the
/// pool benchmark; the results go to data/ch10/ and the plots are drawn.
fn chapter_10(threads: &[usize], machine: &str) -> Result<()> {
    if !threads.contains(&1) {
        bail!("--threads must include 1: every speed-up is measured against one thread");
    }
    let pythons = pythons();
    if pythons.is_empty() {
        bail!("none of Python {PYTHONS:?} found, on the PATH or under pyenv");
    }
    let counts: Vec<String> = threads.iter().map(usize::to_string).collect();
    let bins = ["ch10-primes", "ch10-sleeps", "ch10-locks", "ch10-spawn"];
    let mut build = cargo();
    build.args([
        "build",
        "--quiet",
        "--locked",
        "--release",
        "-p",
        "listings",
    ]);
    for bin in bins {
        build.args(["--bin", bin]);
    }
    crate::run(build)?;
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from);
    let header = format!(
        "# Measured by `cargo xtask measure --threads {}` on {}: {machine}\n\
         # Python listings run with {}\n",
        counts.join(","),
        today(),
        pythons
            .iter()
            .map(|p| p.version.as_str())
            .collect::<Vec<_>>()
            .join(" and ")
    );
    let write = |file: &str, columns: &[&str], rows: &[Vec<String>]| -> Result<()> {
        let path = root().join("data/ch10").join(file);
        fs::create_dir_all(path.parent().unwrap())?;
        let text = format!("{header}{}", plots::Table::format(columns, rows));
        fs::write(&path, &text).with_context(|| format!("writing {}", shown(&path)))?;
        println!("wrote {}:\n{text}", shown(&path));
        Ok(())
    };
    // What `listings/ch10-gil/<file> --measure <args>` prints with each
    // Python, each row with that Python's label.
    let python_rows = |file: &str, args: &[String]| -> Result<Vec<(String, Vec<String>)>> {
        let mut rows = Vec::new();
        for python in &pythons {
            let mut command = Command::new(&python.path);
            command
                .arg(format!("listings/ch10-gil/{file}"))
                .arg("--measure")
                .args(args);
            let label = &python.label;
            rows.extend(
                rows_of(command, file)?
                    .into_iter()
                    .map(|r| (label.clone(), r)),
            );
        }
        Ok(rows)
    };
    // What the release build of the listing `bin` prints with `--measure <args>`.
    let rust_rows = |bin: &str, args: &[String]| -> Result<Vec<Vec<String>>> {
        let mut command = Command::new(target.join("release").join(bin));
        command.arg("--measure").args(args);
        rows_of(command, bin)
    };

    // CPU-bound: seconds, and the speed-up over the same way on 1 thread.
    let primes_args: Vec<String> = std::iter::once("300000".to_string())
        .chain(counts.iter().cloned())
        .collect();
    let mut primes: Vec<[String; 3]> = python_rows("primes.py", &primes_args)?
        .into_iter()
        .map(|(label, row)| {
            [
                format!("{label} {}", row[0]),
                row[1].clone(),
                row[2].clone(),
            ]
        })
        .collect();
    for row in rust_rows("ch10-primes", &primes_args)? {
        let what = if row[0] == "threads" {
            "Rust threads"
        } else {
            "rayon"
        };
        primes.push([what.to_string(), row[1].clone(), row[2].clone()]);
    }
    let speed_up = |row: &[String; 3]| -> String {
        let one = primes
            .iter()
            .find(|r| r[0] == row[0] && r[1] == "1")
            .and_then(|r| r[2].parse::<f64>().ok());
        match (one, row[2].parse::<f64>().ok()) {
            (Some(one), Some(this)) if this > 0.0 => format!("{:.2}", one / this),
            _ => "-".to_string(),
        }
    };
    let primes_rows: Vec<Vec<String>> = primes
        .iter()
        .map(|r| vec![r[0].clone(), r[1].clone(), r[2].clone(), speed_up(r)])
        .collect();
    write(
        "primes.txt",
        &["what", "threads", "seconds", "speed-up"],
        &primes_rows,
    )?;

    // I/O-bound: 20 waits of 50 ms, also on one thread per wait.
    let mut waits = counts.clone();
    if !waits.iter().any(|c| c == "20") {
        waits.push("20".to_string());
    }
    let mut sleeps: Vec<Vec<String>> = python_rows("sleeps.py", &waits)?
        .into_iter()
        .map(|(label, row)| vec![format!("{label} threads"), row[1].clone(), row[2].clone()])
        .collect();
    for row in rust_rows("ch10-sleeps", &waits)? {
        sleeps.push(vec![
            "Rust threads".to_string(),
            row[1].clone(),
            row[2].clone(),
        ]);
    }
    write("sleeps.txt", &["what", "threads", "seconds"], &sleeps)?;

    // Locks: nanoseconds per increase, on 1 thread and on 2.
    let mut locks: Vec<Vec<String>> = python_rows("locks.py", &[])?
        .into_iter()
        .map(|(label, row)| {
            vec![
                format!("{label} {}", row[0]),
                row[1].clone(),
                row[2].clone(),
            ]
        })
        .collect();
    for row in rust_rows("ch10-locks", &[])? {
        locks.push(vec![
            format!("Rust {}", row[0]),
            row[1].clone(),
            row[2].clone(),
        ]);
    }
    write("locks.txt", &["what", "threads", "ns"], &locks)?;

    // Pools: million jobs per second, from the pool benchmark.
    let mut pools = Vec::new();
    let mut bench = cargo();
    bench
        .args([
            "bench", "--quiet", "--locked", "-p", "listings", "--bench", "pool",
        ])
        .env("BOOK_DATA", "1")
        .env("BOOK_PYTHON", &pythons[0].path);
    for row in rows_of(bench, "the pool benchmark")? {
        if row.len() == 6 && row[0] == "data" {
            let what = if row[2].starts_with("Python") {
                row[2].replacen("Python", &pythons[0].label, 1)
            } else {
                row[2].clone()
            };
            pools.push(vec![
                what,
                row[1].clone(),
                row[3].clone(),
                row[4].clone(),
                row[5].clone(),
            ]);
        }
    }
    write(
        "pools.txt",
        &["what", "jobs", "M jobs/s", "slowest run", "fastest run"],
        &pools,
    )?;

    // A thread: microseconds to start and join one; a pool's job for scale.
    let mut spawn: Vec<Vec<String>> = python_rows("spawn.py", &[])?
        .into_iter()
        .map(|(label, row)| vec![format!("{label} {}", row[0]), row[2].clone()])
        .collect();
    for row in rust_rows("ch10-spawn", &[])? {
        spawn.push(vec![format!("Rust {}", row[0]), row[2].clone()]);
    }
    for row in pools.iter().filter(|r| r[1] == "tiny") {
        if let Ok(rate) = row[2].parse::<f64>() {
            spawn.push(vec![
                format!("{}, a tiny job", row[0]),
                format!("{:.2}", 1.0 / rate),
            ]);
        }
    }
    write("spawn.txt", &["what", "µs"], &spawn)?;

    // The goals the issue set for the book's code: reported, not asserted.
    let value = |rows: &[Vec<String>], what: &str, kind: &str, column: usize| {
        rows.iter()
            .find(|r| r[0] == what && r[1] == kind)
            .and_then(|r| r[column].parse::<f64>().ok())
    };
    let mut goals = Vec::new();
    let mut goal = |name: &str, target: f64, measured: Option<f64>| {
        let (shown, met) = match measured {
            Some(m) => (format!("{m:.2}"), if m >= target { "yes" } else { "no" }),
            None => ("-".to_string(), "not measured"),
        };
        goals.push(vec![
            name.to_string(),
            format!("{target:.2}"),
            shown,
            met.to_string(),
        ]);
    };
    goal(
        "Rust threads, speed-up on 2 threads",
        1.9,
        value(&primes_rows, "Rust threads", "2", 3),
    );
    let rayon_tiny = value(&pools, "rayon::scope", "tiny", 2);
    goal(
        "second pool / rayon, tiny jobs",
        0.5,
        value(&pools, "second pool", "tiny", 2)
            .zip(rayon_tiny)
            .map(|(a, b)| a / b),
    );
    let single = value(&pools, "one thread, no pool", "heavy", 2);
    goal(
        "second pool, speed-up on heavy jobs",
        1.9,
        value(&pools, "second pool", "heavy", 2)
            .zip(single)
            .map(|(a, b)| a / b),
    );
    write("goals.txt", &["goal", "target", "measured", "met"], &goals)?;

    plots::render_all(&root())?;
    for plot in plots::PLOTS {
        println!("drew {} from {}", plot.svg, plot.data);
    }
    Ok(())
}
