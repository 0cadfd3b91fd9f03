// The notes' global balance, translated literally: a `static` holding a Mutex.
use std::sync::Mutex;
use std::thread;

// ANCHOR: global
// A `static` needs no `mut`: the Mutex inside it is what changes.
static BALANCE: Mutex<i64> = Mutex::new(0);

fn change_it(n: i64) {
    let mut balance = BALANCE.lock().unwrap();
    *balance += n;
    *balance -= n;
}
// ANCHOR_END: global

fn run_thread(n: i64) {
    for _ in 0..100_000 {
        change_it(n);
    }
}

fn main() {
    let t1 = thread::spawn(|| run_thread(5));
    let t2 = thread::spawn(|| run_thread(8));
    t1.join().unwrap();
    t2.join().unwrap();
    println!("final balance: {}", BALANCE.lock().unwrap());
}
