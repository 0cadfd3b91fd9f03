# python3-cookbook 12.7's hand-made pool, with its bug: q.get() is called once.
from queue import Queue
from threading import Thread
import time

served = []


def worker(q):
    # Bug: no loop around get(). Each worker takes one item and then ends.
    item = q.get()
    served.append(item)
    q.task_done()


def fixed_worker(q):
    while True:
        item = q.get()
        if item is None:  # the signal to stop
            break
        served.append(item)
        q.task_done()


def run(target):
    served.clear()
    q = Queue()
    workers = [Thread(target=target, args=(q,), daemon=True) for _ in range(2)]
    for w in workers:
        w.start()
    for client in range(1, 5):
        q.put(client)
    # q.join() would wait forever for the buggy pool; give it a moment instead.
    time.sleep(0.2)
    return len(served)


print('cookbook pool, 2 workers, 4 clients: served', run(worker))
print('fixed pool, 2 workers, 4 clients: served', run(fixed_worker))
