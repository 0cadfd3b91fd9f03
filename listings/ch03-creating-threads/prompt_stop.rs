// ANCHOR: all
// Stopping at once, and stopping when the owner is dropped.
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

// ANCHOR: worker
struct Worker {
    stop: Option<Sender<()>>,
    handle: Option<JoinHandle<u32>>,
}

impl Worker {
    fn start() -> Worker {
        let (stop, stopped) = mpsc::channel::<()>();
        let handle = thread::spawn(move || {
            let mut rounds = 0;
            loop {
                // Sleeps up to a second, but wakes as soon as a message
                // arrives or the sender is dropped.
                match stopped.recv_timeout(Duration::from_secs(1)) {
                    Err(RecvTimeoutError::Timeout) => rounds += 1,
                    Ok(()) | Err(RecvTimeoutError::Disconnected) => return rounds,
                }
            }
        });
        Worker {
            stop: Some(stop),
            handle: Some(handle),
        }
    }
}

impl Drop for Worker {
    // Dropping the Worker drops the sender, which wakes the thread; then join.
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(handle) = self.handle.take() {
            // No unwrap here: a panic inside drop, while a panic unwinds
            // already, would abort the process.
            match handle.join() {
                Ok(rounds) => println!("rounds done: {rounds}"),
                Err(_) => eprintln!("the worker thread panicked"),
            }
        }
    }
}
// ANCHOR_END: worker

fn main() {
    // ANCHOR: main
    let worker = Worker::start();
    thread::sleep(Duration::from_millis(50));
    let began = Instant::now();
    drop(worker);
    println!(
        "stopped within 100 ms: {}",
        began.elapsed() < Duration::from_millis(100)
    );
    // ANCHOR_END: main
}
// ANCHOR_END: all
