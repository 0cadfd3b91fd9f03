// Closures: what they capture, and what `move` changes.
fn main() {
    // A closure with a parameter, like Python's `lambda x: x + 1`.
    let add_one = |x| x + 1;
    println!("add_one(41) = {}", add_one(41));

    // Without `move`, a closure borrows what it uses (Fn).
    let name = String::from("Ada");
    let greet = || println!("hello, {name}");
    greet();
    println!("main can still read {name}");

    // A closure that changes a variable borrows it mutably (FnMut).
    let mut count = 0;
    let mut tick = || count += 1;
    tick();
    tick();
    println!("count = {count}");

    // With `move`, the closure owns `name`; main can no longer use it.
    let owner = move || format!("the closure owns {name}");
    println!("{}", owner());

    // A closure that gives away what it owns can run only once (FnOnce).
    let words = vec!["one", "two"];
    let give_back = move || words;
    let back = give_back();
    println!("got back {back:?}");
}
