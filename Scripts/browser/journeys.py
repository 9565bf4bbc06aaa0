#!/usr/bin/env python3
"""The console's journeys in headless Chromium (selenium), against a live server.

Set-up the console has no page for (users, a policy, listed providers) goes through the JSON API
with the administrator token; everything a person does in a journey happens in the browser.
Environment: BASE (https://127.0.0.1:18443), ADMIN_TOKEN, SCREENSHOTS (folder).
"""
import os
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from api import Api  # noqa: E402
from browser import Browser  # noqa: E402
from server import Server  # noqa: E402

import importlib

JOURNEYS = [
    ("enterprise posts a need, fixes an error, sees matches and records feedback", "journey_enterprise_need"),
    ("a Huangshi enterprise redeems its voucher with a Wuhan provider; the city pays the batch", "journey_voucher"),
    ("a university imports a CSV with one bad row and sees the report", "journey_university_import"),
    ("an auditor verifies an entry", "journey_auditor"),
    ("three deals registered in Wuhan show on the public turnover page", "journey_contract_statistics"),
    # After the turnover journey: it expects the Wuhan → Huanggang cell to hold its contract alone.
    ("an enterprise asks a university to connect from its need's matches; both see contacts and talk",
     "journey_connection"),
    ("a patent licence drafted in the console and confirmed by both parties is signed", "journey_contract_signing"),
    ("the university applies, the Wuhan clerk registers the contract and the number shows",
     "journey_contract_registration"),
    ("a university hears of a connection request: the bell counts it, the inbox marks it read", "journey_inbox"),
    ("a broker posts a need for its client; the client revokes; the broker is refused; the audit shows both",
     "journey_broker"),
    ("an engineer saves a search, reads its feed, and hears of a new matching patent", "journey_saved_search"),
    ("a Xianning enterprise registers itself with its licence, is verified by its city and posts a need",
     "journey_registration"),
    ("an administrator invites a colleague, who sets their own password and turns on one-time passwords",
     "journey_account"),
    ("a new Xianning enterprise registers, is verified, invites a colleague who turns on one-time passwords and "
     "posts a need", "journey_onboarding"),
    ("keyboard only and phone width: sign in, reach the main actions, no page scrolls sideways",
     "journey_accessibility"),
    # Last: it restarts the server with the wall clock three days on (and back) to pass its deadline.
    ("a challenge goes from draft to its accepted final milestone in the console, an expert scoring on their own page",
     "journey_challenge"),
]


def selected():
    """The journeys ONLY names (a part of a module's name; all when empty). A name that matches
    none is a mistake, not a pass: it ends the run before anything starts."""
    only = os.environ.get("ONLY", "")
    journeys = [(name, module) for name, module in JOURNEYS if only in module]
    if not journeys:
        known = ", ".join(module for _, module in JOURNEYS)
        sys.exit(f"browser: ONLY={only!r} names no journey (known: {known})")
    return journeys


def main():
    journeys = selected()
    server = Server(os.environ["SERVER_BINARY"], os.environ["DATA"], int(os.environ.get("PORT", "18443")),
                    open(os.environ["SERVER_LOG"], "ab"))
    server.start()
    try:
        run(server, journeys)
    finally:
        server.stop()


def run(server, journeys):
    base = server.base
    api = Api(base, server.admin_token())
    api.server = server
    shots = os.environ.get("SCREENSHOTS", "browser-screenshots")
    failed = 0
    started = time.time()
    for name, module in journeys:
        browser = Browser(base, shots, prefix=module.replace("journey_", ""))
        t = time.time()
        try:
            importlib.import_module(module).run(api, browser)
            print(f"browser: PASS {name} ({time.time() - t:.1f} s)")
        except Exception:
            failed += 1
            browser.shot("failure")
            print(f"browser: FAIL {name}", file=sys.stderr)
            traceback.print_exc()
        finally:
            browser.quit()
    print(f"browser: {len(journeys) - failed} of {len(journeys)} journeys passed in {time.time() - started:.0f} s")
    sys.exit(1 if failed or not journeys else 0)


if __name__ == "__main__":
    main()
