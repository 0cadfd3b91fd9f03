// ANCHOR: all
// Two threads add to one number under one lock; main waits for both with join.
use std::sync::{Arc, Mutex};
use std::thread;

fn main() {
    // ANCHOR: shared
    // Arc gives every thread its own handle on the same Mutex.
    let num = Arc::new(Mutex::new(0));
    let mut handles = Vec::new();
    for _ in 0..2 {
        let num = Arc::clone(&num);
        handles.push(thread::spawn(move || {
            for _ in 0..100_000 {
                *num.lock().unwrap() += 1;
            }
        }));
    }
    // ANCHOR_END: shared

    for handle in handles {
        handle.join().unwrap();
    }
    println!("num:{}", num.lock().unwrap());
}
// ANCHOR_END: all
