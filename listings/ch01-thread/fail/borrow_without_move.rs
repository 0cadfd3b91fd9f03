// Without `move`, the closure only borrows `arg`, and Rust refuses.
use std::thread;

fn main() {
    let arg = String::from("hello world");
    let handle = thread::spawn(|| {
        println!("0:{arg}");
    });
    handle.join().unwrap();
}
