#!/usr/bin/env python3
"""An independent check of a Corridor server's audit log, written apart from the Swift code.

Fetches the signed checkpoint, checks its Ed25519 or SM2 signature with the `openssl` command
line against the key given (or the one the server publishes), fetches an inclusion proof and a
consistency proof over HTTPS, and verifies both with the RFC 9162 section 2.1.3.2 / 2.1.4.2
algorithms implemented below. Exit status 0 only when everything verifies.

    Scripts/audit-check.py https://127.0.0.1:8443 [--index N] [--first M] [--key VERIFIERKEY] [--insecure]
"""
import argparse
import base64
import hashlib
import json
import os
import ssl
import subprocess
import sys
import tempfile
import urllib.request


def sm3(data: bytes) -> bytes:
    out = subprocess.run(["openssl", "dgst", "-sm3", "-binary"], input=data, capture_output=True, check=True)
    return out.stdout


def hasher(name):
    h = hashlib.sha256 if name == "sha256" else None
    def digest(data: bytes) -> bytes:
        return h(data).digest() if h else sm3(data)
    return digest


def leaf_root_from_path(digest, index, size, leaf, path):
    """RFC 9162 2.1.3.2: the root an inclusion path leads to, or None."""
    if index >= size:
        return None
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            r = digest(b"\x01" + p + r)
            if not fn & 1:
                while fn & 1 == 0 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = digest(b"\x01" + r + p)
        fn >>= 1
        sn >>= 1
    return r if sn == 0 else None


def consistent(digest, first, second, first_root, second_root, path):
    """RFC 9162 2.1.4.2."""
    if first > second or first == 0:
        return False
    if first == second:
        return not path and first_root == second_root
    if first & (first - 1) == 0:
        path = [first_root] + path
    if not path:
        return False
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = digest(b"\x01" + c + fr)
            sr = digest(b"\x01" + c + sr)
            if not fn & 1:
                while fn & 1 == 0 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = digest(b"\x01" + sr + c)
        fn >>= 1
        sn >>= 1
    return sn == 0 and fr == first_root and sr == second_root


def fetch(base, path, context, accept="application/json"):
    request = urllib.request.Request(base + path, headers={"Accept": accept})
    with urllib.request.urlopen(request, context=context, timeout=30) as response:
        return response.read()


def check_signature(text: bytes, line: str, verifier_key: str) -> bool:
    """One note signature line against a C2SP verifier key, via the openssl command line."""
    name, key_id, material = verifier_key.split("+", 2)
    raw = base64.b64decode(material)
    _, signer, signature = line.split(" ", 2)
    blob = base64.b64decode(signature)
    if signer != name or blob[:4].hex() != key_id:
        return False
    if raw[0] == 0x01:
        spki = bytes.fromhex("302a300506032b6570032100") + raw[1:]
        extra = []
    elif raw[0] == 0xFF and raw[1:].startswith(b"corridor/sm2-sm3"):
        point = raw[1 + len(b"corridor/sm2-sm3"):]
        spki = bytes.fromhex("3059301306072a8648ce3d020106082a811ccf5501822d034200") + point
        extra = ["-digest", "sm3", "-pkeyopt", "distid:1234567812345678"]
    else:
        return False
    with tempfile.TemporaryDirectory() as folder:
        pem = os.path.join(folder, "pub.pem")
        with open(pem, "w") as f:
            f.write("-----BEGIN PUBLIC KEY-----\n" + base64.b64encode(spki).decode() + "\n-----END PUBLIC KEY-----\n")
        for name_, data in (("msg", text), ("sig", blob[4:])):
            with open(os.path.join(folder, name_), "wb") as f:
                f.write(data)
        result = subprocess.run(["openssl", "pkeyutl", "-verify", "-rawin", "-pubin", "-inkey", pem,
                                 "-in", os.path.join(folder, "msg"), "-sigfile", os.path.join(folder, "sig")] + extra,
                                capture_output=True)
        return result.returncode == 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--index", type=int)
    parser.add_argument("--first", type=int)
    parser.add_argument("--key", help="verifier key name+keyid+base64 (default: what the server publishes)")
    parser.add_argument("--insecure", action="store_true", help="accept a self-signed TLS certificate")
    args = parser.parse_args()
    context = ssl._create_unverified_context() if args.insecure else None
    base = args.url.rstrip("/")
    keys = [args.key] if args.key else [k["verifierKey"] for k in json.loads(fetch(base, "/v1/audit/public-key", context))["keys"]]
    note = fetch(base, "/v1/audit/checkpoint", context, accept="text/plain").decode()
    text, _, signatures = note.partition("\n\n")
    text += "\n"
    lines = [l for l in signatures.splitlines() if l]
    good = [k for k in keys for l in lines if check_signature(text.encode(), l, k)]
    if not good:
        sys.exit("audit-check: the checkpoint is NOT signed by a trusted key")
    origin, size, root = text.splitlines()[:3]
    size, root = int(size), base64.b64decode(root)
    print(f"checkpoint: {origin}, {size} entries, signature verified with openssl ({len(good)} key(s))")
    index = args.index if args.index is not None else size // 2
    proof = json.loads(fetch(base, f"/v1/audit/proof/inclusion?index={index}&size={size}", context))
    for name in ("sha256", "sm3"):
        digest = hasher(name)
        path = [base64.b64decode(h) for h in proof["hashes"]]
        if leaf_root_from_path(digest, index, size, base64.b64decode(proof["leafHash"]), path) == root:
            break
    else:
        sys.exit(f"audit-check: the inclusion proof of leaf {index} does NOT lead to the signed root")
    print(f"inclusion: leaf {index} of {size} verified ({name}, {len(proof['hashes'])} hashes)")
    first = args.first if args.first is not None else max(1, size // 3)
    c = json.loads(fetch(base, f"/v1/audit/proof/consistency?first={first}&second={size}", context))
    if not consistent(digest, first, size, base64.b64decode(c["firstRoot"]), root, [base64.b64decode(h) for h in c["hashes"]]):
        sys.exit(f"audit-check: the consistency proof {first} -> {size} does NOT verify")
    print(f"consistency: {first} -> {size} verified ({len(c['hashes'])} hashes)")


if __name__ == "__main__":
    main()
