# The notes' `thread` example in Python 3, where the module is called `_thread`.
import _thread
import time


def runner(arg):
    for i in range(6):
        print(str(i) + ':' + arg)
        # The notes sleep one second; a tenth keeps the listing fast.
        time.sleep(0.1)
    # End the current thread. Python 3 spells thread.exit_thread() as _thread.exit().
    _thread.exit()


# Start a thread: the function, then a tuple of its arguments.
# The notes also show ('hello world') without the comma: that is a string, not a tuple.
_thread.start_new_thread(runner, ('hello world',))

# Create a lock. Locks synchronise threads, usually around a shared resource.
lock = _thread.allocate_lock()
num = 0
# A blocking acquire() always returns True, so this `if` never skips.
if lock.acquire():
    num += 1
    lock.release()
# _thread's threads die with the main thread, so the main thread sleeps.
# The notes sleep ten seconds for a six-second job; one second covers 0.6 s here.
time.sleep(1)
print('num:' + str(num))
