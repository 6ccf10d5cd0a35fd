#!/usr/bin/env python3
"""The youzhi-2017 evaluation as a lean polars script: the benchmark's second, faster baseline.

What an analyst with polars would write: polars reads the CSV (on all cores), splits 合计 rows, computes every
school's values, met count and verdict as column expressions and writes the schools as JSON in Rust; the
per-section statistics (student-weighted CV, Berne–Stiefel statistics, gap drivers) come from numpy on the
column arrays, exactly as in `evaluate_pandas.py`. It validates nothing beyond what the parser rejects.
`--check FILE` compares its numbers with junheng's JSON (same comparison as the pandas peer).
"""
import argparse
import sys

import orjson
import polars as pl

from evaluate_pandas import BY_STUDENTS, BY_WEIGHTED, COLUMNS, INDICATORS, TOL, WEIGHTS, check_file, indicator

EXCLUDED_TYPES = ["特殊教育学校", "职业学校"]


def load(path):
    df = pl.read_csv(path, schema_overrides={"学校标识码": pl.Utf8, "所属学校标识码": pl.Utf8, "学校名称": pl.Utf8})
    df = df.rename({k: v for k, v in COLUMNS.items() if k in df.columns})
    return df.with_row_index("row", offset=2).with_columns(pl.col("row").cast(pl.Int64))


def split_combined(df):
    is_combined = pl.col("section") == "合计"
    single = df.filter(~is_combined).with_columns(apportioned=pl.lit(False), order=pl.col("row").cast(pl.Float64))
    given = single.select("school_code", "section").unique()
    combined = df.filter(is_combined)
    n = {s: pl.col(c).cast(pl.Float64).fill_null(0.0) for s, c in
         (("小学", "primary_students"), ("初中", "junior_students"), ("高中", "senior_students"))}
    w = [pl.col("school_type").replace_strict({t: ws[k] for t, ws in WEIGHTS.items()}, return_dtype=pl.Float64)
         for k in range(3)]
    plain = n["小学"] + n["初中"] + n["高中"]
    weighted = n["小学"] * w[0] + n["初中"] * w[1] + n["高中"] * w[2]
    parts = [single]
    for k, section in enumerate(("小学", "初中")):
        # Same order of operations as junheng (v·n/total), so tied values stay tied bit for bit.
        part = combined.with_columns(
            [(pl.col(c).cast(pl.Float64) * n[section] / plain).alias(c) for c in BY_STUDENTS]
            + [(pl.col(c).cast(pl.Float64) * (n[section] * w[k]) / weighted).alias(c) for c in BY_WEIGHTED]
            + [n[section].alias("students"), pl.lit(section).alias("section"), pl.lit(True).alias("apportioned"),
               (pl.col("row") + 0.5 * k).alias("order")]
        ).filter(pl.col("students") > 0).join(given, on=["school_code", "section"], how="anti", maintain_order="left")
        parts.append(part.select(single.columns))
    casts = {c: pl.Float64 for c in BY_STUDENTS + BY_WEIGHTED + ["students"]}
    return pl.concat([p.cast(casts) for p in parts]).sort("order", maintain_order=True)


def evaluate(df):
    df = split_combined(df)
    keys = [k for k, *_ in INDICATORS]
    primary = pl.col("section") == "小学"
    value = {key: pl.col(col) / pl.col("students") * scale for key, col, scale, _, _ in INDICATORS}
    req = {key: pl.when(primary).then(rp).otherwise(rj) for key, _, _, rp, rj in INDICATORS}
    ok = {k: value[k] >= req[k] - req[k] * TOL for k in keys}
    low = {k: value[k] < 0.85 * req[k] - req[k] * TOL for k in keys}
    # Key lists through a bitmask and a lookup table: concat_list + drop_nulls took 25 times as long.
    names = pl.List(pl.Utf8), {m: [k for b, k in enumerate(keys) if m >> b & 1] for m in range(1 << len(keys))}
    mask = lambda flags: pl.sum_horizontal([flags[k].cast(pl.Int64) * (1 << b) for b, k in enumerate(keys)])
    df = df.with_columns(
        values=pl.struct([value[k].alias(k) for k in keys]),
        met=pl.sum_horizontal([ok[k].cast(pl.Int64) for k in keys]),
        below_any=pl.any_horizontal([low[k] for k in keys]),
        unmet=mask({k: ~ok[k] for k in keys}).replace_strict(names[1], return_dtype=names[0]),
        below_floor=mask(low).replace_strict(names[1], return_dtype=names[0]),
        included=~pl.col("school_type").is_in(EXCLUDED_TYPES) & (pl.col("students") > 0)
        & ~((pl.col("school_type") == "教学点") & (pl.col("students") < 50)),
    ).with_columns(passed=(pl.col("met") >= 6) & ~pl.col("below_any"))
    sections = []
    for section in ("小学", "初中"):
        sel = df.filter((pl.col("section") == section) & pl.col("included"))
        if sel.height == 0:
            continue
        p = sel["students"].to_numpy()
        codes = sel["school_code"].to_numpy()
        groups = sel["location"].to_numpy()
        matrix = sel.select(pl.col("values").struct.unnest())
        indicators = []
        for key in keys:
            indicators.append(indicator(key, matrix[key].to_numpy(), p, groups, codes, section))
        failing = int((~sel["passed"]).sum())
        cv_ok = all(i["passed"] for i in indicators)
        sections.append({"section": section, "schools": sel.height, "students": int(p.sum()),
                         "passed": cv_ok and failing == 0, "indicators": indicators})
    # Primary sections first, file order within a section, as junheng lists them.
    schools = df.sort(pl.col("section") != "小学", maintain_order=True).select(
        "school_code", "school_name", "school_type", "location", "section", pl.col("students").cast(pl.Int64),
        "row", "apportioned", "included", "met", "passed", "values", "unmet", "below_floor")
    head = {"standard": "youzhi-2017", "passed": all(s["passed"] for s in sections), "sections": sections}
    return head, schools


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("csv")
    ap.add_argument("--check", help="junheng's JSON for the same file: compare instead of printing")
    args = ap.parse_args()
    head, schools = evaluate(load(args.csv))
    if args.check:
        check_file(dict(head, schools=schools.to_dicts()), args.check)
    out = sys.stdout.buffer
    out.write(orjson.dumps(head, option=orjson.OPT_SERIALIZE_NUMPY)[:-1] + b',"schools":')
    out.flush()
    schools.write_json(out)
    out.write(b"}\n")


if __name__ == "__main__":
    main()
