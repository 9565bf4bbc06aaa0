#!/usr/bin/env python3
"""The raw durable-commit rate: one single-row INSERT per transaction, WAL, synchronous = FULL.

Usage: raw-sqlite.py DIRECTORY SECONDS

Commits one row per transaction (BEGIN IMMEDIATE; INSERT; COMMIT) into DIRECTORY/raw.sqlite
for SECONDS and prints "RAW commits_per_s=… commits=… seconds=… sqlite=…". The file is kept
between rounds (the WAL auto-checkpoints every 1000 pages, as in the server) and removed by the
caller. Python's sqlite3 is linked to the system libsqlite3, the same library as the server.
"""
import os
import sqlite3
import sys
import time

directory, seconds = sys.argv[1], float(sys.argv[2])
db = sqlite3.connect(os.path.join(directory, "raw.sqlite"), isolation_level=None)
mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
db.execute("PRAGMA synchronous = FULL")
synchronous = db.execute("PRAGMA synchronous").fetchone()[0]
if mode != "wal" or synchronous != 2:
    raise SystemExit(f"raw: journal_mode {mode}, synchronous {synchronous}: not WAL + FULL")
db.execute("CREATE TABLE IF NOT EXISTS commits (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, note TEXT NOT NULL)")
payload = "x" * 100
commits = 0
start = time.perf_counter()
end = start + seconds
now = start
while now < end:
    db.execute("BEGIN IMMEDIATE")
    db.execute("INSERT INTO commits (at, note) VALUES (?, ?)", (time.time_ns(), payload))
    db.execute("COMMIT")
    commits += 1
    now = time.perf_counter()
elapsed = now - start
db.close()
print(f"RAW commits_per_s={commits / elapsed:.0f} commits={commits} seconds={elapsed:.2f} sqlite={sqlite3.sqlite_version}")
