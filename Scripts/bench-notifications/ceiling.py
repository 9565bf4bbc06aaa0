#!/usr/bin/env python3
"""A loopback receiver's own ceiling, for the notification benchmark's baseline: N messages
sent the way the server sends them — `smtp`: one SMTP session per message (a plain and an HTML
part, Chinese text, about the size of a notice); `http`: one connection per JSON POST of about
a webhook event's size. Prints: count=N seconds=S per_s=R.

Usage: ceiling.py smtp|http HOST PORT N"""
import http.client
import json
import smtplib
import sys
import time
from email.message import EmailMessage


def notice(index):
    message = EmailMessage()
    message["From"] = "notices@bench.example.cn"
    message["To"] = f"person{index}@bench.example.cn"
    message["Subject"] = "待您确认的创新券兑付 · A redemption awaits your confirmation"
    text = "您有一笔创新券兑付等待确认。\n\nA voucher redemption awaits your confirmation.\n" * 8
    message.set_content(text)
    message.add_alternative("<p>" + text.replace("\n", "<br>") + "</p>", subtype="html")
    return message


def main():
    kind, host, port, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    body = json.dumps({"id": "1.0", "kind": "redemption.awaiting_confirmation", "target": {"type": "redemption", "id": "1"},
                       "payload": {"amountFen": 200000, "provider": "测试机构"}, "createdAt": "2026-12-07T00:00:00Z"}).encode()
    started = time.monotonic()
    for index in range(count):
        if kind == "smtp":
            with smtplib.SMTP(host, port) as relay:
                relay.send_message(notice(index))
        else:
            connection = http.client.HTTPConnection(host, port, timeout=10)
            connection.request("POST", "/hooks", body=body, headers={"Content-Type": "application/json"})
            if connection.getresponse().status != 200:
                raise SystemExit("ceiling: the receiver refused a post")
            connection.close()
    seconds = time.monotonic() - started
    print(f"count={count} seconds={seconds:.2f} per_s={count / seconds:.0f}")


if __name__ == "__main__":
    main()
