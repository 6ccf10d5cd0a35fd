#!/usr/bin/env python3
"""Independent check of a `junheng classrooms plan --format json` result against its input folder.

Reads schools/classes/teachers/lessons.csv and the plan JSON, and recounts every hard rule without any of
junheng's code: teacher exists, works at the sender school and is qualified; slot inside both bell schedules;
teacher and every receiving class free (no lesson, no other session); receiving classes exist, share the
session's grade, number 1..cap; load + remote sessions <= max; low-bandwidth flags; covered_periods equals the
sessions' classes; coverage <= upper_bound <= 1. Prints the violations (none: "0 violations") and exits 1 on any.
With --summary it also prints, from the files alone: sessions, receiving classes per session, and the share of
receiving classes served by a teacher of their own 教育集团 (same county and group name) and of their own county.
Usage: check_classrooms.py DIR PLAN.json [CAP] [--summary]
"""
import csv, json, sys
from collections import Counter

summary = "--summary" in sys.argv
args = [a for a in sys.argv[1:] if a != "--summary"]
folder, plan_path = args[0], args[1]
cap = int(args[2]) if len(args) > 2 else 4

def rows(name):
    with open(f"{folder}/{name}.csv", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))

schools = {r["学校标识码"]: r for r in rows("schools")}
classes = {f'{r["学校标识码"]}/{r["年级"]}/{k}' for r in rows("classes") for k in range(1, int(r["班级数"]) + 1)}
teachers = {r["教师编号"]: r for r in rows("teachers")}
busy = set()
for l in rows("lessons"):
    at = f'@{l["星期"]}.{l["节次"]}'
    busy.add(f'{l["学校标识码"]}/{l["年级"]}/{l["班级"]}{at}')
    if l["教师编号"]:
        busy.add(l["教师编号"] + at)
plan = json.load(open(plan_path))
bad, load, covered = [], Counter(), 0
def inside(school, day, period):
    s = schools[school]
    return 1 <= day <= int(s["每周上课天数"]) and 1 <= period <= int(s["每天节数"])
for n, s in enumerate(plan["sessions"]):
    t = teachers.get(s["teacher_id"])
    at = f'@{s["day"]}.{s["period"]}'
    if t is None:
        bad.append(f"session {n}: unknown teacher"); continue
    if t["学校标识码"] != s["sender_school"]: bad.append(f"session {n}: teacher not at sender school")
    if s["subject_zh"] not in t["任教学科"].split("、"): bad.append(f"session {n}: teacher not qualified")
    if not inside(s["sender_school"], s["day"], s["period"]): bad.append(f"session {n}: slot outside sender schedule")
    if s["teacher_id"] + at in busy: bad.append(f"session {n}: teacher busy")
    busy.add(s["teacher_id"] + at)
    load[s["teacher_id"]] += 1
    rc = s["receiving_classes"]
    if not 1 <= len(rc) <= cap or len(set(rc)) != len(rc): bad.append(f"session {n}: {len(rc)} classes")
    for c in rc:
        school, grade, _ = c.split("/")
        if c not in classes: bad.append(f"session {n}: unknown class {c}"); continue
        if int(grade) != s["grade"]: bad.append(f"session {n}: {c} wrong grade")
        if school == s["sender_school"]: bad.append(f"session {n}: {c} at the sender")
        if not inside(school, s["day"], s["period"]): bad.append(f"session {n}: {c} slot outside its schedule")
        if c + at in busy: bad.append(f"session {n}: {c} busy")
        busy.add(c + at)
        if (schools[school]["网络带宽"] == "低") != (c in s["low_bandwidth_classes"]): bad.append(f"session {n}: {c} bandwidth flag")
        covered += 1
for tid, extra in load.items():
    if int(teachers[tid]["周课时"]) + extra > int(teachers[tid]["最大周课时"]): bad.append(f"{tid}: over max load")
if covered != plan["covered_periods"]: bad.append(f"covered_periods {plan['covered_periods']} != {covered}")
if not plan["coverage"] <= plan["upper_bound"] + 1e-12 <= 1 + 1e-12: bad.append("coverage above bound or bound above 1")
if summary:
    n = len(plan["sessions"])
    group = county = 0
    for s in plan["sessions"]:
        home = schools[s["sender_school"]]
        for c in s["receiving_classes"]:
            r = schools[c.split("/")[0]]
            county += r["区县代码"] == home["区县代码"]
            group += bool(r["教育集团"]) and (r["区县代码"], r["教育集团"]) == (home["区县代码"], home["教育集团"])
    print(f"  sessions {n}  classes/session {covered / max(1, n):.3f}  same 教育集团 {group / max(1, covered):.3f}  "
          f"same county {county / max(1, covered):.3f}")
print(f"{len(bad)} violations" + "".join("\n  " + b for b in bad[:20]))
sys.exit(1 if bad else 0)
