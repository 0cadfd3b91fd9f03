// The pool, step 1: workers take boxed jobs from one channel.
use std::sync::{Arc, Mutex, mpsc};
use std::thread::{self, JoinHandle};

type Job = Box<dyn FnOnce() + Send + 'static>;

pub struct ThreadPool {
    // An Option, so that Drop can take the sender out and drop it.
    sender: Option<mpsc::Sender<Job>>,
    workers: Vec<JoinHandle<()>>,
}

impl ThreadPool {
    pub fn new(workers: usize) -> ThreadPool {
        let (sender, receiver) = mpsc::channel::<Job>();
        // One receiver for all the workers: it goes behind a Mutex in an Arc.
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

    pub fn execute<F>(&self, job: F)
    where
        F: FnOnce() + Send + 'static,
    {
        let sender = self.sender.as_ref().expect("only Drop takes the sender");
        sender.send(Box::new(job)).expect("a worker is alive");
    }
}

fn work(receiver: &Mutex<mpsc::Receiver<Job>>) {
    loop {
        // The guard lives until the end of this statement: the lock is held
        // while waiting for a job, and released before the job runs.
        let message = receiver.lock().unwrap().recv();
        match message {
            Ok(job) => job(),
            // Every sender is gone and the channel is empty: time to stop.
            Err(_) => return,
        }
    }
}

impl Drop for ThreadPool {
    fn drop(&mut self) {
        drop(self.sender.take()); // closes the channel
        for worker in self.workers.drain(..) {
            worker.join().unwrap();
        }
    }
}

fn main() {
    let squares = Arc::new(Mutex::new(Vec::new()));
    let pool = ThreadPool::new(2);
    for n in 1..=5 {
        let squares = Arc::clone(&squares);
        pool.execute(move || squares.lock().unwrap().push(n * n));
    }
    drop(pool); // waits for every job
    let mut squares = squares.lock().unwrap().clone();
    println!("jobs run: {}", squares.len());
    squares.sort();
    println!("squares, sorted: {squares:?}");
}
