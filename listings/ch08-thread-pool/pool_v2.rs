// The pool, step 2: submit returns a handle, and join gives the job's value.
use std::sync::{Arc, Mutex, mpsc};
use std::thread::{self, JoinHandle};

type Job = Box<dyn FnOnce() + Send + 'static>;

pub struct ThreadPool {
    sender: Option<mpsc::Sender<Job>>,
    workers: Vec<JoinHandle<()>>,
}

/// What submit() returns: Python's Future, with join() for result().
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
        let (sender, receiver) = mpsc::channel::<Job>();
        let receiver = Arc::new(Mutex::new(receiver));
        let workers = (0..workers)
            .map(|_| {
                let receiver = Arc::clone(&receiver);
                thread::spawn(move || work(&receiver))
            })
            .collect();
        ThreadPool {
            sender: Some(sender),
            workers,
        }
    }

    pub fn submit<F, T>(&self, job: F) -> Handle<T>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        // A channel for this one job's value.
        let (sender, result) = mpsc::channel();
        let job: Job = Box::new(move || {
            // If the handle was dropped, nobody waits for the value.
            let _ = sender.send(job());
        });
        let jobs = self.sender.as_ref().expect("only Drop takes the sender");
        jobs.send(job).expect("a worker is alive");
        Handle { result }
    }
}

fn work(receiver: &Mutex<mpsc::Receiver<Job>>) {
    loop {
        let message = receiver.lock().unwrap().recv();
        match message {
            Ok(job) => job(),
            Err(_) => return,
        }
    }
}

impl Drop for ThreadPool {
    fn drop(&mut self) {
        drop(self.sender.take());
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
