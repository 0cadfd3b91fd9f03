// ANCHOR: all
// What to use in practice: rayon's pool, scope and parallel iterators.
use rayon::prelude::*;

fn main() {
    // ANCHOR: pool
    // A pool of two threads, like ThreadPoolExecutor(2); install() runs in it.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap();
    let squares: Vec<u64> = pool.install(|| (1..=5u64).into_par_iter().map(|n| n * n).collect());
    println!("squares: {squares:?}");
    // ANCHOR_END: pool

    // ANCHOR: scope
    // rayon::scope: jobs may borrow local data; all are done when scope returns.
    let words = ["thread", "pool", "scope"];
    let mut lengths = [0; 3];
    rayon::scope(|s| {
        for (word, length) in words.iter().zip(lengths.iter_mut()) {
            s.spawn(move |_| *length = word.len());
        }
    });
    println!("lengths: {lengths:?}");
    // ANCHOR_END: scope

    // ANCHOR: par_iter
    // par_iter: the whole job, split over the global pool, no pool code at all.
    let total: u64 = (1..=1_000_000u64).into_par_iter().sum();
    println!("sum: {total}");
    // ANCHOR_END: par_iter
}
// ANCHOR_END: all
