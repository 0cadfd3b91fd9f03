// Two producers and one consumer on a channel. The consumer ends when every
// sender is gone: no task_done, no join on the queue, no daemon thread.
use std::sync::mpsc;
use std::thread;

fn main() {
    let (sender, receiver) = mpsc::channel::<u32>();
    let producers: Vec<_> = [0, 10]
        .into_iter()
        .map(|start| {
            // Each producer owns a sender of its own.
            let sender = sender.clone();
            thread::spawn(move || {
                for n in start..start + 10 {
                    sender.send(n).unwrap();
                }
            })
        })
        .collect();
    // The last sender is main's: drop it, or the consumer would wait for
    // main to send something, for ever.
    drop(sender);
    let consumer = thread::spawn(move || {
        let (mut count, mut total) = (0, 0);
        // recv() fails once every sender is dropped and the channel is empty.
        for n in receiver {
            count += 1;
            total += n;
        }
        (count, total)
    });
    for producer in producers {
        producer.join().unwrap();
    }
    let (count, total) = consumer.join().unwrap();
    println!("consumed {count} items, sum {total}");
}
