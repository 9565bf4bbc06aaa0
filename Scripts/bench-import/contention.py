"""Voucher writes while a large patent import runs (issue 14): the import is read and checked
outside the write transaction and written in batches of 500 rows, so the single writer is never
held for long. Measures redemption-open latency from CLIENTS threads for SECONDS without an
import (baseline), then again while ROWS patents are imported through `POST /v1/patents/import`,
alternating ROUNDS times; prints medians and p99 of each phase and their ratio."""
import csv
import io
import json
import os
import ssl
import statistics
import sys
import threading
import time
import urllib.request
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "browser"))
from server import Server  # noqa: E402

CONTEXT = ssl._create_unverified_context()
WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]


def check_character(body):
    total = sum(int(d) * w for d, w in zip(body, WEIGHTS))
    value = total % 11
    return "X" if value == 10 else str(value)


def patent_csv(rows, serial_base):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["number", "title", "abstract", "legalStatus", "fields", "transferModes", "ipcCodes"])
    for i in range(rows):
        body = f"2019{1}{serial_base + i:07d}"
        writer.writerow([f"{body}.{check_character(body)}", f"一种测试用传感器 {serial_base + i}",
                         "用于压力测量的温漂补偿结构，降低零点漂移。", "granted", "optoelectronics", "assignment", "G01L 1/18"])
    return out.getvalue().encode()


def call(base, method, path, token, body=None, raw=None, content_type="application/json", timeout=600):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Content-Type", content_type)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, context=CONTEXT, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def setup(base, admin):
    def org(kind, city, index=0):
        return call(base, "GET", f"/v1/organizations?kind={kind}&city={city}&limit=50", admin)[1]["items"][index]["id"]

    def user(org_id, name, role):
        call(base, "POST", f"/v1/organizations/{org_id}/users", admin,
             {"username": name, "displayName": name, "role": role, "password": "bench password 2026"})
        return call(base, "POST", "/v1/auth/login", None, {"username": name, "password": "bench password 2026"})[1]["token"]

    city = user(org("government", "HS"), "bench.kjj", "city_admin")
    year = time.gmtime(time.time() + 8 * 3600).tm_year
    call(base, "POST", "/v1/voucher-policies", city, {
        "year": year, "budgetFen": 100_000_000_000, "unitFen": 100, "yearlyCapFen": 10_000_000_000,
        "categories": [{"category": "testing", "ratioPermille": 500}], "validUntil": f"{year + 1}-12-31T00:00:00Z",
        "fraudRules": {"minimumForShare": 1000, "thresholdsFen": []}})
    providers = []
    for index in range(3):
        provider_org = org("provider", "WH", index)
        token = user(provider_org, f"bench.jigou.{index}", "org_admin")
        entry = call(base, "POST", "/v1/providers", token, {"categories": ["testing"]})[1]
        call(base, "POST", f"/v1/providers/{entry['id']}/actions", admin, {"action": "approve"})
        providers.append(provider_org)
    enterprise = user(org("enterprise", "HS"), "bench.qiye", "org_admin")
    application = call(base, "POST", "/v1/vouchers", enterprise, {"amountFen": 10_000_000_000})[1]
    voucher = call(base, "POST", f"/v1/voucher-applications/{application['id']}/decision", city, {"approve": True})[1]["voucherId"]
    university = user(org("university", "WH"), "bench.tto", "org_admin")
    return enterprise, voucher, providers, university


def load(base, enterprise, voucher, providers, seconds, clients, stop_early):
    """Redemption opens (each an audited, durable write) from `clients` threads; latencies in ms."""
    latencies, lock, deadline = [], threading.Lock(), time.time() + seconds

    def worker(index):
        n = 0
        while time.time() < deadline and not stop_early.is_set():
            n += 1
            start = time.perf_counter()
            status, _ = call(base, "POST", "/v1/redemptions", enterprise, {
                "voucherId": voucher, "providerOrganizationId": providers[(index + n) % len(providers)],
                "contractNumber": f"B-{uuid.uuid4().hex[:12]}", "category": "testing", "contractFen": 200, "mode": "tongdui"})
            elapsed = (time.perf_counter() - start) * 1000
            if status == 201:
                with lock:
                    latencies.append(elapsed)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies


def p99(values):
    return statistics.quantiles(values, n=100)[98] if len(values) >= 100 else max(values)


def main():
    binary, data, port = os.environ["SERVER_BINARY"], os.environ["DATA"], int(os.environ.get("PORT", "18471"))
    rows, seconds = int(os.environ.get("ROWS", "100000")), float(os.environ.get("SECONDS", "20"))
    rounds, clients = int(os.environ.get("ROUNDS", "3")), int(os.environ.get("CLIENTS", "4"))
    log = open(os.path.join(data, "server.log"), "ab")
    server = Server(binary, data, port, log)
    server.environment_extra = {"CORRIDOR_HTTP_IMPORT_LIMIT_BYTES": str(256 * 1024 * 1024)}
    server.start()
    try:
        base = server.base
        enterprise, voucher, providers, university = setup(base, server.admin_token())
        results = []
        for round_index in range(rounds):
            never = threading.Event()
            baseline = load(base, enterprise, voucher, providers, seconds, clients, never)
            body = patent_csv(rows, 1_000_000 + round_index * rows)
            outcome = {}

            def run_import():
                start = time.perf_counter()
                outcome["status"], outcome["report"] = call(
                    base, "POST", "/v1/patents/import?format=csv&mode=skip-invalid", university, raw=body, content_type="text/csv")
                outcome["seconds"] = time.perf_counter() - start

            importer = threading.Thread(target=run_import)
            importer.start()
            during = load(base, enterprise, voucher, providers, 600, clients, stop_early=ImportDone(importer))
            importer.join()
            report = outcome.get("report", {})
            results.append((baseline, during, outcome.get("seconds", 0), report.get("created", 0)))
            print(f"round {round_index + 1}: baseline {len(baseline)} writes, median {statistics.median(baseline):.1f} ms, "
                  f"p99 {p99(baseline):.1f} ms | during the import of {report.get('created', 0)} patents "
                  f"({outcome.get('seconds', 0):.1f} s, status {outcome.get('status')}): {len(during)} writes, "
                  f"median {statistics.median(during):.1f} ms, p99 {p99(during):.1f} ms", flush=True)
        base_median = statistics.median([statistics.median(b) for b, _, _, _ in results])
        base_p99 = statistics.median([p99(b) for b, _, _, _ in results])
        during_median = statistics.median([statistics.median(d) for _, d, _, _ in results])
        during_p99 = statistics.median([p99(d) for _, d, _, _ in results])
        import_rate = statistics.median([created / s for _, _, s, created in results if s > 0])
        print(f"import contention: {rounds} rounds, {clients} clients, {rows} rows per import; voucher open median "
              f"{base_median:.1f} → {during_median:.1f} ms ({during_median / base_median:.2f}×), p99 {base_p99:.1f} → "
              f"{during_p99:.1f} ms ({during_p99 / base_p99:.2f}×); import {import_rate:.0f} rows/s")
    finally:
        server.stop()


class ImportDone:
    """Stops the load when the import thread has finished."""

    def __init__(self, thread):
        self.thread = thread

    def is_set(self):
        return not self.thread.is_alive()


if __name__ == "__main__":
    main()
