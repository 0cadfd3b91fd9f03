// An RwLock lets any number of readers in at once, or one writer alone.
// try_read and try_write show who may enter while a reader is inside.
use std::sync::RwLock;
use std::thread;

fn main() {
    let colour = RwLock::new(String::from("blue"));
    {
        let first = colour.read().unwrap();
        println!("first reader reads {}", *first);
        thread::scope(|s| {
            s.spawn(|| {
                println!("second reader gets in: {}", colour.try_read().is_ok());
                println!("writer gets in: {}", colour.try_write().is_ok());
            });
        });
    }
    *colour.write().unwrap() = String::from("green");
    println!("after the write: {}", colour.read().unwrap());
}
