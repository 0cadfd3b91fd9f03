# The same race, with a function call between reading and writing the balance.
import threading

balance = 0


def plus(a, b):
    return a + b


def change_it(n):
    global balance
    # CPython may switch threads when plus() is called, after `balance`
    # was read and before the sum is written back.
    balance = plus(balance, n)
    balance = plus(balance, -n)


def run_thread(n):
    for i in range(200_000):
        change_it(n)


t1 = threading.Thread(target=run_thread, args=(5,))
t2 = threading.Thread(target=run_thread, args=(8,))
t1.start()
t2.start()
t1.join()
t2.join()
# The value changes from run to run, and is often not 0.
print('final balance:', balance)
