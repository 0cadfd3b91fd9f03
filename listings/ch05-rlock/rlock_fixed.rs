// The notes' runners, fixed: the count is checked and changed under the lock.
use std::sync::Mutex;
use std::thread;
use std::time::Duration;

fn runner(name: &str, num: &Mutex<u32>) {
    loop {
        {
            let mut num = num.lock().unwrap();
            if *num >= 6 {
                break;
            }
            println!("Thread({name}) locked, Number: {num}");
            *num += 1;
        } // Unlocked here, before the sleep, so the other thread gets a turn.
        thread::sleep(Duration::from_millis(50));
    }
}

fn main() {
    let num = Mutex::new(0);
    thread::scope(|s| {
        s.spawn(|| runner("thread1", &num));
        s.spawn(|| runner("thread2", &num));
    });
    println!("final num: {}", num.into_inner().unwrap());
}
