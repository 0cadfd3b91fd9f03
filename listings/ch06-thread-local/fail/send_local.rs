// A reference to this thread's value cannot be handed to another thread.
use std::thread;

thread_local! {
    static STUDENT: String = String::from("Alice");
}

fn main() {
    STUDENT.with(|student| {
        let other = thread::spawn(move || student.len());
        other.join().unwrap();
    });
}
