"""A small WebSocket client (RFC 6455, text frames) on the standard library, for tests that talk
to the real binary without a browser: the durability test plays and quits games over it."""
import base64
import json
import os
import queue
import socket
import struct
import threading
import time


class WebSocket:
    def __init__(self, port, cookie, path="/api/ws"):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        request = (f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nOrigin: http://127.0.0.1:{port}\r\n"
                   f"Cookie: {cookie}\r\n\r\n")
        self.sock.sendall(request.encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("the upgrade got no answer")
            head += chunk
        status, _, self.buffer = head.partition(b"\r\n\r\n")
        if b" 101 " not in status.split(b"\r\n")[0]:
            raise ConnectionError(status.decode(errors="replace"))

    def send(self, kind, data=None):
        message = {"t": kind} if data is None else {"t": kind, "d": data}
        payload = json.dumps(message).encode()
        mask = os.urandom(4)
        header = bytes([0x81])
        if len(payload) < 126:
            header += bytes([0x80 | len(payload)])
        else:
            header += bytes([0x80 | 126]) + struct.pack("!H", len(payload))
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def _read(self, count):
        while len(self.buffer) < count:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed")
            self.buffer += chunk
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def frame(self):
        first, second = self._read(2)
        length = second & 0x7F
        if length == 126:
            length = struct.unpack("!H", self._read(2))[0]
        elif length == 127:
            length = struct.unpack("!Q", self._read(8))[0]
        return first & 0x0F, self._read(length)

    def next(self, kind, within=60):
        """The next text message of `kind` (others, binary snapshots and pings are skipped)."""
        deadline = time.time() + within
        while time.time() < deadline:
            opcode, payload = self.frame()
            if opcode == 0x9:  # ping: answer, or the server drops us
                self.sock.sendall(bytes([0x8A, 0x80 | len(payload)]) + b"\0\0\0\0" + payload)
            elif opcode == 0x1:
                message = json.loads(payload)
                if message.get("t") == kind:
                    return message.get("d") or {}
            elif opcode == 0x8:
                raise ConnectionError("the server closed the socket")
        raise TimeoutError(f"no {kind} message")

    def close(self):
        self.sock.close()


class ListeningWebSocket(WebSocket):
    """A WebSocket read by a thread of its own: pings are answered and messages kept while the test
    waits on another socket (a socket left unread for the server's idle timeout is closed)."""

    def __init__(self, port, cookie, path="/api/ws"):
        super().__init__(port, cookie, path)
        self.messages, self.closed = queue.Queue(), threading.Event()
        self.lock = threading.Lock()
        self.binary_frames = 0  # snapshots, counted (benchmarks) but not kept
        threading.Thread(target=self._listen, daemon=True).start()

    def _listen(self):
        try:
            while True:
                opcode, payload = self.frame()
                if opcode == 0x9:
                    with self.lock:
                        self.sock.sendall(bytes([0x8A, 0x80 | len(payload)]) + b"\0\0\0\0" + payload)
                elif opcode == 0x1:
                    self.messages.put(json.loads(payload))
                elif opcode == 0x2:
                    self.binary_frames += 1
                elif opcode == 0x8:
                    break
        except (OSError, ConnectionError):
            pass
        self.closed.set()

    def send(self, kind, data=None):
        with self.lock:
            super().send(kind, data)

    def next(self, kind, within=60):
        deadline = time.time() + within
        while time.time() < deadline:
            try:
                message = self.messages.get(timeout=min(1, max(0.01, deadline - time.time())))
            except queue.Empty:
                if self.closed.is_set() and self.messages.empty():
                    raise ConnectionError(f"the server closed the socket before a {kind} message")
                continue
            if message.get("t") == kind:
                return message.get("d") or {}
        raise TimeoutError(f"no {kind} message")
