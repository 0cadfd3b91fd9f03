// ANCHOR: all
// The notes' local_school in Rust: one STUDENT per thread.
// Output: lines may come in any order.
use std::cell::RefCell;
use std::thread;

// ANCHOR: declare
thread_local! {
    // Every thread gets its own RefCell, created on first use.
    static STUDENT: RefCell<Option<String>> = const { RefCell::new(None) };
}
// ANCHOR_END: declare

fn process_student() {
    // ANCHOR: read
    // with_borrow lends this thread's value to the closure.
    STUDENT.with_borrow(|student| {
        let name = student.as_deref().unwrap_or("nobody");
        let me = thread::current();
        println!("Hello, {} (in {})", name, me.name().unwrap());
    });
    // ANCHOR_END: read
}

fn process_thread(name: &str) {
    // Bind this thread's student:
    STUDENT.set(Some(name.to_string()));
    process_student();
}

fn main() {
    let spawn = |student: &'static str, thread_name: &str| {
        thread::Builder::new()
            .name(thread_name.to_string())
            .spawn(move || process_thread(student))
            .unwrap()
    };
    let t1 = spawn("Alice", "Thread-A");
    let t2 = spawn("Bob", "Thread-B");
    t1.join().unwrap();
    t2.join().unwrap();
}
// ANCHOR_END: all
