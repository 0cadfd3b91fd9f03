// Python's global balance, written as a Rust `static mut`.
use std::thread;

static mut BALANCE: i64 = 0;

fn change_it(n: i64) {
    BALANCE += n;
    BALANCE -= n;
}

fn main() {
    let t1 = thread::spawn(|| change_it(5));
    let t2 = thread::spawn(|| change_it(8));
    t1.join().unwrap();
    t2.join().unwrap();
}
