# The notes' `thread` example in Python 3, where the module is called `_thread`.
import _thread
import time


def runner(arg):
    for i in range(6):
        print(str(i) + ':' + arg)
        # The notes sleep one second; a tenth keeps the listing fast.
        time.sleep(0.1)
    # End the current thread
    # (Python 3 spells thread.exit_thread() as _thread.exit().)
    _thread.exit()


# Start a thread. The first argument is the function name,
# the second argument is a tuple, the arguments passed to the function
# (the notes also show ('hello world') without the comma: that is a string, not a tuple).
_thread.start_new_thread(runner, ('hello world',))

# Create a lock. Locks are used to synchronise threads, usually to control access to a shared resource
lock = _thread.allocate_lock()
num = 0
# Acquire the lock: returns True on success, False on failure
# (a blocking acquire() always returns True, so this `if` never skips).
if lock.acquire():
    num += 1
    # Release the lock
    lock.release()
# Threads from the thread module all end together once the main thread ends, so delay the end of the main thread
# (the notes sleep ten seconds for a six-second job; one second covers 0.6 s here).
time.sleep(1)
print('num:' + str(num))
