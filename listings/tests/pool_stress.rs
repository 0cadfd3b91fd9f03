//! The book's thread pool (listings/ch07-thread-pool/pool.rs, the very file the
//! chapter shows) under load: 100,000 jobs, every seventh of which panics,
//! through 1, 2 and 8 workers. Every job runs exactly once, every
//! non-panicking job's result arrives exactly once through its handle, and
//! every panic comes back as Err with its payload.

#[allow(dead_code)]
#[path = "../ch07-thread-pool/pool.rs"]
mod pool;

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

const JOBS: usize = 100_000;

fn run(workers: usize) {
    let runs: Arc<Vec<AtomicU8>> = Arc::new((0..JOBS).map(|_| AtomicU8::new(0)).collect());
    let pool = pool::ThreadPool::new(workers);
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
}

#[test]
#[ignore = "heavy tier: cargo test -- --include-ignored"]
fn every_result_arrives_exactly_once_through_1_2_and_8_workers() {
    // 14,286 deliberate panics per run would flood stderr through the default
    // hook; every other panic, such as a failed assertion, still goes to it.
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if !(message.starts_with("job ") && message.ends_with(" panics on purpose")) {
            default(info);
        }
    }));
    for workers in [1, 2, 8] {
        // About 1.5 s on two cores; a dead worker would leave handles
        // waiting forever.
        common::within(
            std::time::Duration::from_secs(120),
            &format!("{JOBS} jobs through {workers} workers"),
            move || run(workers),
        );
    }
    drop(std::panic::take_hook());
}
