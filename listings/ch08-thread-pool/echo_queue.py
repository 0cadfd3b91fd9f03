# python3-cookbook 12.7's hand-made pool: every worker takes clients from one
# shared Queue. Fixed here: the recipe's worker calls q.get() once, outside
# any loop, so each worker serves one client and ends.
from socket import AF_INET, SOCK_STREAM, SHUT_WR, socket
from threading import Thread
from queue import Queue


def echo_client(q):
    '''
    Handle a client connection
    '''
    while True:  # the fix: serve client after client
        sock, client_addr = q.get()
        print('Got connection from', client_addr)
        while True:
            msg = sock.recv(65536)
            if not msg:
                break
            sock.sendall(msg)
        print('Client closed connection')

        sock.close()


# The recipe binds and listens here, on ('', 15000). This listing passes in a
# socket already listening on 127.0.0.1, on a port the system picks.
def echo_server(sock, nworkers):
    # Launch the client workers
    q = Queue()
    for n in range(nworkers):
        t = Thread(target=echo_client, args=(q,))
        t.daemon = True
        t.start()

    # Run the server
    while True:
        client_sock, client_addr = sock.accept()
        q.put((client_sock, client_addr))


def try_it(addr, message):
    client = socket(AF_INET, SOCK_STREAM)
    client.settimeout(2)
    client.connect(addr)
    client.sendall(message)
    client.shutdown(SHUT_WR)  # no more to send: the server's recv() returns b''
    reply = b''
    while True:
        data = client.recv(65536)
        if not data:
            break
        reply += data
    client.close()
    print('client got back', reply)


if __name__ == '__main__':
    sock = socket(AF_INET, SOCK_STREAM)
    sock.bind(('127.0.0.1', 0))
    sock.listen(5)
    # Two workers, three clients: with the recipe's worker, the third would
    # wait for ever (here, for its two-second timeout).
    Thread(target=echo_server, args=(sock, 2), daemon=True).start()
    for message in [b'one', b'two', b'three']:
        try_it(sock.getsockname(), message)
