// ANCHOR: all
// Passing the context explicitly, instead of keeping it in a thread-local.
// Output: lines may come in any order.
use std::thread;

// ANCHOR: context
struct Request<'a> {
    student: &'a str,
}

fn process_student(request: &Request) {
    let me = thread::current();
    println!("Hello, {} (in {})", request.student, me.name().unwrap());
}
// ANCHOR_END: context

fn main() {
    let students = ["Alice", "Bob"];
    // One scoped thread per student, each with a request that borrows its
    // name. They run at the same time; the scope joins both at its end.
    thread::scope(|s| {
        for (student, thread_name) in students.iter().zip(["Thread-A", "Thread-B"]) {
            thread::Builder::new()
                .name(thread_name.to_string())
                .spawn_scoped(s, move || process_student(&Request { student }))
                .unwrap();
        }
    });
}
// ANCHOR_END: all
