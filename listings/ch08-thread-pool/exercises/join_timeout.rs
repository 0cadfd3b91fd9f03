// Exercise: the book's pool gets Handle::join_timeout, Python's
// future.result(timeout): wait at most so long, and keep the handle when the
// job is not done yet.
use std::collections::VecDeque;
use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc::RecvTimeoutError;
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

// ANCHOR: exercise
// ANCHOR: join_timeout
impl<T> Handle<T> {
    /// Waits at most `timeout` for the job: Ok with what join() returns, or
    /// Err with the handle itself when the job is not done yet.
    pub fn join_timeout(self, timeout: Duration) -> Result<std::thread::Result<T>, Handle<T>> {
        // This line only uses the names, so that the starter compiles
        // without warnings: replace it, and the todo!(), with your code.
        let _ = (&self.result, timeout, RecvTimeoutError::Timeout);
        todo!("receive with a timeout, and give the handle back if it runs out")
    }
}
// ANCHOR_END: join_timeout

fn main() -> io::Result<()> {
    let pool = ThreadPool::new(1)?;
    let slow = pool.submit(|| {
        thread::sleep(Duration::from_millis(300));
        "done"
    });
    // Like future.result(timeout=0.05), which raises TimeoutError.
    let slow = match slow.join_timeout(Duration::from_millis(50)) {
        Ok(_) => panic!("a job of 300 ms was done after 50 ms"),
        Err(handle) => {
            println!("not done yet: the handle comes back");
            handle
        }
    };
    match slow.join_timeout(Duration::from_secs(2)) {
        Ok(result) => println!("then: {}", result.unwrap()),
        Err(_) => println!("still not done"),
    }
    Ok(())
}
// ANCHOR_END: exercise
