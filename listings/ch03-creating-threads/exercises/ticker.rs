// Exercise: a ticker that waits ten seconds between ticks, and still stops
// at once when asked.
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

struct Ticker {
    stop: Sender<()>,
    thread: JoinHandle<u32>,
}

impl Ticker {
    fn start() -> Ticker {
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = thread::spawn(move || {
            let mut ticks = 0;
            loop {
                ticks += 1;
                // The next tick in ten seconds, unless told to stop first:
                // by a message, or by the sender being dropped.
                match stopped.recv_timeout(Duration::from_secs(10)) {
                    Err(RecvTimeoutError::Timeout) => continue,
                    Ok(()) | Err(RecvTimeoutError::Disconnected) => return ticks,
                }
            }
        });
        Ticker { stop, thread }
    }

    /// Stops the ticker at once and returns how many ticks it made.
    fn stop(self) -> u32 {
        let _ = (&self.stop, &self.thread);
        todo!("tell the thread to stop, then join it")
    }
}

fn main() {
    let start = Instant::now();
    let ticker = Ticker::start();
    let ticks = ticker.stop();
    let prompt = start.elapsed() < Duration::from_secs(1);
    println!("ticks: {ticks}, stopped within a second: {prompt}");
}
