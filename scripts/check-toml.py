#!/usr/bin/env python3
"""Independent TOML oracle (Python's tomllib) for JunhengTOML.

check-toml.py DIR            prints, per DIR/*.toml, "name<TAB>JSON" (dates as isoformat text) or "name<TAB>ERROR".
check-toml.py DIR MINE_DIR   compares with our parser's outputs MINE_DIR/name.json (or name.error when it refused):
                             prints each disagreement and exits 1 if any. Our date-times are their TOML text, so they
                             are normalised to isoformat here (T separator, Z -> +00:00, fraction to microseconds).
"""
import datetime, json, math, os, re, sys, tomllib

DATE = (datetime.datetime, datetime.date, datetime.time)

def oracle(path):
    try:
        with open(path, "rb") as f:
            doc = tomllib.loads(f.read().decode("utf-8"))
        json.dumps(doc, allow_nan=False, default=lambda d: d.isoformat())  # inf/nan cannot be JSON
        return doc
    except (tomllib.TOMLDecodeError, ValueError, UnicodeDecodeError):
        return None

def iso(text):
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})?(?:[Tt ]?(\d{2}:\d{2}:\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})?)?", text)
    if not m:
        return None
    date, time, frac, off = m.groups()
    out = date or ""
    if time:
        out += ("T" if date else "") + time
        if frac and int(frac[:6].ljust(6, "0")):
            out += "." + frac[:6].ljust(6, "0")
        if off:
            out += "+00:00" if off in ("Z", "z", "-00:00") else off
    return out

def same(o, m):
    if isinstance(o, DATE):
        return isinstance(m, str) and iso(m) == o.isoformat()
    if isinstance(o, bool) or isinstance(m, bool):
        return type(o) is type(m) and o == m
    if isinstance(o, int):
        return type(m) is int and o == m
    if isinstance(o, float):
        return type(m) is float and (o == m and math.copysign(1, o) == math.copysign(1, m))
    if isinstance(o, str):
        return isinstance(m, str) and o == m
    if isinstance(o, list):
        return isinstance(m, list) and len(o) == len(m) and all(same(a, b) for a, b in zip(o, m))
    if isinstance(o, dict):
        return isinstance(m, dict) and o.keys() == m.keys() and all(same(o[k], m[k]) for k in o)
    return False

def main():
    d = sys.argv[1]
    names = sorted(n for n in os.listdir(d) if n.endswith(".toml"))
    if len(sys.argv) == 2:
        for n in names:
            doc = oracle(os.path.join(d, n))
            print(n + "\t" + ("ERROR" if doc is None else json.dumps(doc, ensure_ascii=False, default=lambda x: x.isoformat())))
        return 0
    mine, bad = sys.argv[2], 0
    for n in names:
        o = oracle(os.path.join(d, n))
        base = os.path.join(mine, n[:-5])
        if os.path.exists(base + ".error"):
            if o is not None:
                bad += 1; print(f"{n}: tomllib accepts, we refuse: {open(base + '.error', encoding='utf-8').read()}")
            continue
        with open(base + ".json", "rb") as f:
            m = json.loads(f.read().decode("utf-8"))
        if o is None:
            bad += 1; print(f"{n}: tomllib refuses, we accept: {json.dumps(m, ensure_ascii=False)}")
        elif not same(o, m):
            bad += 1; print(f"{n}: differ: tomllib {json.dumps(o, ensure_ascii=False, default=lambda x: x.isoformat())} / ours {json.dumps(m, ensure_ascii=False)}")
    print(f"{len(names)} documents, {bad} disagreements")
    return 1 if bad else 0

sys.exit(main())
