// ANCHOR: all
// Locking a std Mutex twice on one thread: shown safely with try_lock.
use std::sync::{Mutex, TryLockError};
use std::time::Duration;

fn main() {
    // ANCHOR: std
    let m = Mutex::new(0);
    let _first = m.lock().unwrap();
    // A second lock() here may deadlock or panic; std does not say which.
    match m.try_lock() {
        Err(TryLockError::WouldBlock) => {
            println!("std: already locked; a second lock() may deadlock or panic")
        }
        other => println!("std: unexpected {other:?}"),
    }
    // ANCHOR_END: std

    // ANCHOR: parking_lot
    let m = parking_lot::Mutex::new(0);
    let _first = m.lock();
    // parking_lot can wait with a timeout, and give up.
    let second = m.try_lock_for(Duration::from_millis(100));
    println!(
        "parking_lot: second lock after 100 ms: {:?}",
        second.is_some()
    );
    // ANCHOR_END: parking_lot
}
// ANCHOR_END: all
