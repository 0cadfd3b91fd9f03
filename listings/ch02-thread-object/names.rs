// ANCHOR: all
// Thread names and ids: Builder::name, thread::current(), ThreadId.
use std::thread;

fn show() {
    let me = thread::current();
    // A thread spawned without a name has none: name() returns None.
    println!("in thread: {}", me.name().unwrap_or("<unnamed>"));
}

fn main() {
    // ANCHOR: main_name
    // The main thread is called "main".
    println!("main thread: {}", thread::current().name().unwrap());
    // ANCHOR_END: main_name

    // ANCHOR: builder
    // The name is given before the thread starts, and never changes.
    let named = thread::Builder::new()
        .name("worker-1".to_string())
        .spawn(show)
        .unwrap();
    // ANCHOR_END: builder
    let named_id = named.thread().id();
    named.join().unwrap();

    let unnamed = thread::spawn(show);
    let unnamed_id = unnamed.thread().id();
    unnamed.join().unwrap();
    // ThreadId tells threads apart, named or not, and is never reused.
    println!("different ids: {}", unnamed_id != named_id);
    println!(
        "main's id is its own: {}",
        thread::current().id() != named_id
    );
}
// ANCHOR_END: all
