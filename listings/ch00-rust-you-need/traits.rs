// A trait, two impls, and generic functions bounded by the trait.
trait Describe {
    fn describe(&self) -> String;
}

struct Point {
    x: i32,
    y: i32,
}

impl Describe for Point {
    fn describe(&self) -> String {
        format!("a point at ({}, {})", self.x, self.y)
    }
}

impl Describe for bool {
    fn describe(&self) -> String {
        format!("the boolean {self}")
    }
}

fn show<T: Describe>(item: T) {
    println!("show: {}", item.describe());
}

// The same bound, written with `where`.
fn show_twice<T>(item: &T)
where
    T: Describe,
{
    println!("twice: {0}; {0}", item.describe());
}

fn main() {
    show(Point { x: 1, y: 2 });
    show(true);
    show_twice(&false);
}
