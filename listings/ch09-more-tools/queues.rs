// PriorityQueue in Rust: a BinaryHeap in a Mutex, and a Condvar to wait for
// an item. BinaryHeap gives the largest first; Reverse makes it the smallest,
// as in Python. A Vec in its place, with push and pop, is a LifoQueue.
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::mpsc::{self, TrySendError};
use std::sync::{Condvar, Mutex};

// ANCHOR: queue
struct PriorityQueue<T> {
    items: Mutex<BinaryHeap<Reverse<T>>>,
    ready: Condvar,
}

impl<T: Ord> PriorityQueue<T> {
    fn new() -> Self {
        PriorityQueue {
            items: Mutex::new(BinaryHeap::new()),
            ready: Condvar::new(),
        }
    }

    fn put(&self, item: T) {
        self.items.lock().unwrap().push(Reverse(item));
        self.ready.notify_one();
    }

    fn get(&self) -> T {
        let items = self.items.lock().unwrap();
        let mut items = self.ready.wait_while(items, |i| i.is_empty()).unwrap();
        items.pop().unwrap().0
    }
}
// ANCHOR_END: queue

// ANCHOR: main
fn main() {
    let by_priority = PriorityQueue::new();
    for n in [2, 3, 1] {
        by_priority.put(n);
    }
    let order: Vec<i32> = (0..3).map(|_| by_priority.get()).collect();
    println!("PriorityQueue: {order:?}");

    let (small, _receiver) = mpsc::sync_channel(1);
    small.send("a").unwrap();
    if let Err(TrySendError::Full(item)) = small.try_send("b") {
        println!("Full, and {item:?} is given back");
    }
}
// ANCHOR_END: main
