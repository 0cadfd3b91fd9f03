// A ReentrantMutex guard cannot give `&mut`: two guards may exist at once.
use parking_lot::ReentrantMutex;

fn main() {
    let count = ReentrantMutex::new(0);
    let guard = count.lock();
    *guard += 1;
}
