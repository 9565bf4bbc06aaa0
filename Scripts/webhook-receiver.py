#!/usr/bin/env python3
"""A webhook receiver on loopback for tests: answers 500 to the first --fail-first requests,
then 200, and writes every request it answered 200 to --dir as <n>.json ({"headers", "body"}).
With --secret-file (the hex secret, read on each request) it also verifies the
Corridor-Signature header — the check a real receiver makes — and answers 401 when it fails.
HTTPS with --cert/--key. Prints "ready <port>"; stops when stdin closes."""
import argparse, hashlib, hmac, http.server, json, os, ssl, sys, threading, time


def verify(header, body, key, tolerance=300):
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    stamp = int(parts.get("t", "0"))
    if abs(time.time() - stamp) > tolerance:
        return False
    expected = hmac.new(key, str(stamp).encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts.get("v1", ""))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--fail-first", type=int, default=0)
    parser.add_argument("--secret-file")
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    state = {"failures": args.fail_first, "count": 0, "lock": threading.Lock()}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with state["lock"]:
                if state["failures"] > 0:
                    state["failures"] -= 1
                    code = 500
                elif args.secret_file and not verify(
                        self.headers.get("Corridor-Signature", ""), body,
                        bytes.fromhex(open(args.secret_file).read().strip())):
                    code = 401
                else:
                    code = 200
                    state["count"] += 1
                    path = os.path.join(args.dir, "%d.json" % state["count"])
                    with open(path + ".part", "w") as f:
                        json.dump({"headers": dict(self.headers), "body": body.decode()}, f)
                    os.rename(path + ".part", path)
            self.send_response(code)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *a):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    if args.cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.cert, args.key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print("ready %d" % server.server_address[1], flush=True)
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
