// ANCHOR: all
// acquire(blocking=False) and acquire(timeout=...) in Rust.
use std::sync::{Mutex, TryLockError};
use std::thread;
use std::time::{Duration, Instant};

fn main() {
    let std_lock = Mutex::new(0);
    let pl_lock = parking_lot::Mutex::new(0);

    thread::scope(|s| {
        let _held = std_lock.lock().unwrap();
        let _held_too = pl_lock.lock();
        s.spawn(|| {
            // ANCHOR: try_lock
            // std: try once, never wait.
            match std_lock.try_lock() {
                Ok(_) => println!("std try_lock: got it"),
                Err(TryLockError::WouldBlock) => println!("std try_lock: busy"),
                Err(TryLockError::Poisoned(_)) => println!("std try_lock: poisoned"),
            }
            // ANCHOR_END: try_lock

            // ANCHOR: try_lock_for
            // parking_lot: wait at most 100 ms.
            let began = Instant::now();
            let got = pl_lock.try_lock_for(Duration::from_millis(100));
            println!(
                "parking_lot try_lock_for(100 ms): got = {}, waited >= 100 ms: {}",
                got.is_some(),
                began.elapsed() >= Duration::from_millis(100)
            );
            // ANCHOR_END: try_lock_for
        })
        .join()
        .unwrap();
    });
    // Both locks were released when the scope ended.
    println!("afterwards: std free = {}", std_lock.try_lock().is_ok());
    println!(
        "afterwards: parking_lot free = {}",
        pl_lock.try_lock().is_some()
    );
}
// ANCHOR_END: all
