// An Rc moved into a thread: its reference count is not atomic.
use std::rc::Rc;
use std::thread;

fn main() {
    let names = Rc::new(vec!["thread1", "thread2"]);
    let copy = Rc::clone(&names);
    let handle = thread::spawn(move || copy.len());
    println!("{} names", handle.join().unwrap() + names.len());
}
