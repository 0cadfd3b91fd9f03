# Thread names: name=..., current_thread().name, and renaming.
import threading


def show():
    print('in thread:', threading.current_thread().name)


# The main thread is called "MainThread".
print('main thread:', threading.current_thread().name)

named = threading.Thread(target=show, name='worker-1')
named.start()
named_id = named.ident
named.join()

# Without a name, Python makes one up: "Thread-N (function name)".
unnamed = threading.Thread(target=show)
unnamed.start()
unnamed.join()
# An ident may be reused once its thread has ended: compare live threads only.
print("main's id is its own:", threading.get_ident() != named_id)

# A Python thread can be renamed at any time, even while it runs.
unnamed.name = 'renamed'
print('renamed to:', unnamed.name)
