// An echo server with one thread per connection (python3-cookbook 12.7's first server).
use std::io::{self, BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::{self, JoinHandle};

// ANCHOR: serve
/// Echoes every line back until the client closes the connection.
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
    acceptor: Option<JoinHandle<()>>,
}

impl Server {
    /// Listens on 127.0.0.1, on a port the operating system picks.
    pub fn start() -> io::Result<Server> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let stopping = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&stopping);
        let acceptor = thread::spawn(move || {
            let mut connections = Vec::new();
            for stream in listener.incoming() {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                // One new thread for every client.
                if let Ok(stream) = stream {
                    connections.push(thread::spawn(move || echo(stream)));
                }
            }
            for connection in connections {
                let _ = connection.join();
            }
        });
        Ok(Server {
            addr,
            stopping,
            acceptor: Some(acceptor),
        })
    }
    // ANCHOR_END: serve

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
}

impl Drop for Server {
    // Stop accepting, wake the acceptor with one last connection, and wait for
    // the clients still connected to finish.
    fn drop(&mut self) {
        // Relaxed is enough: this store comes before connect(), and the
        // acceptor loads the flag only after accept() returns that
        // connection, so the socket orders the two; no Ordering would add that.
        self.stopping.store(true, Ordering::Relaxed);
        let _ = TcpStream::connect(self.addr);
        if let Some(acceptor) = self.acceptor.take() {
            acceptor.join().unwrap();
        }
    }
}

fn main() -> io::Result<()> {
    let server = Server::start()?;
    for message in ["hello", "world"] {
        let mut client = TcpStream::connect(server.addr())?;
        client.write_all(format!("{message}\n").as_bytes())?;
        let mut reply = String::new();
        BufReader::new(&client).read_line(&mut reply)?;
        print!("sent {message:?}, got back {reply}");
    }
    drop(server);
    println!("server stopped");
    Ok(())
}
