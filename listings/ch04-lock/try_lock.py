# acquire(blocking=False) and acquire(timeout=...).
import threading
import time

lock = threading.Lock()
lock.acquire()


def other():
    # Try once, never wait.
    print('acquire(blocking=False):', lock.acquire(blocking=False))
    # Wait at most 100 ms.
    began = time.monotonic()
    got = lock.acquire(timeout=0.1)
    waited = time.monotonic() - began >= 0.1
    print(f'acquire(timeout=0.1): got = {got}, waited >= 100 ms: {waited}')


t = threading.Thread(target=other)
t.start()
t.join()
lock.release()
print('afterwards: free =', lock.acquire(blocking=False))
