// A counting semaphore, which std does not have: the number of free places in
// a Mutex, and a Condvar to wait for one. acquire returns a Permit, and only
// dropping the Permit gives the place back: once, and never more.
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use std::thread;
use std::time::Duration;

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

// ANCHOR: main
fn main() {
    let slots = Semaphore::new(2);
    let inside = AtomicUsize::new(0);
    let most = AtomicUsize::new(0);
    thread::scope(|s| {
        for _ in 0..6 {
            s.spawn(|| {
                let _permit = slots.acquire();
                let now = inside.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                thread::sleep(Duration::from_millis(20));
                inside.fetch_sub(1, Ordering::SeqCst);
            });
        }
    });
    println!("at most {} at once", most.load(Ordering::SeqCst));
}
// ANCHOR_END: main
