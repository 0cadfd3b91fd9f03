//! `cargo xtask measure`: the figures the book quotes, from real runs.
//!
//! Each measurement runs a listing a few times and writes what it printed,
//! with the machine it ran on, to a `.measured` file beside the listing. The
//! chapter includes that file in a block the translation leaves alone, so no
//! figure in the book is typed by hand, and a new run changes no message
//! that a translator has to see again.

use std::fs;
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
        program: Program::Bin("ch07-threads-2000"),
        file: "listings/ch07-thread-pool/threads_2000.measured",
        runs: 3,
        keep: None,
    },
    Measurement {
        program: Program::Bench("servers"),
        file: "listings/ch07-thread-pool/servers_bench.measured",
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
    let version = |program: &str| {
        Command::new(program)
            .arg("--version")
            .output()
            .map(|o| {
                // Python 2 printed its version on stderr.
                let text = [o.stdout, o.stderr].concat();
                String::from_utf8_lossy(&text).trim().to_string()
            })
            .unwrap_or_default()
    };
    let (rustc, python) = (version("rustc"), version("python3"));
    format!(
        "{cpu}, {cores} cores available, {} GiB of memory, {} {}, {rustc}, {python}",
        memory_kib / (1024 * 1024),
        std::env::consts::OS,
        kernel.trim()
    )
}

pub fn measure() -> Result<()> {
    let machine = machine();
    for measurement in MEASUREMENTS {
        let runs = measurement.runs;
        let mut text = format!("Measured by `cargo xtask measure`, {runs} runs, on {machine}:\n");
        for run in 1..=runs {
            let (mut command, name) = match measurement.program {
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
            let kept: Vec<String> = String::from_utf8_lossy(&output.stdout)
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
    Ok(())
}
