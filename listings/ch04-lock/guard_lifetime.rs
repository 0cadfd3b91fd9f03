// ANCHOR: all
// How long does a guard live? Ask try_lock: it fails while a guard exists.
use std::sync::Mutex;

fn locked(m: &Mutex<Vec<i32>>) -> bool {
    m.try_lock().is_err()
}

fn main() {
    let m = Mutex::new(vec![1, 2, 3]);

    // ANCHOR: statement
    // A guard that is not stored lives until the end of its statement.
    let first = m.lock().unwrap()[0];
    println!("after `let first = ...`: locked = {}", locked(&m));
    // ANCHOR_END: statement

    // ANCHOR: match
    // In `match`, the guard lives until the end of the whole match.
    match m.lock().unwrap().len() {
        3 => println!("inside the match: locked = {}", locked(&m)),
        _ => unreachable!(),
    }
    // ANCHOR_END: match

    // ANCHOR: if_let
    // In `if let` too, the guard lives through the block.
    if let Some(last) = m.lock().unwrap().last() {
        println!("inside `if let` (last = {last}): locked = {}", locked(&m));
    }
    // ANCHOR_END: if_let

    // ANCHOR: if_let_else
    // Edition 2024 drops it before `else`; edition 2021 kept it there too.
    if let Some(tenth) = m.lock().unwrap().get(9) {
        println!("a tenth element: {tenth}");
    } else {
        println!("in the `else` of `if let`: locked = {}", locked(&m));
    }
    // ANCHOR_END: if_let_else

    // ANCHOR: drop
    // A stored guard lives to the end of its scope, or until drop().
    let mut guard = m.lock().unwrap();
    guard.push(first);
    println!("while `guard` exists: locked = {}", locked(&m));
    drop(guard);
    println!("after drop(guard): locked = {}", locked(&m));
    // ANCHOR_END: drop
}
// ANCHOR_END: all
