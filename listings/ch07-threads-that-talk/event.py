# An Event: wait(timeout) returns False when the time runs out, True once the
# event is set.
from threading import Event, Thread
import time

done = Event()
print('before set:', done.wait(0.05))
Thread(target=lambda: (time.sleep(0.05), done.set())).start()
print('after set:', done.wait(2))
