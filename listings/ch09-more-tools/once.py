# An object built once, when a thread first needs it. Built lazily, it needs
# a lock: without one, two threads can both find None and both build it.
from threading import Lock, Thread
import time

loads = 0
_config = None
_config_lock = Lock()


def load_config():
    global loads
    loads += 1
    time.sleep(0.01)
    return {'workers': 4}


def config():
    global _config
    with _config_lock:
        if _config is None:
            _config = load_config()
    return _config


threads = [Thread(target=config) for _ in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print('workers:', config()['workers'])
print('loaded', loads, 'time(s)')
