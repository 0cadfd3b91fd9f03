// Exercise: two threads move money between two accounts, in opposite
// directions, at once. Choose the order in which a transfer takes the two
// locks, so that neither thread ever waits for the other forever.
use std::sync::{Barrier, Mutex};
use std::thread;
use std::time::{Duration, Instant};

struct Account {
    id: u32,
    balance: Mutex<i64>,
}

/// Says whether a transfer from `from` to `to` takes the lock of `from`
/// first (`true`) or the lock of `to` first (`false`).
fn lock_from_first(from: &Account, to: &Account) -> bool {
    // Every account has an id, and ids can be compared.
    let _ = (from.id, to.id);
    todo!("choose an order in which no deadlock can occur")
}

/// Moves `amount` from `from` to `to` while holding both locks, so that no
/// thread ever sees the money in neither account, or in both.
fn transfer(from: &Account, to: &Account, amount: i64, meet: &Barrier) {
    let from_first = lock_from_first(from, to);
    let (first, second) = if from_first { (from, to) } else { (to, from) };

    // The unlucky timing, forced on every run: take the first lock if it is
    // free, and wait at the barrier until the other thread has tried to take
    // its own first lock too. Then wait for the first lock if it was taken.
    let held = first.balance.try_lock().ok();
    meet.wait();
    let first_guard = match held {
        Some(guard) => guard,
        None => first.balance.lock().unwrap(),
    };

    // std's Mutex has no lock with a timeout, so try again and again until a
    // deadline, and report a deadlock instead of waiting forever.
    let deadline = Instant::now() + Duration::from_millis(200);
    let second_guard = loop {
        if let Ok(guard) = second.balance.try_lock() {
            break guard;
        }
        if Instant::now() >= deadline {
            println!(
                "deadlock: holding account {}, gave up waiting for account {}",
                first.id, second.id
            );
            // Keep the first lock until the other thread has given up too.
            meet.wait();
            return;
        }
        thread::sleep(Duration::from_millis(1));
    };

    let (mut from_balance, mut to_balance) = if from_first {
        (first_guard, second_guard)
    } else {
        (second_guard, first_guard)
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
    let meet = Barrier::new(2);
    thread::scope(|s| {
        s.spawn(|| transfer(&a, &b, 100, &meet));
        s.spawn(|| transfer(&b, &a, 30, &meet));
    });
    let (a, b) = (*a.balance.lock().unwrap(), *b.balance.lock().unwrap());
    println!("a: {a}, b: {b}, total: {}", a + b);
}
