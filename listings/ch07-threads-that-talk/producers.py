# Two producers and one consumer on a queue.Queue; join() waits until every
# item has been marked done.
from queue import Queue
from threading import Thread

q = Queue()
total = 0


def producer(start):
    for n in range(start, start + 10):
        q.put(n)


def consumer():
    global total
    while True:
        n = q.get()
        total += n
        q.task_done()


producers = [Thread(target=producer, args=(start,)) for start in (0, 10)]
Thread(target=consumer, daemon=True).start()
for p in producers:
    p.start()
for p in producers:
    p.join()
q.join()  # every item taken and marked done
print('consumed 20 items, sum', total)
