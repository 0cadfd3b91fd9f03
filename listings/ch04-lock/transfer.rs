// A solution: two threads move money between two accounts, in opposite
// directions, at once, and neither ever waits for the other forever.
use std::sync::Mutex;
use std::thread;

struct Account {
    id: u32,
    balance: Mutex<i64>,
}

/// Moves `amount` from `from` to `to` while holding both locks, so that no
/// thread ever sees the money in neither account, or in both.
fn transfer(from: &Account, to: &Account, amount: i64) {
    // Whichever way the money goes, lock the account with the smaller id
    // first: a thread that holds one lock never waits for a thread that
    // waits for it. Taking `from` first would deadlock when two opposite
    // transfers each take their first lock.
    let from_first = from.id < to.id;
    let (first, second) = if from_first { (from, to) } else { (to, from) };
    let mut first = first.balance.lock().unwrap();
    let mut second = second.balance.lock().unwrap();
    let (from_balance, to_balance) = if from_first {
        (&mut *first, &mut *second)
    } else {
        (&mut *second, &mut *first)
    };
    *from_balance -= amount;
    *to_balance += amount;
}

fn main() {
    let a = Account {
        id: 1,
        balance: Mutex::new(1000),
    };
    let b = Account {
        id: 2,
        balance: Mutex::new(1000),
    };
    thread::scope(|s| {
        s.spawn(|| (0..10_000).for_each(|_| transfer(&a, &b, 1)));
        s.spawn(|| (0..10_000).for_each(|_| transfer(&b, &a, 1)));
    });
    let (a, b) = (*a.balance.lock().unwrap(), *b.balance.lock().unwrap());
    println!("a: {a}, b: {b}, total: {}", a + b);
}
