#!/usr/bin/env python3
"""Load for scripts/bench-survey.sh: 64 keep-alive connections POST /api/v1/responses with fresh invitation codes, replays
of codes already answered, and forged codes (a real code with its last character changed), then check every count.
The timed load is wrk (C, two threads, scripts/bench/survey-load.lua): a Python client on the same two cores took
about half of them and measured itself. wrk counts statuses, not which code got which, so afterwards (untimed) every
fresh code is sent again and must be refused as used (409) and every forgery must still be unknown (404): with exactly
FRESH answers accepted, that proves each invitation was accepted exactly once and nothing else was.
Usage: survey-load.py BASE TOKEN [FRESH] [REPLAYS] [FORGED] [CLIENTS]"""
import os
import subprocess
import tempfile
import asyncio
import json
import random
import sys
import time
import urllib.request

base, token = sys.argv[1], sys.argv[2]
fresh_n, replay_n, forged_n, clients = (int(a) for a in (sys.argv[3:7] + ["20000", "2000", "2000", "64"][len(sys.argv[3:7]):]))
host, port = base.split("//")[1].split(":")
port = int(port)


def api(method, path, body=None):
    req = urllib.request.Request(base + "/api/v1" + path, method=method, data=json.dumps(body).encode() if body is not None else None,
                                 headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.load(r)


now = time.time()
iso = lambda t: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
survey = api("POST", "/counties/330101/surveys", {"name": "bench", "opens_at": iso(now - 60), "closes_at": iso(now + 3600)})["id"]
codes = []
while len(codes) < fresh_n:
    codes += api("POST", f"/surveys/{survey}/invitations", {"questionnaire": "social", "count": min(10000, fresh_n - len(codes))})["codes"]
items = [i["key"] for i in api("GET", f"/surveys/{survey}")["questionnaires"][0]["items"]]
rng = random.Random(2026)
alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
forged = []
for c in rng.sample(codes, forged_n):
    last = alphabet[(alphabet.index(c[-1]) + 1 + rng.randrange(31)) % 32]
    forged.append(c[:-1] + last)
# Fresh codes first in random order; replays (of codes from the first half) and forgeries mixed into the second half.
rng.shuffle(codes)
half = len(codes) // 2
second = [("fresh", c) for c in codes[half:]] + [("replay", c) for c in rng.sample(codes[:half], replay_n)] + [("forged", c) for c in forged]
rng.shuffle(second)
work = [("fresh", c) for c in codes[:half]] + second
answers = {k: rng.choice(["satisfied", "basically", "unsatisfied", "unknown"]) for k in items}


async def client(queue, results):
    reader, writer = await asyncio.open_connection(host, port)
    while True:
        try:
            kind, code = queue.pop()
        except IndexError:
            break
        body = json.dumps({"code": code, "answers": answers}).encode()
        head = (f"POST /api/v1/responses HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode()
        writer.write(head + body)
        status_line = await reader.readline()
        length = 0
        while True:
            line = await reader.readline()
            if line in (b"\r\n", b""):
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        await reader.readexactly(length)
        results.append((kind, int(status_line.split()[1])))
    writer.close()


async def send_all(items, connections):
    queue = list(reversed(items))
    results = []
    await asyncio.gather(*(client(queue, results) for _ in range(connections)))
    return results


here = os.path.dirname(os.path.abspath(__file__))
with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
    f.write("".join(code + "\n" for _, code in work))
    work_file = f.name
threads = 2
run = subprocess.run(["wrk", f"-t{threads}", f"-c{clients}", "-d600s", "--timeout", "30s", "-s", os.path.join(here, "survey-load.lua"),
                      base, "--", work_file, str(threads), json.dumps(answers, separators=(",", ":"))],
                     capture_output=True, text=True, timeout=900)
os.unlink(work_file)
line = next((l for l in run.stdout.splitlines() if l.startswith("RESULT ")), None)
if line is None:
    sys.exit("wrk gave no result: " + run.stdout[-2000:] + run.stderr[-2000:])
w = json.loads(line[len("RESULT "):])
elapsed = w["duration_us"] / 1e6
accepted = w["s201"]
# Untimed checks of who was accepted: every fresh code is used now, every forgery still unknown.
after = asyncio.run(send_all([("fresh", c) for c in codes] + [("forged", c) for c in forged], 16))
again = {}
for kind, status in after:
    again.setdefault(kind, {}).setdefault(str(status), 0)
    again[kind][str(status)] += 1
api("POST", f"/surveys/{survey}/close")
counted = api("GET", f"/surveys/{survey}/results")["responses"]
statuses = {"201": w["s201"], "409": w["s409"], "404": w["s404"], "other": w["other"], "transport_errors": w["errors"]}
ok = (w["s201"] == fresh_n and w["s409"] == replay_n and w["s404"] == forged_n and w["other"] == 0 and w["errors"] == 0
      and again.get("fresh") == {"409": fresh_n} and again.get("forged", {}) == ({"404": forged_n} if forged_n else {})
      and counted == accepted)
print(json.dumps({"requests": fresh_n + replay_n + forged_n, "seconds": round(elapsed, 3), "accepted": accepted,
                  "accepted_per_s": round(accepted / elapsed, 1), "p50_ms": round(w["p50_us"] / 1000, 2), "p99_ms": round(w["p99_us"] / 1000, 2),
                  "statuses": statuses, "afterwards": again, "results_responses": counted, "all_counts_right": ok}))
sys.exit(0 if ok else 1)
