// Mutex<T> is Sync when T is Send: a Cell, which is not Sync, may be shared
// inside one, because the lock lets one thread at a time reach it.
use std::cell::Cell;
use std::sync::{Arc, Mutex};
use std::thread;

fn main() {
    // ANCHOR: counter
    let counter = Arc::new(Mutex::new(Cell::new(0u64)));
    let threads: Vec<_> = (0..2)
        .map(|_| {
            let counter = Arc::clone(&counter);
            thread::spawn(move || {
                for _ in 0..1000 {
                    let cell = counter.lock().unwrap();
                    cell.set(cell.get() + 1);
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    println!("count: {}", counter.lock().unwrap().get());
    // ANCHOR_END: counter
}
