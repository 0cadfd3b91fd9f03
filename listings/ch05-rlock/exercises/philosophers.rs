// Exercise: five philosophers share five forks, and each needs the two
// beside them to eat. Every philosopher eats 100 times; nobody waits forever.
use std::sync::Mutex;
use std::thread;

const PHILOSOPHERS: usize = 5;
const MEALS: u32 = 100;

/// Takes forks `left` and `right`, a philosopher's two neighbours, and eats
/// once while holding both: each fork counts the meals it served.
fn eat(forks: &[Mutex<u32>], left: usize, right: usize) {
    let _ = (forks, left, right);
    todo!("take both forks, in an order that cannot deadlock")
}

fn main() {
    let forks: Vec<Mutex<u32>> = (0..PHILOSOPHERS).map(|_| Mutex::new(0)).collect();
    thread::scope(|s| {
        for i in 0..PHILOSOPHERS {
            let forks = &forks;
            s.spawn(move || {
                for _ in 0..MEALS {
                    eat(forks, i, (i + 1) % PHILOSOPHERS);
                }
            });
        }
    });
    let served: Vec<u32> = forks.iter().map(|f| *f.lock().unwrap()).collect();
    println!("meals served by each fork: {served:?}");
}
