# run() returns nothing to the caller, so results go through a shared object.
import threading

numbers = list(range(1, 101))
results = [None, None]


def total(index, part):
    results[index] = sum(part)


first = threading.Thread(target=total, args=(0, numbers[:50]))
second = threading.Thread(target=total, args=(1, numbers[50:]))
first.start()
second.start()
first.join()
second.join()
print('sum of 1..=100:', results[0] + results[1])
