#!/usr/bin/env python3
"""A real SMTP server on loopback for tests (aiosmtpd): every message it accepts is written to
--dir as <n>.eml. Optional STARTTLS (required when given), AUTH PLAIN/LOGIN (one user), and
transient failures of the first N messages (451), to exercise retries. Prints "ready <port>"
once it listens; stops on SIGTERM or when stdin closes."""
import argparse, asyncio, os, signal, socket, ssl, sys, threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Sink:
    def __init__(self, folder, fail_first):
        self.folder, self.fail_first, self.count = folder, fail_first, 0

    async def handle_DATA(self, server, session, envelope):
        if self.fail_first > 0:
            self.fail_first -= 1
            return "451 4.3.0 try again later"
        self.count += 1
        path = os.path.join(self.folder, "%d.eml" % self.count)
        with open(path + ".part", "wb") as f:
            f.write(("X-Envelope-From: %s\r\nX-Envelope-To: %s\r\n" % (envelope.mail_from, ",".join(envelope.rcpt_tos))).encode())
            f.write(envelope.original_content)
        os.rename(path + ".part", path)
        return "250 OK queued as %d" % self.count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--fail-first", type=int, default=0)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    port = args.port or free_port()
    options = {}
    if args.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
        options.update(tls_context=context, require_starttls=True)
    if args.user:
        def authenticate(server, session, envelope, mechanism, data):
            ok = isinstance(data, LoginPassword) and data.login.decode() == args.user and data.password.decode() == args.password
            return AuthResult(success=ok, handled=False)
        options.update(authenticator=authenticate, auth_required=True, auth_require_tls=bool(args.cert))
    controller = Controller(Sink(args.dir, args.fail_first), hostname="127.0.0.1", port=port, **options)
    controller.start()
    print("ready %d" % port, flush=True)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    threading.Thread(target=lambda: (sys.stdin.read(), done.set()), daemon=True).start()
    done.wait()
    controller.stop()


if __name__ == "__main__":
    main()
