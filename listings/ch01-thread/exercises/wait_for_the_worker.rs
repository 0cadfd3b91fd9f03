// Exercise: main waits for the worker instead of guessing how long it takes.
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// Returns once `worker` has finished. Write it without sleeping.
fn wait_for(worker: JoinHandle<()>) {
    todo!("wait for the worker: {worker:?}")
}

fn main() {
    let worker = thread::spawn(|| {
        println!("worker: started");
        thread::sleep(Duration::from_millis(500));
        println!("worker: finished");
    });
    wait_for(worker);
    println!("main: returning");
}
