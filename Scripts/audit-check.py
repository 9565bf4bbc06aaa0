#!/usr/bin/env python3
"""An independent check of a Corridor server's audit log, written apart from the Swift code.

Fetches the signed checkpoint, checks its Ed25519 or SM2 signature with the `openssl` command
line against the key given (or the one the server publishes), fetches an inclusion proof and a
consistency proof over HTTPS, and verifies both with the RFC 9162 section 2.1.3.2 / 2.1.4.2
algorithms implemented below. Exit status 0 only when everything verifies.

    Scripts/audit-check.py https://127.0.0.1:8443 [--index N] [--first M] [--insecure]
        [--key KEY ...] [--checkpoint OLD] [--save-checkpoint NEW]

--key pins the log's key: a verifier key (name+keyid+base64) or a file holding one, as
`corridor keys generate` prints it ("verifier key: …") or as GET /v1/audit/public-key serves it
(JSON). Without it the key the server publishes now is trusted (trust on first use).
--checkpoint OLD is a checkpoint note saved earlier (GET /v1/audit/checkpoint as text/plain, or
--save-checkpoint): the new checkpoint must extend it, proved by a consistency proof from OLD's
own root, so a server that rewrote history since then is caught. Without it the earlier root
also comes from the server. --save-checkpoint writes the new checkpoint once it has verified.
"""
import argparse
import base64
import hashlib
import json
import os
import re
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


KEY_TYPES = {b"\x01": "ed25519", b"\xffcorridor/sm2-sm3": "sm2"}
VERIFIER_KEY = re.compile(r"[^\s+]+\+[0-9a-fA-F]{8}\+[A-Za-z0-9+/]+=*")


def verifier_keys(argument: str) -> list:
    """The verifier keys in --key: the argument itself, or the keys in the file it names."""
    text = argument
    if os.path.isfile(argument):
        with open(argument, encoding="utf-8") as f:
            text = f.read()
        try:
            published = json.loads(text)
        except ValueError:
            published = None
        if isinstance(published, dict):
            text = "\n".join(key["verifierKey"] for key in published.get("keys", []))
    keys = VERIFIER_KEY.findall(text)
    if not keys:
        sys.exit(f"audit-check: --key {argument}: no verifier key (name+keyid+base64) in it")
    for key in keys:
        name, key_id, material = key.split("+", 2)
        raw = base64.b64decode(material)
        if not any(raw.startswith(prefix) for prefix in KEY_TYPES):
            sys.exit(f"audit-check: --key {key}: not an Ed25519 or SM2 checkpoint key")
        if hashlib.sha256(name.encode() + b"\n" + raw).digest()[:4].hex() != key_id.lower():
            sys.exit(f"audit-check: --key {key}: the key ID does not match the key")
    return keys


def parse_note(note: str):
    """A signed note's text (with its final newline) and signature lines."""
    text, separator, signatures = note.partition("\n\n")
    if not separator:
        raise ValueError("not a signed note (no blank line before the signatures)")
    return text + "\n", [line for line in signatures.splitlines() if line]


def parse_checkpoint(text: str):
    """(origin, size, root) of a checkpoint body."""
    lines = text.splitlines()
    if len(lines) < 3 or not lines[1].isdigit():
        raise ValueError("not a checkpoint (origin, size, root hash)")
    root = base64.b64decode(lines[2], validate=True)
    if len(root) != 32:
        raise ValueError("the root hash is not 32 bytes")
    return lines[0], int(lines[1]), root


def signed_by(note: str, keys: list) -> list:
    """The keys among `keys` with a good signature on the note."""
    text, lines = parse_note(note)
    return [k for k in keys for l in lines if check_signature(text.encode(), l, k)]


def check_signature(text: bytes, line: str, verifier_key: str) -> bool:
    """One note signature line against a C2SP verifier key, via the openssl command line."""
    name, key_id, material = verifier_key.split("+", 2)
    raw = base64.b64decode(material)
    parts = line.split(" ", 2)
    if len(parts) != 3:
        return False
    _, signer, signature = parts
    try:
        blob = base64.b64decode(signature, validate=True)
    except ValueError:
        return False
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
    parser.add_argument("--key", action="append", default=[],
                        help="the log's verifier key (name+keyid+base64), or a file holding it as `corridor keys generate` "
                             "prints it or GET /v1/audit/public-key serves it; repeatable (default: trust what the server publishes)")
    parser.add_argument("--checkpoint", help="a checkpoint note saved earlier: the new one must be consistent with it")
    parser.add_argument("--save-checkpoint", help="write the new checkpoint note here once everything verified")
    parser.add_argument("--insecure", action="store_true", help="accept a self-signed TLS certificate")
    args = parser.parse_args()
    context = ssl._create_unverified_context() if args.insecure else None
    base = args.url.rstrip("/")
    keys = [key for argument in args.key for key in verifier_keys(argument)]
    if not keys:
        keys = [k["verifierKey"] for k in json.loads(fetch(base, "/v1/audit/public-key", context))["keys"]]
        print("audit-check: WARNING: no --key given: the key the server publishes was trusted on first use; "
              "a server that swapped its key would pass. Pin it with --key.", file=sys.stderr)
    note = fetch(base, "/v1/audit/checkpoint", context, accept="text/plain").decode()
    good = signed_by(note, keys)
    if not good:
        sys.exit("audit-check: the checkpoint is NOT signed by a trusted key")
    origin, size, root = parse_checkpoint(parse_note(note)[0])
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
    if args.checkpoint:
        check_saved(base, context, args.checkpoint, keys, digest, origin, size, root)
    else:
        first = args.first if args.first is not None else max(1, size // 3)
        c = json.loads(fetch(base, f"/v1/audit/proof/consistency?first={first}&second={size}", context))
        if not consistent(digest, first, size, base64.b64decode(c["firstRoot"]), root, [base64.b64decode(h) for h in c["hashes"]]):
            sys.exit(f"audit-check: the consistency proof {first} -> {size} does NOT verify")
        print(f"consistency: {first} -> {size} verified ({len(c['hashes'])} hashes)")
        print("audit-check: WARNING: no --checkpoint given: the earlier root came from the server too; "
              "save this checkpoint (--save-checkpoint) and pass it next time.", file=sys.stderr)
    if args.save_checkpoint:
        temporary = args.save_checkpoint + ".tmp"
        with open(temporary, "w", encoding="utf-8") as f:
            f.write(note)
        os.replace(temporary, args.save_checkpoint)
        print(f"saved: the checkpoint of {size} entries in {args.save_checkpoint}")


def check_saved(base, context, path, keys, digest, origin, size, root):
    """The new checkpoint (origin, size, root) extends the one saved at `path`: same origin, no
    fewer entries, and a consistency proof from the saved root (not one the server sends)."""
    with open(path, encoding="utf-8") as f:
        saved = f.read()
    try:
        old_origin, old_size, old_root = parse_checkpoint(parse_note(saved)[0])
    except ValueError as error:
        sys.exit(f"audit-check: {path}: {error}")
    if not signed_by(saved, keys):
        sys.exit(f"audit-check: {path}: the saved checkpoint is NOT signed by a trusted key")
    if old_origin != origin:
        sys.exit(f"audit-check: the saved checkpoint is of {old_origin}, the server's of {origin}")
    if size < old_size:
        sys.exit(f"audit-check: the log SHRANK from {old_size} entries (saved) to {size}: history was rewritten")
    if size == old_size or old_size == 0:
        if size == old_size and old_root != root:
            sys.exit(f"audit-check: the root of the {size} entries DIFFERS from the saved one: history was rewritten")
        print(f"consistency with the saved checkpoint: {old_size} -> {size} verified (nothing to prove between them)")
        return
    c = json.loads(fetch(base, f"/v1/audit/proof/consistency?first={old_size}&second={size}", context))
    if not consistent(digest, old_size, size, old_root, root, [base64.b64decode(h) for h in c["hashes"]]):
        sys.exit(f"audit-check: the log of {size} entries is NOT consistent with the saved checkpoint of {old_size}: history was rewritten")
    print(f"consistency with the saved checkpoint: {old_size} -> {size} verified ({len(c['hashes'])} hashes)")


if __name__ == "__main__":
    main()
