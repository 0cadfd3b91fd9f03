# A Barrier(3): three threads finish step 1, wait there for each other, then
# go on to step 2. wait() gives each thread a different number; one gets 0.
from threading import Barrier, Lock, Thread

barrier = Barrier(3)
log_lock = Lock()
log = []
zeros = []


def worker(n):
    with log_lock:
        log.append('step 1')
    if barrier.wait() == 0:
        zeros.append(n)
    with log_lock:
        log.append('step 2')


threads = [Thread(target=worker, args=(n,)) for n in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(log)
print('threads that got 0:', len(zeros))
