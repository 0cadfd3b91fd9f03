# A threading.local value is released when its thread ends.
import threading


class Connection:
    def __init__(self, owner):
        self.owner = owner

    def __del__(self):
        print('closing the connection of', self.owner)


local = threading.local()


def work():
    local.connection = Connection('worker')
    print('worker: done, returning')


t = threading.Thread(target=work, name='worker')
t.start()
t.join()
print('main: the worker has been joined')
