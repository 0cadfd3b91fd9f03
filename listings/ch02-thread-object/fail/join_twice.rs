// Python lets you call join() as often as you like; JoinHandle::join takes the handle.
use std::thread;

fn main() {
    let worker = thread::spawn(|| 6 * 7);
    let answer = worker.join().unwrap();
    let again = worker.join().unwrap();
    println!("{answer} {again}");
}
