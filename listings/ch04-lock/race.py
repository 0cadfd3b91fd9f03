# The notes' shared balance, with no lock at all.
import threading

balance = 0


def change_it(n):
    # Add, then take away: the balance should stay 0.
    global balance
    balance = balance + n
    balance = balance - n


def run_thread(n):
    for i in range(1_000_000):
        change_it(n)


t1 = threading.Thread(target=run_thread, args=(5,))
t2 = threading.Thread(target=run_thread, args=(8,))
t1.start()
t2.start()
t1.join()
t2.join()
print('final balance:', balance)
