//! The book's pool against rayon's scope and Python's ThreadPoolExecutor, side
//! by side in one run: `cargo bench --bench pool`. Reports medians with
//! min–max over several runs; asserts nothing.

#[allow(dead_code)]
#[path = "../ch07-thread-pool/pool.rs"]
mod pool;

#[allow(dead_code)]
#[path = "../ch10-gil/pool_slot.rs"]
mod pool_slot;

#[allow(dead_code)]
#[path = "../ch10-gil/pool_wake.rs"]
mod pool_wake;

#[allow(dead_code)]
#[path = "../ch10-gil/pool_batch.rs"]
mod pool_batch;

#[allow(dead_code)]
#[path = "../ch10-gil/fast_pool.rs"]
mod fast_pool;

use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

const RUNS: usize = 7;
const TINY: u64 = 1_000_000;
const HEAVY: u64 = 1_000;

fn tiny(i: u64) -> u64 {
    black_box(i).wrapping_mul(2_654_435_761)
}

/// About 100 µs of arithmetic on this machine (calibrated at start).
fn heavy(i: u64, rounds: u64) -> u64 {
    let mut x = black_box(i) | 1;
    for _ in 0..rounds {
        x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    }
    x
}

fn calibrate() -> u64 {
    let mut rounds = 10_000;
    loop {
        let began = Instant::now();
        black_box(heavy(1, rounds));
        let took = began.elapsed();
        if took >= Duration::from_millis(2) {
            return (rounds as f64 * 100e-6 / took.as_secs_f64()) as u64;
        }
        rounds *= 2;
    }
}

fn stats(mut times: Vec<Duration>) -> (Duration, Duration, Duration) {
    times.sort();
    (times[times.len() / 2], times[0], times[times.len() - 1])
}

/// Prints one result; with BOOK_DATA=1 (`cargo xtask measure`), also a
/// tab-separated line for the data files: `data`, tiny or heavy, the name
/// the chapter uses, million jobs per second.
fn report(name: &str, data: (&str, &str), jobs: u64, times: Vec<Duration>) -> f64 {
    let (median, min, max) = stats(times);
    let rate = |d: Duration| jobs as f64 / d.as_secs_f64();
    if std::env::var("BOOK_DATA").is_ok_and(|v| v == "1") {
        println!("data\t{}\t{}\t{:.4}", data.0, data.1, rate(median) / 1e6);
    }
    println!(
        "{name:<42} {:>9.3} M jobs/s  (min–max {:.3}–{:.3}), median {:.1} ms",
        rate(median) / 1e6,
        rate(max) / 1e6,
        rate(min) / 1e6,
        median.as_secs_f64() * 1e3
    );
    median.as_secs_f64()
}

/// Submits `jobs` jobs to a new pool of two workers from `$pool`, then
/// joins every handle in order: each of the book's pools has the same
/// interface, in a module of its own.
macro_rules! pool_run {
    ($pool:ident, $jobs:expr, $work:expr) => {{
        let (jobs, work) = ($jobs, $work);
        let pool = $pool::ThreadPool::new(2).expect("two workers start");
        let began = Instant::now();
        let handles: Vec<_> = (0..jobs).map(|i| pool.submit(move || work(i))).collect();
        let sum: u64 = handles
            .into_iter()
            .map(|h| h.join().unwrap())
            .fold(0, u64::wrapping_add);
        let took = began.elapsed();
        black_box(sum);
        took
    }};
}

fn rayon_scope(
    rayon_pool: &rayon::ThreadPool,
    jobs: u64,
    work: impl Fn(u64) -> u64 + Send + Sync + Copy,
) -> Duration {
    let results: Vec<AtomicU64> = (0..jobs).map(|_| AtomicU64::new(0)).collect();
    let began = Instant::now();
    rayon_pool.install(|| {
        rayon::scope(|s| {
            for (i, slot) in results.iter().enumerate() {
                s.spawn(move |_| slot.store(work(i as u64), Ordering::Relaxed));
            }
        })
    });
    let sum = results
        .iter()
        .map(|r| r.load(Ordering::Relaxed))
        .fold(0, u64::wrapping_add);
    let took = began.elapsed();
    black_box(sum);
    took
}

fn inline(jobs: u64, work: impl Fn(u64) -> u64) -> Duration {
    let began = Instant::now();
    let sum = (0..jobs).map(work).fold(0, u64::wrapping_add);
    let took = began.elapsed();
    black_box(sum);
    took
}

fn main() {
    let rounds = calibrate();
    let rayon_pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap();
    println!("2 workers everywhere; {RUNS} runs each; heavy job = {rounds} rounds ≈ 100 µs\n");

    println!("{TINY} tiny jobs, results collected:");
    // (what this run prints, the name in data/ch10/pools.txt)
    let pools = [
        ("book pool", "book pool"),
        ("step 1: a slot per job", "step 1: a slot per job"),
        (
            "step 2: wake only a sleeping worker",
            "step 2: fewer wake-ups",
        ),
        (
            "dropped: a share of the queue at a time",
            "dropped: batches",
        ),
        ("step 3: join runs queued jobs", "second pool"),
    ];
    for (i, (name, data)) in pools.into_iter().enumerate() {
        let run = || match i {
            0 => pool_run!(pool, TINY, tiny),
            1 => pool_run!(pool_slot, TINY, tiny),
            2 => pool_run!(pool_wake, TINY, tiny),
            3 => pool_run!(pool_batch, TINY, tiny),
            _ => pool_run!(fast_pool, TINY, tiny),
        };
        report(
            name,
            ("tiny", data),
            TINY,
            (0..RUNS).map(|_| run()).collect(),
        );
    }
    report(
        "rayon::scope (result into a slot)",
        ("tiny", "rayon::scope"),
        TINY,
        (0..RUNS)
            .map(|_| rayon_scope(&rayon_pool, TINY, tiny))
            .collect(),
    );

    println!("\n{HEAVY} jobs of about 100 µs:");
    let heavy_job = move |i| heavy(i, rounds);
    let single = report(
        "inline, one thread",
        ("heavy", "one thread, no pool"),
        HEAVY,
        (0..RUNS).map(|_| inline(HEAVY, heavy_job)).collect(),
    );
    let mut speed_ups = Vec::new();
    for (i, (name, data)) in pools.into_iter().enumerate() {
        let run = || match i {
            0 => pool_run!(pool, HEAVY, heavy_job),
            1 => pool_run!(pool_slot, HEAVY, heavy_job),
            2 => pool_run!(pool_wake, HEAVY, heavy_job),
            3 => pool_run!(pool_batch, HEAVY, heavy_job),
            _ => pool_run!(fast_pool, HEAVY, heavy_job),
        };
        let took = report(
            name,
            ("heavy", data),
            HEAVY,
            (0..RUNS).map(|_| run()).collect(),
        );
        speed_ups.push(format!("{data} {:.2}x", single / took));
    }
    let rayon = report(
        "rayon::scope",
        ("heavy", "rayon::scope"),
        HEAVY,
        (0..RUNS)
            .map(|_| rayon_scope(&rayon_pool, HEAVY, heavy_job))
            .collect(),
    );
    speed_ups.push(format!("rayon {:.2}x", single / rayon));
    println!("speed-up over one thread: {}", speed_ups.join(", "));

    println!("\nPython ThreadPoolExecutor(2), same machine, same run:");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/executor.py");
    let python = std::env::var("BOOK_PYTHON").unwrap_or_else(|_| "python3".to_string());
    let status = std::process::Command::new(python).arg(script).status();
    if !status.is_ok_and(|s| s.success()) {
        println!("(python3 benches/executor.py did not run)");
    }
}
