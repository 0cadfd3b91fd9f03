// Exercise: count the primes below 20,000 with rayon, straight over the
// numbers, with no chunks of your own: rayon splits the range itself.
use rayon::prelude::*;

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

fn count(limit: u64) -> usize {
    let numbers = (0..limit).into_par_iter();
    let _ = (numbers, is_prime);
    todo!("keep the primes among the numbers, and count them")
}

fn main() {
    println!("primes below 20000: {}", count(20_000));
}
