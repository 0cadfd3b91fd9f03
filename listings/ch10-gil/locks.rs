// What a lock costs in Rust: a counter increased under std's Mutex,
// parking_lot's Mutex and ReentrantMutex, and as an AtomicU64 with no lock,
// by one thread and then by two at once. `--measure` prints nanoseconds per
// increase instead.
use parking_lot::ReentrantMutex;
use std::cell::Cell;
use std::hint::black_box;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, Instant};

const OPS: u64 = 2_000_000;

fn run(threads: u64, ops: u64, increase: impl Fn() + Sync) -> Duration {
    let began = Instant::now();
    thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                for _ in 0..ops / threads {
                    increase();
                }
            });
        }
    });
    began.elapsed()
}

fn measure(threads: u64, ops: u64) -> [(&'static str, Duration, u64); 4] {
    let std_mutex = Mutex::new(0u64);
    let parking = parking_lot::Mutex::new(0u64);
    let reentrant = ReentrantMutex::new(Cell::new(0u64));
    let atomic = AtomicU64::new(0);
    let times = [
        run(threads, ops, || *black_box(&std_mutex).lock().unwrap() += 1),
        run(threads, ops, || *black_box(&parking).lock() += 1),
        run(threads, ops, || {
            let count = black_box(&reentrant).lock();
            count.set(count.get() + 1);
        }),
        run(threads, ops, || {
            black_box(&atomic).fetch_add(1, Ordering::Relaxed);
        }),
    ];
    let totals = [
        *std_mutex.lock().unwrap(),
        *parking.lock(),
        reentrant.lock().get(),
        atomic.load(Ordering::Relaxed),
    ];
    let names = ["Mutex", "parking_lot::Mutex", "ReentrantMutex", "AtomicU64"];
    std::array::from_fn(|i| (names[i], times[i], totals[i]))
}

fn main() {
    let measuring = std::env::args().nth(1).as_deref() == Some("--measure");
    for threads in [1, 2] {
        let ops = if measuring { OPS } else { 10_000 };
        for (name, took, total) in measure(threads, ops) {
            if measuring {
                let ns = took.as_secs_f64() / ops as f64 * 1e9;
                println!("{name}\t{threads}\t{ns:.1}");
            } else {
                println!("{name}, {threads} thread(s): {total}");
            }
        }
    }
}
