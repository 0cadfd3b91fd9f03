// One channel, three consumers. A Receiver cannot be cloned, so they share it
// behind a Mutex. Dropping the sender stops them all: no None to send.
use std::sync::Mutex;
use std::sync::mpsc;
use std::thread;

fn main() {
    let (sender, receiver) = mpsc::channel::<u64>();
    let receiver = Mutex::new(receiver);
    let total: u64 = thread::scope(|s| {
        let consumers: Vec<_> = (0..3)
            .map(|_| {
                s.spawn(|| {
                    let mut sum = 0;
                    loop {
                        // The guard is dropped at the end of this statement,
                        // so no consumer holds the lock while it adds.
                        let next = receiver.lock().unwrap().recv();
                        let Ok(item) = next else { break };
                        sum += item;
                    }
                    sum
                })
            })
            .collect();
        for n in 1..=100 {
            sender.send(n).unwrap();
        }
        drop(sender);
        consumers.into_iter().map(|c| c.join().unwrap()).sum()
    });
    println!("total: {total}");
}
