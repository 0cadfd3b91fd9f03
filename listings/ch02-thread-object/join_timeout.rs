// ANCHOR: all
// std has no join(timeout): wait with a deadline, then decide.
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

fn main() {
    // ANCHOR: poll
    // Way 1: poll is_finished() until a deadline.
    let slow = thread::spawn(|| thread::sleep(Duration::from_millis(600)));
    let deadline = Instant::now() + Duration::from_millis(200);
    while !slow.is_finished() && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(10));
    }
    println!("after 200 ms, finished: {}", slow.is_finished());
    // ANCHOR_END: poll

    // ANCHOR: channel
    // Way 2: the thread sends its result; recv_timeout waits at most so long.
    let (sender, receiver) = mpsc::channel();
    let fast = thread::spawn(move || {
        thread::sleep(Duration::from_millis(50));
        sender.send(42).unwrap();
    });
    match receiver.recv_timeout(Duration::from_millis(500)) {
        Ok(value) => println!("got {value} in time"),
        Err(error) => println!("no result: {error}"),
    }
    fast.join().unwrap();
    // ANCHOR_END: channel

    // ANCHOR: still_running
    // The timeout did not stop the slow thread: it is still running, and
    // joining it now waits for the rest of its work.
    println!("slow thread still running: {}", !slow.is_finished());
    slow.join().unwrap();
    println!("slow thread joined");
    // ANCHOR_END: still_running
}
// ANCHOR_END: all
