"""ThreadPoolExecutor(2) on tiny and ~100 µs jobs; run by `cargo bench --bench pool`."""
import os
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

RUNS = 5
TINY = 100_000  # a tenth of the Rust count: Python needs seconds per run


def tiny(i):
    return (i * 2654435761) & 0xFFFFFFFFFFFFFFFF


def calibrate():
    rounds = 100
    while True:
        began = time.perf_counter()
        heavy(1, rounds)
        took = time.perf_counter() - began
        if took >= 0.002:
            return int(rounds * 100e-6 / took)
        rounds *= 2


def heavy(i, rounds):
    x = i | 1
    for _ in range(rounds):
        x = (x * 6364136223846793005 + 1) & 0xFFFFFFFFFFFFFFFF
    return x


def run(jobs, work):
    with ThreadPoolExecutor(2) as pool:
        began = time.perf_counter()
        futures = [pool.submit(work, i) for i in range(jobs)]
        total = sum(f.result() for f in futures)
        return time.perf_counter() - began


def report(name, data, jobs, times):
    rates = sorted(jobs / t for t in times)
    if os.environ.get('BOOK_DATA') == '1':
        print(f"data\t{data[0]}\t{data[1]}\t{statistics.median(rates) / 1e6:.4f}"
              f"\t{rates[0] / 1e6:.4f}\t{rates[-1] / 1e6:.4f}")
    print(f"{name:<42} {statistics.median(rates) / 1e6:>9.3f} M jobs/s  "
          f"(min–max {rates[0] / 1e6:.3f}–{rates[-1] / 1e6:.3f})")


rounds = calibrate()
report(f"ThreadPoolExecutor, {TINY} tiny jobs",
       ("tiny", "Python ThreadPoolExecutor"), TINY, [run(TINY, tiny) for _ in range(RUNS)])
inline = []
for _ in range(RUNS):
    began = time.perf_counter()
    for i in range(1000):
        heavy(i, rounds)
    inline.append(time.perf_counter() - began)
report("Python inline, 1000 jobs of ~100 µs",
       ("heavy", "Python, one thread, no pool"), 1000, inline)
report("ThreadPoolExecutor, 1000 jobs of ~100 µs",
       ("heavy", "Python ThreadPoolExecutor"), 1000,
       [run(1000, lambda i: heavy(i, rounds)) for _ in range(RUNS)])
