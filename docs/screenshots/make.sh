#!/bin/sh
# Regenerates the screenshots in this folder from the demo collection (content/), at 1280 and 390 px:
# home, a skill page, search firing and abstaining, routing health and the 404 at depth, each in the light
# scheme. Needs target/skillsite.jar (mvn -B -q -DskipTests package), /usr/bin/chromium and, optionally,
# ImageMagick's convert to shrink them (a 64-colour palette). Run from the repository root:
#   sh docs/screenshots/make.sh [extra-health-site-dir]
# With a site folder as argument (e.g. a build of ../shared/corpora/large), its health page is taken too
# (health-matrix-1280.png: the collision matrix, which the demo, having no collisions, does not show).
set -eu
out=docs/screenshots
port=${PORT:-18931}
site=$(mktemp -d)
./skillsite serve --out "$site/demo" --port "$port" >"$site/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$site"' EXIT
i=0
until grep -q "serving" "$site/serve.log"; do
  i=$((i + 1)); [ $i -lt 240 ] || { cat "$site/serve.log"; exit 1; }; sleep 0.5
done
base="http://127.0.0.1:$port"
shot() { # name url width height
  chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --force-prefers-color-scheme=light \
    --window-size="$3,$4" --virtual-time-budget=4000 --screenshot="$out/$1.png" "$2" >/dev/null 2>&1
  if command -v convert >/dev/null; then convert "$out/$1.png" -strip +dither -colors 64 "PNG8:$out/$1.png"; fi
}
for w in 1280 390; do
  h=$([ $w = 1280 ] && echo 900 || echo 844)
  shot "home-$w" "$base/index.html" $w $h
  shot "skill-$w" "$base/skills/otp-thinking/index.html" $w $h
  shot "search-fires-$w" "$base/search/index.html?q=add+a+background+job" $w $h
  shot "search-abstains-$w" "$base/search/index.html?q=add+a+Sidekiq+worker+that+retries+failed+jobs" $w $h
  shot "health-$w" "$base/health/index.html" $w $h
  shot "404-$w" "$base/skills/otp-thinkin/" $w $h
done
if [ $# -gt 0 ]; then
  shot "health-matrix-1280" "file://$(cd "$1" && pwd)/health/index.html" 1280 1000
fi
ls -l $out/*.png
