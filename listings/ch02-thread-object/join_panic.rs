// ANCHOR: all
// A panic ends only its own thread; join() hands it to the caller as Err.
use std::thread;

fn main() {
    let worker = thread::Builder::new()
        .name("worker".to_string())
        .spawn(|| {
            let parts: Vec<&str> = "a,b".split(',').collect();
            // There is no third part: indexing past the end panics.
            parts[2].len()
        })
        .unwrap();

    // ANCHOR: join
    match worker.join() {
        Ok(length) => println!("length {length}"),
        // The payload is what panic! was given: usually a &str or a String.
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".to_string());
            println!("worker panicked: {message}");
        }
    }
    // ANCHOR_END: join
    println!("main carries on");
}
// ANCHOR_END: all
