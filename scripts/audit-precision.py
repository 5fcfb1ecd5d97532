#!/usr/bin/env python3
"""Precision of `skillsite audit` on a real corpus against the hand-checked verdicts.

Usage:
  ./skillsite audit --content ../shared/corpora/large --json --info > large.json
  python3 scripts/audit-precision.py docs/notes/issue-24-precision-verdicts.tsv large large.json

Prints danger and warning counts, warnings per skill, how many of them were judged false alarms (FA)
or true (T), and lists the findings at warning or danger that nobody has judged yet (new or moved
findings after a rule change): read those and add them to the verdicts file before quoting a rate.
"""
import json
import sys


def main(verdicts_path, corpus, audit_path):
    verdicts = {}
    with open(verdicts_path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            c, path, ln, rule, _severity, verdict = line.rstrip("\n").split("\t")
            if c == corpus:
                verdicts[(path, int(ln), rule)] = verdict
    audit = json.load(open(audit_path, encoding="utf-8"))
    skills = audit["summary"]["skills"]
    for severity in ("danger", "warning"):
        found = [x for x in audit["findings"] if x["severity"] == severity]
        judged = [verdicts.get((x["path"], x["line"], x["rule"])) for x in found]
        fa = judged.count("FA")
        t = judged.count("T")
        unjudged = [x for x, v in zip(found, judged) if v is None]
        per_skill = f", {len(found) / skills:.2f} per skill" if severity == "warning" else ""
        print(f"{severity}: {len(found)}{per_skill}; FA {fa}, T {t}, not judged {len(unjudged)}")
        for x in unjudged:
            print(f"  not judged: {x['path']}:{x['line']} {x['rule']} | {x['excerpt'][:100]}")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
