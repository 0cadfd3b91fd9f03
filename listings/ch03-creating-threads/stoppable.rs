// ANCHOR: all
// The subclass becomes a struct that owns its flag and its JoinHandle.
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::{self, JoinHandle};
use std::time::Duration;

// ANCHOR: runner
struct Runner {
    name: String,
    thread_stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl Runner {
    fn new(name: &str) -> Runner {
        Runner {
            name: name.to_string(),
            thread_stop: Arc::new(AtomicBool::new(false)),
            handle: None,
        }
    }

    fn start(&mut self) {
        let name = self.name.clone();
        let thread_stop = Arc::clone(&self.thread_stop);
        // The body of Python's run(), moved into the thread.
        let handle = thread::Builder::new()
            .name(name.clone())
            .spawn(move || {
                while !thread_stop.load(Ordering::Relaxed) {
                    println!("{name}:hello world");
                    thread::sleep(Duration::from_millis(200));
                }
                println!("{name}: stopped");
            })
            .unwrap();
        self.handle = Some(handle);
    }

    fn stop(&self) {
        self.thread_stop.store(true, Ordering::Relaxed);
    }

    fn join(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.join().unwrap();
        }
    }
}
// ANCHOR_END: runner

fn main() {
    let mut t = Runner::new("thread");
    t.start();
    thread::sleep(Duration::from_millis(500));
    t.stop();
    t.join();
    println!("joined");
}
// ANCHOR_END: all
