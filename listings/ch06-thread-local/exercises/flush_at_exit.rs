// Exercise: each thread writes its lines into a buffer of its own, which is
// moved into the shared log, under one lock, when the thread exits.
use std::cell::RefCell;
use std::sync::Mutex;
use std::thread;

static LOG: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// A thread's own lines, kept until the thread exits.
struct Buffer(Vec<String>);

impl Drop for Buffer {
    fn drop(&mut self) {
        let _ = &self.0;
        todo!("move the lines into LOG")
    }
}

thread_local! {
    static BUFFER: RefCell<Buffer> = const { RefCell::new(Buffer(Vec::new())) };
}

fn log(line: String) {
    BUFFER.with_borrow_mut(|buffer| buffer.0.push(line));
}

fn main() {
    let threads: Vec<_> = (0..3)
        .map(|t| {
            thread::spawn(move || {
                for i in 0..3 {
                    log(format!("thread {t}: line {i}"));
                }
            })
        })
        .collect();
    // join() returns once a thread has exited, its thread-locals dropped.
    for thread in threads {
        thread.join().unwrap();
    }
    let mut lines = LOG.lock().unwrap().clone();
    lines.sort();
    for line in lines {
        println!("{line}");
    }
}
