# Sleeping is a guess; here the guess is wrong and the thread's work is lost.
import _thread
import time

started = _thread.allocate_lock()
started.acquire()


def worker():
    print('worker: started', flush=True)
    started.release()
    # Half a second of work, longer than the main thread is willing to wait.
    time.sleep(0.5)
    print('worker: finished', flush=True)


_thread.start_new_thread(worker, ())

# Blocks until the worker releases the lock: the worker has started.
started.acquire()
# The guess: a tenth of a second should be enough. It is not.
time.sleep(0.1)
print('main: returning', flush=True)
# When the main thread ends, the interpreter exits and _thread's threads die with it.
