#!/usr/bin/env python3
"""The youzhi-2017 evaluation written independently with pandas/numpy: the benchmark's baseline.

Reads the school statistics CSV (template columns, Chinese headers), splits 合计 rows by
student-equivalent weights, applies scope, the school rule and the student-weighted CV, computes
the same Berne–Stiefel statistics and gap drivers as `junheng evaluate`, and prints the same JSON
contract. `--check FILE` compares its numbers with junheng's JSON to a relative tolerance.
"""
import argparse
import sys

import numpy as np
import orjson
import pandas as pd

COLUMNS = {
    "学校标识码": "school_code", "学校名称": "school_name", "学校类型": "school_type", "学段": "section",
    "城乡类型": "location", "所属学校标识码": "parent_school_code", "在校生数": "students",
    "小学在校生数": "primary_students", "初中在校生数": "junior_students", "高中在校生数": "senior_students",
    "班级数": "classes", "最大班额": "max_class_size", "专任教师数": "teachers",
    "高于规定学历教师数": "degree", "县级及以上骨干教师数": "backbone", "体育艺术专任教师数": "pe_art",
    "中级及以上职称教师数": "mid_senior", "持教师资格证教师数": "certified",
    "教学及辅助用房面积": "teaching_area", "体育运动场馆面积": "sports_area", "教学仪器设备值": "equipment",
    "网络多媒体教室数": "multimedia", "计算机台数": "computers", "图书册数": "books",
    "音乐专用教室数": "music_rooms", "美术专用教室数": "art_rooms", "生均公用经费": "public_funds",
    "随迁子女数": "migrants",
}
BY_STUDENTS = ["classes", "teachers", "degree", "backbone", "pe_art", "mid_senior", "certified", "migrants"]
BY_WEIGHTED = ["teaching_area", "sports_area", "equipment", "multimedia", "computers", "books", "music_rooms", "art_rooms"]
# 小学 : 初中 : 高中 student-equivalent weights (standards.md §1.1).
WEIGHTS = {"九年一贯制": (1.0, 1.1, 0.0), "完全中学": (0.0, 1.0, 1.2), "十二年一贯制": (1.0, 1.1, 1.32)}
# key, numerator, scale, requirement 小学, requirement 初中
INDICATORS = [
    ("degree_teachers_per100", "degree", 100, 4.2, 5.3),
    ("backbone_teachers_per100", "backbone", 100, 1.0, 1.0),
    ("pe_art_teachers_per100", "pe_art", 100, 0.9, 0.9),
    ("teaching_area_per_student", "teaching_area", 1, 4.5, 5.8),
    ("sports_area_per_student", "sports_area", 1, 7.5, 10.2),
    ("equipment_value_per_student", "equipment", 1, 2000, 2500),
    ("multimedia_rooms_per100", "multimedia", 100, 2.3, 2.4),
]
CV_LIMIT = {"小学": 0.50, "初中": 0.45}
TOL = 1e-9


def load(path):
    df = pd.read_csv(path, encoding="utf-8-sig", dtype={"学校标识码": str, "所属学校标识码": str, "学校名称": str})
    df = df.rename(columns=COLUMNS)
    df["row"] = np.arange(len(df)) + 2
    return df


def split_combined(df):
    single = df[df["section"] != "合计"].copy()
    single["apportioned"] = False
    combined = df[df["section"] == "合计"]
    given = set(zip(single["school_code"], single["section"]))
    parts = [single]
    n = {s: combined[c].fillna(0).to_numpy(float) for s, c in
         (("小学", "primary_students"), ("初中", "junior_students"), ("高中", "senior_students"))}
    w = np.array([WEIGHTS[t] for t in combined["school_type"]]).reshape(-1, 3)
    plain = n["小学"] + n["初中"] + n["高中"]
    weighted = n["小学"] * w[:, 0] + n["初中"] * w[:, 1] + n["高中"] * w[:, 2]
    for k, section in enumerate(("小学", "初中")):
        part = combined.copy()
        part["section"] = section
        part["students"] = n[section]
        # Same order of operations as junheng, so tied values stay tied bit for bit.
        part[BY_STUDENTS] = combined[BY_STUDENTS].to_numpy(float) * n[section][:, None] / plain[:, None]
        part[BY_WEIGHTED] = combined[BY_WEIGHTED].to_numpy(float) * (n[section] * w[:, k])[:, None] / weighted[:, None]
        keep = (n[section] > 0) & np.array([(c, section) not in given for c in part["school_code"]], dtype=bool)
        part = part[keep]
        part["apportioned"] = True
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    out["order"] = np.where(out["apportioned"], out["row"] + 0.5 * (out["section"] == "初中"), out["row"])
    return out.sort_values(["order"], kind="stable").reset_index(drop=True)


def weighted_quantile(v, w, cum, q):
    return v[np.searchsorted(cum, q * cum[-1] * (1 - 1e-12), side="left")]


def equity(x, p, groups):
    order = np.argsort(x, kind="stable")
    v, w = x[order], p[order]
    cum = np.cumsum(w)
    total = cum[-1]
    mean = (w * v).sum() / total
    p5, p95, m = (weighted_quantile(v, w, cum, q) for q in (0.05, 0.95, 0.5))
    before = np.concatenate(([0.0], cum[:-1]))
    gini = (w * v * (before - (total - cum))).sum() / (total * total * mean)
    r = np.where(x > 0, x / mean, 1.0)
    theil = (p * np.where(x > 0, r * np.log(r), 0.0)).sum() / total
    between = within = 0.0
    for g in ("城区", "镇区", "乡村"):
        sel = groups == g
        if not sel.any():
            continue
        gx, gp = x[sel], p[sel]
        gmean = (gp * gx).sum() / gp.sum()
        share = (gp * gx).sum() / (p * x).sum()
        gr = np.where(gx > 0, gx / gmean, 1.0) if gmean > 0 else np.ones_like(gx)
        gt = (gp * np.where(gx > 0, gr * np.log(gr), 0.0)).sum() / gp.sum() if gmean > 0 else 0.0
        if share > 0:
            between += share * np.log(gmean / mean)
            within += share * gt
    below, above = v < m, v > m
    mcloone = (w[below] * v[below]).sum() / (m * w[below].sum()) if below.any() else 1.0
    verstegen = (w[above] * v[above]).sum() / (m * w[above].sum()) if above.any() else 1.0
    return {"min": v[0], "max": v[-1], "range": v[-1] - v[0], "p5": p5, "p95": p95, "restricted_range": p95 - p5,
            "federal_range_ratio": (p95 - p5) / p5 if p5 else None, "median": m, "mcloone": mcloone,
            "verstegen": verstegen, "gini": gini, "theil": theil, "theil_between": between, "theil_within": within}


def drivers(x, p, codes, top=5):
    total = p.sum()
    mean = (p * x).sum() / total
    d = x - mean
    ss = (p * d * d).sum()
    share = p * d * d / ss
    rest = total - p
    delta = -p * d / rest
    loo = np.sqrt(np.maximum(0, ss - p * d * d - rest * delta * delta) / rest) / (mean + delta)
    best = np.argsort(-share, kind="stable")[:top]
    return [{"school_code": codes[i], "variance_share": share[i], "leave_one_out_cv": loo[i], "below_mean": bool(d[i] < 0)}
            for i in best]


def indicator(key, x, p, groups, codes, section):
    """One indicator's county numbers in a section: values `x`, students `p`, 城乡 `groups`, school `codes`."""
    mean = (p * x).sum() / p.sum()
    cv = np.sqrt((p * (x - mean) ** 2).sum() / p.sum()) / mean
    cvu = x.std() / x.mean()
    return {"key": key, "mean": mean, "cv": cv, "cv_unweighted": cvu, "cv_limit": CV_LIMIT[section],
            "passed": bool(cv <= CV_LIMIT[section]), "equity": equity(x, p, groups), "drivers": drivers(x, p, codes)}


def evaluate(df):
    df = split_combined(df)
    students = df["students"].to_numpy(float)
    req_col = {0: 3, 1: 4}
    is_primary = (df["section"] == "小学").to_numpy()
    values = {}
    met = np.zeros(len(df), dtype=int)
    below_floor = np.zeros(len(df), dtype=bool)
    unmet_lists = [[] for _ in range(len(df))]
    floor_lists = [[] for _ in range(len(df))]
    for key, col, scale, rp, rj in INDICATORS:
        v = df[col].to_numpy(float) / students * scale
        values[key] = v
        req = np.where(is_primary, rp, rj)
        ok = v >= req - req * TOL
        low = v < 0.85 * req - req * TOL
        met += ok
        below_floor |= low
        for i in np.flatnonzero(~ok):
            unmet_lists[i].append(key)
        for i in np.flatnonzero(low):
            floor_lists[i].append(key)
    passed = (met >= 6) & ~below_floor
    included = (~df["school_type"].isin(["特殊教育学校", "职业学校"]) & (df["students"] > 0)
                & ~((df["school_type"] == "教学点") & (df["students"] < 50))).to_numpy()
    sections = []
    for section in ("小学", "初中"):
        sel = (df["section"] == section).to_numpy() & included
        if not sel.any():
            continue
        p = students[sel]
        codes = df["school_code"].to_numpy()[sel]
        groups = df["location"].to_numpy()[sel]
        indicators = []
        for key, *_ in INDICATORS:
            indicators.append(indicator(key, values[key][sel], p, groups, codes, section))
        failing = int((~passed[sel]).sum())
        cv_ok = all(i["passed"] for i in indicators)
        sections.append({"section": section, "schools": int(sel.sum()), "students": int(p.sum()),
                         "passed": cv_ok and failing == 0, "indicators": indicators})
    keys = [k for k, *_ in INDICATORS]
    value_matrix = np.column_stack([values[k] for k in keys])
    out_schools = df[["school_code", "school_name", "school_type", "location", "section", "students", "row", "apportioned"]].copy()
    out_schools["students"] = out_schools["students"].astype(int)
    out_schools["included"] = included
    out_schools["met"] = met
    out_schools["passed"] = passed
    records = out_schools.to_dict("records")
    for i, rec in enumerate(records):
        rec["values"] = dict(zip(keys, value_matrix[i].tolist()))
        rec["unmet"] = unmet_lists[i]
        rec["below_floor"] = floor_lists[i]
    # Primary sections first, file order within a section, as junheng lists them.
    records.sort(key=lambda r: 0 if r["section"] == "小学" else 1)
    return {"standard": "youzhi-2017", "passed": all(s["passed"] for s in sections), "sections": sections, "schools": records}


def check(mine, theirs, rel=1e-9):
    """Compares every section number and every school value; returns a list of differences."""
    problems = []

    def close(a, b, where):
        if a is None or b is None:
            if a != b:
                problems.append(f"{where}: {a} vs {b}")
        elif abs(a - b) > rel * max(abs(a), abs(b), 1e-300) and abs(a - b) > 1e-12:
            problems.append(f"{where}: {a!r} vs {b!r}")

    for ms, ts in zip(mine["sections"], theirs["sections"]):
        for key in ("schools", "students", "passed"):
            if ms[key] != ts[key]:
                problems.append(f"{ms['section']} {key}: {ms[key]} vs {ts[key]}")
        for mi, ti in zip(ms["indicators"], ts["indicators"]):
            for key in ("mean", "cv", "cv_unweighted"):
                close(mi[key], ti[key], f"{ms['section']} {mi['key']} {key}")
            for key, value in mi["equity"].items():
                close(value, ti["equity"][key], f"{ms['section']} {mi['key']} equity.{key}")
            for md, td in zip(mi["drivers"], ti["drivers"]):
                if md["school_code"] != td["school_code"]:
                    problems.append(f"{ms['section']} {mi['key']} driver {md['school_code']} vs {td['school_code']}")
                close(md["leave_one_out_cv"], td["leave_one_out_cv"], f"{ms['section']} {mi['key']} LOO {md['school_code']}")
    if len(mine["schools"]) != len(theirs["schools"]):
        problems.append(f"schools: {len(mine['schools'])} vs {len(theirs['schools'])}")
    for a, b in zip(mine["schools"], theirs["schools"]):
        if (a["school_code"], a["section"], a["included"], a["met"], a["passed"]) != \
                (b["school_code"], b["section"], b["included"], b["met"], b["passed"]):
            problems.append(f"school {a['school_code']} {a['section']}: {a} vs {b}")
            continue
        for k, v in a["values"].items():
            close(v, b["values"][k], f"school {a['school_code']} {a['section']} {k}")
    return problems


def check_file(result, path):
    """Compares `result` with junheng's JSON at `path`, prints the first mismatches and a count, exits 1 on any."""
    with open(path, "rb") as f:
        theirs = orjson.loads(f.read())
    problems = check(result, theirs)
    for p in problems[:20]:
        print("mismatch:", p)
    print(f"checked {len(result['schools'])} school sections and {sum(len(s['indicators']) for s in result['sections'])} "
          f"indicators: {len(problems)} mismatches")
    sys.exit(1 if problems else 0)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("csv")
    ap.add_argument("--check", help="junheng's JSON for the same file: compare instead of printing")
    args = ap.parse_args()
    result = evaluate(load(args.csv))
    if args.check:
        check_file(result, args.check)
    sys.stdout.buffer.write(orjson.dumps(result, option=orjson.OPT_SERIALIZE_NUMPY))
    sys.stdout.buffer.write(b"\n")


if __name__ == "__main__":
    main()
