// Sleeping is a guess; here the guess is wrong and the thread's work is lost.
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

fn main() {
    let (started, has_started) = mpsc::channel();

    // The handle is dropped at once: nobody will ever join this thread.
    thread::spawn(move || {
        println!("worker: started");
        started.send(()).unwrap();
        // Half a second of work, longer than main is willing to wait.
        thread::sleep(Duration::from_millis(500));
        println!("worker: finished");
    });

    has_started.recv().unwrap();
    // The guess: a tenth of a second should be enough. It is not.
    thread::sleep(Duration::from_millis(100));
    println!("main: returning");
    // Returning from main ends the process, and every thread still running with it.
}
