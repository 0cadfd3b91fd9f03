// Locking in one thread and unlocking in another, as Python allows.
use std::sync::Mutex;
use std::thread;

fn main() {
    let lock = Mutex::new(0);
    thread::scope(|s| {
        let guard = lock.lock().unwrap();
        // Hand the guard to another thread, to be released there.
        s.spawn(move || drop(guard));
    });
}
