# python3-cookbook 12.7's first tool: ThreadPoolExecutor, submit() and result().
from concurrent.futures import ThreadPoolExecutor


def square(n):
    return n * n


def fail():
    raise RuntimeError('job 6 failed')


with ThreadPoolExecutor(2) as pool:
    futures = [pool.submit(square, n) for n in range(1, 6)]
    failing = pool.submit(fail)
    after = pool.submit(lambda: 'the pool still works')
    print('squares:', [f.result() for f in futures])
    try:
        failing.result()
    except RuntimeError as error:
        print('job 6: raised', repr(error))
    print(after.result())
# Leaving `with` calls shutdown(wait=True): every job runs, every worker is joined.
print('pool shut down')
