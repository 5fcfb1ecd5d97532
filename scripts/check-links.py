#!/usr/bin/env python3
"""Checks that every relative link in the user documentation resolves.

Usage: scripts/check-links.py [FILE.md ...]

Without arguments it reads README.md, BENCHMARKS.md and docs/*.md (not the lab notes in
docs/notes/). For each Markdown link or image `[text](target)` whose target is not a URL
(http:, https:, mailto:), the file must exist relative to the linking file, and a `#anchor`
must name a heading of the target file, slugged as GitHub slugs headings (lower case, every
character that is not a letter, digit, space, hyphen or underscore dropped, spaces to hyphens,
`-1`, `-2` … for repeats). Links inside code spans and fenced code are not links. Prints
`file:line:col: error: …` per broken link and exits 1 when there is one, 0 otherwise.
"""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
FENCE = re.compile(r"^\s*(```|~~~)")
CODE_SPAN = re.compile(r"(`+)(.+?)\1")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
EXTERNAL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def slug(heading):
    text = re.sub(r"`([^`]*)`", r"\1", heading)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = text.strip().lower()
    text = "".join(c for c in text if c.isalnum() or c in " -_")
    return text.replace(" ", "-")


def lines_outside_fences(path):
    inside = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if FENCE.match(line):
            inside = not inside
            continue
        if not inside:
            yield number, line


def anchors(path, cache={}):
    if path not in cache:
        seen = {}
        found = set()
        for _, line in lines_outside_fences(path):
            match = HEADING.match(line)
            if match:
                base = slug(match.group(2))
                count = seen.get(base, 0)
                seen[base] = count + 1
                found.add(base if count == 0 else f"{base}-{count}")
        found.update(re.findall(r'<a (?:name|id)="([^"]+)"', path.read_text(encoding="utf-8")))
        cache[path] = found
    return cache[path]


def check(path):
    errors = []
    for number, line in lines_outside_fences(path):
        visible = CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
        for match in LINK.finditer(visible):
            target = match.group(1)
            if EXTERNAL.match(target):
                continue
            file_part, _, anchor = target.partition("#")
            linked = (path.parent / file_part).resolve() if file_part else path
            where = f"{path.relative_to(ROOT)}:{number}:{match.start() + 1}"
            if not linked.exists():
                errors.append(f"{where}: error: no file {file_part} (link {target})")
            elif anchor and linked.suffix == ".md" and anchor not in anchors(linked):
                errors.append(
                    f"{where}: error: no heading #{anchor} in {linked.relative_to(ROOT)}"
                    f" (hint: headings there: {', '.join(sorted(anchors(linked)))[:300]})")
    return errors


def main(arguments):
    if arguments:
        files = [pathlib.Path(a).resolve() for a in arguments]
    else:
        files = [ROOT / "README.md", ROOT / "BENCHMARKS.md", *sorted((ROOT / "docs").glob("*.md"))]
    errors = [error for path in files for error in check(path)]
    for error in errors:
        print(error)
    print(f"{len(errors)} broken links in {len(files)} files", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
