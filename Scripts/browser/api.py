"""The JSON API for set-up the journeys need before a person acts (users, policies, listed
providers): plain urllib over HTTPS with the development certificate accepted."""
import json
import ssl
import urllib.request
import uuid


class Api:
    def __init__(self, base, token):
        self.base, self.token = base, token
        self.context = ssl._create_unverified_context()

    def call(self, method, path, body=None, token=None, expect=(200, 201, 204)):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Authorization", f"Bearer {token or self.token}")
        request.add_header("Idempotency-Key", str(uuid.uuid4()))
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, context=self.context, timeout=30) as response:
                text = response.read().decode()
                status = response.status
        except urllib.error.HTTPError as error:
            text, status = error.read().decode(), error.code
        if status not in expect:
            raise AssertionError(f"{method} {path}: {status} {text[:500]}")
        return json.loads(text) if text else None

    def organization(self, kind, city, index=0):
        items = self.call("GET", f"/v1/organizations?kind={kind}&city={city}&limit=100")["items"]
        return items[index]

    def user(self, organization_id, username, role, password="browser password 2026"):
        self.call("POST", f"/v1/organizations/{organization_id}/users",
                  {"username": username, "displayName": username, "role": role, "password": password})
        return username, password

    def login(self, username, password):
        request_body = {"username": username, "password": password}
        data = json.dumps(request_body).encode()
        request = urllib.request.Request(self.base + "/v1/auth/login", data=data, method="POST")
        request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, context=self.context, timeout=30) as response:
            return json.loads(response.read().decode())["token"]
