//! Copies chapter 7's pool.rs into OUT_DIR for the loom test, and writes a
//! mutant beside it: the same pool, whose workers check `shutdown` before
//! they drain the queue. The test checks that loom catches the mutant; if
//! it did not, the model would be too weak to trust.

use std::path::Path;

const POOL: &str = "../ch07-thread-pool/pool.rs";

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

fn main() {
    println!("cargo::rerun-if-changed={POOL}");
    println!("cargo::rerun-if-changed=build.rs");
    let out = std::env::var("OUT_DIR").expect("Cargo sets OUT_DIR");
    let pool = std::fs::read_to_string(POOL)
        .unwrap_or_else(|e| panic!("listings/loom/build.rs: reading {POOL}: {e}"));
    let mutant = if pool.contains(DRAIN_FIRST) {
        pool.replacen(DRAIN_FIRST, SHUTDOWN_FIRST, 1)
    } else {
        // Fails the loom test alone, with a message, not the whole build.
        "compile_error!(\"listings/loom/build.rs: the worker loop of \
         listings/ch07-thread-pool/pool.rs changed; update DRAIN_FIRST.\");"
            .to_string()
    };
    let write = |name: &str, text: &str| {
        let path = Path::new(&out).join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text) {
            std::fs::write(&path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
    };
    write("pool.rs", &pool);
    write("pool_shutdown_first.rs", &mutant);
}
