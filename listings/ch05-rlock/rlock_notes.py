# The notes' RLock program in Python 3, with its bug kept.
# Output: lines repeat in varying order and number; the last comes last.
import threading
import time

num = 0
lock = threading.RLock()


class Runner(threading.Thread):
    def __init__(self, name):
        super().__init__(name=name)

    def run(self):
        global num
        while True:
            # Bug: num is read here, outside the lock ...
            if num >= 6:
                break
            if lock.acquire():
                # One write per line: print() writes the text and the newline
                # in two steps, and the other thread's line can fall between.
                print('Thread(%s) locked, Number: %d\n' % (self.name, num), end='')
                # The notes sleep one second; a twentieth keeps the listing fast.
                time.sleep(0.05)
            lock.release()
            print('Thread(%s) released, Number: %d\n' % (self.name, num), end='')
            time.sleep(0.05)
            # ... and changed here, outside the lock too.
            num += 1


def test():
    t1 = Runner('thread1')
    t2 = Runner('thread2')
    t1.start()
    t2.start()
    # The notes do not join; joining lets us print the final count.
    t1.join()
    t2.join()
    print('final num:', num)


if __name__ == '__main__':
    test()
