//! Chapter 8's three echo servers (listings/ch08-thread-pool/servers.rs, the
//! very file the chapter shows) against honest, idle, slow and hostile
//! clients, on 127.0.0.1 only. Each protection the chapter describes has a
//! test here: remove the protection and its test fails.
//!
//! Threads are counted, not by name, but as every thread of this process that
//! a test did not start itself (those are named `client` or `monitor`), and
//! memory is this process's: so the tests run one at a time, on the main
//! thread, under a harness of their own (libtest-mimic, one thread).
//!
//! Two tests run in a child process of their own, because they take file
//! descriptors or address space away from the whole process on purpose.
//!
//! They are the heavy tier: `cargo test -p listings --test echo_servers --
//! --include-ignored` runs them (.ci/run does), in about 30 seconds.

#[allow(dead_code)]
#[path = "../ch08-thread-pool/servers.rs"]
mod servers;

mod common;

use libtest_mimic::{Arguments, Trial};

use servers::Server;
use std::collections::HashSet;
use std::fs::File;
use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

const WORKERS: usize = 4;
/// The servers' read and write timeout in these tests.
const TIMEOUT: Duration = Duration::from_secs(1);
/// How long any honest client may wait, whatever the other clients do.
const SERVED_WITHIN: Duration = Duration::from_secs(2);

fn main() {
    let mut arguments = Arguments::from_args();
    // One at a time, on this thread: the tests count the process's threads.
    arguments.test_threads = Some(1);
    let tests: [(&str, fn()); 8] = [
        (
            "every_byte_comes_back_to_32_clients_at_once",
            every_byte_comes_back_to_32_clients_at_once,
        ),
        (
            "no_hostile_client_keeps_others_waiting_or_grows_memory",
            no_hostile_client_keeps_others_waiting_or_grows_memory,
        ),
        (
            "an_active_client_is_served_while_every_worker_holds_an_idle_one",
            an_active_client_is_served_while_every_worker_holds_an_idle_one,
        ),
        (
            "dropping_a_server_with_100_idle_clients_returns_within_a_second",
            dropping_a_server_with_100_idle_clients_returns_within_a_second,
        ),
        ("a_thousand_clients_at_once", a_thousand_clients_at_once),
        (
            "ten_thousand_short_connections_leave_no_threads_or_stacks_behind",
            ten_thousand_short_connections_leave_no_threads_or_stacks_behind,
        ),
        (
            ACCEPT_OUT_OF_DESCRIPTORS,
            accept_out_of_descriptors_is_logged_backed_off_and_survived,
        ),
        (
            THREAD_REFUSED,
            a_thread_the_system_refuses_is_logged_and_the_server_serves_on,
        ),
    ];
    let trials = tests
        .into_iter()
        .map(|(name, test)| {
            Trial::test(name, move || {
                std::panic::catch_unwind(test).map_err(|_| format!("{name} failed").into())
            })
            .with_ignored_flag(true)
        })
        .collect();
    libtest_mimic::run(&arguments, trials).exit();
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Pooled,
    Queued,
    ThreadPerConnection,
}

const KINDS: [Kind; 3] = [Kind::Pooled, Kind::Queued, Kind::ThreadPerConnection];

impl Kind {
    fn start(self) -> Server {
        self.start_with(TIMEOUT)
    }

    fn start_with(self, timeout: Duration) -> Server {
        match self {
            Kind::Pooled => Server::pooled(WORKERS, timeout),
            Kind::Queued => Server::queued(WORKERS, timeout),
            Kind::ThreadPerConnection => Server::thread_per_connection(timeout),
        }
        .unwrap_or_else(|e| panic!("{self:?} server: {e}"))
    }
}

/// Runs `test` against each server, on a thread of its own, failing after
/// `limit` instead of hanging.
fn each_server(limit: Duration, what: &str, test: fn(Kind)) {
    for kind in KINDS {
        common::within(limit, &format!("{what}, {kind:?} server"), move || {
            test(kind)
        });
    }
}

/// `len` bytes of every value, most of them not UTF-8, and no newline rule.
fn message(client: usize, round: usize, len: usize) -> Vec<u8> {
    (0..len)
        .map(|i| ((client * 7 + round * 13 + i * 31) % 256) as u8)
        .collect()
}

fn connect(addr: SocketAddr) -> TcpStream {
    let stream = TcpStream::connect_timeout(&addr, Duration::from_secs(20))
        .unwrap_or_else(|e| panic!("connect to {addr}: {e}"));
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream
}

/// Sends `sent` and reads back as many bytes, which must be the same.
fn round_trip(stream: &mut TcpStream, sent: &[u8]) {
    stream.write_all(sent).unwrap();
    let mut back = vec![0; sent.len()];
    stream.read_exact(&mut back).unwrap();
    assert!(back == sent, "the server sent back other bytes");
}

/// One honest client: connects, echoes a message, and says how long it took.
fn honest_client(addr: SocketAddr) -> Duration {
    let start = Instant::now();
    let mut stream = connect(addr);
    round_trip(&mut stream, &message(1, 1, 1000));
    start.elapsed()
}

fn client_thread<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> JoinHandle<T> {
    thread::Builder::new()
        .name("client".into())
        .stack_size(64 * 1024)
        .spawn(work)
        .unwrap()
}

/// The threads of this process, as (thread id, name).
fn tasks() -> Vec<(String, String)> {
    std::fs::read_dir("/proc/self/task")
        .unwrap()
        .filter_map(|task| {
            let path = task.ok()?.path();
            let name = std::fs::read_to_string(path.join("comm")).ok()?;
            Some((
                path.file_name()?.to_string_lossy().into_owned(),
                name.trim_end().to_string(),
            ))
        })
        .collect()
}

/// The threads that were not there when it was made, and that no test
/// started: the server's, whatever their names. A new thread bears its
/// parent's name until it sets its own, so a thread named like the test's
/// own thread is one being born from it, and is not counted either.
struct ServerThreads {
    before: HashSet<String>,
    own: String,
}

impl ServerThreads {
    fn from_now() -> ServerThreads {
        ServerThreads {
            before: tasks().into_iter().map(|(id, _)| id).collect(),
            own: std::fs::read_to_string("/proc/thread-self/comm")
                .unwrap()
                .trim_end()
                .to_string(),
        }
    }

    fn count(&self) -> usize {
        tasks()
            .into_iter()
            .filter(|(id, name)| {
                !self.before.contains(id)
                    && name != "client"
                    && name != "monitor"
                    && *name != self.own
            })
            .count()
    }

    /// Waits up to a second for every server thread to be gone: a thread
    /// that has been joined may still be listed for a moment.
    fn assert_none_left(&self, what: &str) {
        let start = Instant::now();
        while self.count() > 0 && start.elapsed() < Duration::from_secs(1) {
            thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(self.count(), 0, "{what}: server threads left behind");
    }
}

/// Samples something every 2 ms on a thread named `monitor`, keeping the
/// largest value, until stopped.
struct Monitor {
    stop: Arc<AtomicBool>,
    thread: JoinHandle<u64>,
}

impl Monitor {
    fn start(sample: impl Fn() -> u64 + Send + 'static) -> Monitor {
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let thread = thread::Builder::new()
            .name("monitor".into())
            .spawn(move || {
                let mut most = sample();
                while !stopped.load(Ordering::Relaxed) {
                    most = most.max(sample());
                    thread::sleep(Duration::from_millis(2));
                }
                most
            })
            .unwrap();
        Monitor { stop, thread }
    }

    fn most(self) -> u64 {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.join().unwrap()
    }
}

fn every_byte_comes_back_to_32_clients_at_once() {
    each_server(Duration::from_secs(60), "32 clients", |kind| {
        let server = kind.start();
        let addr = server.addr();
        let clients: Vec<_> = (0..32)
            .map(|client| {
                client_thread(move || {
                    let mut stream = connect(addr);
                    for round in 0..200 {
                        let len = 1 + (client * 131 + round * 37) % 2000;
                        round_trip(&mut stream, &message(client, round, len));
                    }
                })
            })
            .collect();
        for client in clients {
            client.join().unwrap();
        }
    });
}

/// What a hostile or broken client does; each runs on its own thread until
/// the server gives up on it or the test is over.
#[derive(Clone, Copy, Debug)]
enum Hostile {
    /// Connects and never sends.
    Silent,
    /// Sends without end and never reads.
    NeverReads,
    /// Sends 10 MB without a newline, reading the echo as it comes.
    TenMegabytes,
    /// Sends bytes that are not UTF-8.
    InvalidUtf8,
    /// Sends half a message and disconnects.
    LeavesMidMessage,
}

impl Hostile {
    fn behave(self, addr: SocketAddr, over: Arc<AtomicBool>) {
        let mut stream = connect(addr);
        let wait_for_the_end = || {
            while !over.load(Ordering::Relaxed) {
                thread::sleep(Duration::from_millis(10));
            }
        };
        match self {
            Hostile::Silent => wait_for_the_end(),
            Hostile::NeverReads => {
                stream
                    .set_write_timeout(Some(Duration::from_millis(100)))
                    .unwrap();
                let chunk = vec![b'x'; 65536];
                // Until the server gives up on us (an error), or the test ends.
                while !over.load(Ordering::Relaxed) {
                    match stream.write(&chunk) {
                        Ok(_) => {}
                        Err(e) if e.kind() == ErrorKind::WouldBlock => {}
                        Err(e) if e.kind() == ErrorKind::TimedOut => {}
                        Err(_) => break,
                    }
                }
            }
            Hostile::TenMegabytes => {
                const TOTAL: usize = 10 * 1024 * 1024;
                let mut reader = stream.try_clone().unwrap();
                let counting = thread::Builder::new()
                    .name("client".into())
                    .spawn(move || {
                        let mut buffer = vec![0; 65536];
                        let mut got = 0;
                        while got < TOTAL {
                            match reader.read(&mut buffer) {
                                Ok(0) | Err(_) => break,
                                Ok(n) => got += n,
                            }
                        }
                        got
                    })
                    .unwrap();
                let chunk = vec![b'x'; 65536];
                for _ in 0..TOTAL / chunk.len() {
                    stream.write_all(&chunk).unwrap();
                }
                assert_eq!(counting.join().unwrap(), TOTAL, "10 MB echoed");
                wait_for_the_end();
            }
            Hostile::InvalidUtf8 => {
                round_trip(&mut stream, b"\xff\xfe\xc3\x28 \xe2\x82 not UTF-8 \x80");
                wait_for_the_end();
            }
            Hostile::LeavesMidMessage => {
                stream.write_all(&message(9, 9, 1000)).unwrap();
                stream.shutdown(Shutdown::Both).unwrap();
            }
        }
    }
}

/// The bound the chapter states: a connection costs the server one buffer of
/// 64 KiB, and on the thread-per-connection server one 64 KiB stack. This
/// process also runs the clients; 8 MiB leaves them room, and is still less
/// than a server that kept a 10 MB message in memory would need.
const MEMORY_BOUND: u64 = 8 * 1024 * 1024;

fn no_hostile_client_keeps_others_waiting_or_grows_memory() {
    each_server(Duration::from_secs(120), "hostile clients", |kind| {
        for hostile in [
            Hostile::Silent,
            Hostile::NeverReads,
            Hostile::TenMegabytes,
            Hostile::InvalidUtf8,
            Hostile::LeavesMidMessage,
        ] {
            let server = kind.start();
            let addr = server.addr();
            let before = common::status_bytes("VmRSS:");
            let memory = Monitor::start(|| common::status_bytes("VmRSS:"));
            let over = Arc::new(AtomicBool::new(false));
            let ends = Arc::clone(&over);
            let client = client_thread(move || hostile.behave(addr, ends));
            thread::sleep(Duration::from_millis(200)); // let it start
            let waited = honest_client(addr);
            assert!(
                waited < SERVED_WITHIN,
                "{kind:?} server, {hostile:?} client: an honest client waited {waited:?}"
            );
            over.store(true, Ordering::Relaxed);
            client.join().unwrap();
            drop(server);
            let grown = memory.most().saturating_sub(before);
            assert!(
                grown < MEMORY_BOUND,
                "{kind:?} server, {hostile:?} client: memory grew by {grown} bytes"
            );
        }
    });
}

fn an_active_client_is_served_while_every_worker_holds_an_idle_one() {
    each_server(Duration::from_secs(60), "idle clients", |kind| {
        let server = kind.start();
        let idle: Vec<TcpStream> = (0..WORKERS).map(|_| connect(server.addr())).collect();
        thread::sleep(Duration::from_millis(200)); // each idle client has a worker
        let waited = honest_client(server.addr());
        assert!(
            waited < SERVED_WITHIN,
            "{kind:?} server: with {WORKERS} idle clients, an active one waited {waited:?}"
        );
        drop(idle);
    });
}

fn dropping_a_server_with_100_idle_clients_returns_within_a_second() {
    each_server(Duration::from_secs(60), "drop with idle clients", |kind| {
        let threads = ServerThreads::from_now();
        // A timeout far longer than the test: drop must not wait for it.
        let server = kind.start_with(Duration::from_secs(60));
        let idle: Vec<TcpStream> = (0..100).map(|_| connect(server.addr())).collect();
        thread::sleep(Duration::from_millis(200));
        let start = Instant::now();
        drop(server);
        let took = start.elapsed();
        assert!(
            took < Duration::from_secs(1),
            "{kind:?} server: drop took {took:?}"
        );
        threads.assert_none_left(&format!("{kind:?} server"));
        drop(idle);
    });
}

/// Raises this process's soft limit of open files to its hard limit, or to
/// `wanted` if that is less: 1,000 connections need 2,000 descriptors here.
fn raise_open_files(wanted: u64) {
    let (soft, hard) = common::limits(libc::RLIMIT_NOFILE);
    assert!(
        hard >= wanted,
        "this test needs {wanted} open files; the hard limit is {hard}"
    );
    if soft < wanted {
        common::set_soft_limit(libc::RLIMIT_NOFILE, wanted);
    }
}

fn a_thousand_clients_at_once() {
    raise_open_files(8192);
    each_server(Duration::from_secs(120), "1,000 clients at once", |kind| {
        let threads = ServerThreads::from_now();
        let server = kind.start();
        let addr = server.addr();
        let counted = Arc::new(ServerThreads {
            before: threads.before.clone(),
            own: threads.own.clone(),
        });
        let most_threads = Monitor::start(move || counted.count() as u64);
        // The thread-per-connection server takes all 1,000 at once: each
        // client stays connected until every one has been echoed. A pooled
        // server serves its workers' clients and keeps the rest waiting, in
        // its queue and then in the kernel's backlog (128 connections, with
        // Rust's std); there, each client leaves once echoed.
        let all_at_once = kind == Kind::ThreadPerConnection;
        let echoed = Arc::new(std::sync::Barrier::new(if all_at_once { 1000 } else { 1 }));
        let (connected, most_connected) =
            (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let counts = (Arc::clone(&connected), Arc::clone(&most_connected));
        // Started from a thread named `client`, so that each is named so
        // from its first instant.
        client_thread(move || {
            let clients: Vec<_> = (0..1000)
                .map(|client| {
                    let (connected, most_connected) =
                        (Arc::clone(&counts.0), Arc::clone(&counts.1));
                    let echoed = Arc::clone(&echoed);
                    client_thread(move || {
                        let mut stream = connect(addr);
                        let now = connected.fetch_add(1, Ordering::Relaxed) + 1;
                        most_connected.fetch_max(now, Ordering::Relaxed);
                        round_trip(&mut stream, &message(client, 0, 1 + client % 1024));
                        echoed.wait();
                        connected.fetch_sub(1, Ordering::Relaxed);
                    })
                })
                .collect();
            for client in clients {
                client.join().unwrap();
            }
        })
        .join()
        .unwrap();
        let most = most_threads.most();
        let most_connected = most_connected.load(Ordering::Relaxed);
        eprintln!(
            "{kind:?} server: at most {most_connected} clients connected at once, \
             {most} server threads"
        );
        if all_at_once {
            assert_eq!(most_connected, 1000, "all connected at once");
            // Its threads end with their clients (the next accept joins them).
            let start = Instant::now();
            while threads.count() > 1 && start.elapsed() < Duration::from_secs(1) {
                thread::sleep(Duration::from_millis(5));
            }
            assert_eq!(threads.count(), 1, "only the acceptor is left");
        } else {
            assert!(
                most <= WORKERS as u64 + 1,
                "{kind:?} server: {most} threads for {WORKERS} workers and an acceptor"
            );
        }
        drop(server);
        threads.assert_none_left(&format!("{kind:?} server"));
    });
}

fn ten_thousand_short_connections_leave_no_threads_or_stacks_behind() {
    common::within(Duration::from_secs(120), "10,000 connections", || {
        let threads = ServerThreads::from_now();
        let server = Kind::ThreadPerConnection.start();
        honest_client(server.addr());
        let before = common::status_bytes("VmSize:");
        for _ in 0..10_000 {
            honest_client(server.addr());
        }
        // A thread that has ended but is never joined keeps its stack mapped:
        // 10,000 of them would add 10,000 stacks here.
        let grown = common::status_bytes("VmSize:").saturating_sub(before);
        assert!(
            grown < 64 * 1024 * 1024,
            "address space grew by {} MiB over 10,000 connections",
            grown / (1024 * 1024)
        );
        let left = threads.count();
        assert!(left <= 2, "{left} server threads after 10,000 connections");
        drop(server);
        threads.assert_none_left("thread-per-connection server");
    });
}

const ACCEPT_OUT_OF_DESCRIPTORS: &str =
    "accept_out_of_descriptors_is_logged_backed_off_and_survived";

fn accept_out_of_descriptors_is_logged_backed_off_and_survived() {
    let Some(child) = common::in_child(ACCEPT_OUT_OF_DESCRIPTORS) else {
        for kind in KINDS {
            out_of_descriptors(kind);
        }
        return;
    };
    let stderr = child.stderr;
    for kind in KINDS {
        let during = stderr
            .split(&format!("{kind:?} server: out of descriptors"))
            .nth(1)
            .and_then(|rest| {
                rest.split(&format!("{kind:?} server: descriptors back"))
                    .next()
            })
            .unwrap_or_else(|| panic!("the child said nothing of the {kind:?} server:\n{stderr}"));
        let failures = during
            .lines()
            .filter(|l| l.contains("accept failed: Too many open files"))
            .count();
        // 700 ms of waits of 10, 20, 40, ... ms make 7; a loop that retried
        // at once would log thousands.
        assert!(
            (1..=10).contains(&failures),
            "{kind:?} server: {failures} failed accepts logged in 700 ms:\n{during}"
        );
    }
}

/// A client in a process of its own, so that it can connect while this one
/// has no descriptor left: it connects when told, echoes, and prints what
/// came back.
const LATE_CLIENT: &str = "
import socket, sys
port = int(sys.argv[1])
print('ready', flush=True)
sys.stdin.readline()
client = socket.create_connection(('127.0.0.1', port), timeout=10)
client.sendall(b'late')
print(client.recv(100).decode(), flush=True)
";

/// In the child: the server accepts a client with its last descriptor, so
/// that its next accept() fails; another client, in another process, waits
/// in the backlog meanwhile; then the descriptors come back.
fn out_of_descriptors(kind: Kind) {
    use std::io::BufRead;
    use std::process::{Command, Stdio};
    let server = kind.start();
    let mut late = Command::new(common::python3().unwrap())
        .args(["-c", LATE_CLIENT, &server.addr().port().to_string()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut go = late.stdin.take().unwrap();
    let mut said = std::io::BufReader::new(late.stdout.take().unwrap()).lines();
    assert_eq!(said.next().unwrap().unwrap(), "ready");

    let highest = std::fs::read_dir("/proc/self/fd")
        .unwrap()
        .filter_map(|fd| fd.ok()?.file_name().to_str()?.parse::<u64>().ok())
        .max()
        .unwrap();
    let old = common::set_soft_limit(libc::RLIMIT_NOFILE, highest + 16);
    let mut hog: Vec<File> = std::iter::from_fn(|| File::open("/dev/null").ok()).collect();
    hog.pop(); // one free descriptor, for this client
    let mut last = TcpStream::connect(server.addr()).unwrap();
    last.set_read_timeout(Some(SERVED_WITHIN)).unwrap();
    // The server accepted it with the descriptor its blocked accept() had
    // reserved; from now on, accept() finds none.
    round_trip(&mut last, b"the last descriptor");
    eprintln!("{kind:?} server: out of descriptors");
    writeln!(go, "go").unwrap(); // it waits in the backlog
    thread::sleep(Duration::from_millis(700));
    drop(hog);
    common::set_soft_limit(libc::RLIMIT_NOFILE, old);
    eprintln!("{kind:?} server: descriptors back");
    assert_eq!(
        said.next().unwrap().unwrap(),
        "late",
        "the late client was served"
    );
    assert!(late.wait().unwrap().success());
    let waited = honest_client(server.addr());
    assert!(waited < SERVED_WITHIN, "the next client waited {waited:?}");
}

const THREAD_REFUSED: &str = "a_thread_the_system_refuses_is_logged_and_the_server_serves_on";

fn a_thread_the_system_refuses_is_logged_and_the_server_serves_on() {
    let Some(child) = common::in_child(THREAD_REFUSED) else {
        // The child: cap the address space just above what it uses, so that
        // no new thread's stack fits; connect; lift the cap; connect again.
        let server = Kind::ThreadPerConnection.start();
        // A first client, kept connected: the acceptor has allocated (its
        // allocator arena exists), and no thread has ended, so the C
        // library has no stack of an ended thread to reuse without mapping.
        let mut first = connect(server.addr());
        round_trip(&mut first, b"first");
        let old =
            common::set_soft_limit(libc::RLIMIT_AS, common::status_bytes("VmSize:") + 48 * 1024);
        let mut refused = TcpStream::connect(server.addr()).unwrap();
        refused.set_read_timeout(Some(SERVED_WITHIN)).unwrap();
        let _ = refused.write_all(b"nobody will echo this");
        let mut back = Vec::new();
        let _ = refused.read_to_end(&mut back); // closed, or reset
        common::set_soft_limit(libc::RLIMIT_AS, old);
        assert!(back.is_empty(), "a client was served with no thread");
        let waited = honest_client(server.addr());
        assert!(waited < SERVED_WITHIN, "the next client waited {waited:?}");
        drop(first);
        return;
    };
    let stderr = child.stderr;
    assert!(
        stderr.contains("echo server: no thread for a client: "),
        "the server did not say why it dropped the client:\n{stderr}"
    );
}
