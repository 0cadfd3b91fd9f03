# RLock lets its owner acquire it again; Lock does not.
import threading


def total(lock, items):
    # A recursive function that takes the lock at every level.
    with lock:
        if not items:
            return 0
        return items[0] + total(lock, items[1:])


print('RLock:', total(threading.RLock(), [1, 2, 3]))

# With a plain Lock the second acquire would wait forever; a timeout shows it.
lock = threading.Lock()
with lock:
    print('Lock, second acquire:', lock.acquire(timeout=0.1))
