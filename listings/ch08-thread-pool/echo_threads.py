# The server python3-cookbook 12.7 warns against: a thread for every client.
# Fixed here: the recipe's echo_server takes an nworkers that it never uses,
# and is called without it, which raises TypeError.
from threading import Thread
from socket import socket, AF_INET, SOCK_STREAM, SHUT_WR


def echo_client(sock, client_addr):
    '''
    Handle a client connection
    '''
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
def echo_server(sock):
    # Run the server
    while True:
        client_sock, client_addr = sock.accept()
        t = Thread(target=echo_client, args=(client_sock, client_addr))
        t.daemon = True
        t.start()


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
    Thread(target=echo_server, args=(sock,), daemon=True).start()
    try_it(sock.getsockname(), b'caf\xc3\xa9 \xff\r\nno newline')
