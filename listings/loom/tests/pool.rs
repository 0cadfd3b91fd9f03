//! A loom model of the book's thread pools: the very code of
//! listings/ch08-thread-pool/pool.rs and listings/ch10-gil/fast_pool.rs,
//! compiled with loom's Mutex, Condvar, mpsc and threads (build.rs copies
//! them into OUT_DIR). loom runs every interleaving, up to
//! LOOM_MAX_PREEMPTIONS preemptions (3 unless set), and checks that every
//! job submitted runs exactly once and that no thread waits forever.
//!
//! A mutant of the pool, whose workers look at `shutdown` before they drain
//! the queue, must fail: loom reports the job that never runs as a deadlock
//! (its channel never says closed) and aborts the process, so the mutant runs
//! in a child process.
//!
//! Run it with:
//!
//!     RUSTFLAGS="--cfg loom" cargo test -p pool-loom --release --target-dir target/loom
//!
//! (`cargo xtask loom` does just that.) Without `--cfg loom` this file is empty.
#![cfg(loom)]

#[allow(dead_code)]
mod pool {
    include!(concat!(env!("OUT_DIR"), "/pool.rs"));
}

#[allow(dead_code)]
mod pool_shutdown_first {
    include!(concat!(env!("OUT_DIR"), "/pool_shutdown_first.rs"));
}

#[allow(dead_code)]
mod fast_pool {
    include!(concat!(env!("OUT_DIR"), "/fast_pool.rs"));
}

#[allow(dead_code)]
mod fast_pool_stays_waking {
    include!(concat!(env!("OUT_DIR"), "/fast_pool_stays_waking.rs"));
}

fn builder() -> loom::model::Builder {
    let mut builder = loom::model::Builder::new();
    if builder.preemption_bound.is_none() {
        builder.preemption_bound = Some(3);
    }
    builder
}

/// Two workers, two jobs, then the pool is dropped before anyone joins.
macro_rules! model {
    ($pool:ident) => {
        builder().check(|| {
            let pool = $pool::ThreadPool::new(2).unwrap();
            let one = pool.submit(|| 1);
            let ten = pool.submit(|| 10);
            drop(pool);
            let sum = one.join().unwrap() + ten.join().unwrap();
            assert_eq!(sum, 11, "each job ran exactly once");
        })
    };
}

#[test]
fn every_job_runs_once_and_no_thread_waits_forever() {
    model!(pool);
}

/// Run only by the test below, in a child process: loom aborts on the deadlock.
#[test]
#[ignore = "run by loom_catches_workers_that_check_shutdown_first, in a child process"]
fn shutdown_first_mutant() {
    model!(pool_shutdown_first);
}

/// Runs the ignored test `mutant` in a child process (loom aborts the
/// process on a deadlock) and checks that loom failed it with a deadlock.
fn loom_catches(mutant: &str, what: &str) {
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", mutant, "--ignored", "--nocapture"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !output.status.success(),
        "loom passed the mutant {what}:\n{stderr}"
    );
    assert!(
        stderr.contains("deadlock"),
        "loom failed the mutant {what}, but not with a deadlock:\n{stderr}"
    );
}

#[test]
fn loom_catches_workers_that_check_shutdown_first() {
    loom_catches(
        "shutdown_first_mutant",
        "whose workers check shutdown first",
    );
}

/// Chapter 10's pool: two workers, two jobs joined while the pool lives (a
/// join may run a job itself), then the pool is dropped.
#[test]
fn the_second_pool_runs_every_job_once_and_no_thread_waits_forever() {
    builder().check(|| {
        let pool = fast_pool::ThreadPool::new(2).unwrap();
        let one = pool.submit(|| 1);
        let ten = pool.submit(|| 10);
        let sum = one.join().unwrap() + ten.join().unwrap();
        assert_eq!(sum, 11, "each job ran exactly once");
    });
}

/// One worker; each job is awaited through a flag of its own, not through
/// join, so that only the worker can run it: a submit that fails to wake the
/// sleeping worker leaves the main thread waiting forever.
macro_rules! wake_model {
    ($pool:ident) => {
        builder().check(|| {
            use loom::sync::{Arc, Condvar, Mutex};
            let pool = $pool::ThreadPool::new(1).unwrap();
            for _ in 0..2 {
                let ran = Arc::new((Mutex::new(false), Condvar::new()));
                let done = Arc::clone(&ran);
                let handle = pool.submit(move || {
                    *done.0.lock().unwrap() = true;
                    done.1.notify_one();
                });
                let (flag, changed) = &*ran;
                let mut flag = flag.lock().unwrap();
                while !*flag {
                    flag = changed.wait(flag).unwrap();
                }
                drop(flag);
                handle.join().unwrap();
            }
        })
    };
}

#[test]
fn every_submit_reaches_a_sleeping_worker() {
    wake_model!(fast_pool);
}

/// Run only by the test below, in a child process: loom aborts on the deadlock.
#[test]
#[ignore = "run by loom_catches_a_worker_that_stays_waking, in a child process"]
fn stays_waking_mutant() {
    wake_model!(fast_pool_stays_waking);
}

#[test]
fn loom_catches_a_worker_that_stays_waking() {
    loom_catches("stays_waking_mutant", "whose woken worker stays `waking`");
}
