// References, `*`, and a wrapper of our own that implements Deref.
use std::ops::{Deref, DerefMut};

// A wrapper around a value, as a lock's guard is.
struct Wrapper<T> {
    value: T,
}

impl<T> Deref for Wrapper<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> DerefMut for Wrapper<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.value
    }
}

fn add_ten(n: &mut i32) {
    *n += 10;
}

fn main() {
    let mut x = 1;
    let r = &mut x;
    *r += 1; // `*r` is the i32 that r points to.
    println!("x = {x}");

    let mut boxed = Box::new(5);
    *boxed += 1; // A Box<i32> dereferences to its i32.
    println!("boxed = {boxed}");

    let mut w = Wrapper { value: 30 };
    *w += 1; // Goes through DerefMut.
    add_ten(&mut w); // &mut Wrapper<i32> becomes &mut i32.
    println!("w = {}, and w.pow(2) = {}", *w, w.pow(2));
}
