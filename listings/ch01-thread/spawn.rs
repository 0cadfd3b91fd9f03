// ANCHOR: all
// The notes' first program: start a thread, count under a lock, wait for the thread.
use std::sync::Mutex;
use std::thread;
use std::time::Duration;

// ANCHOR: runner
fn runner(arg: &str) {
    for i in 0..6 {
        println!("{i}:{arg}");
        // The notes sleep one second; a tenth keeps the listing fast.
        thread::sleep(Duration::from_millis(100));
    }
    // Returning ends the thread. There is no exit_thread to call.
}
// ANCHOR_END: runner

fn main() {
    let arg = String::from("hello world");

    // ANCHOR: spawn
    // The closure takes the place of Python's argument tuple:
    // `move` hands `arg` over to the new thread.
    let handle = thread::spawn(move || runner(&arg));
    // ANCHOR_END: spawn

    // ANCHOR: lock
    // The lock owns the number it protects.
    let num = Mutex::new(0);
    {
        let mut guard = num.lock().unwrap();
        *guard += 1;
    } // The guard goes out of scope here, and that releases the lock.
    // ANCHOR_END: lock

    // ANCHOR: join
    // Wait for exactly as long as the thread needs: no guessing with sleep.
    handle.join().unwrap();
    println!("num:{}", num.lock().unwrap());
    // ANCHOR_END: join
}
// ANCHOR_END: all
