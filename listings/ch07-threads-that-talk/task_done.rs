// A solution: a count in a Mutex, and a Condvar that wait_all sleeps on
// until the count is back to zero.
use std::sync::{Condvar, Mutex, mpsc};
use std::thread;

/// The items sent and not yet handled, like a Queue's unfinished tasks.
struct Pending {
    count: Mutex<usize>,
    none_left: Condvar,
}

impl Pending {
    fn new() -> Pending {
        Pending {
            count: Mutex::new(0),
            none_left: Condvar::new(),
        }
    }

    /// Like put(): one more item to handle.
    fn add(&self) {
        *self.count.lock().unwrap() += 1;
    }

    /// Like task_done(): one item handled.
    fn done(&self) {
        let mut count = self.count.lock().unwrap();
        // Python raises ValueError here; a bug in this program, so a panic.
        *count = count.checked_sub(1).expect("done() called more than add()");
        if *count == 0 {
            self.none_left.notify_all();
        }
    }

    /// Like join(): waits until every item added has been handled.
    fn wait_all(&self) {
        let count = self.count.lock().unwrap();
        let _count = self
            .none_left
            .wait_while(count, |count| *count > 0)
            .unwrap();
    }
}

fn main() {
    let pending = Pending::new();
    let total = Mutex::new(0);
    let (sender, receiver) = mpsc::channel::<u64>();
    thread::scope(|s| {
        let (pending, total) = (&pending, &total);
        s.spawn(move || {
            for item in receiver {
                *total.lock().unwrap() += item;
                pending.done();
            }
        });
        for n in 1..=100 {
            pending.add();
            sender.send(n).unwrap();
        }
        pending.wait_all();
        println!("every item handled; total: {}", *total.lock().unwrap());
        // The consumer is still waiting for more: closing the channel ends it.
        drop(sender);
    });
}
