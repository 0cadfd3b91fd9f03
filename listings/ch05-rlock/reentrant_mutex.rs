// ANCHOR: all
// parking_lot::ReentrantMutex: the RLock of Rust.
use parking_lot::ReentrantMutex;
use std::cell::RefCell;

// ANCHOR: total
// A recursive function that locks at every level, like the RLock version.
fn total(lock: &ReentrantMutex<Vec<u32>>, from: usize) -> u32 {
    let items = lock.lock();
    match items.get(from) {
        None => 0,
        Some(first) => first + total(lock, from + 1),
    }
}
// ANCHOR_END: total

fn main() {
    let lock = ReentrantMutex::new(vec![1, 2, 3]);
    println!("ReentrantMutex: {}", total(&lock, 0));

    // ANCHOR: refcell
    // The guard gives only `&T`; a RefCell inside allows changes.
    let log = ReentrantMutex::new(RefCell::new(Vec::new()));
    let outer = log.lock();
    outer.borrow_mut().push("outer");
    {
        let inner = log.lock(); // the same thread: no deadlock
        inner.borrow_mut().push("inner");
    }
    println!("log: {:?}", outer.borrow());
    // ANCHOR_END: refcell
}
// ANCHOR_END: all
