#!/usr/bin/env bash
# The build times of DESIGN.md §7 for a lessons folder (default lessons/): a cold build (no
# cache, every experiment trained), a rebuild with no change, and a rebuild after a prose-only
# edit. Works on a copy; the real output/ and cache are not touched. Each time is the best of three.
set -euo pipefail
lessons="${1:-lessons}"
descent="${DESCENT:-$(swift build -c release --show-bin-path)/descent}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$lessons" "$work/lessons"

best() {  # best of three wall-clock times of a command, in seconds
  local best=999999
  for _ in 1 2 3; do
    "$@" >/dev/null 2>&1 || true
    local start end
    start=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s.%N)
    best=$(python3 -c "print(min($best, $end - $start))")
  done
  echo "$best"
}

cold() { rm -rf "$work/.descent-cache" "$work/output"; "$descent" build --lessons "$work/lessons" --output "$work/output"; }
# `best` runs each command twice per round; for the cold build the first run must not warm the
# second, so it clears the cache itself.
cold_time=$(best cold)
"$descent" build --lessons "$work/lessons" --output "$work/output" >/dev/null 2>&1
same_time=$(best "$descent" build --lessons "$work/lessons" --output "$work/output")
first=$(ls "$work/lessons"/*.md | head -1)
edit() { printf '\nA sentence added at %s.\n' "$RANDOM" >> "$first"; "$descent" build --lessons "$work/lessons" --output "$work/output"; }
edit_time=$(best edit)

printf '%-62s %9.2f s   (target ≤ 15 s)\n' "cold build of $lessons ($(ls "$work/lessons"/*.md | wc -l) lessons)" "$cold_time"
printf '%-62s %9.3f s   (target ≤ 0.5 s)\n' "rebuild with no change" "$same_time"
printf '%-62s %9.3f s   (target ≤ 1 s)\n' "rebuild after a prose-only edit" "$edit_time"
