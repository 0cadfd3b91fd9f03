// Closures of different types in one Vec, as chapter 8's pool keeps its jobs.
use std::mem::size_of_val;

type Job = Box<dyn FnOnce() + Send>;

fn main() {
    let id: u64 = 7;
    let name = String::from("Ada");

    let first = || println!("a job that captures nothing");
    let second = move || println!("job number {id}");
    let third = move || println!("hello, {name}");
    println!(
        "sizes of the closures: {}, {}, {}",
        size_of_val(&first),
        size_of_val(&second),
        size_of_val(&third)
    );

    let jobs: Vec<Job> = vec![Box::new(first), Box::new(second), Box::new(third)];
    println!("size of each Job: {}", size_of_val(&jobs[0]));

    for job in jobs {
        job(); // Calling a FnOnce uses it up, Box and all.
    }
}
