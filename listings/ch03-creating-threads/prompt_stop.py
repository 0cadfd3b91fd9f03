# Stopping at once: wait on an Event with a timeout instead of sleeping.
import threading
import time


class Runner(threading.Thread):
    def __init__(self, name):
        super().__init__(name=name)
        self.stopped = threading.Event()
        self.rounds = 0

    def run(self):
        # wait() returns True as soon as stop() sets the event.
        while not self.stopped.wait(timeout=1.0):
            self.rounds += 1

    def stop(self):
        self.stopped.set()


t = Runner('thread')
t.start()
time.sleep(0.05)
began = time.monotonic()
t.stop()
t.join()
print('stopped within 100 ms:', time.monotonic() - began < 0.1)
print('rounds done:', t.rounds)
