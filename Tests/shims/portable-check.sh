#!/bin/sh
# portable-check: build the course twice with fresh training, once as is and once with libm's
# results shifted by one ulp (ulp_shift.so, LD_PRELOAD), and compare data/ byte for byte,
# "seconds" (wall-clock timings, as `descent check` keeps) excepted, and the manifest's
# "results" (each result's numbers hash) and "figures" (each figure value's hash) entry by entry.
# Usage: portable-check.sh DESCENT LESSONS SHIM SCRATCH
set -eu
descent=$1 lessons=$2 shim=$3 scratch=$4
rm -rf "$scratch" && mkdir -p "$scratch"
# The shim must really move libm's results, or the comparison proves nothing.
plain=$(python3 -c 'import math; print(math.exp(0.3).hex(), math.sin(0.3).hex())')
shifted=$(LD_PRELOAD=$shim python3 -c 'import math; print(math.exp(0.3).hex(), math.sin(0.3).hex())')
if [ "$plain" = "$shifted" ]; then echo "portable-check: the shim changes nothing ($plain)" >&2; exit 1; fi
echo "libm with the shim: $shifted (without: $plain)"
# A copy of the lessons, so that the builds' cache (.descent-cache beside them) stays in scratch.
cp -R "$lessons" "$scratch/lessons"
# A build whose `expect:` claims fail still writes data/: compare it, and report the failure after.
failed=""
"$descent" build --fresh --lessons "$scratch/lessons" --output "$scratch/plain" > "$scratch/plain.log" 2>&1 || failed="$failed plain"
# The shifted build starts from the plain one's output, so that it keeps its recorded times as
# `descent check` keeps the committed ones: a figure of seconds per epoch then has one value.
rm -rf "$scratch/shifted" && cp -R "$scratch/plain" "$scratch/shifted"
LD_PRELOAD=$shim "$descent" build --fresh --lessons "$scratch/lessons" --output "$scratch/shifted" > "$scratch/shifted.log" 2>&1 || failed="$failed shifted"
normalise() { sed -E 's/"seconds": ?[-0-9.eE+]+/"seconds": 0/g' "$1"; }
differences=0 files=0
for file in $(cd "$scratch/plain/data" && find . -type f | sort); do
    files=$((files + 1))
    if [ ! -f "$scratch/shifted/data/$file" ]; then echo "missing with the shim: data/$file"; differences=$((differences + 1)); continue; fi
    normalise "$scratch/plain/data/$file" > "$scratch/plain.normal"
    normalise "$scratch/shifted/data/$file" > "$scratch/shifted.normal"
    if ! cmp -s "$scratch/plain.normal" "$scratch/shifted.normal"; then
        echo "differs with the shim: data/$file"; differences=$((differences + 1))
    fi
done
extra=$(cd "$scratch/shifted/data" && find . -type f | sort | while read -r f; do [ -f "$scratch/plain/data/$f" ] || echo "$f"; done)
if [ -n "$extra" ]; then echo "only with the shim: $extra"; differences=$((differences + 1)); fi
# The manifests' results and figures sections: the same keys, the same hashes.
manifest_differences=$(python3 - "$scratch/plain/.descent-manifest.json" "$scratch/shifted/.descent-manifest.json" <<'PYTHON'
import json, sys
plain, shifted = (json.load(open(path)) for path in sys.argv[1:3])
differing = 0
for section in ("results", "figures"):
    a, b = plain.get(section, {}), shifted.get(section, {})
    changed = sorted(key for key in a.keys() | b.keys() if a.get(key) != b.get(key))
    for key in changed[:20]:
        print(f"manifest {section} differs with the shim: {key}", file=sys.stderr)
    same = len(a.keys() | b.keys()) - len(changed)
    print(f"manifest {section}: {same} of {len(a.keys() | b.keys())} entries identical", file=sys.stderr)
    if not a: print(f"manifest {section}: empty", file=sys.stderr); changed.append("")
    differing += len(changed)
print(differing)
PYTHON
) || manifest_differences=1
differences=$((differences + manifest_differences))
for build in $failed; do echo "portable-check: the $build build failed:"; grep -v ': trained in ' "$scratch/$build.log" | tail -20; done
if [ "$differences" -ne 0 ]; then echo "portable-check: $differences differences (of $files data files and the manifest's results and figures) when libm rounds differently"; exit 1; fi
echo "portable-check: all $files data files (timings aside) and the manifest's results and figures identical with libm shifted by one ulp"
[ -z "$failed" ]
