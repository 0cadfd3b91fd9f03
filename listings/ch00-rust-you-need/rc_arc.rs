// Shared ownership: Rc counts owners on one thread, Arc counts atomically.
use std::rc::Rc;
use std::sync::Arc;

fn main() {
    let a = Rc::new(String::from("shared text"));
    println!("after new: {}", Rc::strong_count(&a));

    let b = Rc::clone(&a); // Copies the pointer, not the string.
    println!("after clone: {}, b = {b}", Rc::strong_count(&a));
    {
        let _c = Rc::clone(&a);
        println!("inside the block: {}", Rc::strong_count(&a));
    }
    println!("after the block: {}", Rc::strong_count(&a));
    drop(b);
    println!("after drop(b): {}", Rc::strong_count(&a));

    let x = Arc::new(vec![1, 2, 3]);
    let y = Arc::clone(&x);
    println!("Arc: {}, y = {y:?}", Arc::strong_count(&x));
}
