// The same count in Rust: the same function, the same chunks dealt out in
// turn, on scoped threads and on rayon. Each thread runs at once on its own
// core; nothing like the GIL stands between them. `--measure LIMIT N...`
// prints timings instead.
use rayon::prelude::*;
use std::thread;
use std::time::Instant;

const CHUNK: u64 = 1000;

// ANCHOR: count
fn is_prime(n: u64) -> bool {
    if n < 2 {
        return false;
    }
    let mut d = 2;
    while d * d <= n {
        if n.is_multiple_of(d) {
            return false;
        }
        d += 1;
    }
    true
}

fn count_chunks(starts: &[u64], limit: u64) -> usize {
    starts
        .iter()
        .flat_map(|&start| start..(start + CHUNK).min(limit))
        .filter(|&n| is_prime(n))
        .count()
}

fn count_on_threads(workers: usize, limit: u64) -> usize {
    let starts: Vec<u64> = (0..limit).step_by(CHUNK as usize).collect();
    let shares: Vec<Vec<u64>> = (0..workers)
        .map(|w| starts.iter().copied().skip(w).step_by(workers).collect())
        .collect();
    thread::scope(|s| {
        let handles: Vec<_> = shares
            .iter()
            .map(|share| s.spawn(move || count_chunks(share, limit)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    })
}
// ANCHOR_END: count

// ANCHOR: rayon
fn count_on_rayon(workers: usize, limit: u64) -> usize {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(workers)
        .build()
        .unwrap();
    let starts: Vec<u64> = (0..limit).step_by(CHUNK as usize).collect();
    pool.install(|| {
        starts
            .par_iter()
            .map(|&start| count_chunks(&[start], limit))
            .sum()
    })
}
// ANCHOR_END: rayon

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--measure") {
        let limit: u64 = args[1].parse().unwrap();
        let counts: Vec<usize> = args[2..].iter().map(|a| a.parse().unwrap()).collect();
        type Count = fn(usize, u64) -> usize;
        let ways: [(&str, Count); 2] = [("threads", count_on_threads), ("rayon", count_on_rayon)];
        for (name, count) in ways {
            for &workers in &counts {
                let mut times: Vec<f64> = (0..9)
                    .map(|_| {
                        let began = Instant::now();
                        std::hint::black_box(count(workers, limit));
                        began.elapsed().as_secs_f64()
                    })
                    .collect();
                times.sort_by(f64::total_cmp);
                println!("{name}\t{workers}\t{:.4}", times[4]);
            }
        }
    } else {
        for workers in [1, 2, 4] {
            println!(
                "{workers} thread(s): {} primes",
                count_on_threads(workers, 20_000)
            );
            println!(
                "{workers} on rayon: {} primes",
                count_on_rayon(workers, 20_000)
            );
        }
    }
}
