// Python's Timer in Rust: a thread that waits on a channel for the delay. If
// the wait times out, it calls the function; if the sender is dropped first,
// the timer is cancelled. Dropping a Timer cancels it too.
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

// ANCHOR: timer
#[must_use = "dropping a Timer cancels it"]
struct Timer {
    cancel: mpsc::Sender<()>,
    thread: JoinHandle<()>,
}

impl Timer {
    fn start(delay: Duration, f: impl FnOnce() + Send + 'static) -> Timer {
        let (cancel, cancelled) = mpsc::channel::<()>();
        let thread = thread::spawn(move || {
            // Nothing is ever sent: recv_timeout either times out, or sees
            // the sender dropped (Disconnected), which means cancel.
            if let Err(RecvTimeoutError::Timeout) = cancelled.recv_timeout(delay) {
                f();
            }
        });
        Timer { cancel, thread }
    }

    fn cancel(self) {
        drop(self.cancel);
        self.thread.join().unwrap();
    }

    fn join(self) {
        // Keep the sender alive while waiting, or the timer would be cancelled.
        let Timer { cancel, thread } = self;
        thread.join().unwrap();
        drop(cancel);
    }
}
// ANCHOR_END: timer

// ANCHOR: main
fn main() {
    let fired = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&fired);
    let first = Timer::start(Duration::from_millis(50), move || {
        log.lock().unwrap().push("first");
    });
    let log = Arc::clone(&fired);
    let second = Timer::start(Duration::from_millis(50), move || {
        log.lock().unwrap().push("second");
    });
    second.cancel();
    first.join();
    println!("fired: {:?}", fired.lock().unwrap());
}
// ANCHOR_END: main
