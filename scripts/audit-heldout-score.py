#!/usr/bin/env python3
"""Score `skillsite audit --json` against the held-out manifest."""
import json, sys, collections
SEV = {"info": 0, "warning": 1, "danger": 2}
manifest, report = sys.argv[1], sys.argv[2]
findings = json.load(open(report))["findings"]
by = collections.defaultdict(list)
for f in findings:
    by[f["path"].split("/")[0]].append(f)
rows = [l.rstrip("\n").split("\t") for l in open(manifest) if l.strip() and not l.startswith("#")]
mal_found = mal_total = 0
ben_danger = ben_warn = ben_total = ben_over = 0
misses, alarms = [], []
for folder, verdict, cats, sev, tech in rows:
    fs = by.get(folder, [])
    if verdict == "malicious":
        mal_total += 1
        want = set(cats.split("|"))
        ok = any(f["category"] in want and SEV[f["severity"]] >= SEV[sev] for f in fs)
        mal_found += ok
        if not ok:
            got = sorted({(f["rule"], f["severity"]) for f in fs if f["severity"] != "info"})
            misses.append(f"{folder} ({tech}; want {cats} {sev}; got {got or 'nothing'})")
    else:
        ben_total += 1
        worst = max([SEV[f["severity"]] for f in fs], default=-1)
        if worst == 2: ben_danger += 1
        elif worst == 1: ben_warn += 1
        allowed = {"none": 0, "warning": 1}[sev]
        if worst > allowed:
            ben_over += 1
            got = sorted({(f["rule"], f["severity"]) for f in fs if SEV[f["severity"]] > allowed})
            alarms.append(f"{folder} ({tech}; allowed {sev}; got {got})")
print(f"recall: {mal_found}/{mal_total}")
print(f"benign with danger: {ben_danger}/{ben_total}; benign with warning (worst): {ben_warn}/{ben_total}; above the allowed level: {ben_over}/{ben_total}")
print("MISSES:"); [print("  " + m) for m in misses]
print("FALSE ALARMS (above allowed):"); [print("  " + a) for a in alarms]
