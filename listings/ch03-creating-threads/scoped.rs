// ANCHOR: all
// Scoped threads: borrow local data, and be joined when the scope ends.
use std::thread;

fn main() {
    let numbers: Vec<u64> = (1..=1000).collect();
    let mut totals = [0u64; 4];

    // ANCHOR: scope
    thread::scope(|s| {
        // Each thread borrows one quarter of `numbers` and one slot of `totals`.
        for (chunk, total) in numbers.chunks(250).zip(totals.iter_mut()) {
            s.spawn(move || *total = chunk.iter().sum());
        }
    }); // Every thread has been joined here.
    // ANCHOR_END: scope

    println!("totals: {totals:?}");
    println!("sum: {}", totals.iter().sum::<u64>());
}
// ANCHOR_END: all
