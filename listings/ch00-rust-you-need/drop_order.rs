// Drop runs when a value's owner goes out of scope, last made first.
struct Noisy(String);

impl Drop for Noisy {
    fn drop(&mut self) {
        println!("drop {}", self.0);
    }
}

fn make(name: &str) -> Noisy {
    println!("make {name}");
    Noisy(name.to_string())
}

fn main() {
    {
        let _a = make("a");
        let _b = make("b");
        println!("end of the inner block");
    }
    let c = make("c");
    drop(c); // Dropped now, not at the end of main.
    println!("after drop(c)");
    let _ = make("d"); // `_` keeps nothing: dropped at once.
    let _e = make("e"); // A name keeps it to the end of main.
    println!("end of main");
}
