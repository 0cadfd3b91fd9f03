# Python's threading has no read-write lock. Readers that share a Lock hold
# all of it, so a second reader waits for the first, though neither writes.
from threading import Lock, Thread

settings = {'colour': 'blue'}
lock = Lock()


def second_reader():
    got_in = lock.acquire(blocking=False)
    print('second reader gets in:', got_in)
    if got_in:
        lock.release()


with lock:
    print('first reader reads', settings['colour'])
    t = Thread(target=second_reader)
    t.start()
    t.join()
