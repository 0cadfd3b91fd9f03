# A Python Lock may be released by a thread that did not acquire it.
import threading

lock = threading.Lock()
lock.acquire()


def release():
    lock.release()
    print('released by another thread')


t = threading.Thread(target=release)
t.start()
t.join()
print('lock is free again:', not lock.locked())

# An RLock has an owner, and refuses.
rlock = threading.RLock()
rlock.acquire()


def release_rlock():
    try:
        rlock.release()
    except RuntimeError as error:
        print('RLock:', error)


t = threading.Thread(target=release_rlock)
t.start()
t.join()
