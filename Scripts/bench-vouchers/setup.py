#!/usr/bin/env python3
"""Sets up the voucher benchmark through the public API of a running `corridor serve`.

Usage: setup.py BASE_URL PLATFORM_TOKEN OUT_LUA

With the platform admin token: a city admin in the Huangshi (HS) government organisation, an
org admin in every HS enterprise and in every seeded provider (16 across the five cities), all
signed in; the HS 2026 policy (testing and R&D at 500 permille); every provider registers for
testing and R&D and is approved by the platform admin (notice 0 days: listed at once); every HS
enterprise applies for one voucher, which the HS city admin approves. Then one full 通兑 cycle
(open, confirm, accept) per enterprise and provider, one request at a time: this proves the flow
before the load, and spreads each enterprise's redemptions evenly over the providers so the
concentration rule (one provider > 60 % of an enterprise's redemptions) never fires under load.

With BENCH_EMAIL=1 every user made has an e-mail address (<username>@bench.example.cn); with
BENCH_WEBHOOK_URL every enterprise and provider registers one webhook endpoint there (the
notification benchmark, Scripts/bench-notifications.sh).

Writes OUT_LUA, a Lua table read by cycle.lua: the enterprises (organisation, voucher, token)
and the providers (organisation, token). Standard library only; TLS unverified (self-signed
development certificate on 127.0.0.1).
"""
import http.client
import json
import os
import ssl
import sys
import time
import urllib.parse

PASSWORD = "bench password 123"


class Client:
    def __init__(self, base):
        url = urllib.parse.urlsplit(base)
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        self.connection = http.client.HTTPSConnection(url.hostname, url.port, context=context, timeout=30)
        self.requests = 0

    def call(self, method, path, token=None, body=None, expect=(200, 201), key=None):
        headers = {"Accept": "application/json"}
        if token:
            headers["Authorization"] = "Bearer " + token
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if key:
            headers["Idempotency-Key"] = key
        self.connection.request(method, path, body=data, headers=headers)
        response = self.connection.getresponse()
        text = response.read().decode()
        self.requests += 1
        if response.status not in expect:
            raise SystemExit(f"setup: {method} {path} answered {response.status}: {text[:400]}")
        return json.loads(text) if text else None


def main():
    base, platform, out = sys.argv[1], sys.argv[2], sys.argv[3]
    client = Client(base)
    started = time.monotonic()

    def organizations(kind, city=None):
        query = {"kind": kind, "limit": 100}
        if city:
            query["city"] = city
        return client.call("GET", "/v1/organizations?" + urllib.parse.urlencode(query), platform)["items"]

    with_email = os.environ.get("BENCH_EMAIL") == "1"
    webhook_url = os.environ.get("BENCH_WEBHOOK_URL")

    def user(org, username, role):
        person = {"username": username, "displayName": username, "role": role, "password": PASSWORD}
        if with_email:
            person["email"] = username + "@bench.example.cn"
        client.call("POST", f"/v1/organizations/{org}/users", platform, person)
        return client.call("POST", "/v1/auth/login", None, {"username": username, "password": PASSWORD})["token"]

    government = [o for o in organizations("government", "HS")]
    enterprises = organizations("enterprise", "HS")
    providers = organizations("provider")
    if len(government) != 1 or not enterprises or len(providers) < 2:
        raise SystemExit(f"setup: unexpected seeds: {len(government)} HS governments, {len(enterprises)} HS enterprises, {len(providers)} providers")

    city_admin = user(government[0]["id"], "bench.kjj.hs", "city_admin")
    enterprise_tokens = {e["id"]: user(e["id"], f"bench.qiye.{e['id']}", "org_admin") for e in enterprises}
    provider_tokens = {p["id"]: user(p["id"], f"bench.jigou.{p['id']}", "org_admin") for p in providers}

    if webhook_url:
        for org, token in list(enterprise_tokens.items()) + list(provider_tokens.items()):
            client.call("POST", f"/v1/organizations/{org}/webhooks", token, {"url": webhook_url})

    year = int(time.strftime("%Y", time.gmtime(time.time() + 8 * 3600)))  # the year in China time
    policy = client.call("POST", "/v1/voucher-policies", city_admin, {
        "year": year, "budgetFen": 100_000_000_000, "unitFen": 100_000, "yearlyCapFen": 10_000_000_000,
        "categories": [{"category": "testing", "ratioPermille": 500}, {"category": "rd", "ratioPermille": 500}],
        "validUntil": f"{year + 1}-12-31T00:00:00Z",
    })

    for org, token in provider_tokens.items():
        entry = client.call("POST", "/v1/providers", token, {"categories": ["testing", "rd"]})
        client.call("POST", f"/v1/providers/{entry['id']}/actions", platform, {"action": "approve"})
        status = client.call("GET", f"/v1/providers/{entry['id']}", platform)["status"]
        if status != "listed":
            raise SystemExit(f"setup: provider {org} is {status} after approval (is CORRIDOR_VOUCHERS_NOTICE_DAYS=0?)")

    vouchers = {}
    for org, token in enterprise_tokens.items():
        application = client.call("POST", "/v1/vouchers", token, {"amountFen": 10_000_000_000})
        decision = client.call("POST", f"/v1/voucher-applications/{application['id']}/decision", city_admin, {"approve": True})
        vouchers[org] = decision["voucherId"]

    cycles = 0
    for org, token in enterprise_tokens.items():
        for provider, provider_token in provider_tokens.items():
            key = f"setup-{org}-{provider}"
            opened = client.call("POST", "/v1/redemptions", token, {
                "voucherId": vouchers[org], "providerOrganizationId": provider, "contractNumber": key,
                "category": "testing", "contractFen": 200_000,
            }, expect=(201,), key=key + "-open")
            if opened["status"] != "held" or opened["flags"]:
                raise SystemExit(f"setup: redemption opened as {opened['status']} with flags {opened['flags']}")
            steps = f"/v1/redemptions/{opened['id']}/steps"
            client.call("POST", steps, provider_token, {"step": "confirm", "invoiceNumber": "INV-" + key}, key=key + "-confirm")
            accepted = client.call("POST", steps, token, {"step": "accept"}, key=key + "-accept")
            if accepted["status"] != "captured":
                raise SystemExit(f"setup: accept left the redemption {accepted['status']}")
            cycles += 1

    with open(out, "w") as f:
        f.write("return {\n  enterprises = {\n")
        for org, token in enterprise_tokens.items():
            f.write(f'    {{ org = {org}, voucher = {vouchers[org]}, token = "{token}" }},\n')
        f.write("  },\n  providers = {\n")
        for org, token in provider_tokens.items():
            f.write(f'    {{ org = {org}, token = "{token}" }},\n')
        f.write("  },\n}\n")
    print(f"setup: policy {policy['id']} ({year}), {len(provider_tokens)} providers listed in "
          f"{len({p['city'] for p in providers})} cities, {len(vouchers)} HS enterprises with one voucher each, "
          f"{cycles} warm-up cycles; {client.requests} requests in {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
