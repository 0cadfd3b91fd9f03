// A solution: five philosophers share five forks, and each needs the two
// beside them to eat. Every philosopher eats 100 times; nobody waits forever.
use std::sync::Mutex;
use std::thread;

const PHILOSOPHERS: usize = 5;
const MEALS: u32 = 100;

/// Takes forks `left` and `right`, a philosopher's two neighbours, and eats
/// once while holding both: each fork counts the meals it served.
fn eat(forks: &[Mutex<u32>], left: usize, right: usize) {
    // The fork with the smaller number first. Taking the left fork first
    // can deadlock: all five may hold their left fork and wait for the
    // right one. In this order the last philosopher reaches for fork 0
    // first, as their neighbour does, and the circle of waiting never closes.
    let mut first = forks[left.min(right)].lock().unwrap();
    let mut second = forks[left.max(right)].lock().unwrap();
    *first += 1;
    *second += 1;
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
