// Two threads, one `&mut` balance: the borrow checker allows only one.
use std::thread;

fn change_it(balance: &mut i64, n: i64) {
    *balance += n;
    *balance -= n;
}

fn main() {
    let mut balance = 0;
    thread::scope(|s| {
        s.spawn(|| change_it(&mut balance, 5));
        s.spawn(|| change_it(&mut balance, 8));
    });
    println!("final balance: {balance}");
}
