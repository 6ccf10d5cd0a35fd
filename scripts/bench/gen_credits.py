#!/usr/bin/env python3
"""Writes the credit-bank benchmark's data as PostgreSQL COPY text files (streamed, constant memory):

  learners.copy  credit_learners rows (N learners of one county, learner_id "L" + 24 hex digits)
  ledger.copy    credit_ledger rows: OUTCOMES per learner, 积累 entries interleaved across learners (seq order =
                 round-robin), hash-chained exactly as the Swift domain does (SHA-256 of the JCS form of the entry;
                 for these entries, integers and ASCII keys, json.dumps with sorted keys and no spaces is JCS)
  shares.copy    one share link per learner: token = 64 hex digits of the learner's number, stored as its SHA-256

Usage: gen_credits.py OUTDIR COUNTY_UUID LEARNERS OUTCOMES_PER_LEARNER
"""
import hashlib
import json
import os
import random
import sys
import uuid


def amount(h):
    """Amount.description of hundredths: 200 -> "2", 250 -> "2.5", 205 -> "2.05"."""
    w, f = divmod(h, 100)
    if f == 0:
        return str(w)
    return f"{w}.{f // 10}" if f % 10 == 0 else f"{w}.{f:02d}"


def jcs(v):
    return json.dumps(v, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


KINDS = ["学历", "非学历", "无定式"]
TITLES = ["管理学基础", "计算机应用基础", "社区老年智能手机课程", "家庭理财", "书法入门", "急救常识", "大学英语（一）", "摄影基础"]
INSTITUTIONS = ["城关社区学院", "县开放大学", "县职业技术学校", "街道社区学校"]


def main():
    out, county, n, per = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    os.makedirs(out, exist_ok=True)
    rnd = random.Random(14)
    with open(f"{out}/learners.copy", "w", encoding="utf-8") as f, open(f"{out}/shares.copy", "w", encoding="utf-8") as s:
        for i in range(n):
            lid = "L%024x" % i
            f.write(f"{uuid.UUID(int=rnd.getrandbits(128), version=4)}\t{county}\t{lid}\t330102********{i % 10000:04d}\t学习者{i}\tB{i:09d}\t\\N\n")
            token = "%064x" % i
            s.write(f"{uuid.UUID(int=rnd.getrandbits(128), version=4)}\t{lid}\t{hashlib.sha256(token.encode()).hexdigest()}\t2026-01-01 00:00:00\t\\N\n")
    previous = "0" * 64
    seq = 0
    evidence = ["签到与结业记录 / check-in and completion"]
    evidence_hex = "\\\\x" + json.dumps(evidence, ensure_ascii=False, separators=(",", ":")).encode().hex()
    with open(f"{out}/ledger.copy", "w", encoding="utf-8") as f:
        for k in range(per):
            year = 2010 + k * 16 // max(per, 1)
            for i in range(n):
                seq += 1
                lid = "L%024x" % i
                kind = KINDS[(i + k) % 3]
                credits = 100 * (1 + (i * 7 + k) % 4)
                hours = credits * 16
                end = f"{year}-{1 + (i + k * 5) % 12:02d}-{1 + (i * 3 + k) % 28:02d}"
                attendance = 7000 + (i * 13 + k * 7) % 3001
                score = 5000 + (i * 11 + k * 3) % 5001
                title = TITLES[(i + k) % len(TITLES)]
                inst = INSTITUTIONS[(i + 2 * k) % len(INSTITUTIONS)]
                oid = f"B-{k}"
                outcome_body = {"id": oid, "learner_id": lid, "institution": inst, "kind": kind, "title": title, "end_date": end,
                                "credits": amount(credits), "hours": amount(hours), "attendance_pct": amount(attendance), "score": amount(score)}
                at = f"{year}-12-31T00:00:00Z"
                body = {"seq": seq, "action": "积累", "learner_id": lid, "actor": "bench", "at": at, "evidence": evidence,
                        "reason": "bench", "previous_hash": previous, "outcome": outcome_body}
                h = hashlib.sha256(jcs(body).encode()).hexdigest()
                stored = {"learnerID": lid, "id": oid, "institution": inst, "kind": kind, "title": title, "credits": credits / 100,
                          "hours": hours / 100, "endDate": end, "attendancePct": attendance / 100, "score": score / 100}
                ohex = "\\\\x" + json.dumps(stored, ensure_ascii=False, separators=(",", ":")).encode().hex()
                f.write(f"{uuid.UUID(int=rnd.getrandbits(128), version=4)}\t{seq}\t积累\t{lid}\t{ohex}\t\\N\t\\N\tbench\t{at}\t{evidence_hex}\tbench\t{previous}\t{h}\n")
                previous = h
    print(seq)


if __name__ == "__main__":
    main()
