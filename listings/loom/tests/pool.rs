//! A loom model of chapter 7's thread pool: the very code of
//! listings/ch07-thread-pool/pool.rs, compiled with loom's Mutex, Condvar,
//! mpsc and threads (build.rs copies it into OUT_DIR). loom runs every
//! interleaving, up to LOOM_MAX_PREEMPTIONS preemptions (3 unless set), and
//! checks that every job submitted before the pool is dropped runs exactly
//! once and that no thread waits forever.
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

#[test]
fn loom_catches_workers_that_check_shutdown_first() {
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "shutdown_first_mutant",
            "--ignored",
            "--nocapture",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !output.status.success(),
        "loom passed the mutant whose workers check shutdown first:\n{stderr}"
    );
    assert!(
        stderr.contains("deadlock"),
        "loom failed the mutant, but not with a deadlock:\n{stderr}"
    );
}
