// Exercise: Python's task_done() and join(), for a channel. main waits until
// every item it sent has been handled, while the consumer runs on.
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
        let _ = (&self.count, &self.none_left);
        todo!("count one more")
    }

    /// Like task_done(): one item handled.
    fn done(&self) {
        todo!("count one less, and wake wait_all when none is left")
    }

    /// Like join(): waits until every item added has been handled.
    fn wait_all(&self) {
        todo!("wait while the count is not zero")
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
