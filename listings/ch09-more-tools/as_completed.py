# as_completed gives each future when it finishes, not in the order the jobs
# were submitted; wait(..., FIRST_COMPLETED) returns once one is done.
from concurrent.futures import (FIRST_COMPLETED, ThreadPoolExecutor,
                                as_completed, wait)
import time


def job(n):
    time.sleep(n / 10)
    return n


with ThreadPoolExecutor(3) as pool:
    futures = [pool.submit(job, n) for n in (3, 1, 2)]
    done, pending = wait(futures, return_when=FIRST_COMPLETED)
    print('first done:', [f.result() for f in done])
    print('in the order they finish:',
          [f.result() for f in as_completed(futures)])
