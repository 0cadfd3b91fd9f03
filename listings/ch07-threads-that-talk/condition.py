# A consumer waits on a Condition until items are there; the predicate is
# checked in a loop, because a wake-up does not promise that it holds.
from threading import Condition, Thread

items = []
ready = Condition()


def consumer(results):
    for _ in range(3):
        with ready:
            while not items:
                ready.wait()
            results.append(items.pop(0))


results = []
t = Thread(target=consumer, args=(results,))
t.start()
for item in ['a', 'b', 'c']:
    with ready:
        items.append(item)
        ready.notify()
t.join()
print('consumed', results)
