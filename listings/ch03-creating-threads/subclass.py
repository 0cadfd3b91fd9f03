# By inheritance
# (The notes' second way: subclass Thread and override run(), with a stop flag.)
import threading
import time


class Runner(threading.Thread):
    def __init__(self, name):
        super().__init__(name=name)
        self.thread_stop = False

    def run(self):
        while not self.thread_stop:
            print(str(self.name) + ':' + 'hello world')
            # The notes sleep one second; a fifth keeps the listing fast.
            time.sleep(0.2)
        print(str(self.name) + ': stopped')

    def stop(self):
        self.thread_stop = True


def test():
    t = Runner('thread')
    t.start()
    # The notes let it run ten seconds; half a second shows the same.
    time.sleep(0.5)
    t.stop()
    # The notes never join; without join, "stopped" could come after "joined".
    t.join()
    print('joined')


if __name__ == '__main__':
    test()
