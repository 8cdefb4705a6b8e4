#!/usr/bin/env python3
"""A real SMTP server for tests (aiosmtpd on loopback). Each accepted message
is written to --maildir as N.json (envelope, TLS, login, raw message).

Modes: normal (default); drop (greets, then hangs up on the first command);
silent (accepts the connection and never answers). Prints "READY <port>" once
listening, then serves until killed."""
import argparse
import asyncio
import json
import os
import socket
import ssl

from aiosmtpd.smtp import SMTP, AuthResult


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Sink:
    def __init__(self, maildir):
        self.maildir = maildir
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "tls": session.ssl is not None,
            "login": session.auth_data.decode() if isinstance(session.auth_data, bytes) else session.auth_data,
            "data": envelope.content.decode("utf-8", "replace"),
        }
        path = os.path.join(self.maildir, f"{self.count:04d}.json")
        with open(path + ".tmp", "w") as handle:
            json.dump(record, handle)
        os.replace(path + ".tmp", path)
        return "250 Message accepted"


def authenticator(expected):
    user, password = expected.split(":", 1)

    def check(server, session, envelope, mechanism, auth_data):
        ok = auth_data.login.decode() == user and auth_data.password.decode() == password
        return AuthResult(success=ok, auth_data=auth_data.login if ok else None)

    return check


async def drop(reader, writer):
    writer.write(b"220 sink.local ESMTP\r\n")
    await writer.drain()
    await reader.readline()
    writer.close()


async def silent(reader, writer):
    await asyncio.sleep(3600)


async def main(args):
    port = args.port or free_port()
    os.makedirs(args.maildir, exist_ok=True)
    tls = None
    if args.cert:
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(args.cert, args.key)
    if args.mode == "drop":
        server = await asyncio.start_server(drop, "127.0.0.1", port)
    elif args.mode == "silent":
        server = await asyncio.start_server(silent, "127.0.0.1", port)
    else:
        auth = authenticator(args.auth) if args.auth else None
        sink = Sink(args.maildir)  # one handler for every connection, so message numbers never repeat

        def factory():
            return SMTP(sink, hostname="sink.local",
                        tls_context=tls if not args.implicit_tls else None,
                        authenticator=auth, auth_required=auth is not None,
                        auth_require_tls=not args.implicit_tls)

        loop = asyncio.get_running_loop()
        server = await loop.create_server(factory, "127.0.0.1", port, ssl=tls if args.implicit_tls else None)
    print(f"READY {port}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--implicit-tls", action="store_true")
    parser.add_argument("--auth", help="user:password")
    parser.add_argument("--mode", choices=["normal", "drop", "silent"], default="normal")
    asyncio.run(main(parser.parse_args()))
