# A threading.local subclass runs __init__ once in each thread, on first use.
import threading


class Buffer(threading.local):
    def __init__(self):
        print('  creating the buffer in', threading.current_thread().name)
        self.items = []


buffer = Buffer()
print('MainThread has its buffer already: __init__ runs where the object is made')


def use_buffer(item):
    buffer.items.append(item)
    return len(buffer.items)


print('MainThread: length', use_buffer(1))
print('MainThread: length', use_buffer(2))
for name in ['worker-1', 'worker-2']:
    t = threading.Thread(target=lambda: print(threading.current_thread().name + ': length',
                                              use_buffer(3)), name=name)
    t.start()
    t.join()
