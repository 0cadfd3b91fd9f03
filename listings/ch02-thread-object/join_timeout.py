# join(timeout) returns after at most `timeout` seconds, finished or not.
import threading
import time

slow = threading.Thread(target=time.sleep, args=(0.6,))
slow.start()
# join() returns None either way; only is_alive() tells what happened.
slow.join(timeout=0.2)
print('after 200 ms, finished:', not slow.is_alive())

# The timeout did not stop the thread; joining again waits for the rest.
print('slow thread still running:', slow.is_alive())
slow.join()
print('slow thread joined')
