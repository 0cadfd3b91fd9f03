# Each thread has its own attributes on a threading.local object.
import threading

local = threading.local()


def handle_request():
    # Each thread counts its own calls; no lock is needed.
    local.calls = getattr(local, 'calls', 0) + 1


def worker():
    for _ in range(3):
        handle_request()
    results.append(local.calls)


results = []
t = threading.Thread(target=worker)
handle_request()
t.start()
t.join()
print('worker counted', results[0])
print('main counted', local.calls)
