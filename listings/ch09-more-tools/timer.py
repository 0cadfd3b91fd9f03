# A Timer calls a function once, after a delay, on a thread of its own.
# cancel() stops a Timer that is still waiting.
from threading import Timer

fired = []
first = Timer(0.05, lambda: fired.append('first'))
second = Timer(0.05, lambda: fired.append('second'))
first.start()
second.start()
second.cancel()
first.join()
second.join()
print('fired:', fired)
