// The same deadlock in Rust: every philosopher holds the left fork and waits
// for the right one. parking_lot's try_lock_for gives up after a timeout, so
// the program ends; a plain lock() would wait for ever.
use parking_lot::Mutex;
use std::sync::Barrier;
use std::thread;
use std::time::Duration;

const N: usize = 5;

fn main() {
    let forks: Vec<Mutex<()>> = (0..N).map(|_| Mutex::new(())).collect();
    let all_holding = Barrier::new(N);
    let outcomes: Vec<String> = thread::scope(|s| {
        let handles: Vec<_> = (0..N)
            .map(|i| {
                let (forks, all_holding) = (&forks, &all_holding);
                s.spawn(move || {
                    let right = (i + 1) % N;
                    let _left = forks[i].lock();
                    all_holding.wait();
                    let outcome = match forks[right].try_lock_for(Duration::from_millis(200)) {
                        Some(_right) => String::from("ate"),
                        None => format!("gave up waiting for fork {right}"),
                    };
                    // Nobody puts a fork down before everyone has tried.
                    all_holding.wait();
                    outcome
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (i, what) in outcomes.iter().enumerate() {
        println!("philosopher {i}: {what}");
    }
}
