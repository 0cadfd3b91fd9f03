# threading.stack_size sets the stack of threads started afterwards.
import threading

# A small stack is fine for a small job. The minimum is 32 KiB.
threading.stack_size(64 * 1024)
result = []
small = threading.Thread(target=lambda: result.append(sum(range(1, 11))))
small.start()
small.join()
print('sum on a 64 KiB stack:', result[0])

# Below 32 KiB, stack_size refuses at once.
try:
    threading.stack_size(16 * 1024)
except ValueError as error:
    print('stack_size refused:', error)
# An impossible size is accepted here, and fails when a thread starts.
threading.stack_size(1 << 60)
try:
    threading.Thread(target=print).start()
except RuntimeError as error:
    print('start failed:', error)
