//! A loom model of the pool's queue and shutdown (listings/ch07-thread-pool/pool.rs):
//! workers wait on a Condvar for jobs, and Drop sets `shutdown` under the lock
//! and wakes them all. loom runs every interleaving (up to LOOM_MAX_PREEMPTIONS
//! preemptions, 3 by default here) and checks that every job runs exactly once
//! and that no worker waits forever.
//!
//! The second model has a known bug, the shutdown flag set outside the lock, and
//! a test checks that loom catches it. An expected deadlock makes loom abort the
//! process, so that model runs in a child process.

use loom::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use loom::sync::{Arc, Condvar, Mutex};
use loom::thread;
use std::collections::VecDeque;

struct Queue {
    jobs: VecDeque<usize>,
    shutdown: bool,
}

struct Shared {
    queue: Mutex<Queue>,
    available: Condvar,
    /// The buggy model's flag, read and written without the lock.
    shutdown_outside: AtomicBool,
    ran: AtomicUsize,
}

fn worker(shared: &Shared, buggy: bool) {
    loop {
        let job = {
            let mut queue = shared.queue.lock().unwrap();
            loop {
                if let Some(job) = queue.jobs.pop_front() {
                    break Some(job);
                }
                let stop = if buggy {
                    shared.shutdown_outside.load(Ordering::SeqCst)
                } else {
                    queue.shutdown
                };
                if stop {
                    break None;
                }
                queue = shared.available.wait(queue).unwrap();
            }
        };
        match job {
            Some(job) => {
                shared.ran.fetch_add(job, Ordering::SeqCst);
            }
            None => return,
        }
    }
}

/// Two workers, two jobs, then the pool is dropped.
fn model(buggy: bool) {
    let shared = Arc::new(Shared {
        queue: Mutex::new(Queue {
            jobs: VecDeque::new(),
            shutdown: false,
        }),
        available: Condvar::new(),
        shutdown_outside: AtomicBool::new(false),
        ran: AtomicUsize::new(0),
    });
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let shared = Arc::clone(&shared);
            thread::spawn(move || worker(&shared, buggy))
        })
        .collect();
    for job in [1, 10] {
        shared.queue.lock().unwrap().jobs.push_back(job);
        shared.available.notify_one();
    }
    // Drop: set the flag and wake everybody.
    if buggy {
        // The bug: a worker may have checked the flag and be about to wait;
        // this store and notify can fall between its check and its wait.
        shared.shutdown_outside.store(true, Ordering::SeqCst);
    } else {
        shared.queue.lock().unwrap().shutdown = true;
    }
    shared.available.notify_all();
    for w in workers {
        w.join().unwrap();
    }
    // Both jobs ran, each exactly once: 1 + 10.
    assert_eq!(shared.ran.load(Ordering::SeqCst), 11);
}

fn builder() -> loom::model::Builder {
    let mut builder = loom::model::Builder::new();
    if builder.preemption_bound.is_none() {
        builder.preemption_bound = Some(3);
    }
    builder
}

#[test]
fn pool_queue_and_shutdown_are_correct_in_every_interleaving() {
    builder().check(|| model(false));
}

/// Run only by the test below, in a child process: loom aborts on the deadlock.
#[test]
#[ignore]
fn buggy_shutdown_model() {
    builder().check(|| model(true));
}

#[test]
fn loom_catches_the_shutdown_flag_set_outside_the_lock() {
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "buggy_shutdown_model",
            "--ignored",
            "--nocapture",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !output.status.success(),
        "loom did not catch the bug:\n{stderr}"
    );
    assert!(
        stderr.contains("deadlock"),
        "loom failed, but not with a deadlock:\n{stderr}"
    );
}
