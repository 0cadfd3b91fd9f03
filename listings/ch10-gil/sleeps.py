# I/O-bound work: 20 tasks that each wait 50 ms, as a network call would,
# on N threads. A thread that waits releases the GIL, so threads help here.
# `--measure N...` prints timings instead.
from concurrent.futures import ThreadPoolExecutor
import sys
import time

TASKS = 20


def task(_):
    time.sleep(0.05)


def run(workers, tasks=TASKS):
    began = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(task, range(tasks)))
    return time.perf_counter() - began


if sys.argv[1:2] == ['--measure']:
    for workers in [int(a) for a in sys.argv[2:]]:
        print(f'threads\t{workers}\t{run(workers):.4f}')
else:
    # Four waits in a row take 4 * 50 ms; overlapping, about 50 ms.
    print('4 waits on 4 threads took less than 4 waits in a row:', run(4, tasks=4) < 4 * 0.05)
