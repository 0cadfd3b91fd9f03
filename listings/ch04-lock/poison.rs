// ANCHOR: all
// A thread panics while holding a std Mutex: the lock is poisoned.
use std::sync::Mutex;
use std::thread;

fn main() {
    let balance = Mutex::new(100);

    thread::scope(|s| {
        let result = s
            .spawn(|| {
                let mut guard = balance.lock().unwrap();
                *guard -= 30;
                // The panic strikes halfway through an update.
                panic!("lost the connection");
            })
            .join();
        println!("the thread panicked: {}", result.is_err());
    });

    // ANCHOR: recover
    // Every later lock() returns Err(PoisonError) ...
    match balance.lock() {
        Ok(_) => println!("not poisoned"),
        Err(poisoned) => {
            // ... which still holds the guard, so the data can be inspected,
            // repaired, and the mark removed.
            let mut guard = poisoned.into_inner();
            println!("poisoned; the balance reads {}", *guard);
            *guard = 100;
            balance.clear_poison();
        }
    }
    println!("repaired: {}", *balance.lock().unwrap());
    // ANCHOR_END: recover

    // ANCHOR: parking_lot
    // parking_lot's Mutex has no poisoning: the next lock() just succeeds.
    let pl_balance = parking_lot::Mutex::new(100);
    thread::scope(|s| {
        let _ = s
            .spawn(|| {
                let mut guard = pl_balance.lock();
                *guard -= 30;
                panic!("lost the connection");
            })
            .join();
    });
    println!("parking_lot after the panic: {}", *pl_balance.lock());
    // ANCHOR_END: parking_lot
}
// ANCHOR_END: all
