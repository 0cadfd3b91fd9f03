# The fix: check and change num while holding the lock.
import threading
import time

num = 0
lock = threading.Lock()


class Runner(threading.Thread):
    def __init__(self, name):
        super().__init__(name=name)

    def run(self):
        global num
        while True:
            with lock:
                if num >= 6:
                    break
                print('Thread(%s) locked, Number: %d' % (self.name, num))
                num += 1
            # Sleep without the lock, so the other thread gets a turn.
            time.sleep(0.05)


t1 = Runner('thread1')
t2 = Runner('thread2')
t1.start()
t2.start()
t1.join()
t2.join()
print('final num:', num)
