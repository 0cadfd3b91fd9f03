# A BoundedSemaphore(2) lets at most two threads into its block at once.
# Giving back a place that was never taken raises ValueError.
from threading import BoundedSemaphore, Lock, Thread
import time

slots = BoundedSemaphore(2)
count_lock = Lock()
inside = 0
most = 0


def work():
    global inside, most
    with slots:
        with count_lock:
            inside += 1
            most = max(most, inside)
        time.sleep(0.02)
        with count_lock:
            inside -= 1


threads = [Thread(target=work) for _ in range(6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print('at most', most, 'at once')
try:
    slots.release()
except ValueError as e:
    print('ValueError:', e)
