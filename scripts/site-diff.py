#!/usr/bin/env python3
"""Which files of two built sites differ, by kind: what one content change reaches in the output.

Usage: scripts/site-diff.py SITE_A SITE_B [--list FILE] [--pages]

Prints, for each kind of file (home pages, skill pages, the health report, search/t …), how many differ,
were added or removed, of how many. The cache (.skillsite-cache) and the Lucene index (search/lucene) are
left out. --list writes every differing path with its kind (tab-separated); --pages sorts the differing
skill pages by what changed on them (related cards, collision wording, …: a word search of the changed
lines). Build both sites from content folders of the same name: the site's title is the folder's, and
it is on every page. Session 33 used it for the survey of one skill added and one removed
(docs/notes/issue-27.md, "Session 20 — the lead").
"""

import collections
import filecmp
import os
import re
import subprocess
import sys


def files(root):
    out = {}
    for d, dirs, names in os.walk(root):
        dirs[:] = [x for x in dirs if x not in (".skillsite-cache", "lucene")]
        for f in names:
            p = os.path.join(d, f)
            out[os.path.relpath(p, root)] = p
    return out


def kind(r):
    if re.fullmatch(r"(index|page_\d+)\.html", r):
        return "home"
    if re.fullmatch(r"skills/(index|page_\d+)\.html", r):
        return "skills A-Z"
    if re.fullmatch(r"skills/[^/]+/index\.html", r):
        return "skill page"
    if r.startswith("skills/"):
        return "skill files"
    if r.startswith("triggers/"):
        return "trigger index"
    if re.fullmatch(r"collections/(index|page_\d+)\.html", r):
        return "collections A-Z"
    if r.startswith("collections/"):
        return "collection pages"
    if r.startswith("search/"):
        rest = r[len("search/"):]
        return "search/" + rest.split("/")[0] if "/" in rest else r
    if r.startswith("health"):
        return "health report"
    if r.startswith("skills-json/") or r.startswith("skills.json"):
        return "skills.json"
    if r.startswith("assets/catalog"):
        return "catalog.js"
    if r.startswith("llms"):
        return "llms"
    if r.startswith("sitemap"):
        return "sitemap"
    if r.startswith("audit"):
        return "audit"
    return "other: " + r.split("/")[0]


def page_kinds(a, b, paths):
    kinds = collections.Counter()
    example = {}
    for r in paths:
        diff = subprocess.run(["diff", os.path.join(a, r), os.path.join(b, r)],
                              capture_output=True, text=True).stdout
        lines = [x[2:] for x in diff.splitlines() if x.startswith(("< ", "> "))]
        found = set()
        for line in lines:
            if re.search(r"collision|ambiguous|near tie|within \d+%|close behind|unreachable", line):
                found.add("collision wording")
            elif re.search(r"card-title|explore|both cover|reason", line):
                found.add("related cards")
            elif re.search(r"[Mm]ention", line):
                found.add("mentions")
            else:
                found.add("other")
        k = " + ".join(sorted(found))
        kinds[k] += 1
        example.setdefault(k, r)
    for k, n in kinds.most_common():
        print(f"  {n} {k} (e.g. {example[k]})")


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    a, b = argv[0], argv[1]
    listing = argv[argv.index("--list") + 1] if "--list" in argv else None
    A, B = files(a), files(b)
    stats = collections.OrderedDict()
    differing = []
    for r in sorted(set(A) | set(B)):
        k = kind(r)
        t = stats.setdefault(k, [0, 0, 0, 0])
        t[0] += 1
        if r not in A:
            t[2] += 1
            differing.append((k, "+" + r))
        elif r not in B:
            t[3] += 1
            differing.append((k, "-" + r))
        elif not filecmp.cmp(A[r], B[r], shallow=False):
            t[1] += 1
            differing.append((k, r))
    for k, (n, d, added, removed) in sorted(stats.items()):
        if d or added or removed:
            print(f"{k}: {d} differ, {added} added, {removed} removed, of {n}")
    if listing:
        with open(listing, "w") as f:
            for k, r in differing:
                f.write(f"{k}\t{r}\n")
    if "--pages" in argv:
        print("skill pages that differ, by what changed on them:")
        page_kinds(a, b, [r for k, r in differing if k == "skill page" and r[0] not in "+-"])


if __name__ == "__main__":
    main(sys.argv[1:])
