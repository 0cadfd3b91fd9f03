# CPU-bound work: count the primes below a limit by trial division, in
# chunks of 1,000 numbers dealt out to the workers in turn. On threads, the
# GIL lets one thread run Python code at a time; processes each have their
# own interpreter and GIL. `--measure LIMIT N...` prints timings instead.
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
import statistics
import sys
import time

CHUNK = 1000


def is_prime(n):
    if n < 2:
        return False
    d = 2
    while d * d <= n:
        if n % d == 0:
            return False
        d += 1
    return True


def count_chunks(starts, limit):
    return sum(is_prime(n)
               for start in starts
               for n in range(start, min(start + CHUNK, limit)))


def count(executor, workers, limit):
    starts = list(range(0, limit, CHUNK))
    shares = [starts[w::workers] for w in range(workers)]
    with executor(workers) as pool:
        return sum(pool.map(count_chunks, shares, [limit] * workers))


if __name__ == '__main__':
    if sys.argv[1:2] == ['--measure']:
        limit, counts = int(sys.argv[2]), [int(a) for a in sys.argv[3:]]
        for name, executor in (('threads', ThreadPoolExecutor),
                               ('processes', ProcessPoolExecutor)):
            for workers in counts:
                times = []
                for _ in range(3):
                    began = time.perf_counter()
                    count(executor, workers, limit)
                    times.append(time.perf_counter() - began)
                print(f'{name}\t{workers}\t{statistics.median(times):.4f}')
    else:
        for workers in (1, 2, 4):
            print(f'{workers} thread(s):',
                  count(ThreadPoolExecutor, workers, 20_000), 'primes')
            print(f'{workers} process(es):',
                  count(ProcessPoolExecutor, workers, 20_000), 'primes')
