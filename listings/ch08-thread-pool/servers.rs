// python3-cookbook 12.7's three echo servers: one on the book's thread pool,
// one on a hand-made pool whose workers share one queue, and one that starts a
// thread for every connection. They echo bytes, as the recipe does, and none
// of them can be stalled or grown without bound by its clients.
use std::collections::{HashMap, VecDeque};
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError, mpsc};
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

// ANCHOR: echo
/// The recipe's echo_client: send back every byte until the client closes.
/// Bytes, not lines: any data, in any encoding, without a line to fill.
fn echo(mut stream: &TcpStream) -> io::Result<()> {
    let mut buffer = vec![0; 65536]; // recv(65536)
    loop {
        let received = stream.read(&mut buffer)?;
        if received == 0 {
            return Ok(()); // the client closed the connection
        }
        stream.write_all(&buffer[..received])?;
    }
}
// ANCHOR_END: echo

// ANCHOR: connections
/// The connections being served, so that stopping the server can end them.
#[derive(Default)]
struct Connections {
    open: Mutex<Open>,
}

#[derive(Default)]
struct Open {
    streams: HashMap<u64, Arc<TcpStream>>,
    next: u64,
    closed: bool,
}

impl Connections {
    fn open(&self) -> MutexGuard<'_, Open> {
        // Nothing panics while holding this lock, so it is never poisoned.
        self.open.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Serves one client from start to end, on the calling thread.
    fn serve(&self, stream: TcpStream, timeout: Duration) {
        // A client that sends nothing, or never reads what comes back, gives
        // the thread back after `timeout` instead of holding it for ever.
        let timeouts = stream
            .set_read_timeout(Some(timeout))
            .and_then(|()| stream.set_write_timeout(Some(timeout)));
        if let Err(e) = timeouts {
            return eprintln!("echo server: dropping a client: {e}");
        }
        // Shared with close_all, which may shut it down from another thread.
        let stream = Arc::new(stream);
        let id = {
            let mut open = self.open();
            if open.closed {
                return; // the server is stopping: drop the client
            }
            let id = open.next;
            open.next += 1;
            open.streams.insert(id, Arc::clone(&stream));
            id
        };
        let _ = echo(&stream);
        self.open().streams.remove(&id);
    }

    /// Ends every connection being served, and every one that comes later.
    fn close_all(&self) {
        let mut open = self.open();
        open.closed = true;
        for (_, stream) in open.streams.drain() {
            // Wakes the thread blocked in read or write on it, at once.
            let _ = stream.shutdown(Shutdown::Both);
        }
    }
}
// ANCHOR_END: connections

// ANCHOR: accept
/// Hands every client to `serve` until `stopping` is set. When accept fails
/// (out of file descriptors, say) or `serve` does (no thread to be had), it
/// says so and waits before trying again, twice as long each time up to a
/// second: retrying at once would spin a core for as long as the cause lasts.
fn accept_loop(
    listener: &TcpListener,
    stopping: &AtomicBool,
    mut serve: impl FnMut(TcpStream) -> io::Result<()>,
) {
    let mut pause = Duration::ZERO;
    loop {
        let accepted = listener.accept();
        if stopping.load(Ordering::Relaxed) {
            return;
        }
        let served = match accepted {
            Ok((stream, _)) => serve(stream),
            Err(e) => Err(io::Error::new(e.kind(), format!("accept failed: {e}"))),
        };
        match served {
            Ok(()) => pause = Duration::ZERO,
            Err(e) => {
                pause = (pause * 2).clamp(Duration::from_millis(10), Duration::from_secs(1));
                eprintln!("echo server: {e}; trying again in {pause:?}");
                thread::sleep(pause);
            }
        }
    }
}
// ANCHOR_END: accept

/// One of the three servers. Dropping it stops it.
pub struct Server {
    addr: SocketAddr,
    stopping: Arc<AtomicBool>,
    connections: Arc<Connections>,
    acceptor: Option<JoinHandle<()>>,
}

impl Server {
    // ANCHOR: pooled
    /// 12.7's first server: every client is a job on the book's ThreadPool.
    pub fn pooled(workers: usize, timeout: Duration) -> io::Result<Server> {
        let pool = ThreadPool::new(workers)?;
        // At most this many clients wait in the pool's queue or are served;
        // later ones wait in the kernel's backlog, not in the server's memory.
        let slots = Arc::new(Slots::new(2 * workers));
        Server::start(move |listener, stopping, connections| {
            accept_loop(listener, stopping, |stream| {
                slots.take();
                let (slots, connections) = (Arc::clone(&slots), Arc::clone(connections));
                pool.submit(move || {
                    connections.serve(stream, timeout);
                    slots.give_back();
                });
                Ok(())
            });
            drop(pool); // runs the jobs left, which find the server stopped
        })
    }
    // ANCHOR_END: pooled

    // ANCHOR: queued
    /// 12.7's hand-made pool: `workers` threads take clients from one queue.
    pub fn queued(workers: usize, timeout: Duration) -> io::Result<Server> {
        // A bounded queue: when `workers` clients wait in it, the acceptor
        // waits too, and later clients wait in the kernel's backlog.
        let (sender, receiver) = mpsc::sync_channel::<TcpStream>(workers);
        let receiver = Arc::new(Mutex::new(receiver));
        let connections = Arc::new(Connections::default());
        let mut threads = Vec::with_capacity(workers);
        for i in 0..workers {
            let (receiver, connections) = (Arc::clone(&receiver), Arc::clone(&connections));
            threads.push(
                thread::Builder::new()
                    .name(format!("echo-worker-{i}"))
                    .spawn(move || {
                        // Unlike the recipe's worker, loop: client after client.
                        loop {
                            let next = receiver.lock().unwrap().recv();
                            match next {
                                Ok(stream) => connections.serve(stream, timeout),
                                Err(_) => return, // the acceptor has stopped
                            }
                        }
                    })?, // on error, `sender` is dropped: the workers end
            );
        }
        Server::start_with(connections, move |listener, stopping, _| {
            accept_loop(listener, stopping, |stream| {
                sender.send(stream).map_err(io::Error::other)
            });
            drop(sender); // every worker's recv() fails: they end
            for thread in threads {
                let _ = thread.join();
            }
        })
    }
    // ANCHOR_END: queued

    // ANCHOR: threads
    /// The server 12.7 warns against: a new thread for every client.
    pub fn thread_per_connection(timeout: Duration) -> io::Result<Server> {
        Server::start(move |listener, stopping, connections| {
            let mut threads: Vec<JoinHandle<()>> = Vec::new();
            accept_loop(listener, stopping, |stream| {
                // Join the threads whose client has gone: a handle kept for
                // every past client, and each one's stack, would pile up.
                for done in threads.extract_if(.., |thread| thread.is_finished()) {
                    let _ = done.join();
                }
                let connections = Arc::clone(connections);
                let thread = thread::Builder::new()
                    .name("echo-connection".into())
                    .stack_size(64 * 1024) // echo() needs little; its buffer is on the heap
                    .spawn(move || connections.serve(stream, timeout))
                    // On error the closure, and with it the client, is dropped.
                    .map_err(|e| {
                        io::Error::new(e.kind(), format!("no thread for a client: {e}"))
                    })?;
                threads.push(thread);
                Ok(())
            });
            for thread in threads {
                let _ = thread.join();
            }
        })
    }
    // ANCHOR_END: threads

    /// Listens on 127.0.0.1, on a port the system picks, and runs `acceptor`
    /// on a thread of its own.
    fn start(
        acceptor: impl FnOnce(&TcpListener, &AtomicBool, &Arc<Connections>) + Send + 'static,
    ) -> io::Result<Server> {
        Server::start_with(Arc::new(Connections::default()), acceptor)
    }

    fn start_with(
        connections: Arc<Connections>,
        acceptor: impl FnOnce(&TcpListener, &AtomicBool, &Arc<Connections>) + Send + 'static,
    ) -> io::Result<Server> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let stopping = Arc::new(AtomicBool::new(false));
        let (stop, served) = (Arc::clone(&stopping), Arc::clone(&connections));
        let acceptor = thread::Builder::new()
            .name("echo-acceptor".into())
            .spawn(move || acceptor(&listener, &stop, &served))?;
        Ok(Server {
            addr,
            stopping,
            connections,
            acceptor: Some(acceptor),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
}

// ANCHOR: drop_server
impl Drop for Server {
    fn drop(&mut self) {
        // Relaxed is enough: the acceptor loads the flag after accept()
        // returns, and the connection below is made after this store.
        self.stopping.store(true, Ordering::Relaxed);
        // End the clients being served, idle or not, instead of waiting.
        self.connections.close_all();
        // Wake the acceptor from accept() with a connection of our own. If the
        // backlog is full this times out, but then accept() has clients to
        // return, and the acceptor sees the flag all the same.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}
// ANCHOR_END: drop_server

// ANCHOR: slots
/// A count of free places, which take() waits for: a small semaphore.
struct Slots {
    free: Mutex<usize>,
    freed: Condvar,
}

impl Slots {
    fn new(places: usize) -> Slots {
        Slots {
            free: Mutex::new(places),
            freed: Condvar::new(),
        }
    }

    fn take(&self) {
        let mut free = self.free.lock().unwrap();
        while *free == 0 {
            free = self.freed.wait(free).unwrap();
        }
        *free -= 1;
    }

    fn give_back(&self) {
        *self.free.lock().unwrap() += 1;
        self.freed.notify_one();
    }
}
// ANCHOR_END: slots

/// A client: sends `message`, says it has no more to send, and reads
/// everything that comes back until the server closes the connection.
fn client(addr: SocketAddr, message: &[u8]) -> io::Result<Vec<u8>> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(2)))?;
    stream.write_all(message)?;
    stream.shutdown(Shutdown::Write)?;
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply)?;
    Ok(reply)
}

fn main() -> io::Result<()> {
    // ANCHOR: main
    let timeout = Duration::from_secs(5);
    let servers = [
        ("pooled", Server::pooled(2, timeout)?),
        ("queued", Server::queued(2, timeout)?),
        (
            "thread per connection",
            Server::thread_per_connection(timeout)?,
        ),
    ];
    // Not UTF-8, and not a line: the servers send back bytes as they come.
    let message = b"caf\xc3\xa9 \xff\r\nno newline";
    for (name, server) in servers {
        let reply = client(server.addr(), message)?;
        println!("{name}: {}", reply.escape_ascii());
        drop(server); // stops it, and returns at once
    }
    // ANCHOR_END: main
    Ok(())
}
