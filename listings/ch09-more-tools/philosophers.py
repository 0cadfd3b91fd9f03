# Five philosophers, five forks. Each takes the fork on the left, then the
# one on the right. A Barrier waits until all five hold their left fork, so
# the deadlock that would come now and then comes every time; the timeout
# lets the program end.
from threading import Barrier, Lock, Thread

N = 5
forks = [Lock() for _ in range(N)]
all_holding = Barrier(N)
outcome = [None] * N


def philosopher(i):
    left, right = forks[i], forks[(i + 1) % N]
    with left:
        all_holding.wait()
        if right.acquire(timeout=0.2):
            right.release()
            outcome[i] = 'ate'
        else:
            outcome[i] = f'gave up waiting for fork {(i + 1) % N}'
        # Nobody puts a fork down before everyone has tried.
        all_holding.wait()


threads = [Thread(target=philosopher, args=(i,)) for i in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for i, what in enumerate(outcome):
    print(f'philosopher {i}: {what}')
