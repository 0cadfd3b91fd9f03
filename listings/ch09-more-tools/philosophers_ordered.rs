// The fix: every philosopher takes the fork with the smaller number first.
// Philosopher 4 now reaches for fork 0 before fork 4, so the five can never
// each hold one fork and wait for the next: the circle cannot close.
use parking_lot::Mutex;
use std::thread;
use std::time::Duration;

const N: usize = 5;
const MEALS: u32 = 100;

fn main() {
    let forks: Vec<Mutex<()>> = (0..N).map(|_| Mutex::new(())).collect();
    let meals: Vec<u32> = thread::scope(|s| {
        let handles: Vec<_> = (0..N)
            .map(|i| {
                let forks = &forks;
                s.spawn(move || {
                    let right = (i + 1) % N;
                    let (first, second) = (i.min(right), i.max(right));
                    let mut eaten = 0;
                    for _ in 0..MEALS {
                        let _first = forks[first].lock();
                        // Still with a timeout: if the order were wrong, the
                        // program would say so instead of hanging.
                        if forks[second].try_lock_for(Duration::from_secs(1)).is_some() {
                            eaten += 1;
                        }
                    }
                    eaten
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (i, eaten) in meals.iter().enumerate() {
        println!("philosopher {i} ate {eaten} times");
    }
}
