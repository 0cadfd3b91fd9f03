// Cell in a thread-local: get, set, replace and take, with no borrow at all.
use std::cell::Cell;
use std::thread;

thread_local! {
    static CALLS: Cell<u32> = const { Cell::new(0) };
}

fn handle_request() {
    // Each thread counts its own calls; no lock is needed.
    CALLS.set(CALLS.get() + 1);
}

fn main() {
    let worker = thread::spawn(|| {
        for _ in 0..3 {
            handle_request();
        }
        // take() returns the value and leaves the default, 0, behind.
        let counted = CALLS.take();
        (counted, CALLS.get())
    });
    handle_request();
    let (counted, after_take) = worker.join().unwrap();
    println!("worker counted {counted}, then {after_take} after take()");
    println!("main counted {}", CALLS.get());
    // replace() stores a new value and returns the old one.
    println!("main's old value from replace(10): {}", CALLS.replace(10));
    println!("main now: {}", CALLS.get());
}
