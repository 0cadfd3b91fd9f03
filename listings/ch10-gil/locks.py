# What a lock costs: a counter increased with no lock, under a Lock, then
# under an RLock, by one thread and then by two at once. `--measure` prints
# nanoseconds per increase instead.
from threading import Lock, RLock, Thread
import sys
import time

OPS = 200_000


def increase(lock, counter, ops):
    if lock is None:
        for _ in range(ops):
            counter[0] += 1
        return
    for _ in range(ops):
        with lock:
            counter[0] += 1


def run(lock_type, threads, ops):
    lock, counter = lock_type and lock_type(), [0]
    workers = [Thread(target=increase, args=(lock, counter, ops // threads))
               for _ in range(threads)]
    began = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return time.perf_counter() - began, counter[0]


LOCKS = (('no lock', None), ('Lock', Lock), ('RLock', RLock))
if sys.argv[1:2] == ['--measure']:
    for name, lock_type in LOCKS:
        for threads in (1, 2):
            took, _ = run(lock_type, threads, OPS)
            print(f'{name}\t{threads}\t{took / OPS * 1e9:.1f}')
else:
    for name, lock_type in LOCKS[1:]:
        for threads in (1, 2):
            _, total = run(lock_type, threads, 10_000)
            print(f'{name}, {threads} thread(s): {total}')
