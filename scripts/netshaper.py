#!/usr/bin/env python3
"""A userspace TCP proxy that makes loopback behave like a real network.

The kernel here has no netem, so tests and benchmarks put this between a client and the server.
Each direction of each connection delays what it carries by a profile:

- a base one-way delay (half the profile's round trip) with uniform jitter around it;
- never reordered: TCP delivers in order, so a segment is never released before the one ahead of
  it (a late segment holds back everything behind it, as a real receive window would);
- stalls that imitate a lost segment's retransmission: with the profile's probability a segment
  is held for the stall time, and everything queued behind it is released with it.

A "segment" is what one read from the socket returns (at most 64 KiB), the unit a WebSocket frame
or a small HTTP request usually arrives in on loopback.

Use it from the command line (one listening port per player gives each player its own profile):

    scripts/netshaper.py --upstream 127.0.0.1:8080 --profile far
    scripts/netshaper.py --upstream 127.0.0.1:8080 --up wifi --down mobile --port 9001
    scripts/netshaper.py --upstream 127.0.0.1:8080 --up oneway-100 --down lan

It prints `listening <port>` on its first line once it accepts connections. From Python:

    with Shaper(("127.0.0.1", 8080), "mobile") as shaper:
        url = f"http://127.0.0.1:{shaper.port}/"
"""
import argparse
import asyncio
import random
import sys
import threading
from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    """One direction's behaviour; the named profiles give both directions the same one."""

    name: str
    round_trip_ms: float
    jitter_ms: float = 0.0  # ± around the round trip, so ± half of it one way
    stall_rate: float = 0.0  # the share of segments held as if lost
    stall_ms: float = 0.0  # how long a held segment waits (a retransmission timeout)

    @property
    def one_way_ms(self):
        return self.round_trip_ms / 2

    def delay_seconds(self, rng):
        """The one-way delay of one segment, before ordering and stalls."""
        jitter = self.jitter_ms / 2
        return max(0.0, self.one_way_ms + rng.uniform(-jitter, jitter)) / 1000

    def stalls(self, rng):
        return self.stall_rate > 0 and rng.random() < self.stall_rate


PROFILES = {
    profile.name: profile
    for profile in (
        Profile("none", 0),
        Profile("lan", 1),
        Profile("broadband", 30, jitter_ms=5),
        Profile("wifi", 60, jitter_ms=20, stall_rate=0.01, stall_ms=200),
        Profile("far", 120, jitter_ms=10),
        Profile("mobile", 150, jitter_ms=40, stall_rate=0.02, stall_ms=400),
    )
}


def profile_named(name):
    """A named profile, or `oneway-<ms>`: that fixed one-way delay and nothing else (for a test
    that needs an exact lateness, e.g. a key arriving 100 ms after it was pressed)."""
    if name in PROFILES:
        return PROFILES[name]
    prefix, _, milliseconds = name.partition("-")
    if prefix == "oneway" and milliseconds.isdigit():
        return Profile(name, 2 * int(milliseconds))
    raise ValueError(f"unknown network profile {name!r} (known: {', '.join(PROFILES)}, oneway-<ms>)")


def profile_argument(name):
    try:
        profile_named(name)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return name


class Direction:
    """One way of one connection: reads as fast as the sender writes, releases on schedule."""

    def __init__(self, profile, rng, counters):
        self.profile = profile
        self.rng = rng
        self.counters = counters
        self.queue = asyncio.Queue()
        self.last_release = 0.0

    def schedule(self, now):
        release = now + self.profile.delay_seconds(self.rng)
        if self.profile.stalls(self.rng):
            release += self.profile.stall_ms / 1000
            self.counters["stalls"] += 1
        # In order: never before the segment ahead of it.
        self.last_release = max(self.last_release, release)
        return self.last_release

    async def read(self, reader):
        loop = asyncio.get_running_loop()
        try:
            while data := await reader.read(65536):
                self.counters["segments"] += 1
                self.counters["bytes"] += len(data)
                await self.queue.put((self.schedule(loop.time()), data))
        except (ConnectionError, OSError):
            pass
        await self.queue.put((self.schedule(loop.time()), b""))

    async def write(self, writer):
        loop = asyncio.get_running_loop()
        try:
            while True:
                release, data = await self.queue.get()
                wait = release - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                if not data:
                    if writer.can_write_eof():
                        writer.write_eof()
                    return
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass


class Shaper:
    """The proxy, on its own event loop in a background thread (for tests and benchmarks)."""

    def __init__(self, upstream, up="none", down=None, port=0, host="127.0.0.1", seed=None):
        self.upstream = upstream
        self.up = profile_named(up) if isinstance(up, str) else up
        self.down = self.up if down is None else (profile_named(down) if isinstance(down, str) else down)
        self.host = host
        self.requested_port = port
        self.rng = random.Random(seed)
        self.counters = {"connections": 0, "segments": 0, "bytes": 0, "stalls": 0}
        self.port = None
        self._loop = None
        self._server = None
        self._thread = None
        self._ready = threading.Event()
        self._error = None

    async def _serve_connection(self, client_reader, client_writer):
        self.counters["connections"] += 1
        try:
            server_reader, server_writer = await asyncio.open_connection(*self.upstream)
        except OSError:
            client_writer.close()
            return
        up = Direction(self.up, self.rng, self.counters)
        down = Direction(self.down, self.rng, self.counters)
        try:
            await asyncio.gather(
                up.read(client_reader), up.write(server_writer), down.read(server_reader), down.write(client_writer),
                return_exceptions=True,
            )
        finally:
            for writer in (server_writer, client_writer):
                writer.close()

    async def start_serving(self):
        self._server = await asyncio.start_server(self._serve_connection, self.host, self.requested_port)
        self.port = self._server.sockets[0].getsockname()[1]
        return self.port

    def _run(self):
        self._loop = asyncio.new_event_loop()
        try:
            self._loop.run_until_complete(self.start_serving())
        except OSError as error:
            self._error = error
            self._ready.set()
            return
        self._ready.set()
        self._loop.run_forever()
        # Stopped: end every connection's tasks (they close their sockets) before the loop goes.
        self._server.close()
        pending = asyncio.all_tasks(self._loop)
        for task in pending:
            task.cancel()
        self._loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        self._loop.run_until_complete(self._server.wait_closed())
        self._loop.close()

    def start(self):
        self._thread = threading.Thread(target=self._run, name="netshaper", daemon=True)
        self._thread.start()
        self._ready.wait()
        if self._error:
            raise self._error
        return self.port

    def stop(self):
        if self._loop and self._loop.is_running():
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread:
            self._thread.join(timeout=5)

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *_):
        self.stop()


def host_and_port(text):
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit():
        raise argparse.ArgumentTypeError(f"expected host:port, got {text!r}")
    return host, int(port)


def main():
    parser = argparse.ArgumentParser(description="A TCP proxy that delays each direction by a network profile.")
    parser.add_argument("--upstream", required=True, type=host_and_port, help="the server, host:port")
    parser.add_argument("--profile", default="none", type=profile_argument, help="both directions (default none)")
    parser.add_argument("--up", type=profile_argument, help="client to server, instead of --profile")
    parser.add_argument("--down", type=profile_argument, help="server to client, instead of --profile")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="where to listen (default: a free port)")
    parser.add_argument("--seed", type=int, help="for reproducible delays")
    arguments = parser.parse_args()
    shaper = Shaper(arguments.upstream, up=arguments.up or arguments.profile, down=arguments.down or arguments.profile,
                    port=arguments.port, host=arguments.host, seed=arguments.seed)

    async def serve():
        try:
            port = await shaper.start_serving()
        except OSError as error:
            print(f"netshaper: cannot listen on {arguments.host}:{arguments.port}: {error.strerror}", file=sys.stderr)
            sys.exit(1)
        print(f"listening {port}", flush=True)
        await asyncio.Event().wait()

    try:
        asyncio.run(serve())
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
