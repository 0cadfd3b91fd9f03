// A solution: three threads each add up a third of the numbers and give their
// sum back through join(), with no shared variable at all.
use std::thread::{self, JoinHandle};

/// Starts a thread that adds up `numbers` and returns the sum.
fn partial_sum(numbers: Vec<u64>) -> JoinHandle<u64> {
    // The closure's value is the thread's result: join() hands it back.
    thread::spawn(move || numbers.iter().sum())
}

fn main() {
    let numbers: Vec<u64> = (1..=300).collect();
    let handles: Vec<JoinHandle<u64>> = numbers
        .chunks(100)
        .map(|chunk| partial_sum(chunk.to_vec()))
        .collect();
    let total: u64 = handles.into_iter().map(|h| h.join().unwrap()).sum();
    println!("sum of 1..=300: {total}");
}
