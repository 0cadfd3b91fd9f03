//! The book's pool against rayon's scope and Python's ThreadPoolExecutor, side
//! by side in one run: `cargo bench --bench pool`. Reports medians with
//! min–max over several runs; asserts nothing.

#[allow(dead_code)]
#[path = "../ch08-thread-pool/pool.rs"]
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
#[path = "../ch10-gil/pool_help.rs"]
mod pool_help;

#[allow(dead_code)]
#[path = "../ch10-gil/fast_pool.rs"]
mod fast_pool;

use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

const RUNS: usize = 9;
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
/// the chapter uses, and million jobs per second: the median, the slowest
/// run and the fastest.
fn report(name: &str, data: (&str, &str), jobs: u64, times: Vec<Duration>) -> f64 {
    let (median, min, max) = stats(times);
    let rate = |d: Duration| jobs as f64 / d.as_secs_f64();
    if std::env::var("BOOK_DATA").is_ok_and(|v| v == "1") {
        println!(
            "data\t{}\t{}\t{:.4}\t{:.4}\t{:.4}",
            data.0,
            data.1,
            rate(median) / 1e6,
            rate(max) / 1e6,
            rate(min) / 1e6
        );
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

    // (what this run prints, the name in data/ch10/pools.txt), then rayon.
    let names = [
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
        ("step 3: join runs queued jobs", "step 3: join helps"),
        ("step 4: look again before sleeping", "second pool"),
        ("rayon::scope (result into a slot)", "rayon::scope"),
    ];
    // One run of way `i` on `jobs` jobs of `work`.
    let run = |i: usize, jobs: u64, work: fn(u64, u64) -> u64, rounds: u64| {
        let job = move |n| work(n, rounds);
        match i {
            0 => pool_run!(pool, jobs, job),
            1 => pool_run!(pool_slot, jobs, job),
            2 => pool_run!(pool_wake, jobs, job),
            3 => pool_run!(pool_batch, jobs, job),
            4 => pool_run!(pool_help, jobs, job),
            5 => pool_run!(fast_pool, jobs, job),
            _ => rayon_scope(&rayon_pool, jobs, job),
        }
    };
    // The ways take turns, run after run, rather than each running all its
    // runs at once: on a shared machine whose speed changes over a minute,
    // every way then sees the same changes, and their ratios hold.
    let interleaved = |jobs: u64, work: fn(u64, u64) -> u64| {
        let mut times: Vec<Vec<Duration>> = vec![Vec::new(); names.len()];
        for _ in 0..RUNS {
            for (i, way) in times.iter_mut().enumerate() {
                way.push(run(i, jobs, work, rounds));
            }
        }
        times
    };

    println!("{TINY} tiny jobs, results collected:");
    for ((name, data), times) in names.iter().zip(interleaved(TINY, |n, _| tiny(n))) {
        report(name, ("tiny", data), TINY, times);
    }

    println!("\n{HEAVY} jobs of about 100 µs:");
    let single = report(
        "inline, one thread",
        ("heavy", "one thread, no pool"),
        HEAVY,
        (0..RUNS)
            .map(|_| inline(HEAVY, move |i| heavy(i, rounds)))
            .collect(),
    );
    let mut speed_ups = Vec::new();
    for ((name, data), times) in names.iter().zip(interleaved(HEAVY, heavy)) {
        let took = report(name, ("heavy", data), HEAVY, times);
        speed_ups.push(format!("{data} {:.2}x", single / took));
    }
    println!("speed-up over one thread: {}", speed_ups.join(", "));

    println!("\nPython ThreadPoolExecutor(2), same machine, same run:");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/executor.py");
    let python = std::env::var("BOOK_PYTHON").unwrap_or_else(|_| "python3".to_string());
    let status = std::process::Command::new(python).arg(script).status();
    if !status.is_ok_and(|s| s.success()) {
        println!("(python3 benches/executor.py did not run)");
    }
}
