// ANCHOR: all
// Two threads take two locks in opposite order: a deadlock, shown with timeouts.
// Output: the first 2 lines may come in any order.
use parking_lot::Mutex;
use std::sync::Barrier;
use std::thread;
use std::time::Duration;

fn transfer(name: &str, first: &Mutex<i64>, second: &Mutex<i64>, both: &Barrier) -> bool {
    let _a = first.lock();
    // Wait until the other thread holds its first lock too.
    both.wait();
    // Where Python would block forever, give up after 200 ms.
    let got = second.try_lock_for(Duration::from_millis(200)).is_some();
    if !got {
        println!("{name}: gave up waiting for its second lock");
    }
    // Keep the first lock until the other thread has decided as well.
    both.wait();
    got
}

fn in_order(first: &Mutex<i64>, second: &Mutex<i64>) -> bool {
    let _a = first.lock();
    second.try_lock_for(Duration::from_millis(200)).is_some()
}

fn main() {
    let a = Mutex::new(100);
    let b = Mutex::new(100);

    // ANCHOR: deadlock
    let barrier = Barrier::new(2);
    let done = thread::scope(|s| {
        let one = s.spawn(|| transfer("thread1", &a, &b, &barrier));
        let two = s.spawn(|| transfer("thread2", &b, &a, &barrier));
        usize::from(one.join().unwrap()) + usize::from(two.join().unwrap())
    });
    println!("opposite order: {done} of 2 transfers done");
    // ANCHOR_END: deadlock

    // ANCHOR: ordered
    // The fix: every thread takes the locks in the same global order, a then b,
    // whichever direction its transfer goes.
    let done = thread::scope(|s| {
        let one = s.spawn(|| in_order(&a, &b));
        let two = s.spawn(|| in_order(&a, &b));
        usize::from(one.join().unwrap()) + usize::from(two.join().unwrap())
    });
    println!("same order: {done} of 2 transfers done");
    // ANCHOR_END: ordered
}
// ANCHOR_END: all
