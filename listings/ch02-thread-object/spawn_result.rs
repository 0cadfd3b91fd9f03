// ANCHOR: all
// Builder::spawn returns io::Result: starting a thread can fail.
use std::thread;

fn main() {
    // ANCHOR: small_stack
    // A small stack is fine for a small job (threading.stack_size in Python).
    let small = thread::Builder::new()
        .stack_size(64 * 1024)
        .spawn(|| (1..=10).sum::<u32>())
        .expect("a 64 KiB thread starts");
    println!("sum on a 64 KiB stack: {}", small.join().unwrap());
    // ANCHOR_END: small_stack

    // ANCHOR: too_big
    // A stack larger than the address space cannot be had: spawn returns Err.
    let result = thread::Builder::new().stack_size(1 << 60).spawn(|| ());
    match result {
        Ok(_) => println!("started?"),
        Err(error) => println!("spawn failed: {:?}", error.kind()),
    }
    // ANCHOR_END: too_big
}
// ANCHOR_END: all
