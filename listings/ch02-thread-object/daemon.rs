// ANCHOR: all
// Rust threads never keep the process alive. thread::scope waits for its threads.
use std::thread;
use std::time::Duration;

fn main() {
    // ANCHOR: scope
    let mut words = Vec::new();
    // Every thread spawned in the scope is joined before scope() returns,
    // so the threads may borrow `words` and other locals.
    thread::scope(|s| {
        s.spawn(|| {
            thread::sleep(Duration::from_millis(200));
            println!("scoped thread: finished");
        });
        s.spawn(|| words.push("borrowed"));
    });
    println!("after the scope: {words:?}");
    // ANCHOR_END: scope

    // ANCHOR: daemon
    // A plain spawned thread behaves like a Python daemon thread:
    // nobody joins it, and it dies when main returns.
    thread::spawn(|| {
        thread::sleep(Duration::from_millis(500));
        println!("detached thread: finished");
    });
    println!("main: returning");
    // ANCHOR_END: daemon
}
// ANCHOR_END: all
