// The same waits in Rust: 20 tasks of 50 ms, dealt out to N scoped threads.
// A waiting thread uses no core, in Rust as in Python.
// `--measure N...` prints timings instead.
use std::thread;
use std::time::{Duration, Instant};

const TASKS: usize = 20;

fn run(workers: usize, tasks: usize) -> Duration {
    let began = Instant::now();
    thread::scope(|s| {
        for w in 0..workers {
            s.spawn(move || {
                for _ in (w..tasks).step_by(workers) {
                    thread::sleep(Duration::from_millis(50));
                }
            });
        }
    });
    began.elapsed()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--measure") {
        for workers in args[1..].iter().map(|a| a.parse().unwrap()) {
            let took = run(workers, TASKS);
            println!("threads\t{workers}\t{:.4}", took.as_secs_f64());
        }
    } else {
        // Four waits in a row take 4 * 50 ms; overlapping, about 50 ms.
        let took = run(4, 4);
        println!(
            "4 waits on 4 threads took less than 4 waits in a row: {}",
            took < 4 * Duration::from_millis(50)
        );
    }
}
