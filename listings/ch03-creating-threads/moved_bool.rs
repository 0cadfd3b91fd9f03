// With `move`, the plain bool compiles, and the program is wrong: the thread
// gets its own copy of the flag, and never sees the change.
use std::thread;
use std::time::{Duration, Instant};

// The compiler accepts this program; clippy refuses it (see the text).
#[expect(clippy::while_immutable_condition)]
fn main() {
    let mut thread_stop = false;
    thread::scope(|s| {
        s.spawn(move || {
            // The notes' loop would wait for the flag forever, and the scope
            // with it; this one gives up after half a second.
            let started = Instant::now();
            while !thread_stop {
                if started.elapsed() > Duration::from_millis(500) {
                    println!("thread: after 0.5 s my thread_stop is still {thread_stop}");
                    return;
                }
                thread::sleep(Duration::from_millis(50));
            }
            println!("thread: stopped");
        });
        thread::sleep(Duration::from_millis(100));
        thread_stop = true;
        println!("main: thread_stop = true");
    });
}
