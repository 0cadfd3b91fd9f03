// Python's Event in Rust: a flag in a Mutex and a Condvar to wait on it, with
// a timeout. wait_timeout_while loops over spurious wake-ups for us.
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::Duration;

struct Event {
    set: Mutex<bool>,
    changed: Condvar,
}

impl Event {
    fn new() -> Event {
        Event {
            set: Mutex::new(false),
            changed: Condvar::new(),
        }
    }

    fn set(&self) {
        *self.set.lock().unwrap() = true;
        self.changed.notify_all();
    }

    /// Like Event.wait(timeout): true once set, false when the time ran out.
    fn wait(&self, timeout: Duration) -> bool {
        let set = self.set.lock().unwrap();
        let (set, _) = self
            .changed
            .wait_timeout_while(set, timeout, |set| !*set)
            .unwrap();
        *set
    }
}

fn main() {
    let done = Arc::new(Event::new());
    println!("before set: {}", done.wait(Duration::from_millis(50)));
    let setter = Arc::clone(&done);
    thread::spawn(move || {
        thread::sleep(Duration::from_millis(50));
        setter.set();
    });
    println!("after set: {}", done.wait(Duration::from_secs(2)));
}
