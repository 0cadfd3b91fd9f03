// The lock-scope mistake: a guard kept alive for the whole job serialises the pool.
use std::sync::{Arc, Mutex, mpsc};
use std::thread;
use std::time::{Duration, Instant};

type Job = Box<dyn FnOnce() + Send>;

fn run(jobs: usize, serialised: bool) -> Duration {
    let (sender, receiver) = mpsc::channel::<Job>();
    let receiver = Arc::new(Mutex::new(receiver));
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let receiver = Arc::clone(&receiver);
            thread::spawn(move || {
                if serialised {
                    // ANCHOR: mistake
                    // The guard lives until the end of the `while let` body,
                    // so this worker holds the lock while the job runs.
                    while let Ok(job) = receiver.lock().unwrap().recv() {
                        job();
                    }
                    // ANCHOR_END: mistake
                } else {
                    // ANCHOR: fix
                    loop {
                        // The guard is a temporary of this `let` statement:
                        // the lock is released before the job runs.
                        let next = receiver.lock().unwrap().recv();
                        match next {
                            Ok(job) => job(),
                            Err(_) => break,
                        }
                    }
                    // ANCHOR_END: fix
                }
            })
        })
        .collect();
    let began = Instant::now();
    for _ in 0..jobs {
        sender
            .send(Box::new(|| thread::sleep(Duration::from_millis(100))))
            .unwrap();
    }
    drop(sender);
    for worker in workers {
        worker.join().unwrap();
    }
    began.elapsed()
}

fn main() {
    // Four jobs of 100 ms on two workers: 200 ms if both work, 400 ms if not.
    let slow = run(4, true);
    let fast = run(4, false);
    println!(
        "guard held during the job: at least 400 ms: {}",
        slow >= Duration::from_millis(400)
    );
    println!(
        "guard dropped before the job: under 350 ms: {}",
        fast < Duration::from_millis(350)
    );
}
