// A solution: a range is a parallel iterator once into_par_iter() makes it
// one; rayon cuts it into pieces and its threads steal them from each other.
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
    (0..limit).into_par_iter().filter(|&n| is_prime(n)).count()
}

fn main() {
    println!("primes below 20000: {}", count(20_000));
}
