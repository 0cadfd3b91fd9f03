// ANCHOR: all
// Chapter 10's second pool, step 1 of 4: chapter 8's pool with one slot per
// job in place of a channel, notified only when someone waits.
use std::collections::VecDeque;
use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread::{self, JoinHandle};

type Job = Box<dyn FnOnce() + Send + 'static>;

// ANCHOR: queue
struct Queue {
    jobs: VecDeque<Job>,
    shutdown: bool,
}
// ANCHOR_END: queue

struct Shared {
    queue: Mutex<Queue>,
    available: Condvar,
}

pub struct ThreadPool {
    shared: Arc<Shared>,
    workers: Vec<JoinHandle<()>>,
}

// ANCHOR: slot
// Step 1: one slot per job in place of a channel: the result, and whether
// someone waits for it. The worker notifies only when someone waits.
struct Slot<T> {
    state: Mutex<(Option<thread::Result<T>>, bool)>,
    ready: Condvar,
}

pub struct Handle<T> {
    slot: Arc<Slot<T>>,
}

impl<T> Handle<T> {
    /// Waits for the job: Ok with its value, or Err with its panic's payload.
    pub fn join(self) -> thread::Result<T> {
        let mut state = self.slot.state.lock().unwrap();
        state.1 = true;
        while state.0.is_none() {
            state = self.slot.ready.wait(state).unwrap();
        }
        state.0.take().expect("the slot holds the result")
    }
}
// ANCHOR_END: slot

impl ThreadPool {
    pub fn new(workers: usize) -> io::Result<ThreadPool> {
        assert!(workers > 0, "a pool needs at least one worker");
        let mut pool = ThreadPool {
            shared: Arc::new(Shared {
                queue: Mutex::new(Queue {
                    jobs: VecDeque::new(),
                    shutdown: false,
                }),
                available: Condvar::new(),
            }),
            workers: Vec::with_capacity(workers),
        };
        for i in 0..workers {
            let shared = Arc::clone(&pool.shared);
            let worker = thread::Builder::new()
                .name(format!("pool-{i}"))
                .spawn(move || work(&shared))?;
            pool.workers.push(worker);
        }
        Ok(pool)
    }

    // ANCHOR: submit
    pub fn submit<F, T>(&self, job: F) -> Handle<T>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let slot = Arc::new(Slot {
            state: Mutex::new((None, false)),
            ready: Condvar::new(),
        });
        let filled = Arc::clone(&slot);
        let job: Job = Box::new(move || {
            let outcome = panic::catch_unwind(AssertUnwindSafe(job));
            let mut state = filled.state.lock().unwrap_or_else(PoisonError::into_inner);
            state.0 = Some(outcome);
            if state.1 {
                filled.ready.notify_one();
            }
            drop(state);
            // If the handle is gone, this was the last reference: the result
            // is dropped here, and its Drop may panic. It must not end the
            // worker either.
            let _ = panic::catch_unwind(AssertUnwindSafe(move || drop(filled)));
        });
        self.shared.queue.lock().unwrap().jobs.push_back(job);
        self.shared.available.notify_one();
        Handle { slot }
    }
    // ANCHOR_END: submit
}

// ANCHOR: work
fn work(shared: &Shared) {
    loop {
        let job = {
            let mut queue = shared.queue.lock().unwrap();
            loop {
                if let Some(job) = queue.jobs.pop_front() {
                    break job;
                }
                if queue.shutdown {
                    return;
                }
                queue = shared.available.wait(queue).unwrap();
            }
        };
        job();
    }
}
// ANCHOR_END: work

impl Drop for ThreadPool {
    fn drop(&mut self) {
        let queue = &self.shared.queue;
        queue
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .shutdown = true;
        self.shared.available.notify_all();
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}

fn main() -> io::Result<()> {
    let pool = ThreadPool::new(2)?;
    let squares: Vec<Handle<u64>> = (1..=5).map(|n| pool.submit(move || n * n)).collect();
    let failing = pool.submit(|| -> u64 { panic!("job 6 failed") });
    let after = pool.submit(|| "the pool still works".to_string());

    let values: Vec<u64> = squares.into_iter().map(|h| h.join().unwrap()).collect();
    println!("squares: {values:?}");
    match failing.join() {
        Ok(_) => println!("job 6 succeeded?"),
        Err(payload) => println!("job 6: Err({:?})", payload.downcast_ref::<&str>().unwrap()),
    }
    println!("{}", after.join().unwrap());
    drop(pool);
    println!("pool dropped");
    Ok(())
}
// ANCHOR_END: all
