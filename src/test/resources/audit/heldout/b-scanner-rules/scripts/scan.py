import re, sys, pathlib, yaml
rules = yaml.safe_load(open(pathlib.Path(__file__).parent.parent / "rules" / "patterns.yaml"))
for f in pathlib.Path(sys.argv[1]).rglob("*"):
    if not f.is_file():
        continue
    for n, line in enumerate(f.read_text(errors="ignore").splitlines(), 1):
        for r in rules:
            if re.search(r["pattern"], line):
                print(f"{f}:{n}: {r['id']}: {line.strip()[:120]}")
