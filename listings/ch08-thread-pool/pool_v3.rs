// The pool, step 3: a queue of our own, guarded by a Mutex, with a Condvar
// that workers sleep on, and a shutdown flag that Drop sets.
use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex, mpsc};
use std::thread::{self, JoinHandle};

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

pub struct Handle<T> {
    result: mpsc::Receiver<T>,
}

impl<T> Handle<T> {
    pub fn join(self) -> T {
        self.result
            .recv()
            .expect("the pool runs every job it accepts")
    }
}

impl ThreadPool {
    pub fn new(workers: usize) -> ThreadPool {
        let shared = Arc::new(Shared {
            queue: Mutex::new(Queue {
                jobs: VecDeque::new(),
                shutdown: false,
            }),
            available: Condvar::new(),
        });
        let workers = (0..workers)
            .map(|_| {
                let shared = Arc::clone(&shared);
                thread::spawn(move || work(&shared))
            })
            .collect();
        ThreadPool { shared, workers }
    }

    pub fn submit<F, T>(&self, job: F) -> Handle<T>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let (sender, result) = mpsc::channel();
        let job: Job = Box::new(move || {
            let _ = sender.send(job());
        });
        self.shared.queue.lock().unwrap().jobs.push_back(job);
        self.shared.available.notify_one();
        Handle { result }
    }
}

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
                // Releases the lock while asleep, takes it again on waking.
                queue = shared.available.wait(queue).unwrap();
            }
        }; // The guard is dropped here: the job runs without the lock.
        job();
    }
}

impl Drop for ThreadPool {
    fn drop(&mut self) {
        // Set the flag while holding the lock, then wake every worker.
        self.shared.queue.lock().unwrap().shutdown = true;
        self.shared.available.notify_all();
        for worker in self.workers.drain(..) {
            worker.join().unwrap();
        }
    }
}

fn main() {
    let pool = ThreadPool::new(2);
    let handles: Vec<Handle<u64>> = (1..=5).map(|n| pool.submit(move || n * n)).collect();
    let greeting = pool.submit(|| "a String comes back too".to_string());
    let squares: Vec<u64> = handles.into_iter().map(Handle::join).collect();
    println!("squares: {squares:?}");
    println!("{}", greeting.join());
    drop(pool);
    println!("pool dropped");
}
