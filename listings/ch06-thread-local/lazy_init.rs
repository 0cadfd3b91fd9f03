// A thread-local's initializer runs once in each thread, on first use.
use std::cell::RefCell;
use std::thread;

fn make_buffer() -> RefCell<Vec<u8>> {
    let me = thread::current();
    println!(
        "  creating the buffer in {}",
        me.name().unwrap_or("an unnamed thread")
    );
    RefCell::new(Vec::with_capacity(1024))
}

thread_local! {
    static BUFFER: RefCell<Vec<u8>> = make_buffer();
}

fn use_buffer(byte: u8) -> usize {
    BUFFER.with_borrow_mut(|buffer| {
        buffer.push(byte);
        buffer.len()
    })
}

fn main() {
    println!("main starts; no buffer exists yet");
    println!("main: length {}", use_buffer(1));
    println!("main: length {}", use_buffer(2));
    for name in ["worker-1", "worker-2"] {
        thread::Builder::new()
            .name(name.to_string())
            .spawn(move || println!("{name}: length {}", use_buffer(3)))
            .unwrap()
            .join()
            .unwrap();
    }
    // A thread that never touches BUFFER never creates one.
    thread::spawn(|| println!("a thread that never uses the buffer"))
        .join()
        .unwrap();
}
