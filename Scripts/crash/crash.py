#!/usr/bin/env python3
"""Crash safety under load: concurrent clients drive voucher redemptions (open → confirm →
accept), need postings and challenge steps (create → submit) against the real server while it is
killed with SIGKILL at random moments and restarted. Every request answered 2xx is recorded; at
the end every recorded write must be present (and a redemption at least as far as its last
acknowledged step), and the ledger and audit checks must be clean. The run fails as well when a
kind of write was never acknowledged (each redemption step, needs, each challenge step: a load
the server refused throughout proves nothing) or when a client thread met an unexpected error.

Environment: SERVER_BINARY, DATA, PORT, SERVER_LOG, KILLS (20), SEED (2026), CLIENTS (6).
"""
import collections
import datetime
import http.client
import json
import os
import random
import signal
import sqlite3
import ssl
import statistics
import subprocess
import sys
import threading
import time
import traceback
import urllib.error
import urllib.request
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "browser"))
from server import Server  # noqa: E402

CONTEXT = ssl._create_unverified_context()
STEP_ORDER = {"held": 0, "delivered": 1, "captured": 2}
# Every kind of acknowledged write the run must have seen at least once.
REQUIRED_ACKS = [("redemptions", "held"), ("redemptions", "delivered"), ("redemptions", "captured"),
                 ("needs", None), ("challenges", "draft"), ("challenges", "pending_approval")]
# What a request cut by a kill raises: not acknowledged, not an error of the load.
CUT_BY_A_KILL = (urllib.error.URLError, ConnectionError, TimeoutError, OSError, http.client.HTTPException)


class Client:
    def __init__(self, base, patient=False):
        self.base, self.patient = base, patient

    def call(self, method, path, token, body=None, key=None, timeout=10, patient=None):
        """One request; a patient client waits out 429s (Retry-After) instead of returning them."""
        while True:
            status, answer, retry = self.once(method, path, token, body, key, timeout)
            if status != 429 or not (self.patient if patient is None else patient):
                return status, answer
            time.sleep(min(5.0, float(retry or 1)))

    def once(self, method, path, token, body, key, timeout):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Authorization", f"Bearer {token}")
        request.add_header("Idempotency-Key", key or str(uuid.uuid4()))
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, context=CONTEXT, timeout=timeout) as response:
                return response.status, json.loads(response.read() or b"null"), None
        except urllib.error.HTTPError as error:
            return error.code, None, error.headers.get("Retry-After")


def setup(server, admin):
    """Users, a Huangshi policy, listed providers, one voucher per enterprise (via the API)."""
    c = Client(server.base, patient=True)
    def ok(result):  # set-up waits out rate limits too
        status, body = result
        if status not in (200, 201):
            raise SystemExit(f"crash: set-up failed with {status}")
        return body
    def orgs(kind, city):
        return ok(c.call("GET", f"/v1/organizations?kind={kind}&city={city}&limit=100", admin))["items"]
    def user(org, name, role):
        ok(c.call("POST", f"/v1/organizations/{org}/users", admin,
                  {"username": name, "displayName": name, "role": role, "password": "crash password 2026"}))
        request = urllib.request.Request(server.base + "/v1/auth/login", method="POST",
                                         data=json.dumps({"username": name, "password": "crash password 2026"}).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, context=CONTEXT, timeout=30) as response:
            return json.loads(response.read())["token"]
    city = user(orgs("government", "HS")[0]["id"], "crash.kjj", "city_admin")
    year = (datetime.datetime.utcnow() + datetime.timedelta(hours=8)).year
    ok(c.call("POST", "/v1/voucher-policies", city, {
        "year": year, "budgetFen": 100_000_000_000, "unitFen": 100_000, "yearlyCapFen": 10_000_000_000,
        "categories": [{"category": "testing", "ratioPermille": 500}], "validUntil": f"{year + 1}-12-31T00:00:00Z"}))
    providers = []
    for org in orgs("provider", "WH")[:3]:
        token = user(org["id"], f"crash.jigou.{org['id']}", "org_admin")
        entry = ok(c.call("POST", "/v1/providers", token, {"categories": ["testing"]}))
        ok(c.call("POST", f"/v1/providers/{entry['id']}/actions", admin, {"action": "approve"}))
        providers.append((org["id"], token))
    enterprises = []
    for org in orgs("enterprise", "HS")[:4]:
        token = user(org["id"], f"crash.qiye.{org['id']}", "org_admin")
        application = ok(c.call("POST", "/v1/vouchers", token, {"amountFen": 100_000_000}))
        ok(c.call("POST", f"/v1/voucher-applications/{application['id']}/decision", city, {"approve": True}))
        enterprises.append((org["id"], token))
    return enterprises, providers


class Load:
    """Clients that log what the server acknowledged."""

    def __init__(self, base, enterprises, providers, seed):
        self.client = Client(base)
        self.enterprises, self.providers = enterprises, providers
        self.random = random.Random(seed)
        self.lock = threading.Lock()
        self.acked = {"needs": set(), "challenges": {}, "redemptions": {}}
        self.counts = {"acked": 0, "refused": 0, "failed": 0}
        self.kinds = collections.Counter()  # (kind, state) → acknowledged writes
        self.errors = []  # unexpected exceptions in client threads, as tracebacks
        self.stop = threading.Event()
        self.vouchers = {}

    def note(self, kind):
        with self.lock:
            self.counts[kind] += 1

    def voucher(self, org, token):
        if org not in self.vouchers:
            status, body = self.client.call("GET", "/v1/vouchers?limit=5", token)
            if status == 200 and body["items"]:
                self.vouchers[org] = body["items"][0]["id"]
        return self.vouchers.get(org)

    def one(self, rng):
        org, token = rng.choice(self.enterprises)
        choice = rng.random()
        try:
            if choice < 0.5:
                voucher = self.voucher(org, token)
                provider, provider_token = rng.choice(self.providers)
                status, body = self.client.call("POST", "/v1/redemptions", token, {
                    "voucherId": voucher, "providerOrganizationId": provider, "contractNumber": f"CR-{uuid.uuid4().hex[:10]}",
                    "category": "testing", "contractFen": 200_000, "mode": "tongdui"})
                if status not in (200, 201):
                    return self.note("refused")
                rid = body["id"]
                self.ack("redemptions", rid, "held")
                status, _ = self.client.call("POST", f"/v1/redemptions/{rid}/steps", provider_token,
                                             {"step": "confirm", "invoiceNumber": f"INV-{rid}"})
                if status != 200:
                    return self.note("refused")
                self.ack("redemptions", rid, "delivered")
                status, body = self.client.call("POST", f"/v1/redemptions/{rid}/steps", token, {"step": "accept"})
                if status == 200:
                    # Under the city's review (a fraud flag) the acceptance is kept and capture waits.
                    self.ack("redemptions", rid, "captured" if body.get("status") == "captured" else "delivered")
            elif choice < 0.8:
                status, body = self.client.call("POST", "/v1/needs", token, {
                    "title": f"崩溃测试需求 {uuid.uuid4().hex[:8]}", "description": "寻求传感器温漂补偿技术合作，降低零点漂移。",
                    "fields": ["optoelectronics"], "budget": {"minFen": 100_000, "maxFen": 500_000, "negotiable": False, "currency": "CNY"},
                    "deadline": (datetime.datetime.utcnow() + datetime.timedelta(days=90)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "cooperationMode": "transfer"})
                if status in (200, 201):
                    self.ack("needs", body["id"], None)
                else:
                    self.note("refused")
            else:
                year = (datetime.datetime.utcnow() + datetime.timedelta(hours=8)).year
                status, body = self.client.call("POST", "/v1/challenges", token, {
                    "year": year, "title": f"崩溃测试榜单 {uuid.uuid4().hex[:8]}", "description": "面向走廊征集解决方案。",
                    "goals": "完成样机研制。", "indicators": ["精度优于1%"], "fields": ["high_end_equipment"],
                    "rewardFen": 1_000_000, "tranches": [{"name": "揭榜立项", "amountFen": 600_000}, {"name": "最终验收", "amountFen": 400_000}],
                    "deadline": (datetime.datetime.utcnow() + datetime.timedelta(days=60)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "reviewMode": "expert"})
                if status not in (200, 201):
                    return self.note("refused")
                cid = body["id"]
                self.ack("challenges", cid, "draft")
                status, _ = self.client.call("POST", f"/v1/challenges/{cid}/transitions", token, {"event": "submit"})
                if status == 200:
                    self.ack("challenges", cid, "pending_approval")
        except CUT_BY_A_KILL:
            self.note("failed")  # the server was killed mid-request: not acknowledged
            time.sleep(0.05)

    def ack(self, kind, ident, state):
        with self.lock:
            self.counts["acked"] += 1
            self.kinds[(kind, state)] += 1
            if kind == "needs":
                self.acked["needs"].add(ident)
            elif kind == "redemptions":
                self.acked[kind][ident] = max(self.acked[kind].get(ident, state), state, key=lambda s: STEP_ORDER[s])
            else:
                order = {"draft": 0, "pending_approval": 1}
                self.acked[kind][ident] = max(self.acked[kind].get(ident, state), state, key=lambda s: order[s])

    def run(self, index):
        """One client's loop. An exception `one` does not expect ends the thread and fails the run."""
        rng = random.Random(self.random.random() + index)
        try:
            while not self.stop.is_set():
                self.one(rng)
        except Exception:
            with self.lock:
                self.errors.append(f"client {index}: {traceback.format_exc()}")
            print(f"crash: client {index} stopped by an unexpected error:\n{traceback.format_exc()}", file=sys.stderr)

    def missing_kinds(self):
        """The required kinds of write never acknowledged."""
        return [f"{kind}{'/' + state if state else ''}" for kind, state in REQUIRED_ACKS if self.kinds[(kind, state)] == 0]


def verify(server, admin, load):
    c = Client(server.base)
    lost = []
    for rid, state in load.acked["redemptions"].items():
        status, body = c.call("GET", f"/v1/redemptions/{rid}", admin, patient=True)
        if status != 200 or STEP_ORDER.get(body["status"], -1) < STEP_ORDER[state]:
            lost.append(("redemption", rid, state, status, body and body.get("status")))
    for nid in load.acked["needs"]:
        status, _ = c.call("GET", f"/v1/needs/{nid}", admin, patient=True)
        if status != 200:
            lost.append(("need", nid, status))
    for cid, state in load.acked["challenges"].items():
        status, body = c.call("GET", f"/v1/challenges/{cid}", admin, patient=True)
        current = (body or {}).get("challenge", body or {}).get("state")
        if status != 200 or (state == "pending_approval" and current == "draft"):
            lost.append(("challenge", cid, state, status, current))
    return lost


def inbox_check(server, wait=20):
    """Every outbox event reaches each recipient's inbox exactly once, kills or not (the delivery
    job drains the outbox every 2 s; give it `wait` seconds after the load)."""
    path = os.path.join(server.data, "corridor.sqlite")
    deadline = time.monotonic() + wait
    while True:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10) as db:
            events, deliveries = db.execute(
                "SELECT count(*), coalesce(sum(json_array_length(users)), 0) FROM outbox_events").fetchone()
            missing = db.execute(
                "SELECT count(*) FROM outbox_events e, json_each(e.users) u WHERE NOT EXISTS "
                "(SELECT 1 FROM notification_inbox i WHERE i.user_id = u.value AND i.event_id = e.event_id)").fetchone()[0]
            twice = db.execute(
                "SELECT count(*) FROM (SELECT 1 FROM notification_inbox GROUP BY user_id, event_id HAVING count(*) > 1)"
            ).fetchone()[0]
        if missing == 0 or time.monotonic() > deadline:
            return {"events": events, "deliveries": deliveries, "missing": missing, "twice": twice}
        time.sleep(1)


def main():
    kills = int(os.environ.get("KILLS", "20"))
    seed = int(os.environ.get("SEED", "2026"))
    server = Server(os.environ["SERVER_BINARY"], os.environ["DATA"], int(os.environ.get("PORT", "18700")),
                    open(os.environ["SERVER_LOG"], "ab"))
    server.environment_extra = {"CORRIDOR_SEEDS_LISTINGS": "false"}
    server.start()
    try:
        run(server, kills, seed)
    finally:
        server.stop()


def run(server, kills, seed):
    admin = server.admin_token()
    enterprises, providers = setup(server, admin)
    load = Load(server.base, enterprises, providers, seed)
    threads = [threading.Thread(target=load.run, args=(i,), daemon=True) for i in range(int(os.environ.get("CLIENTS", "6")))]
    for thread in threads:
        thread.start()
    rng = random.Random(seed)
    restarts = []
    for kill in range(kills):
        time.sleep(rng.uniform(0.3, 1.5))
        server.process.send_signal(signal.SIGKILL)
        server.process.wait()
        started = time.monotonic()
        server.start()
        restarts.append(time.monotonic() - started)
    time.sleep(1)
    load.stop.set()
    for thread in threads:
        thread.join(timeout=15)
    hung = sum(thread.is_alive() for thread in threads)
    lost = verify(server, admin, load)
    inbox = inbox_check(server)
    server.stop()
    checks = {}
    for name, command in (("ledger", ["ledger", "check"]), ("audit", ["audit", "verify"])):
        result = subprocess.run([server.binary] + command, env=server.environment(), capture_output=True, text=True)
        checks[name] = (result.returncode, result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr.strip())
    acked = load.counts["acked"]
    print(f"crash: {kills} kill -9 under load from {len(threads)} clients; {acked} acknowledged writes "
          f"({len(load.acked['redemptions'])} redemptions, {len(load.acked['needs'])} needs, {len(load.acked['challenges'])} challenges); "
          f"{load.counts['failed']} requests cut by a kill; lost: {len(lost)}")
    print(f"crash: restart to serving: median {statistics.median(restarts):.2f} s, max {max(restarts):.2f} s")
    for name, (code, line) in checks.items():
        print(f"crash: {name} check: exit {code}: {line}")
    print(f"crash: inbox: {inbox['events']} events for {inbox['deliveries']} recipients; "
          f"not filed after restart: {inbox['missing']}; filed twice: {inbox['twice']}")
    print("crash: acknowledged by kind: " + ", ".join(
        f"{kind}{'/' + state if state else ''} {load.kinds[(kind, state)]}" for kind, state in REQUIRED_ACKS))
    for item in lost[:20]:
        print(f"crash: LOST {item}", file=sys.stderr)
    missing = load.missing_kinds()
    reasons = [
        (bool(lost), f"{len(lost)} acknowledged writes lost"),
        (any(code != 0 for code, _ in checks.values()), "a ledger or audit check failed"),
        (inbox["missing"] > 0 or inbox["twice"] > 0, "an outbox event was not filed once into each inbox"),
        (bool(missing), f"never acknowledged: {', '.join(missing)}"),
        (bool(load.errors), f"{len(load.errors)} client threads stopped by an unexpected error"),
        (hung > 0, f"{hung} client threads still running after the load stopped"),
        (max(restarts) > float(os.environ.get("MAX_RESTART", "3")), f"a restart took {max(restarts):.2f} s"),
    ]
    for failed, why in reasons:
        if failed:
            print(f"crash: FAILED: {why}", file=sys.stderr)
    sys.exit(1 if any(failed for failed, _ in reasons) else 0)


if __name__ == "__main__":
    main()
