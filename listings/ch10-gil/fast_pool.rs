// ANCHOR: all
// Chapter 10's second pool, step 4 of 4: chapter 8's pool made faster one
// measured step at a time. Same interface: new, submit, and a Handle to
// join, which now borrows the pool. What changed is where the time of a job
// went: a channel per job, a wake-up per submit, a caller woken for every
// result, and workers that fell asleep between two tiny jobs.
use std::collections::VecDeque;
use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::sync::PoisonError;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::{self, JoinHandle};

type Job = Box<dyn FnOnce() + Send + 'static>;

// The queue of pool_help.rs, unchanged (a test keeps the two the same).
// ANCHOR: queue
struct Queue {
    jobs: VecDeque<Job>,
    shutdown: bool,
    // Step 2: how many workers wait on `available`, and whether one of
    // them has been woken and not yet looked. submit wakes a worker only if
    // one is waiting and none is on its way: a busy worker, or one being
    // woken, finds the job when it looks.
    idle: usize,
    waking: bool,
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

// The slot and handle of pool_help.rs, unchanged (a test keeps the two the same).
// ANCHOR: slot
// Step 1: one slot per job in place of a channel: the result, and whether
// someone waits for it. The worker notifies only when someone waits.
struct Slot<T> {
    state: Mutex<(Option<std::thread::Result<T>>, bool)>,
    ready: Condvar,
}

// The handle borrows the pool, to reach its queue without an Arc of its own:
// a handle cannot outlive its pool.
pub struct Handle<'pool, T> {
    slot: Arc<Slot<T>>,
    shared: &'pool Shared,
}

impl<T> Handle<'_, T> {
    /// Waits for the job: Ok with its value, or Err with its panic's payload.
    pub fn join(self) -> std::thread::Result<T> {
        loop {
            let mut state = self.slot.state.lock().unwrap();
            if let Some(result) = state.0.take() {
                return result;
            }
            drop(state);
            // Step 3: rather than sleep while jobs wait in the queue, run
            // the oldest here, as a worker would: often the very job this
            // handle waits for.
            let job = self.shared.queue.lock().unwrap().jobs.pop_front();
            match job {
                Some(job) => job(),
                None => break,
            }
        }
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
                    idle: 0,
                    waking: false,
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

    // The submit of pool_help.rs, unchanged (a test keeps the two the same).
    // ANCHOR: submit
    pub fn submit<F, T>(&self, job: F) -> Handle<'_, T>
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
        let mut queue = self.shared.queue.lock().unwrap();
        queue.jobs.push_back(job);
        let wake = queue.idle > 0 && !queue.waking;
        if wake {
            queue.waking = true;
        }
        drop(queue);
        if wake {
            self.shared.available.notify_one();
        }
        Handle {
            slot,
            shared: &self.shared,
        }
    }
    // ANCHOR_END: submit
}

// ANCHOR: work
/// How many times a worker that finds the queue empty looks again before it
/// sleeps.
const LOOKS: u32 = 8;

fn work(shared: &Shared) {
    let mut looks = 0;
    loop {
        let job = {
            let mut queue = shared.queue.lock().unwrap();
            loop {
                if let Some(job) = queue.jobs.pop_front() {
                    looks = 0;
                    // Jobs are left and a worker sleeps: pass the wake-up on.
                    if !queue.jobs.is_empty() && queue.idle > 0 && !queue.waking {
                        queue.waking = true;
                        shared.available.notify_one();
                    }
                    break job;
                }
                if queue.shutdown {
                    return;
                }
                // Step 4: before sleeping, let the other threads run and look
                // again, a few times. Tiny jobs come faster than a sleeping
                // worker can be woken.
                if looks < LOOKS {
                    looks += 1;
                    drop(queue);
                    thread::yield_now();
                    queue = shared.queue.lock().unwrap();
                    continue;
                }
                queue.idle += 1;
                queue = shared.available.wait(queue).unwrap();
                queue.idle -= 1;
                queue.waking = false;
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
    let squares: Vec<Handle<'_, u64>> = (1..=5).map(|n| pool.submit(move || n * n)).collect();
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
