# One Queue, three consumers: any of them may take any item. A None per
# consumer tells each one to stop.
from queue import Queue
from threading import Lock, Thread

q = Queue()
total = 0
total_lock = Lock()


def consumer():
    global total
    while (item := q.get()) is not None:
        with total_lock:
            total += item


threads = [Thread(target=consumer) for _ in range(3)]
for t in threads:
    t.start()
for n in range(1, 101):
    q.put(n)
for _ in threads:
    q.put(None)
for t in threads:
    t.join()
print('total:', total)
