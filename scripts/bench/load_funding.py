"""Loads a synthetic province into Junheng's SQLite database for scripts/bench-funding.sh.

Usage: load_funding.py DB COUNTIES SCHOOLS YEARS LINES
Adds counties 3398xx under the demo city (3301), each with SCHOOLS schools (in the funding year's school list) and
YEARS published fiscal years (2022…) of LINES budget lines per school (half 年初预算, half 决算), plus 3 projects a
year. The schema comes from the server's migrations; ids, dates and blobs are written the way the server wrote the
demo rows that are already there (read back with typeof()), so the server reads them like its own.
"""
import json
import random
import sqlite3
import sys
import uuid

db, counties, schools, years, lines = sys.argv[1], *map(int, sys.argv[2:])
con = sqlite3.connect(db)
cur = con.cursor()
city = cur.execute("select id, path from regions where code = '3301'").fetchone()
if city is None:
    sys.exit("no demo city 3301: run serve --demo first")
uuid_kind = cur.execute("select typeof(id) from regions limit 1").fetchone()[0]
date_kind = cur.execute("select typeof(imported_at) from funding_years limit 1").fetchone()[0]
sample_date = cur.execute("select imported_at from funding_years limit 1").fetchone()[0]


def uid():
    u = uuid.uuid4()
    return u.bytes if uuid_kind == "blob" else str(u).upper() if str(sample_id).isupper() else str(u)


sample_id = cur.execute("select id from regions limit 1").fetchone()[0]
now = sample_date
rng = random.Random(2026)
economic = ["30201", "30202", "30205", "30206", "30207", "30209", "30211", "30213", "30214", "30215", "30216", "30218",
            "30226", "30227", "30299", "30101", "30102", "30107", "31002", "31003"]
assert lines % 2 == 0 and lines // 2 <= len(economic)
kinds = ["primary"] * 6 + ["junior"] * 3 + ["teachingPoint"]
locations = ["城区", "镇区", "乡村"]
for c in range(counties):
    code = f"3398{c:02d}" if c < 100 else f"339{c:03d}"
    county_id = uid()
    cur.execute("insert into regions (id, code, name, level, parent_id, path) values (?, ?, ?, 'county', ?, ?)",
                (county_id, code, f"基准县{c:03d}", city[0], city[1] + code + "/"))
    school_list = []
    for s in range(schools):
        kind = kinds[s % len(kinds)]
        pupils = 60 if kind == "teachingPoint" else rng.randint(150, 1800)
        school_list.append({"code": f"{code}{s:04d}", "name": f"基准县{c:03d}第{s + 1}学校", "kind": kind,
                            "location": locations[s % 3], "primaryPupils": pupils if kind != "junior" else 0,
                            "juniorPupils": pupils if kind == "junior" else 0})
    blob = json.dumps(school_list, ensure_ascii=False).encode()
    for y in range(years):
        fy = 2022 + y
        year_id = uid()
        cur.execute("insert into funding_years (id, county_id, fiscal_year, schools, file_name, file_hash, imported_by, imported_at,"
                    " published_by, published_at) values (?, ?, ?, ?, 'bench.csv', 'bench', 'bench', ?, 'bench', ?)",
                    (year_id, county_id, fy, blob, now, now))
        rows = []
        for s in school_list:
            quota = 940 if s["kind"] == "junior" else 720
            public = max(100, s["primaryPupils"] + s["juniorPupils"]) * quota * 115 * (100 + 4 * y) // 100
            functional = "2050203" if s["kind"] == "junior" else "2050202"
            for phase, factor in (("initial", 100), ("final", 98)):
                for k, e in enumerate(economic[: lines // 2]):
                    share = 6 if e == "30216" else 5
                    amount = public * share // 100 * factor // 100 if e.startswith("302") else rng.randint(1, 50_000_000)
                    rows.append((uid(), year_id, s["code"], phase, functional, e, "transfer" if k == 0 else "own",
                                 "城乡义务教育补助经费" if k == 0 else "", amount))
        cur.executemany("insert into funding_budget_lines (id, year_id, school_code, phase, functional_code, economic_code,"
                        " fund_source, programme, amount_fen) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        for p in range(3):
            cur.execute("insert into funding_projects (id, year_id, code, name, school_code, indicator, budget_fen, planned_tender,"
                        " stages, execution) values (?, ?, ?, ?, ?, 'R4', ?, ?, ?, ?)",
                        (uid(), year_id, f"P{fy}{p:02d}", f"项目{p}", school_list[p]["code"], 100_000_000, f"{fy}-04-01",
                         json.dumps({"intent": f"{fy}-02-01", "tender": f"{fy}-04-01"}), f"{fy}-06-30:40;{fy}-12-31:100"))
    con.commit()
con.close()
