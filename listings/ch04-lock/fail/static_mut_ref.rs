// Even inside `unsafe`, edition 2024 refuses a reference to a `static mut`.
use std::thread;

static mut BALANCE: i64 = 0;

fn change_it(n: i64) {
    let balance = unsafe { &mut BALANCE };
    *balance += n;
    *balance -= n;
}

fn main() {
    let t1 = thread::spawn(|| change_it(5));
    let t2 = thread::spawn(|| change_it(8));
    t1.join().unwrap();
    t2.join().unwrap();
}
