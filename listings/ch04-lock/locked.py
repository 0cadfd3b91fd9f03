# The notes' fix: take the lock around every change.
import threading

balance = 0
lock = threading.Lock()


def change_it(n):
    global balance
    balance = balance + n
    balance = balance - n


def run_thread(n):
    for i in range(100_000):
        # First acquire the lock:
        lock.acquire()
        try:
            # Change it without worry:
            change_it(n)
        finally:
            # When the change is done, be sure to release the lock:
            lock.release()


def run_thread_with(n):
    for i in range(100_000):
        # `with` acquires, and releases however the block is left.
        with lock:
            change_it(n)


t1 = threading.Thread(target=run_thread, args=(5,))
t2 = threading.Thread(target=run_thread_with, args=(8,))
t1.start()
t2.start()
t1.join()
t2.join()
print('final balance:', balance)
