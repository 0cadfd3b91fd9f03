// ANCHOR: all
// A counter needs no lock: an atomic add is one indivisible step.
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;

fn main() {
    let with_mutex = Mutex::new(0u64);
    let with_atomic = AtomicU64::new(0);

    thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                for _ in 0..100_000 {
                    *with_mutex.lock().unwrap() += 1;
                    // ANCHOR: fetch_add
                    with_atomic.fetch_add(1, Ordering::Relaxed);
                    // ANCHOR_END: fetch_add
                }
            });
        }
    });
    println!("mutex:  {}", with_mutex.into_inner().unwrap());
    println!("atomic: {}", with_atomic.into_inner());
}
// ANCHOR_END: all
