// A job's result travels to the thread that joins it, so it must be Send.
use std::rc::Rc;

// The bounds of ThreadPool::submit, on their own.
fn submit<F, T>(job: F)
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    drop(job);
}

fn main() {
    submit(|| Rc::new(5));
}
