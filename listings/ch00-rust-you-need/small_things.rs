// Iterators, and a few small things the chapters' listings use.
use std::collections::VecDeque;

// A type alias: a shorter name for a long type.
type Squares = Vec<u64>;

// A generic struct, and an impl block for every T.
pub struct Slot<T> {
    value: Option<T>,
}

impl<T> Slot<T> {
    pub fn put(&mut self, value: T) {
        self.value = Some(value);
    }

    // take() moves the value out and leaves None behind.
    pub fn take(&mut self) -> Option<T> {
        self.value.take()
    }
}

fn square(n: u64) -> u64 {
    n * n
}

fn worker_name(i: usize) -> Option<String> {
    Some(format!("pool-{i}"))
}

fn main() {
    // A range, a map with a closure, and collect into a collection.
    let squares: Squares = (1..=4).map(|n| n * n).collect();
    println!("squares: {squares:?}");

    // The same with a function's name in place of a closure, and the
    // collection's type given by the turbofish ::<> instead of by the let.
    let again = (1..=4).map(square).collect::<Vec<u64>>();
    assert!(squares == again, "both ways give the same squares");

    // into_iter() hands out the items themselves; drain(..) empties a
    // collection that stays usable.
    let mut queue: VecDeque<&str> = VecDeque::from(["a", "b", "c"]);
    let taken: Vec<&str> = queue.drain(..).collect();
    println!("taken: {taken:?}, left: {}", queue.len());

    let mut slot = Slot { value: None };
    slot.put("job");
    println!("first take: {:?}, second: {:?}", slot.take(), slot.take());

    // std::mem::take swaps in an empty value and returns the old one.
    let mut words = vec!["x", "y"];
    let old = std::mem::take(&mut words);
    println!("old: {old:?}, now: {words:?}");

    // as_ref() looks inside an Option without moving it out; expect()
    // unwraps it with a message of its own if it is None.
    let name = worker_name(0);
    let length = name.as_ref().expect("the name is set").len();
    println!("{name:?} has {length} characters");
}
