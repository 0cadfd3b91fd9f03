# Python threads may use any object they can reach; joining them all is up to you.
import threading

numbers = list(range(1, 1001))
totals = [0, 0, 0, 0]


def add_up(index):
    totals[index] = sum(numbers[index * 250:(index + 1) * 250])


threads = [threading.Thread(target=add_up, args=(i,)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print('totals:', totals)
print('sum:', sum(totals))
