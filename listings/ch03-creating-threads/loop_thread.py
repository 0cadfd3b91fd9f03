# The notes' first way: hand Thread a target function and a name.
import threading
import time


# Code run by the new thread:
def loop():
    print('thread %s is running...' % threading.current_thread().name)
    n = 0
    while n < 5:
        n = n + 1
        print('thread %s >>> %s' % (threading.current_thread().name, n))
        # The notes sleep one second; a tenth keeps the listing fast.
        time.sleep(0.1)
    print('thread %s ended.' % threading.current_thread().name)


print('thread %s is running...' % threading.current_thread().name)
t = threading.Thread(target=loop, name='LoopThread')  # Instantiate directly
t.start()
t.join()
print('thread %s ended.' % threading.current_thread().name)
