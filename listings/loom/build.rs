//! Copies the book's two pools into OUT_DIR for the loom test, chapter 8's
//! pool.rs and chapter 10's fast_pool.rs, with loom's types imported in
//! place of std's (and no looks before sleeping in fast_pool.rs), and writes
//! a mutant beside each.
//! The test checks that loom catches each mutant; if it did not, the model
//! would be too weak to trust.
//!
//! - pool_shutdown_first.rs: chapter 8's pool, whose workers check
//!   `shutdown` before they drain the queue.
//! - fast_pool_stays_waking.rs: chapter 10's pool, whose woken worker never
//!   says it has looked (`waking` stays true), so no later submit wakes it.

use std::path::Path;

const POOL: &str = "../ch08-thread-pool/pool.rs";
const FAST_POOL: &str = "../ch10-gil/fast_pool.rs";

/// pool.rs's imports of the types that loom replaces, and loom's.
const STD_SYNC: &str = "use std::sync::{Arc, Condvar, Mutex, mpsc};\n";
const LOOM_SYNC: &str = "use loom::sync::{Arc, Condvar, Mutex, mpsc};\n";
const STD_THREAD: &str = "use std::thread::{self, JoinHandle};\n";
const LOOM_THREAD: &str = "use loom::thread::{self, JoinHandle};\n";
const FAST_STD_SYNC: &str = "use std::sync::{Arc, Condvar, Mutex};\n";
const FAST_LOOM_SYNC: &str = "use loom::sync::{Arc, Condvar, Mutex};\n";
/// fast_pool.rs's looks before a worker sleeps, and the model's.
const LOOKS: &str = "const LOOKS: u32 = 8;\n";
const NO_LOOKS: &str = "const LOOKS: u32 = 0;\n";

/// The worker's check, in the order pool.rs has it ...
const DRAIN_FIRST: &str = "                if let Some(job) = queue.jobs.pop_front() {
                    break job;
                }
                if queue.shutdown {
                    return;
                }
";
/// ... and in the mutant's order.
const SHUTDOWN_FIRST: &str = "                if queue.shutdown {
                    return;
                }
                if let Some(job) = queue.jobs.pop_front() {
                    break job;
                }
";
/// The line of fast_pool.rs that the mutant leaves out.
const LOOKED: &str = "                queue.waking = false;\n";

/// `text` with `from` replaced once, or a compile_error! that names what
/// changed: that fails the loom test alone, with a message, not the build.
fn mutate(text: &str, from: &str, to: &str, file: &str) -> String {
    if text.contains(from) {
        text.replacen(from, to, 1)
    } else {
        format!(
            "compile_error!(\"listings/loom/build.rs: {file} changed where its mutant \
             differs; update the mutant.\");"
        )
    }
}

fn main() {
    println!("cargo::rerun-if-changed={POOL}");
    println!("cargo::rerun-if-changed={FAST_POOL}");
    println!("cargo::rerun-if-changed=build.rs");
    let out = std::env::var("OUT_DIR").expect("Cargo sets OUT_DIR");
    let read = |path: &str| {
        std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("listings/loom/build.rs: reading {path}: {e}"))
    };
    let write = |name: &str, text: &str| {
        let path = Path::new(&out).join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text) {
            std::fs::write(&path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
    };
    // The chapter's pool imports std's types; the model needs loom's, so the
    // copy swaps them in here and the reader's listing carries no test-only
    // lines.
    let pool = read(POOL);
    let pool = mutate(&pool, STD_SYNC, LOOM_SYNC, POOL);
    let pool = mutate(&pool, STD_THREAD, LOOM_THREAD, POOL);
    write("pool.rs", &pool);
    write(
        "pool_shutdown_first.rs",
        &mutate(&pool, DRAIN_FIRST, SHUTDOWN_FIRST, POOL),
    );
    // The same for chapter 10's pool, whose workers do not look again before
    // sleeping in the model: it checks sleeping and waking, which looking
    // again only puts off, and with looks loom did not reach a worker asleep
    // before the next submit, the case where a wake-up can be lost.
    let fast = read(FAST_POOL);
    let fast = mutate(&fast, FAST_STD_SYNC, FAST_LOOM_SYNC, FAST_POOL);
    let fast = mutate(&fast, STD_THREAD, LOOM_THREAD, FAST_POOL);
    let fast = mutate(&fast, LOOKS, NO_LOOKS, FAST_POOL);
    write("fast_pool.rs", &fast);
    write(
        "fast_pool_stays_waking.rs",
        &mutate(&fast, LOOKED, "", FAST_POOL),
    );
}
