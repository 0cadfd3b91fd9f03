//! Chapter 8's three echo servers against the recipe's Python server on a
//! ThreadPoolExecutor(128) (echo_executor.py, imported as it is), side by side
//! in one run: `cargo bench -p listings --bench servers`.
//!
//! The same load for each, on 127.0.0.1: 32 clients connect, then each sends
//! 1,000 messages of 1 KiB, one at a time, waiting for each echo. Reports
//! messages per second, the median and 99th percentile round trip, and the
//! processor time the server spent per message. Each server runs in a process
//! of its own (the Rust ones in this program, started again with `--serve`),
//! so that its processor time can be read apart from the clients'; the
//! clients run in this process, on the same cores. Asserts nothing.

#[allow(dead_code)]
#[path = "../ch08-thread-pool/servers.rs"]
mod servers;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::{Duration, Instant};

const CLIENTS: usize = 32;
const MESSAGES: usize = 1000;
const SIZE: usize = 1024;
/// As many workers as the recipe's ThreadPoolExecutor(128).
const WORKERS: usize = 128;

struct Load {
    seconds: f64,
    round_trips: Vec<Duration>,
}

/// Connects every client first, then starts them together.
fn load(addr: SocketAddr) -> Load {
    let ready = Arc::new(Barrier::new(CLIENTS + 1));
    let clients: Vec<_> = (0..CLIENTS)
        .map(|client| {
            let ready = Arc::clone(&ready);
            thread::spawn(move || {
                let mut stream = TcpStream::connect(addr).unwrap();
                stream.set_nodelay(true).unwrap();
                stream
                    .set_read_timeout(Some(Duration::from_secs(30)))
                    .unwrap();
                let message: Vec<u8> = (0..SIZE).map(|i| (client + i) as u8).collect();
                let mut back = vec![0; SIZE];
                let mut round_trips = Vec::with_capacity(MESSAGES);
                ready.wait();
                for _ in 0..MESSAGES {
                    let sent = Instant::now();
                    stream.write_all(&message).unwrap();
                    stream.read_exact(&mut back).unwrap();
                    round_trips.push(sent.elapsed());
                }
                assert!(back == message, "the server sent back other bytes");
                round_trips
            })
        })
        .collect();
    ready.wait();
    let start = Instant::now();
    let mut round_trips = Vec::with_capacity(CLIENTS * MESSAGES);
    for client in clients {
        round_trips.extend(client.join().unwrap());
    }
    Load {
        seconds: start.elapsed().as_secs_f64(),
        round_trips,
    }
}

/// The recipe's server, from the listing's own file.
fn python_server() -> Command {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/ch08-thread-pool");
    let program = format!(
        "import sys, socket\n\
         sys.path.insert(0, {folder:?})\n\
         import echo_executor\n\
         sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)\n\
         sock.bind(('127.0.0.1', 0))\n\
         sock.listen(5)\n\
         print(sock.getsockname()[1], flush=True)\n\
         echo_executor.print = lambda *args: None  # its 64 lines of chatter\n\
         echo_executor.echo_server(sock)\n"
    );
    let mut command = Command::new("python3");
    command.args(["-c", &program]);
    command
}

/// This program, serving with one of the chapter's servers.
fn rust_server(kind: &str) -> Command {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command.args(["--serve", kind]);
    command
}

/// In the child started by rust_server(): serves until killed.
fn serve(kind: &str) {
    let timeout = Duration::from_secs(30);
    let server = match kind {
        "pooled" => servers::Server::pooled(WORKERS, timeout),
        "queued" => servers::Server::queued(WORKERS, timeout),
        _ => servers::Server::thread_per_connection(timeout),
    }
    .unwrap();
    println!("{}", server.addr().port());
    std::io::stdout().flush().unwrap();
    loop {
        thread::park();
    }
}

/// Starts a server process and reads the port it prints.
fn start(mut command: Command) -> (Child, SocketAddr) {
    let mut child = command
        .stdout(Stdio::piped())
        .spawn()
        .expect("the server starts");
    let mut line = String::new();
    BufReader::new(child.stdout.as_mut().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port: u16 = line.trim().parse().expect("the server says its port");
    (child, SocketAddr::from(([127, 0, 0, 1], port)))
}

/// The kernel's unit of processor time, in seconds (a clock tick).
fn tick() -> f64 {
    // SAFETY: sysconf only reads a system setting.
    1.0 / unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64
}

/// The processor time a process has used: (user, system), counted in ticks.
fn cpu_time(child: &Child) -> (Duration, Duration) {
    let stat = std::fs::read_to_string(format!("/proc/{}/stat", child.id())).unwrap();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .unwrap()
        .1
        .split_whitespace()
        .collect();
    let time = |field: &str| Duration::from_secs_f64(field.parse::<u64>().unwrap() as f64 * tick());
    (time(fields[11]), time(fields[12]))
}

fn python_version() -> String {
    Command::new("python3")
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

struct Measured {
    rate: f64,
    /// Processor time of the server per message, in µs: user, system.
    user: f64,
    system: f64,
}

fn measure(name: &str, server: Command) -> Measured {
    let (mut child, addr) = start(server);
    let before = cpu_time(&child);
    let mut load = load(addr);
    let after = cpu_time(&child);
    child.kill().unwrap();
    child.wait().unwrap();
    load.round_trips.sort();
    let at = |fraction: f64| {
        let i =
            ((load.round_trips.len() as f64 * fraction) as usize).min(load.round_trips.len() - 1);
        load.round_trips[i].as_secs_f64() * 1e6
    };
    let messages = (CLIENTS * MESSAGES) as f64;
    let per_message = |a: Duration, b: Duration| (a - b).as_secs_f64() / messages * 1e6;
    let measured = Measured {
        rate: messages / load.seconds,
        user: per_message(after.0, before.0),
        system: per_message(after.1, before.1),
    };
    println!(
        "{name:<40} {:>7.0} messages/s; round trip: median {:>4.0} µs, 99th percentile {:>5.0} µs; \
         server CPU a message: {:>4.1} µs in the program, {:>4.1} µs in the kernel (± {:.1} µs)",
        measured.rate,
        at(0.50),
        at(0.99),
        measured.user,
        measured.system,
        tick() / messages * 1e6,
    );
    measured
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--serve") {
        return serve(&args[at + 1]);
    }
    println!(
        "{CLIENTS} clients × {MESSAGES} messages of {SIZE} bytes, on 127.0.0.1, {} cores:",
        thread::available_parallelism().map_or(0, |n| n.get())
    );
    let python = measure(
        &format!("{} ThreadPoolExecutor({WORKERS})", python_version()),
        python_server(),
    );
    for (name, kind) in [
        (
            format!("Rust, the book's pool ({WORKERS} workers)"),
            "pooled",
        ),
        (
            format!("Rust, hand-made pool ({WORKERS} workers)"),
            "queued",
        ),
        ("Rust, a thread per connection".to_string(), "threads"),
    ] {
        let rust = measure(&name, rust_server(kind));
        println!(
            "{:<40} {:.1}× the Python server's messages per second, with {:.1}× less server CPU \
             a message",
            "",
            rust.rate / python.rate,
            (python.user + python.system) / (rust.user + rust.system)
        );
    }
}
