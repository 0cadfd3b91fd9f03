// ANCHOR: all
// Exercise: Python's acquire(timeout=...) for the chapter's semaphore. Add
// acquire_timeout, which gives up and returns None when the time runs out.
use std::sync::{Condvar, Mutex};
use std::time::Duration;

// The semaphore of semaphore.rs, unchanged (so that this file is a whole program).
// ANCHOR: semaphore
struct Semaphore {
    free: Mutex<usize>,
    released: Condvar,
}

struct Permit<'a> {
    semaphore: &'a Semaphore,
}

impl Semaphore {
    fn new(places: usize) -> Semaphore {
        Semaphore {
            free: Mutex::new(places),
            released: Condvar::new(),
        }
    }

    fn acquire(&self) -> Permit<'_> {
        let free = self.free.lock().unwrap();
        let mut free = self.released.wait_while(free, |free| *free == 0).unwrap();
        *free -= 1;
        Permit { semaphore: self }
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        // The lock is only ever held to change a number, which cannot panic,
        // so it is never poisoned and this unwrap never fails.
        *self.semaphore.free.lock().unwrap() += 1;
        self.semaphore.released.notify_one();
    }
}
// ANCHOR_END: semaphore

// What the exercise adds.
impl Semaphore {
    /// Like acquire(timeout=...): a Permit, or None once `timeout` has
    /// passed with no place free.
    fn acquire_timeout(&self, timeout: Duration) -> Option<Permit<'_>> {
        let _ = timeout;
        todo!("wait with wait_timeout_while, then take a place only if one is free")
    }
}

fn main() {
    let slots = Semaphore::new(2);
    let first = slots.acquire();
    let _second = slots.acquire();
    let third = slots.acquire_timeout(Duration::from_millis(50));
    println!("a third permit within 50 ms: {}", third.is_some());
    drop(first);
    let third = slots.acquire_timeout(Duration::from_millis(50));
    println!("once one is given back: {}", third.is_some());
}
// ANCHOR_END: all
