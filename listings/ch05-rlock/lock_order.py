# Two threads take two locks in opposite order: a deadlock, shown with timeouts.
# Output: the first 2 lines may come in any order.
import threading

a = threading.Lock()
b = threading.Lock()
both_hold = threading.Barrier(2)
done = []


def transfer(name, first, second):
    with first:
        # Wait until the other thread holds its first lock too.
        both_hold.wait()
        # Without the timeout, both threads would wait here forever.
        if second.acquire(timeout=0.2):
            second.release()
            done.append(name)
        else:
            # One write per line: print() writes the newline separately, and
            # the other thread could write in between.
            print(name + ': gave up waiting for its second lock\n', end='')
        # Keep the first lock until the other thread has decided as well.
        both_hold.wait()


t1 = threading.Thread(target=transfer, args=('thread1', a, b))
t2 = threading.Thread(target=transfer, args=('thread2', b, a))
t1.start()
t2.start()
t1.join()
t2.join()
print('opposite order:', len(done), 'of 2 transfers done')
