//! Copies the book's two pools into OUT_DIR for the loom test, chapter 7's
//! pool.rs and chapter 10's fast_pool.rs, and writes a mutant beside each.
//! The test checks that loom catches each mutant; if it did not, the model
//! would be too weak to trust.
//!
//! - pool_shutdown_first.rs: chapter 7's pool, whose workers check
//!   `shutdown` before they drain the queue.
//! - fast_pool_stays_waking.rs: chapter 10's pool, whose woken worker never
//!   says it has looked (`waking` stays true), so no later submit wakes it.

use std::path::Path;

const POOL: &str = "../ch07-thread-pool/pool.rs";
const FAST_POOL: &str = "../ch10-gil/fast_pool.rs";

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
    let pool = read(POOL);
    write("pool.rs", &pool);
    write(
        "pool_shutdown_first.rs",
        &mutate(&pool, DRAIN_FIRST, SHUTDOWN_FIRST, POOL),
    );
    let fast = read(FAST_POOL);
    write("fast_pool.rs", &fast);
    write(
        "fast_pool_stays_waking.rs",
        &mutate(&fast, LOOKED, "", FAST_POOL),
    );
}
