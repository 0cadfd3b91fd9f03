// A plain bool written by one thread while another reads it: a data race.
use std::thread;
use std::time::Duration;

fn main() {
    let mut thread_stop = false;
    thread::scope(|s| {
        s.spawn(|| {
            while !thread_stop {
                thread::sleep(Duration::from_millis(200));
            }
        });
        thread::sleep(Duration::from_millis(500));
        thread_stop = true;
    });
}
