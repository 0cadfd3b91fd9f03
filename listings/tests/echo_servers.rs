//! The chapter's echo servers (the very listing files) under load, on
//! 127.0.0.1 only: 32 concurrent clients × 200 messages of varied sizes, every
//! byte checked; and for the pooled server, a flood of 1,000 connections that
//! never raises its worker count. Each server shuts down when dropped.

#[allow(dead_code)]
#[path = "../ch07-thread-pool/echo_threads.rs"]
mod echo_threads;

#[allow(dead_code)]
#[path = "../ch07-thread-pool/echo_pool.rs"]
mod echo_pool;

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::thread;
use std::time::Duration;

/// The pooled tests count the pool's threads by name, so they take turns.
static ONE_POOL_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

const CLIENTS: usize = 32;
const MESSAGES: usize = 200;

/// A message of `len` printable bytes that depends on client and round.
fn message(client: usize, round: usize) -> String {
    let len = 1 + (client * 131 + round * 37) % 2000;
    (0..len)
        .map(|i| (b'!' + ((client + round + i) % 90) as u8) as char)
        .collect()
}

fn talk(addr: SocketAddr, client: usize) {
    let stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut writer = stream.try_clone().unwrap();
    let mut reader = BufReader::new(stream);
    for round in 0..MESSAGES {
        let sent = message(client, round);
        writer.write_all(format!("{sent}\n").as_bytes()).unwrap();
        let mut back = String::new();
        reader.read_line(&mut back).unwrap();
        assert_eq!(
            back.trim_end_matches('\n'),
            sent,
            "client {client}, message {round}"
        );
    }
}

fn many_clients(addr: SocketAddr) {
    let clients: Vec<_> = (0..CLIENTS)
        .map(|client| thread::spawn(move || talk(addr, client)))
        .collect();
    for client in clients {
        client.join().unwrap();
    }
}

/// The threads of this process whose name starts with `prefix` (Linux).
fn threads_named(prefix: &str) -> usize {
    std::fs::read_dir("/proc/self/task")
        .unwrap()
        .filter_map(|task| std::fs::read_to_string(task.unwrap().path().join("comm")).ok())
        .filter(|name| name.starts_with(prefix))
        .count()
}

#[test]
#[ignore = "heavy tier: cargo test -- --include-ignored"]
fn thread_per_connection_server_echoes_every_byte() {
    // About a second on two cores; a server that never stops fails here.
    common::within(
        Duration::from_secs(60),
        "thread per connection server echoes every byte",
        || {
            let server = echo_threads::Server::start().unwrap();
            many_clients(server.addr());
        },
    );
}

#[test]
#[ignore = "heavy tier: cargo test -- --include-ignored"]
fn pooled_server_echoes_every_byte() {
    // About a second on two cores; a server that never stops fails here.
    common::within(
        Duration::from_secs(60),
        "pooled server echoes every byte",
        || {
            let _turn = ONE_POOL_AT_A_TIME.lock().unwrap();
            let server = echo_pool::Server::start(4).unwrap();
            many_clients(server.addr());
        },
    );
}

#[test]
#[ignore = "heavy tier: cargo test -- --include-ignored"]
fn pooled_server_keeps_its_thread_count_under_a_flood() {
    // About a second on two cores; a server that never stops fails here.
    common::within(
        Duration::from_secs(60),
        "pooled server keeps its thread count under a flood",
        || {
            const WORKERS: usize = 4;
            let _turn = ONE_POOL_AT_A_TIME.lock().unwrap();
            let server = echo_pool::Server::start(WORKERS).unwrap();
            let addr = server.addr();
            // 1,000 connections from 50 client threads, 20 each.
            let flood: Vec<_> = (0..50)
                .map(|c| {
                    thread::spawn(move || {
                        let mut most = 0;
                        for round in 0..20 {
                            let mut stream = TcpStream::connect(addr).unwrap();
                            stream
                                .set_read_timeout(Some(Duration::from_secs(10)))
                                .unwrap();
                            let sent = message(c, round);
                            stream.write_all(format!("{sent}\n").as_bytes()).unwrap();
                            let mut back = String::new();
                            BufReader::new(&stream).read_line(&mut back).unwrap();
                            assert_eq!(back.trim_end_matches('\n'), sent);
                            most = most.max(threads_named("echo-worker"));
                        }
                        most
                    })
                })
                .collect();
            let most = flood.into_iter().map(|t| t.join().unwrap()).max().unwrap();
            assert_eq!(
                most, WORKERS,
                "the pool ran {most} workers for 1,000 connections"
            );
            drop(server);
            assert_eq!(
                threads_named("echo-worker"),
                0,
                "the workers are gone after drop"
            );
            assert_eq!(
                threads_named("echo-acceptor"),
                0,
                "the acceptor is gone after drop"
            );
        },
    );
}
