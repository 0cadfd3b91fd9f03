// One Mutex, two threads: the first `move` takes it, so the second cannot.
use std::sync::Mutex;
use std::thread;

fn main() {
    let num = Mutex::new(0);
    let mut handles = Vec::new();
    for _ in 0..2 {
        handles.push(thread::spawn(move || {
            *num.lock().unwrap() += 1;
        }));
    }
    for handle in handles {
        handle.join().unwrap();
    }
    println!("num:{}", num.lock().unwrap());
}
