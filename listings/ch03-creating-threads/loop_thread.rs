// ANCHOR: all
// The notes' LoopThread program: a function run by a named thread.
use std::thread;
use std::time::Duration;

fn current_name() -> String {
    thread::current().name().unwrap_or("<unnamed>").to_string()
}

// The code the new thread runs:
fn run_loop() {
    println!("thread {} is running...", current_name());
    let mut n = 0;
    while n < 5 {
        n += 1;
        println!("thread {} >>> {}", current_name(), n);
        // The notes sleep one second; a tenth keeps the listing fast.
        thread::sleep(Duration::from_millis(100));
    }
    println!("thread {} ended.", current_name());
}

fn main() {
    println!("thread {} is running...", current_name());
    // ANCHOR: spawn
    let t = thread::Builder::new()
        .name("LoopThread".to_string())
        .spawn(run_loop)
        .unwrap();
    t.join().unwrap();
    // ANCHOR_END: spawn
    println!("thread {} ended.", current_name());
}
// ANCHOR_END: all
