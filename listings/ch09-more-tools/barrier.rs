// std's Barrier: three threads finish step 1, wait there for each other, then
// go on to step 2. Exactly one of them is told it is the leader.
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Barrier, Mutex};
use std::thread;

fn main() {
    let barrier = Barrier::new(3);
    let log = Mutex::new(Vec::new());
    let leaders = AtomicUsize::new(0);
    thread::scope(|s| {
        for _ in 0..3 {
            s.spawn(|| {
                log.lock().unwrap().push("step 1");
                if barrier.wait().is_leader() {
                    leaders.fetch_add(1, Ordering::SeqCst);
                }
                log.lock().unwrap().push("step 2");
            });
        }
    });
    println!("{:?}", log.into_inner().unwrap());
    println!("leaders: {}", leaders.load(Ordering::SeqCst));
}
