// A thread's return value comes back through join().
use std::thread;

fn total(numbers: &[u64]) -> u64 {
    numbers.iter().sum()
}

fn main() {
    let numbers: Vec<u64> = (1..=100).collect();
    // ANCHOR: halves
    let (low, high) = numbers.split_at(50);
    let low = low.to_vec();
    let high = high.to_vec();
    let first = thread::spawn(move || total(&low));
    let second = thread::spawn(move || total(&high));
    // join() returns the closure's value, wrapped in Ok.
    let sum = first.join().unwrap() + second.join().unwrap();
    // ANCHOR_END: halves
    println!("sum of 1..=100: {sum}");
}
