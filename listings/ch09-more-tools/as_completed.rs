// Results in the order they finish: every job sends its result on one
// channel. The first recv is Python's FIRST_COMPLETED; the rest, as they
// come, is as_completed.
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

fn job(n: u64) -> u64 {
    thread::sleep(Duration::from_millis(n * 100));
    n
}

fn main() {
    let (sender, finished) = mpsc::channel();
    thread::scope(|s| {
        for n in [3, 1, 2] {
            let sender = sender.clone();
            s.spawn(move || sender.send(job(n)).unwrap());
        }
        // Only the jobs' clones remain: the loop below ends after the last.
        drop(sender);
        let first = finished.recv().unwrap();
        println!("first done: {first}");
        let mut order = vec![first];
        order.extend(finished.iter());
        println!("in the order they finish: {order:?}");
    });
}
