#!/usr/bin/env python3
"""Fill in and check the unified social credit codes of Seeds/organizations.json.

The seed organisations carry fictitious but structurally correct unified social
credit codes (统一社会信用代码, GB 32100-2015):

  pos 1     registration authority: 1 机构编制, 5 民政, 9 工商
  pos 2     organisation type:      11 机关, 12 事业单位, 52 民办非企业单位, 91 企业
  pos 3-8   administrative division code of the organisation's city (GB/T 2260)
  pos 9-17  organisation code (GB 11714: 8 body characters + its own check character)
  pos 18    check character over positions 1-17

Codes are derived deterministically from the organisation's name, so running the
script twice gives the same file.

Usage:
  python3 Scripts/make-seed-credit-codes.py            fill empty creditCode fields, then check
  python3 Scripts/make-seed-credit-codes.py --regenerate   recompute every code, then check
  python3 Scripts/make-seed-credit-codes.py --check    check only (exit 1 on any problem)
  python3 Scripts/make-seed-credit-codes.py --verify CODE...   check single codes

The check covers all seed files: JSON parses; city, field and park codes are
unique; every city reference is one of the five cities; every credit code is
valid, unique, and consistent with the organisation's kind and city; every park
reference exists; organisation names are unique.

Python 3 standard library only.
"""

import hashlib
import json
import os
import re
import sys

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# GB 11714 organisation code: weights on the 8 body characters, check mod 11.
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

CITY_DIVISIONS = {
    "WH": "420100",  # 武汉市
    "EZ": "420700",  # 鄂州市
    "HS": "420200",  # 黄石市
    "HG": "421100",  # 黄冈市
    "XN": "421200",  # 咸宁市
}

ORG_KINDS = ("enterprise", "university", "institute", "lab", "provider", "government", "platform")
REVENUE_BANDS = (None, "below_20m", "20m_to_100m", "100m_to_400m", "above_400m")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEEDS = os.path.join(ROOT, "Seeds")


# --- GB 32100 / GB 11714 arithmetic -------------------------------------------

def check_char(first17):
    """The 18th character of a unified social credit code."""
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS))
    return ALPHABET[(31 - total % 31) % 31]


def is_valid_credit_code(code):
    return (
        isinstance(code, str)
        and len(code) == 18
        and all(c in ALPHABET for c in code)
        and check_char(code[:17]) == code[17]
    )


def org_char_value(c):
    # GB 11714: digits are themselves, letters A=10 ... Z=35
    return int(c) if c.isdigit() else ord(c) - ord("A") + 10


def org_check_char(body8):
    total = sum(org_char_value(c) * w for c, w in zip(body8, ORG_WEIGHTS))
    r = 11 - total % 11
    return "X" if r == 10 else "0" if r == 11 else str(r)


def is_valid_org_code(code9):
    return (
        len(code9) == 9
        and all(c in ALPHABET for c in code9)
        and org_check_char(code9[:8]) == code9[8]
    )


# --- which prefix an organisation gets ----------------------------------------

def prefix_for(org):
    """Registration authority + organisation type for an organisation."""
    kind = org["kind"]
    if kind == "government":
        return "11"  # 机构编制 / 机关
    if kind == "enterprise":
        return "91"  # 工商 / 企业
    if kind == "provider":
        # a service company is registered with 工商; a public testing centre,
        # sub-market or sub-platform is a 事业单位
        return "91" if org["name"].endswith("公司") else "12"
    return "12"  # university, institute, lab, platform: 机构编制 / 事业单位


def organisation_code(prefix, seed):
    """A 9-character GB 11714 organisation code derived from seed.

    Enterprises registered since 2015 get codes of the form MA......; public
    institutions' codes start with 4, government bodies' with 0 (as real ones do).
    """
    digest = hashlib.sha256(seed.encode("utf-8")).digest()
    if prefix.startswith("9"):
        head, pool, n = "MA4", ALPHABET, 5
    elif prefix.startswith("5"):
        head, pool, n = "MJ", ALPHABET, 6
    elif prefix == "11":
        head, pool, n = "0", "0123456789", 7
    else:
        head, pool, n = "4", "0123456789", 7
    body = head + "".join(pool[b % len(pool)] for b in digest[:n])
    return body + org_check_char(body)


def make_credit_code(org, used):
    prefix = prefix_for(org)
    division = CITY_DIVISIONS[org["city"]]
    attempt = 0
    while True:
        seed = "corridor-seed|%s|%s|%d" % (org["name"], org["city"], attempt)
        first17 = prefix + division + organisation_code(prefix, seed)
        code = first17 + check_char(first17)
        if code not in used:
            return code
        attempt += 1


# --- files --------------------------------------------------------------------

def load(name):
    with open(os.path.join(SEEDS, name), encoding="utf-8") as f:
        return json.load(f)


def save(name, data):
    with open(os.path.join(SEEDS, name), "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=2)
        f.write("\n")


def fill(regenerate):
    orgs = load("organizations.json")
    used = set() if regenerate else {o["creditCode"] for o in orgs if o.get("creditCode")}
    changed = 0
    for org in orgs:
        if regenerate or not org.get("creditCode"):
            org["creditCode"] = make_credit_code(org, used)
            used.add(org["creditCode"])
            changed += 1
    save("organizations.json", orgs)
    print("credit codes written: %d of %d organisations" % (changed, len(orgs)))


# --- checks -------------------------------------------------------------------

def check():
    problems = []

    def bad(msg):
        problems.append(msg)

    cities = load("cities.json")
    city_codes = [c["code"] for c in cities]
    if city_codes != ["WH", "EZ", "HS", "HG", "XN"]:
        bad("cities.json: codes must be WH, EZ, HS, HG, XN in that order, got %r" % city_codes)
    for c in cities:
        if CITY_DIVISIONS.get(c["code"]) != c.get("divisionCode"):
            bad("cities.json: %s has division code %r" % (c["code"], c.get("divisionCode")))

    fields = load("fields.json")
    field_codes = [f["code"] for f in fields]
    expected_fields = ["optoelectronics", "new_energy_vehicles", "life_health",
                       "high_end_equipment", "beidou", "ai"]
    if sorted(field_codes) != sorted(expected_fields):
        bad("fields.json: field codes %r" % field_codes)

    parks = load("parks.json")
    park_codes = set()
    for p in parks:
        code = p.get("code")
        if not isinstance(code, str) or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code):
            bad("parks.json: bad code %r" % code)
        if code in park_codes:
            bad("parks.json: duplicate code %r" % code)
        park_codes.add(code)
        if not re.fullmatch(r"[a-z]+(_[a-z]+)*", p.get("kind", "")):
            bad("parks.json: %s kind %r is not snake_case" % (code, p.get("kind")))
        for key in ("hostCity", "partnerCity"):
            if p.get(key) is not None and p[key] not in CITY_DIVISIONS:
                bad("parks.json: %s %s %r is not a corridor city" % (code, key, p[key]))
        if p.get("source") not in ("表1", "表2", "表3"):
            bad("parks.json: %s source %r" % (code, p.get("source")))
    if len({p["nameZh"] for p in parks}) != len(parks):
        bad("parks.json: duplicate names")

    orgs = load("organizations.json")
    seen_codes, seen_names = {}, set()
    for org in orgs:
        name = org.get("name")
        where = "organizations.json: %s" % name
        if name in seen_names:
            bad("%s: duplicate name" % where)
        seen_names.add(name)
        if org.get("kind") not in ORG_KINDS:
            bad("%s: kind %r" % (where, org.get("kind")))
        city = org.get("city")
        if city not in CITY_DIVISIONS:
            bad("%s: city %r" % (where, city))
            continue
        code = org.get("creditCode")
        if not is_valid_credit_code(code):
            bad("%s: invalid credit code %r" % (where, code))
            continue
        if code in seen_codes:
            bad("%s: credit code %s also used by %s" % (where, code, seen_codes[code]))
        seen_codes[code] = name
        if code[:2] != prefix_for(org):
            bad("%s: credit code %s should start with %s" % (where, code, prefix_for(org)))
        if code[2:8] != CITY_DIVISIONS[city]:
            bad("%s: credit code %s does not carry division %s" % (where, code, CITY_DIVISIONS[city]))
        if not is_valid_org_code(code[8:17]):
            bad("%s: organisation code %s fails the GB 11714 check" % (where, code[8:17]))
        attrs = org.get("attributes") or {}
        for key in ("highTech", "techSME", "specialized"):
            if not isinstance(attrs.get(key), bool):
                bad("%s: attributes.%s must be a bool" % (where, key))
        if attrs.get("revenueBand", "missing") not in REVENUE_BANDS:
            bad("%s: revenueBand %r" % (where, attrs.get("revenueBand", "missing")))
        contact = org.get("contact") or {}
        if not re.fullmatch(r"0\d{2,3}-\d{7,8}", contact.get("phone", "")):
            bad("%s: phone %r" % (where, contact.get("phone")))
        if not re.fullmatch(r"[A-Za-z0-9._-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+", contact.get("email", "")):
            bad("%s: email %r" % (where, contact.get("email")))
        if not contact.get("name") or not contact.get("address"):
            bad("%s: contact name and address required" % where)
        park = org.get("park")
        if park is not None and park not in park_codes:
            bad("%s: park %r not in parks.json" % (where, park))

    for msg in problems:
        print("FAIL", msg)
    print("%d cities, %d fields, %d parks, %d organisations, %d problems"
          % (len(cities), len(fields), len(parks), len(orgs), len(problems)))
    return not problems


def main(argv):
    if argv[:1] == ["--verify"]:
        ok = True
        for code in argv[1:]:
            valid = is_valid_credit_code(code)
            ok = ok and valid
            print(code, "valid" if valid else "INVALID")
        return 0 if ok else 1
    if argv[:1] != ["--check"]:
        fill(regenerate=argv[:1] == ["--regenerate"])
    return 0 if check() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
