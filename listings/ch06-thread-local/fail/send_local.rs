// A scoped thread may borrow from a thread-local inside `with`, but not a
// RefCell: it is not Sync.
use std::cell::RefCell;
use std::thread;

thread_local! {
    static STUDENT: RefCell<String> = RefCell::new(String::from("Alice"));
}

fn main() {
    STUDENT.with(|student| {
        thread::scope(|s| {
            s.spawn(|| student.borrow_mut().push_str(" Smith"));
        });
    });
}
