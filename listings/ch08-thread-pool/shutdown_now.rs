// A solution: the book's pool gets shutdown_now, Python's
// executor.shutdown(cancel_futures=True): the jobs that have not started are
// dropped, the running ones finish, and the workers are joined.
use std::collections::VecDeque;
use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Arc, Condvar, Mutex, PoisonError, mpsc};
use std::thread::{self, JoinHandle};
use std::time::Duration;

// The thread pool of pool.rs, unchanged (a test keeps the two the same).
// ANCHOR: pool
// ANCHOR: types
type Job = Box<dyn FnOnce() + Send + 'static>;

struct Queue {
    jobs: VecDeque<Job>,
    shutdown: bool,
}

struct Shared {
    queue: Mutex<Queue>,
    // Workers wait here while the queue is empty.
    available: Condvar,
}

pub struct ThreadPool {
    shared: Arc<Shared>,
    workers: Vec<JoinHandle<()>>,
}

/// What submit() returns: Python's Future, with join() for result().
pub struct Handle<T> {
    result: mpsc::Receiver<std::thread::Result<T>>,
}
// ANCHOR_END: types

impl<T> Handle<T> {
    /// Waits for the job: Ok with its value, or Err with its panic's payload.
    pub fn join(self) -> std::thread::Result<T> {
        self.result
            .recv()
            .expect("the pool runs every job it accepts")
    }
}

impl ThreadPool {
    /// Starts `workers` threads, named pool-0, pool-1, ... If the system
    /// refuses a thread, the workers already started are stopped and joined
    /// (by Drop, when `pool` goes out of scope), and the error is returned.
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
        let (sender, result) = mpsc::channel();
        let job: Job = Box::new(move || {
            // A panic stops at catch_unwind: the worker lives on, and the
            // payload goes to whoever joins the handle.
            let outcome = panic::catch_unwind(AssertUnwindSafe(job));
            // If the handle was dropped, nobody waits: send gives the
            // outcome back, and dropping it here runs the value's Drop, which
            // may panic too. That panic must not end the worker either.
            if let Err(unsent) = sender.send(outcome) {
                let _ = panic::catch_unwind(AssertUnwindSafe(move || drop(unsent)));
            }
        });
        self.shared.queue.lock().unwrap().jobs.push_back(job);
        self.shared.available.notify_one();
        Handle { result }
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
        }; // The guard is dropped here: the job runs without the lock.
        job();
    }
}
// ANCHOR_END: work

// ANCHOR: drop
impl Drop for ThreadPool {
    // Like shutdown(wait=True): run every job already submitted, then join.
    // It never panics: the lock is never held while a job runs, so it is
    // never poisoned, and a job's panic stops inside the job.
    fn drop(&mut self) {
        let queue = &self.shared.queue;
        queue
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .shutdown = true;
        self.shared.available.notify_all();
        // A job may hold the last owner of the pool, so Drop can run on a
        // worker: a thread that joined itself would panic, so skip it.
        let me = thread::current().id();
        for worker in self.workers.drain(..) {
            if worker.thread().id() != me {
                let _ = worker.join();
            }
        }
    }
}
// ANCHOR_END: drop
// ANCHOR_END: pool

// ANCHOR: shutdown_now
impl ThreadPool {
    /// Drops every job that has not started, lets the running ones finish,
    /// joins the workers, and returns how many jobs it dropped.
    pub fn shutdown_now(self) -> usize {
        // Take the waiting jobs out while holding the lock ...
        let waiting = std::mem::take(&mut self.shared.queue.lock().unwrap().jobs);
        // ... and drop them after it is released: dropping a job runs the
        // Drop of whatever its closure captured, which is code we do not know.
        // If that code panicked while we held the lock, the lock would be
        // poisoned, and every worker's lock().unwrap() would panic too.
        let cancelled = waiting.len();
        drop(waiting);
        // Dropping the pool sets shutdown, wakes the workers and joins them.
        drop(self);
        cancelled
    }
}
// ANCHOR_END: shutdown_now

// ANCHOR: main
fn main() -> io::Result<()> {
    let pool = ThreadPool::new(1)?;
    let (started, first_started) = mpsc::channel();
    let first = pool.submit(move || {
        started.send(()).unwrap();
        thread::sleep(Duration::from_millis(100));
        1
    });
    // From here on, the only worker is busy with the first job.
    first_started.recv().unwrap();
    let waiting: Vec<Handle<u32>> = (2..=5)
        .map(|n| {
            pool.submit(move || {
                println!("job {n} ran");
                n
            })
        })
        .collect();
    println!("jobs waiting: {}", waiting.len());
    let cancelled = pool.shutdown_now();
    println!("cancelled: {cancelled}");
    println!("first job: {:?}", first.join());
    // The cancelled jobs will never send a value: drop their handles.
    drop(waiting);
    println!("pool shut down");
    Ok(())
}
// ANCHOR_END: main
