// `T: 'static` asks that T borrow nothing short-lived. It need not live forever.
use std::fmt::Debug;
use std::thread;

#[derive(Debug)]
struct Ticket(u32);

impl Drop for Ticket {
    fn drop(&mut self) {
        println!("ticket {} dropped", self.0);
    }
}

// The same kind of bound as thread::spawn puts on its closure.
fn needs_static<T: Debug + 'static>(value: T) {
    println!("got {value:?}");
}

fn main() {
    needs_static(Ticket(1)); // Owns its data: 'static, yet dropped at once.
    needs_static("a string literal"); // A &'static str: the text is in the program.

    let name = String::from("Ada");
    // needs_static(&name); would be refused: it borrows a local of main.
    let handle = thread::spawn(move || format!("{name} moved into the thread"));
    println!("{}", handle.join().unwrap());
}
