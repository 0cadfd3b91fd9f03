// A static built once, the first time any thread reads it: LazyLock. When the
// value is only known at run time, OnceLock: the first to set it wins.
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, OnceLock};
use std::thread;
use std::time::Duration;

static LOADS: AtomicUsize = AtomicUsize::new(0);

static CONFIG: LazyLock<HashMap<&str, u32>> = LazyLock::new(load_config);

fn load_config() -> HashMap<&'static str, u32> {
    LOADS.fetch_add(1, Ordering::SeqCst);
    thread::sleep(Duration::from_millis(10));
    HashMap::from([("workers", 4)])
}

static NAME: OnceLock<String> = OnceLock::new();

fn main() {
    thread::scope(|s| {
        for _ in 0..8 {
            s.spawn(|| CONFIG["workers"]);
        }
    });
    println!("workers: {}", CONFIG["workers"]);
    println!("loaded {} time(s)", LOADS.load(Ordering::SeqCst));

    let first = NAME.set(String::from("first"));
    let second = NAME.set(String::from("second"));
    println!("{first:?} {second:?} {:?}", NAME.get());
}
