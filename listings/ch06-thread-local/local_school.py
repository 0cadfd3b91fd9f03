# The notes' threading.local program: each thread sees its own `student`.
# Output: lines may come in any order.
import threading

# Create the global ThreadLocal object:
local_school = threading.local()


def process_student():
    # Get the student associated with the current thread:
    std = local_school.student
    # The notes' print() writes the text and the newline in two steps, and two
    # threads can interleave them; one write per line keeps the lines whole.
    print('Hello, %s (in %s)\n' % (std, threading.current_thread().name), end='')


def process_thread(name):
    # Bind the ThreadLocal's student:
    local_school.student = name
    process_student()


t1 = threading.Thread(target=process_thread, args=('Alice',), name='Thread-A')
t2 = threading.Thread(target=process_thread, args=('Bob',), name='Thread-B')
t1.start()
t2.start()
t1.join()
t2.join()
