// `let _ = m.lock()` keeps nothing locked; `let _held = m.lock()` does.
fn main() {
    let m = parking_lot::Mutex::new(0);

    // `_` is not a name: the guard is bound to nothing, and dropped at once.
    // Clippy refuses this line by default; the attribute marks it expected.
    #[expect(clippy::let_underscore_lock)]
    let _ = m.lock();
    println!("after `let _ = m.lock();`: locked = {}", m.is_locked());

    {
        // `_held` is a name. Its leading `_` only silences the warning about
        // an unused variable; the guard lives to the end of the block.
        let _held = m.lock();
        println!("after `let _held = m.lock();`: locked = {}", m.is_locked());
    }
    println!("after the block: locked = {}", m.is_locked());
}
