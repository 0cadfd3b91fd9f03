# What a thread costs: start a Thread and join it, 2,000 times over.
# `--measure` prints microseconds per thread instead.
from threading import Thread
import sys
import time

THREADS = 2000


def nothing():
    pass


began = time.perf_counter()
for _ in range(THREADS):
    t = Thread(target=nothing)
    t.start()
    t.join()
took = time.perf_counter() - began
if sys.argv[1:2] == ['--measure']:
    print(f'Thread start + join\t1\t{took / THREADS * 1e6:.1f}')
else:
    print(THREADS, 'threads started and joined')
