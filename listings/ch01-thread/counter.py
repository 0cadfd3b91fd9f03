# Two threads add to one number under one lock. _thread has no join, so the
# classic idiom is one more lock per thread: held while it runs, released at the end.
import _thread

lock = _thread.allocate_lock()
num = 0


def add(done):
    global num
    for _ in range(100_000):
        with lock:  # acquire() now, release() at the end of the block, even on error
            num += 1
    done.release()


done_locks = []
for _ in range(2):
    done = _thread.allocate_lock()
    done.acquire()
    done_locks.append(done)
    _thread.start_new_thread(add, (done,))

# Waiting on each "done" lock plays the part of join().
for done in done_locks:
    done.acquire()
print('num:' + str(num))
