# An exception ends only its own thread; join() does not report it.
import sys
import threading


def report(args):
    # The default hook prints the whole traceback; one line is enough here.
    print(f'Exception in thread {args.thread.name}: {args.exc_type.__name__}: {args.exc_value}',
          file=sys.stderr)


# threading.excepthook is the only place the exception shows up.
threading.excepthook = report


def work():
    parts = 'a,b'.split(',')
    # There is no third part: indexing past the end raises IndexError.
    return len(parts[2])


worker = threading.Thread(target=work, name='worker')
worker.start()
# join() returns None whether the thread succeeded or failed.
worker.join()
print('join returned; the exception is lost to the caller')
print('main carries on')
