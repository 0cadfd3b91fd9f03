// Python's `counter += 1` from two threads, with a Cell: not Sync.
use std::cell::Cell;
use std::thread;

fn main() {
    let counter = Cell::new(0u64);
    thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                for _ in 0..1000 {
                    counter.set(counter.get() + 1);
                }
            });
        }
    });
    println!("count: {}", counter.get());
}
