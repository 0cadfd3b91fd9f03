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

/// (listing's binary, the file its figures go to, how many runs).
const MEASUREMENTS: &[(&str, &str, usize)] = &[(
    "ch07-threads-2000",
    "listings/ch07-thread-pool/threads_2000.measured",
    3,
)];

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
    let rustc = Command::new("rustc")
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    format!(
        "{cpu}, {cores} cores available, {} GiB of memory, {} {}, {rustc}",
        memory_kib / (1024 * 1024),
        std::env::consts::OS,
        kernel.trim()
    )
}

pub fn measure() -> Result<()> {
    let machine = machine();
    for &(bin, file, runs) in MEASUREMENTS {
        let mut text = format!("Measured by `cargo xtask measure`, {runs} runs, on {machine}:\n");
        for run in 1..=runs {
            let output = cargo()
                .current_dir(root())
                .args(["run", "--quiet", "--locked", "-p", "listings", "--bin", bin])
                .output()
                .with_context(|| format!("running {bin}"))?;
            if !output.status.success() {
                bail!("{bin} failed:\n{}", String::from_utf8_lossy(&output.stderr));
            }
            text.push_str(&format!("run {run}:\n"));
            for line in String::from_utf8_lossy(&output.stdout).lines() {
                text.push_str(&format!("  {line}\n"));
            }
        }
        let path = root().join(file);
        fs::write(&path, &text).with_context(|| format!("writing {}", shown(&path)))?;
        println!("wrote {}:\n{text}", shown(&path));
    }
    Ok(())
}
