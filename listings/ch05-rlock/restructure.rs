// ANCHOR: all
// The Rust way: lock once at the top, pass `&mut T` down.
use std::sync::Mutex;

struct Account {
    balance: i64,
    history: Vec<i64>,
}

// ANCHOR: helpers
// The helpers take `&mut Account` and never lock: the caller already did.
fn deposit(account: &mut Account, amount: i64) {
    account.balance += amount;
    record(account, amount);
}

fn record(account: &mut Account, amount: i64) {
    account.history.push(amount);
}
// ANCHOR_END: helpers

fn main() {
    let account = Mutex::new(Account {
        balance: 0,
        history: Vec::new(),
    });
    // ANCHOR: lock_once
    {
        let mut guard = account.lock().unwrap();
        deposit(&mut guard, 5);
        deposit(&mut guard, 8);
    }
    // ANCHOR_END: lock_once
    let account = account.into_inner().unwrap();
    println!("balance {}, history {:?}", account.balance, account.history);
}
// ANCHOR_END: all
