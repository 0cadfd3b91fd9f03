// ANCHOR: all
// The balance lives inside the Mutex; the guard is the only way to reach it.
use std::sync::Mutex;
use std::thread;

// ANCHOR: change_it
// change_it needs no lock of its own: a `&mut i64` proves nobody else has it.
fn change_it(balance: &mut i64, n: i64) {
    *balance += n;
    *balance -= n;
}
// ANCHOR_END: change_it

fn run_thread(balance: &Mutex<i64>, n: i64) {
    for _ in 0..100_000 {
        // lock() waits for the lock and returns a guard.
        let mut guard = balance.lock().unwrap();
        change_it(&mut guard, n);
    } // Each guard is dropped at the end of its round, which unlocks.
}

fn main() {
    let balance = Mutex::new(0);
    thread::scope(|s| {
        s.spawn(|| run_thread(&balance, 5));
        s.spawn(|| run_thread(&balance, 8));
    });
    println!("final balance: {}", balance.into_inner().unwrap());
}
// ANCHOR_END: all
