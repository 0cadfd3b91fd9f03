// Rejected: std's channel with several consumers, std::sync::mpmc, is not
// stable on Rust 1.95.
use std::sync::mpmc;

fn main() {
    let (_sender, _receiver) = mpmc::channel::<u64>();
}
