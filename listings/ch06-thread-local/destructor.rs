// A thread-local value is dropped when its thread exits.
use std::cell::RefCell;
use std::thread;

struct Connection {
    owner: String,
}

impl Drop for Connection {
    fn drop(&mut self) {
        println!("closing the connection of {}", self.owner);
    }
}

thread_local! {
    static CONNECTION: RefCell<Option<Connection>> = const { RefCell::new(None) };
}

fn main() {
    let worker = thread::Builder::new()
        .name("worker".to_string())
        .spawn(|| {
            CONNECTION.set(Some(Connection {
                owner: "worker".to_string(),
            }));
            println!("worker: done, returning");
        })
        .unwrap();
    worker.join().unwrap();
    // By the time join() returns, the worker's destructors have run.
    println!("main: the worker has been joined");
}
