#!/usr/bin/env python3
"""Load for scripts/bench-survey.sh: 64 keep-alive clients POST /api/v1/responses with fresh invitation codes, replays of
codes already answered, and forged codes (a real code with its last character changed), then check every count.
Usage: survey-load.py BASE TOKEN [FRESH] [REPLAYS] [FORGED] [CLIENTS]"""
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
        t0 = time.perf_counter()
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
        results.append((kind, int(status_line.split()[1]), time.perf_counter() - t0))
    writer.close()


async def main():
    queue = list(reversed(work))
    results = []
    t0 = time.perf_counter()
    await asyncio.gather(*(client(queue, results) for _ in range(clients)))
    return results, time.perf_counter() - t0


results, elapsed = asyncio.run(main())
by = {}
for kind, status, _ in results:
    by.setdefault(kind, {}).setdefault(status, 0)
    by[kind][status] += 1
accepted = by.get("fresh", {}).get(201, 0)
lat = sorted(r[2] for r in results if r[0] == "fresh")
p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000
api("POST", f"/surveys/{survey}/close")
counted = api("GET", f"/surveys/{survey}/results")["responses"]
ok = (by.get("fresh") == {201: fresh_n} and by.get("replay") == {409: replay_n} and by.get("forged") == {404: forged_n}
      and counted == accepted)
print(json.dumps({"requests": len(results), "seconds": round(elapsed, 3), "accepted": accepted,
                  "accepted_per_s": round(accepted / elapsed, 1), "p50_ms": round(p(0.50), 2), "p99_ms": round(p(0.99), 2),
                  "statuses": by, "results_responses": counted, "all_counts_right": ok}))
sys.exit(0 if ok else 1)
