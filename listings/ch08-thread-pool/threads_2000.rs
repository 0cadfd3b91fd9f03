// What 2,000 idle threads cost, with the default stack and with a small one.
use std::sync::{Arc, Barrier};
use std::thread;

/// VmSize and VmRSS of this process, in MiB (Linux only).
fn memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024)
    };
    (field("VmSize:"), field("VmRSS:"))
}

/// Starts 2,000 threads, prints what they added, and returns the added
/// virtual size in MiB.
fn measure(label: &str, stack: Option<usize>) -> u64 {
    let (size_before, rss_before) = memory();
    // Every thread waits at the barrier until all 2,000 exist and main has measured.
    let barrier = Arc::new(Barrier::new(2001));
    let threads: Vec<_> = (0..2000)
        .map(|_| {
            let barrier = Arc::clone(&barrier);
            let mut builder = thread::Builder::new();
            if let Some(bytes) = stack {
                builder = builder.stack_size(bytes);
            }
            builder.spawn(move || barrier.wait()).unwrap()
        })
        .collect();
    let (size, rss) = memory();
    barrier.wait();
    for t in threads {
        t.join().unwrap();
    }
    let virtual_added = size.saturating_sub(size_before);
    println!(
        "{label}: virtual +{virtual_added} MiB, resident +{} MiB",
        rss.saturating_sub(rss_before)
    );
    virtual_added
}

fn main() {
    let default = measure("2000 threads, default 2 MiB stacks", None);
    let small = measure("2000 threads, 64 KiB stacks", Some(64 * 1024));
    println!(
        "small stacks reserve under a tenth of the address space: {}",
        small * 10 < default
    );
}
