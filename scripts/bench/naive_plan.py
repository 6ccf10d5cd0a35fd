#!/usr/bin/env python3
"""The naive per-school remedy plan, written independently of junheng: the baseline of scripts/bench-plan.sh.

Every included school section that fails the youzhi-2017 school rule (≥ 6 of 7 indicators met, the rest ≥ 85%)
is fixed on its own, without 交流轮岗 and without looking at the county's CVs, by the cheapest single-indicator
actions at the default unit costs:

    degree deficit    → hire (120,000 per teacher; a hire has the required degree)
    backbone deficit  → train_backbone (30,000 each) while the school has teachers who are not backbone yet,
                        beyond that hire (120,000) and train the new teacher
    PE/art deficit    → hire_pe_art (120,000; also has the required degree, so it counts toward the degree indicator)
    teaching area     → 3,000 per m²          sports area → 800 per m²
    equipment         → 1 per yuan            multimedia  → 50,000 per room
People and rooms are whole (rounded up); areas and equipment are amounts. For each school the one indicator left at
≥ 85% instead of 100% (or none) is chosen so that the school's cost is least.

Scope and 合计 rows come from evaluate_pandas.py (the benchmark's independent evaluator): special-education and
vocational schools, 教学点 under 50 students and sections with no students are left alone; a 合计 row is split
into its sections, facilities by student-equivalent weights (九年一贯制 1 : 1.1, 完全中学 初中:高中 1 : 1.2), teachers
by plain student share. A remedy on a 合计 row acts on the row (the school builds one building, hires into one staff
room) and reaches each section by the same shares, which is how the data and junheng's planner see it; when both
sections of such a row fail, the row's actions are chosen for the two together (all 8 × 8 choices tried). The figure
that treats each section of a 合计 row as a school of its own (actions reaching the section in full) is printed as
`cost_sections_alone` for comparison; it is not a plan the statistics file can hold.

Usage: naive_plan.py FILE.csv [--output-data PLANNED.csv]   → JSON on stdout
"""
import argparse
import itertools
import json
import math
import os
import sys

import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from evaluate_pandas import INDICATORS, TOL, WEIGHTS, load, split_combined  # noqa: E402

COST = {"hire": 120_000, "hire_pe_art": 120_000, "train_backbone": 30_000, "build_teaching_area": 3_000,
        "build_sports_area": 800, "buy_equipment": 1, "equip_multimedia_room": 50_000}
FLOOR = 0.85
PEOPLE = {"degree", "backbone", "pe_art"}          # split by plain student share
# CSV column (Chinese template header) of each numerator.
RAW = {"degree": "高于规定学历教师数", "backbone": "县级及以上骨干教师数", "pe_art": "体育艺术专任教师数",
       "teaching_area": "教学及辅助用房面积", "sports_area": "体育运动场馆面积", "equipment": "教学仪器设备值",
       "multimedia": "网络多媒体教室数"}


def whole(x):
    """Smallest whole number ≥ x, ignoring float noise below 1e-9."""
    return max(0, math.ceil(x - 1e-9))


def members(df):
    """Included school sections with their row, section quantities, requirements and shares of the row."""
    parts = split_combined(df)
    excluded = parts["school_type"].isin(["特殊教育学校", "职业学校"]) | (parts["students"] <= 0) \
        | ((parts["school_type"] == "教学点") & (parts["students"] < 50))
    out = []
    for _, p in parts[~excluded].iterrows():
        students = float(p["students"])
        primary = p["section"] == "小学"
        if p["apportioned"]:
            n = {"小学": p["primary_students"], "初中": p["junior_students"], "高中": p["senior_students"]}
            n = {k: 0.0 if pd.isna(v) else float(v) for k, v in n.items()}
            w = WEIGHTS[p["school_type"]]
            weighted = n["小学"] * w[0] + n["初中"] * w[1] + n["高中"] * w[2]
            plain_share = n[p["section"]] / (n["小学"] + n["初中"] + n["高中"])
            weighted_share = n[p["section"]] * (w[0] if primary else w[1]) / weighted
        else:
            plain_share = weighted_share = 1.0
        ind = []
        for key, col, scale, rp, rj in INDICATORS:
            req = rp if primary else rj
            need = req * students / scale            # numerator the requirement asks for
            base = float(p[col])
            ind.append({"key": key, "col": col, "need": need, "base": base,
                        "share": plain_share if col in PEOPLE else weighted_share})
        met = sum(i["base"] >= i["need"] * (1 - TOL) for i in ind)
        low = any(i["base"] < FLOOR * i["need"] - i["need"] * TOL for i in ind)
        out.append({"row": int(p["row"]), "code": p["school_code"], "section": p["section"],
                    "passed": met >= 6 and not low, "indicators": ind})
    return out


def row_plan(teachers, backbone, judged):
    """The cheapest actions on one CSV row (with these teachers and backbone teachers) that make every failing
    judged section of it pass on its own; returns (cost, actions)."""
    failing = [m for m in judged if not m["passed"]]
    best = None
    # Each failing section leaves one indicator at ≥ 85% (choice 1..7) or none (choice 0).
    for combo in itertools.product(range(8), repeat=len(failing)):
        # Row amount needed per numerator: max over sections of (section deficit / section's share of the row).
        amount = {}
        for m, c in zip(failing, combo):
            for k, i in enumerate(m["indicators"]):
                target = i["need"] * (FLOOR if k == c - 1 else 1.0)
                deficit = max(0.0, target - i["base"])
                amount[i["col"]] = max(amount.get(i["col"], 0.0), deficit / i["share"])
        pe = whole(amount["pe_art"])
        hire = max(0, whole(amount["degree"]) - pe)           # PE/art hires hold the degree too
        train = whole(amount["backbone"])
        # Backbone teachers stay a subset of the teachers: beyond those not yet backbone, hire and train.
        room = teachers + pe + hire - backbone
        if train > room:
            hire += whole(train - room)
        actions = {"hire": hire, "hire_pe_art": pe, "train_backbone": train,
                   "build_teaching_area": amount["teaching_area"], "build_sports_area": amount["sports_area"],
                   "buy_equipment": amount["equipment"], "equip_multimedia_room": whole(amount["multimedia"])}
        cost = sum(COST[a] * q for a, q in actions.items())
        if best is None or cost < best[0]:
            best = (cost, actions)
    return best


def plan(df):
    ms = members(df)
    by_row = {}
    for m in ms:
        by_row.setdefault(m["row"], []).append(m)
    rows = {int(r): df.iloc[int(r) - 2] for r in by_row}
    total, alone, actions = 0.0, 0.0, {}
    for r, judged in by_row.items():
        if all(m["passed"] for m in judged):
            continue
        row = rows[r]
        cost, acts = row_plan(float(row["teachers"]), float(row["backbone"]), judged)
        total += cost
        actions[r] = acts
        # Comparison only: each failing section as a school of its own (shares 1, its own teachers).
        for m in judged:
            if m["passed"]:
                continue
            alone_m = {**m, "indicators": [{**i, "share": 1.0} for i in m["indicators"]]}
            s = m["indicators"][0]["share"]          # plain student share of the row's teachers
            alone += row_plan(float(row["teachers"]) * s, float(row["backbone"]) * s, [alone_m])[0]
    failing = sum(not m["passed"] for m in ms)
    return {"cost": total, "cost_sections_alone": alone, "schools_included": len(ms), "schools_failing_before": failing,
            "rows_acted_on": len(actions),
            "action_totals": {a: float(sum(x[a] for x in actions.values())) for a in COST},
            "cvs": "ignored: each school is fixed on its own, the county's 差异系数 limits are not looked at"}, actions


def write_planned(path, out_path, actions):
    """The input CSV with the naive plan applied to each row (template columns, as junheng writes them)."""
    raw = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    for r, a in actions.items():
        i = r - 2
        def add(col, q):
            if q:
                v = float(raw.at[i, col]) + q
                raw.at[i, col] = str(int(round(v))) if float(v).is_integer() else repr(v)
        people = a["hire"] + a["hire_pe_art"]             # every hire has the degree (and a certificate)
        for col in ("专任教师数", RAW["degree"], "持教师资格证教师数"):
            add(col, people)
        add(RAW["pe_art"], a["hire_pe_art"])
        add(RAW["backbone"], a["train_backbone"])
        add(RAW["teaching_area"], a["build_teaching_area"])
        add(RAW["sports_area"], a["build_sports_area"])
        add(RAW["equipment"], a["buy_equipment"])
        add(RAW["multimedia"], a["equip_multimedia_room"])
    raw.to_csv(out_path, index=False, encoding="utf-8-sig")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("csv")
    ap.add_argument("--output-data", help="write the statistics after the naive plan (same columns as the input)")
    args = ap.parse_args()
    df = load(args.csv)
    result, actions = plan(df)
    if args.output_data:
        write_planned(args.csv, args.output_data, actions)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
