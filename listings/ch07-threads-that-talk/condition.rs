// A consumer waits on a Condvar until items are there. The Mutex owns the
// items; wait() releases it while sleeping and takes it again on waking, and
// the loop checks the condition again, since a wake-up may be spurious.
use std::collections::VecDeque;
use std::sync::{Condvar, Mutex};
use std::thread;

fn main() {
    let items = Mutex::new(VecDeque::new());
    let ready = Condvar::new();
    let results = thread::scope(|s| {
        let consumer = s.spawn(|| {
            let mut results = Vec::new();
            for _ in 0..3 {
                let mut queue = items.lock().unwrap();
                while queue.is_empty() {
                    queue = ready.wait(queue).unwrap();
                }
                results.push(queue.pop_front().unwrap());
            }
            results
        });
        for item in ["a", "b", "c"] {
            items.lock().unwrap().push_back(item);
            ready.notify_one();
        }
        consumer.join().unwrap()
    });
    println!("consumed {results:?}");
}
