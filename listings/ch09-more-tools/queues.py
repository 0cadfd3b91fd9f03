# The queue module's other queues: LifoQueue gives the newest item first,
# PriorityQueue the smallest. put_nowait on a full Queue raises Full.
from queue import Full, LifoQueue, PriorityQueue, Queue

lifo = LifoQueue()
for n in (1, 2, 3):
    lifo.put(n)
print('LifoQueue:', [lifo.get() for _ in range(3)])

by_priority = PriorityQueue()
for n in (2, 3, 1):
    by_priority.put(n)
print('PriorityQueue:', [by_priority.get() for _ in range(3)])

small = Queue(maxsize=1)
small.put('a')
try:
    small.put_nowait('b')
except Full:
    print('Full')
