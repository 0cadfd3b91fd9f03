// What a thread costs in Rust: spawn a thread and join it, 2,000 times over.
// `--measure` prints microseconds per thread instead.
use std::thread;
use std::time::Instant;

const THREADS: u32 = 2000;

fn main() {
    let began = Instant::now();
    for _ in 0..THREADS {
        thread::spawn(|| {}).join().unwrap();
    }
    let took = began.elapsed();
    if std::env::args().nth(1).as_deref() == Some("--measure") {
        let us = took.as_secs_f64() / f64::from(THREADS) * 1e6;
        println!("spawn + join\t1\t{us:.1}");
    } else {
        println!("{THREADS} threads spawned and joined");
    }
}
