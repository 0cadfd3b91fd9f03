# A non-daemon thread keeps the program alive; a daemon thread does not.
import threading
import time


def finish(label, seconds):
    time.sleep(seconds)
    print(label + ': finished', flush=True)


# The default: daemon=False. Python joins it before the program exits.
waited_for = threading.Thread(target=finish, args=('non-daemon thread', 0.2))
# daemon=True (setDaemon(True) in the notes): killed when the program exits.
killed = threading.Thread(target=finish, args=('daemon thread', 0.5), daemon=True)
waited_for.start()
killed.start()
print('main: returning', flush=True)
