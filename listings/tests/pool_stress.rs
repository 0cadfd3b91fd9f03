//! The book's thread pools (listings/ch08-thread-pool/pool.rs and
//! listings/ch10-gil/fast_pool.rs, the very files the chapters show) under
//! load: 100,000 jobs, every seventh of which panics, through 1, 2 and 8
//! workers. Every job runs exactly once, every non-panicking job's result
//! arrives exactly once through its handle, and every panic comes back as Err
//! with its payload.

#[allow(dead_code)]
#[path = "../ch08-thread-pool/pool.rs"]
mod pool;

#[allow(dead_code)]
#[path = "../ch10-gil/fast_pool.rs"]
mod fast_pool;

mod common;

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

const JOBS: usize = 100_000;

/// Runs the load through a pool from the module `$pool` (each of the book's
/// pools has the same interface) with `$workers` workers.
macro_rules! stress {
    ($pool:ident, $workers:expr) => {{
        let workers: usize = $workers;
        let runs: Arc<Vec<AtomicU8>> = Arc::new((0..JOBS).map(|_| AtomicU8::new(0)).collect());
        let pool = $pool::ThreadPool::new(workers).expect("the workers start");
        let handles: Vec<_> = (0..JOBS)
            .map(|i| {
                let runs = Arc::clone(&runs);
                pool.submit(move || {
                    runs[i].fetch_add(1, Ordering::Relaxed);
                    if i % 7 == 3 {
                        panic!("job {i} panics on purpose");
                    }
                    i * 2
                })
            })
            .collect();
        let mut results = 0;
        for (i, handle) in handles.into_iter().enumerate() {
            match handle.join() {
                Ok(value) => {
                    assert_ne!(i % 7, 3, "job {i} should have panicked");
                    assert_eq!(value, i * 2, "job {i} returned another job's result");
                    results += 1;
                }
                Err(payload) => {
                    assert_eq!(i % 7, 3, "job {i} should not have panicked");
                    let message = payload.downcast_ref::<String>().expect("a formatted panic");
                    assert_eq!(*message, format!("job {i} panics on purpose"));
                }
            }
        }
        drop(pool);
        let expected = (0..JOBS).filter(|i| i % 7 != 3).count();
        assert_eq!(results, expected, "with {workers} workers");
        for (i, count) in runs.iter().enumerate() {
            assert_eq!(
                count.load(Ordering::Relaxed),
                1,
                "job {i} ran {} times",
                count.load(Ordering::Relaxed)
            );
        }
    }};
}

fn run(workers: usize) {
    stress!(pool, workers);
}

fn run_second_pool(workers: usize) {
    stress!(fast_pool, workers);
}

/// Deliberate panics (their messages end with "on purpose") would flood
/// stderr through the default hook; every other panic, such as a failed
/// assertion, still goes to it. Installed once, for every test here.
fn silence_deliberate_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let payload = info.payload();
            let message = payload
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| payload.downcast_ref::<&str>().copied())
                .unwrap_or_default();
            if !message.ends_with("on purpose") {
                default(info);
            }
        }));
    });
}

#[test]
#[ignore = "heavy tier: cargo test -- --include-ignored"]
fn every_result_arrives_exactly_once_through_1_2_and_8_workers() {
    silence_deliberate_panics();
    for workers in [1, 2, 8] {
        // About 1.5 s on two cores; a dead worker would leave handles
        // waiting forever.
        common::within(
            Duration::from_secs(120),
            &format!("{JOBS} jobs through {workers} workers"),
            move || run(workers),
        );
    }
}

#[test]
#[ignore = "heavy tier: cargo test -- --include-ignored"]
fn the_second_pool_too_delivers_every_result_exactly_once_through_1_2_and_8_workers() {
    silence_deliberate_panics();
    for workers in [1, 2, 8] {
        // Here the main thread also runs jobs while it joins.
        common::within(
            Duration::from_secs(120),
            &format!("{JOBS} jobs through the second pool's {workers} workers"),
            move || run_second_pool(workers),
        );
    }
}

#[test]
#[ignore = "heavy tier: cargo test -- --include-ignored"]
fn dropping_the_pool_at_once_runs_each_of_10_000_jobs_exactly_once() {
    common::within(Duration::from_secs(60), "drop at once", || {
        const JOBS: usize = 10_000;
        let runs: Arc<Vec<AtomicU8>> = Arc::new((0..JOBS).map(|_| AtomicU8::new(0)).collect());
        let pool = pool::ThreadPool::new(2).unwrap();
        for i in 0..JOBS {
            let runs = Arc::clone(&runs);
            // The handle is dropped at once: nobody waits for the result.
            let _ = pool.submit(move || runs[i].fetch_add(1, Ordering::Relaxed));
        }
        drop(pool);
        for (i, count) in runs.iter().enumerate() {
            assert_eq!(count.load(Ordering::Relaxed), 1, "job {i}");
        }
    });
}

#[test]
#[ignore = "heavy tier: cargo test -- --include-ignored"]
fn a_value_whose_drop_panics_after_its_handle_is_gone_leaves_the_worker_alive() {
    silence_deliberate_panics();
    struct PanicsWhenDropped;
    impl Drop for PanicsWhenDropped {
        fn drop(&mut self) {
            panic!("dropped, and panicking on purpose");
        }
    }
    common::within(Duration::from_secs(10), "a panicking Drop", || {
        let pool = pool::ThreadPool::new(1).unwrap();
        let (open, gate) = mpsc::channel::<()>();
        // The one worker waits at the gate while the handle is dropped.
        let first = pool.submit(move || gate.recv().unwrap());
        drop(pool.submit(|| PanicsWhenDropped));
        open.send(()).unwrap();
        first.join().unwrap();
        let after = pool.submit(|| "the worker lives");
        assert_eq!(after.join().unwrap(), "the worker lives");
        drop(pool); // and Drop does not panic
    });
}

const FAILED_SPAWN: &str = "new_stops_the_workers_it_started_when_the_system_refuses_one";

#[test]
#[ignore = "heavy tier: cargo test -- --include-ignored"]
fn new_stops_the_workers_it_started_when_the_system_refuses_one() {
    if common::in_child(FAILED_SPAWN).is_some() {
        return; // the child passed
    }
    // The child: room for a few 2 MiB stacks and no more, then a pool of 64
    // workers. new() must fail, and leave no worker behind.
    let room = common::status_bytes("VmSize:") + 7 * 1024 * 1024;
    let old = common::set_soft_limit(libc::RLIMIT_AS, room);
    let pool = pool::ThreadPool::new(64);
    common::set_soft_limit(libc::RLIMIT_AS, old);
    assert!(pool.is_err(), "64 workers started in 7 MiB");
    let workers = std::fs::read_dir("/proc/self/task")
        .unwrap()
        .filter_map(|t| std::fs::read_to_string(t.ok()?.path().join("comm")).ok())
        .filter(|name| name.starts_with("pool-"))
        .count();
    assert_eq!(workers, 0, "workers left running after new() failed");
}
