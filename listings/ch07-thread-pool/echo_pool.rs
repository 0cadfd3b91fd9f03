// An echo server with a fixed pool of worker threads fed by a queue.
use std::io::{self, BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::thread::{self, JoinHandle};

fn echo(stream: TcpStream) -> io::Result<()> {
    let mut writer = stream.try_clone()?;
    for line in BufReader::new(stream).lines() {
        // One write per line: two small writes would meet Nagle's algorithm
        // and delayed ACKs, and cost up to 40 ms a message.
        let mut line = line?;
        line.push('\n');
        writer.write_all(line.as_bytes())?;
    }
    Ok(())
}

pub struct Server {
    addr: SocketAddr,
    stopping: Arc<AtomicBool>,
    threads: Vec<JoinHandle<()>>,
}

impl Server {
    // ANCHOR: start
    /// Listens on 127.0.0.1, on a port the operating system picks, and serves
    /// clients with `workers` threads, named echo-worker-0, echo-worker-1, ...
    pub fn start(workers: usize) -> io::Result<Server> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let stopping = Arc::new(AtomicBool::new(false));
        // The queue: the acceptor sends connections, the workers take them.
        let (sender, receiver) = mpsc::channel::<TcpStream>();
        let receiver = Arc::new(Mutex::new(receiver));
        let mut threads = Vec::new();
        for i in 0..workers {
            let receiver = Arc::clone(&receiver);
            threads.push(
                thread::Builder::new()
                    .name(format!("echo-worker-{i}"))
                    .spawn(move || {
                        // Unlike the cookbook's worker, loop: serve client after client.
                        loop {
                            let next = receiver.lock().unwrap().recv();
                            match next {
                                Ok(stream) => {
                                    let _ = echo(stream);
                                }
                                Err(_) => break, // the acceptor has stopped
                            }
                        }
                    })?,
            );
        }
        let stop = Arc::clone(&stopping);
        threads.push(
            thread::Builder::new()
                .name("echo-acceptor".into())
                .spawn(move || {
                    for stream in listener.incoming() {
                        if stop.load(Ordering::Relaxed) {
                            break;
                        }
                        if let Ok(stream) = stream {
                            let _ = sender.send(stream);
                        }
                    }
                    // Dropping the sender tells every worker to finish.
                })?,
        );
        Ok(Server {
            addr,
            stopping,
            threads,
        })
    }
    // ANCHOR_END: start

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // Relaxed is enough: this store comes before connect(), and the
        // acceptor loads the flag only after accept() returns that
        // connection, so the socket orders the two; no Ordering would add that.
        self.stopping.store(true, Ordering::Relaxed);
        let _ = TcpStream::connect(self.addr);
        for thread in self.threads.drain(..) {
            thread.join().unwrap();
        }
    }
}

fn main() -> io::Result<()> {
    let server = Server::start(2)?;
    let clients: Vec<_> = ["one", "two", "three"]
        .into_iter()
        .map(|message| {
            let addr = server.addr();
            thread::spawn(move || -> io::Result<String> {
                let mut client = TcpStream::connect(addr)?;
                client.write_all(format!("{message}\n").as_bytes())?;
                let mut reply = String::new();
                BufReader::new(&client).read_line(&mut reply)?;
                Ok(reply)
            })
        })
        .collect();
    for client in clients {
        print!("echoed: {}", client.join().unwrap()?);
    }
    drop(server);
    println!("server stopped");
    Ok(())
}
