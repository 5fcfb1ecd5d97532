#!/usr/bin/env python3
"""Finds public types and members of src/main/java that nothing outside their package uses.

Usage: scripts/package-private.py [--apply]

Without --apply it lists them (file:line: type|member name); with --apply it removes the
`public` modifier from each, touching nothing else, so that the commit is modifiers only. A name
counts as used outside its package when any other package's file (main or test; a sub-package
is another package) or any template names it: a plain word search, so a common name keeps a
member public (false "used", never false "unused"). Never touched: interface and enum members,
anything after an annotation, nested types (public methods return them), records' constructors,
`main`, types reached by reflection (the Solr plugin's classes, picocli's commands in cli, the
view models Pebble reads: site/view, RoutingHealthView, CollisionMatrix). Run the build afterwards: javac names what
must stay public (an implementation of an interface method without @Override).
"""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
MAIN = ROOT / "src/main/java"
TEST = ROOT / "src/test/java"
TEMPLATES = ROOT / "templates"

# packages whose public API is reached by reflection or by name from outside the Java sources
KEEP_PACKAGES = {"dev.skillsite.solr.plugin", "dev.skillsite.site.view", "dev.skillsite.cli"}
# models Pebble reads outside site/view; SiteGenerator is left to the engineers editing it
KEEP_TYPES = {"Main", "RoutingHealthView", "CollisionMatrix", "SiteGenerator"}

PACKAGE = re.compile(r"^package ([\w.]+);", re.M)
TOP_TYPE = re.compile(
    r"^public ((?:abstract |final |sealed |non-sealed |static )*)"
    r"(class|interface|record|enum|@interface) (\w+)"
)
# a member of a top-level type, as google-java-format indents it (two spaces)
MEMBER = re.compile(
    r"^  public ((?:abstract |final |static |synchronized |default |sealed |non-sealed )*)"
    r"(?:<[^>]*> )?([\w.<>\[\], ?]+?) (\w+)\s*(\(|=|;)"
)
MEMBER_TYPE = re.compile(
    r"^  public ((?:abstract |final |static |sealed |non-sealed )*)"
    r"(class|interface|record|enum) (\w+)"
)
CONSTRUCTOR = re.compile(r"^  public (\w+)\s*[({]")


def java_files(root):
    return sorted(root.rglob("*.java"))


def package_of(text):
    m = PACKAGE.search(text)
    return m.group(1) if m else ""


def words(text):
    return set(re.findall(r"[A-Za-z_]\w*", text))


def main():
    apply = "--apply" in sys.argv
    sources = {}
    for f in java_files(MAIN) + java_files(TEST):
        text = f.read_text(encoding="utf-8")
        sources[f] = (package_of(text), text)
    reflective = (ROOT / "src/main/resources/dev/skillsite/solr/plugin-classes.txt").read_text(
        encoding="utf-8"
    )
    template_words = set()
    for t in TEMPLATES.rglob("*.peb"):
        template_words |= words(t.read_text(encoding="utf-8"))

    # words used per package, to ask "does any other package use this name?"
    words_by_package = {}
    for f, (pkg, text) in sources.items():
        words_by_package.setdefault(pkg, set()).update(words(text))

    def used_outside(pkg, name):
        if name in template_words:
            return True
        return any(name in w for p, w in words_by_package.items() if p != pkg)

    found = []
    for f, (pkg, text) in sources.items():
        if not str(f).startswith(str(MAIN)) or pkg in KEEP_PACKAGES:
            continue
        if f.name == "package-info.java":
            continue
        lines = text.split("\n")
        top = None
        kind = None
        for i, line in enumerate(lines):
            m = TOP_TYPE.match(line)
            if m:
                top, kind = m.group(3), m.group(2)
                reached = top in KEEP_TYPES or ("/" + top + ".class") in reflective
                if not reached and not used_outside(pkg, top):
                    found.append((f, i, "type", top))
                continue
            if top is None or kind in ("interface", "@interface", "enum"):
                continue
            prev = lines[i - 1].strip() if i > 0 else ""
            if prev.startswith("@Override") or prev.startswith("@"):
                continue
            if top in KEEP_TYPES or MEMBER_TYPE.match(line):
                continue  # nested types are named by the public methods that return them
            mc = CONSTRUCTOR.match(line)
            if mc and mc.group(1) == top:
                if kind == "record":
                    continue  # canonical or not, kept: records' constructors are their API
                if not used_outside(pkg, top):
                    found.append((f, i, "member", top + "()"))
                continue
            mm = MEMBER.match(line)
            if mm:
                name = mm.group(3)
                if name in ("main", "toString", "equals", "hashCode", "close", "run", "call"):
                    continue
                if not used_outside(pkg, name):
                    found.append((f, i, "member", name))

    # a type named in a declaration that stays public (a method's return type, a record's component)
    # is reached through it: it stays public too, and so do its members
    demoted = {(f, i) for f, i, _, _ in found}
    exposed = {}
    for f, (pkg, text) in sources.items():
        if not str(f).startswith(str(MAIN)):
            continue
        lines = text.split("\n")
        own = set()
        for i, line in enumerate(lines):
            if (f, i) in demoted:
                continue
            m = TOP_TYPE.match(line)
            if m:
                own = {m.group(3)}  # a type does not keep itself public
                header = []
                for rest in lines[i:]:
                    header.append(rest)
                    if "{" in rest:
                        break
                exposed.setdefault(pkg, set()).update(words(" ".join(header)) - own)
            elif line.startswith("  public "):
                exposed.setdefault(pkg, set()).update(words(line) - own)
    kept = {
        (f, name)
        for f, i, what, name in found
        if what == "type" and name in exposed.get(sources[f][0], set())
    }
    kept_files = {f for f, _ in kept}
    found = [
        (f, i, what, name)
        for f, i, what, name in found
        if (f, name) not in kept and not (what == "member" and f in kept_files)
    ]

    for f, i, what, name in found:
        print(f"{f.relative_to(ROOT)}:{i + 1}: {what} {name}")
    print(f"{len(found)} public declarations used only in their own package", file=sys.stderr)

    if apply:
        by_file = {}
        for f, i, _, _ in found:
            by_file.setdefault(f, []).append(i)
        for f, rows in by_file.items():
            lines = sources[f][1].split("\n")
            for i in rows:
                lines[i] = lines[i].replace("public ", "", 1)
            f.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
