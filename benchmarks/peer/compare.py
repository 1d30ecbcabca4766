"""Descent against the notebook a course author would otherwise write (DESIGN.md §7, issue 19).

Builds benchmarks/peer/lessons/ with `descent build --fresh` into a scratch folder (cache and
output cleared first, so every build is cold) and executes benchmarks/peer/peer.ipynb, which does
the same work in NumPy + Matplotlib, with `jupyter nbconvert --to notebook --execute`. The two
alternate, round after round, and each side's best of the rounds is compared. Every run is timed
by /usr/bin/time: wall time, CPU time (fairer when other work shares the cores; a parallel
build spends more CPU than wall time) and peak resident memory (for nbconvert, the largest of
its process and the kernel it waits for, not their sum). A third build of the lesson without its contour figure
shows what everything but the contour costs.

    python3 benchmarks/peer/compare.py [--descent PATH] [--python PATH] [--rounds 3]

--python is an interpreter with numpy, matplotlib, nbconvert and ipykernel (`make peer-deps`
makes one in .build-peer/venv); by default the one running this script.
"""
import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TIME = "/usr/bin/time"
LESSON = "01-twenty-thousand-points"


def timed(command, cwd, log):
    """Runs `command` under /usr/bin/time; returns (wall seconds, CPU seconds (user + system, its
    children included), peak resident KB, its stderr)."""
    stats = log.with_suffix(".time")
    with open(log, "w") as errors:
        # In a session of its own, so that an interrupted benchmark stops the whole tree
        # (nbconvert's kernel included), not only /usr/bin/time.
        process = subprocess.Popen([TIME, "-f", "%e %U %S %M", "-o", str(stats), *command], cwd=cwd,
                                   stdout=subprocess.DEVNULL, stderr=errors, start_new_session=True)
        try:
            status = process.wait()
        except BaseException:
            os.killpg(process.pid, signal.SIGTERM)
            raise
    text = log.read_text(errors="replace")
    if status != 0:
        sys.exit(f"{' '.join(command)} failed with status {status}:\n{text[-3000:]}")
    wall, user, system, peak = stats.read_text().split()[-4:]
    return float(wall), float(user) + float(system), int(peak), text


def descent_build(descent, folder):
    """A cold build of folder/lessons into folder/output: no cache, no earlier output."""
    for stale in (".descent-cache", "output"):
        shutil.rmtree(folder / stale, ignore_errors=True)
    wall, cpu, peak, log = timed([descent, "build", "--fresh", "--lessons", "lessons", "--output", "output"],
                                 folder, folder / "build.log")
    trained = {name: float(seconds) for name, seconds in re.findall(r"#([\w-]+): trained in ([\d.]+) s", log)}
    results = json.loads((folder / "output/data" / LESSON / "sizes.json").read_text())
    training = sum(run["seconds"] for run in results["runs"])
    # The `sizes` experiment's time is its five runs' training plus its contour's loss grid.
    grid = trained["sizes"] - training if "sizes" in trained else None
    return {"wall": wall, "cpu": cpu, "peak": peak, "grid": grid}


def notebook_run(python, folder):
    shutil.rmtree(folder / "figures", ignore_errors=True)
    wall, cpu, peak, _ = timed([python, "-m", "nbconvert", "--to", "notebook", "--execute", "peer.ipynb",
                                "--output", "executed.ipynb"], folder, folder / "nbconvert.log")
    printed = "".join("".join(output.get("text", ""))
                      for cell in json.loads((folder / "executed.ipynb").read_text())["cells"]
                      for output in cell.get("outputs", []) if output.get("name") == "stdout")
    figures = len(list((folder / "figures").glob("*.png")))
    if figures != 4:
        sys.exit(f"the notebook saved {figures} figures instead of 4:\n{printed}")

    def number(pattern):
        match = re.search(pattern, printed)
        return float(match.group(1)) if match else None

    return {"wall": wall, "cpu": cpu, "peak": peak, "grid": number(r"loss grid: .* in ([\d.]+) s")}


def without_contour(source, target):
    """A copy of the lesson folder whose `sizes` experiment draws no contour figure."""
    shutil.copytree(source, target)
    lesson = target / f"{LESSON}.md"
    lines = lesson.read_text().splitlines(keepends=True)
    kept = [line for line in lines if "kind: contour" not in line]
    if len(lines) - len(kept) != 1:
        sys.exit(f"{lesson}: expected one contour figure, found {len(lines) - len(kept)}")
    # References to the contour figure would be errors once it is gone: drop those sentences' links.
    lesson.write_text(re.sub(r"@fig-sizes-2", "the contour figure", "".join(kept)))


def best(runs, key):
    values = [run[key] for run in runs if run[key] is not None]
    return min(values) if values else None


def span(runs, key, scale=1.0, digits=2):
    values = [run[key] * scale for run in runs if run[key] is not None]
    if not values:
        return "not measured"
    return f"{min(values):.{digits}f}–{max(values):.{digits}f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--descent", help="the release descent executable (default: swift build -c release --show-bin-path)/descent")
    parser.add_argument("--python", default=sys.executable, help="a Python with numpy, matplotlib, nbconvert and ipykernel")
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    # A terminated benchmark unwinds as an interrupted one does: its runs stopped, its scratch folder deleted.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if not Path(TIME).exists():
        sys.exit(f"{TIME} is missing: install Debian's `time` package (apt-get install time).")
    descent = str(Path(arguments.descent).resolve()) if arguments.descent else str(Path(subprocess.run(
        ["swift", "build", "-c", "release", "--show-bin-path"], cwd=HERE.parent.parent,
        capture_output=True, text=True, check=True).stdout.strip()) / "descent")

    with tempfile.TemporaryDirectory(prefix="descent-peer-") as scratch:
        scratch = Path(scratch)
        (scratch / "lesson").mkdir()
        shutil.copytree(HERE / "lessons", scratch / "lesson/lessons")
        (scratch / "partial").mkdir()
        without_contour(HERE / "lessons", scratch / "partial/lessons")
        (scratch / "notebook").mkdir()
        shutil.copy(HERE / "peer.ipynb", scratch / "notebook/peer.ipynb")

        lesson_runs, partial_runs, notebook_runs = [], [], []
        for round_number in range(1, arguments.rounds + 1):
            lesson_runs.append(descent_build(descent, scratch / "lesson"))
            notebook_runs.append(notebook_run(arguments.python, scratch / "notebook"))
            partial_runs.append(descent_build(descent, scratch / "partial"))
            print(f"round {round_number}: descent {lesson_runs[-1]['wall']:.2f} s, "
                  f"notebook {notebook_runs[-1]['wall']:.2f} s, "
                  f"descent without the contour {partial_runs[-1]['wall']:.2f} s", flush=True)

    lesson, notebook = best(lesson_runs, "wall"), best(notebook_runs, "wall")
    rows = [
        ("descent build --fresh of the lesson (cold)", f"{lesson:8.2f} s", span(lesson_runs, "wall")),
        ("  its loss grid (`sizes` experiment minus its runs' training)",
         f"{best(lesson_runs, 'grid'):8.3f} s" if best(lesson_runs, "grid") is not None else "not measured",
         span(lesson_runs, "grid", digits=3)),
        ("  the same lesson without its contour figure", f"{best(partial_runs, 'wall'):8.2f} s", span(partial_runs, "wall")),
        ("jupyter nbconvert --execute of the notebook", f"{notebook:8.2f} s", span(notebook_runs, "wall")),
        ("  its loss grid cell", f"{best(notebook_runs, 'grid'):8.3f} s" if best(notebook_runs, "grid") is not None else "not measured",
         span(notebook_runs, "grid", digits=3)),
        ("notebook ÷ descent (best of each)", f"{notebook / lesson:8.1f} ×", "goal: at least 40 ×"),
        ("  in CPU time (user + system): notebook ÷ descent",
         f"{best(notebook_runs, 'cpu') / best(lesson_runs, 'cpu'):8.1f} ×",
         f"{best(notebook_runs, 'cpu'):.2f} s ÷ {best(lesson_runs, 'cpu'):.2f} s"),
        ("  loss grid: notebook ÷ descent",
         f"{best(notebook_runs, 'grid') / best(lesson_runs, 'grid'):8.1f} ×"
         if best(notebook_runs, "grid") and best(lesson_runs, "grid") else "not measured", ""),
        ("peak resident memory, descent build (largest)", f"{max(run['peak'] for run in lesson_runs) / 1024:8.0f} MB",
         span(lesson_runs, "peak", 1 / 1024, 0) + " MB (limit 200 MB)"),
        ("peak resident memory, nbconvert (largest; its largest process)",
         f"{max(run['peak'] for run in notebook_runs) / 1024:8.0f} MB",
         span(notebook_runs, "peak", 1 / 1024, 0) + " MB"),
    ]
    print(f"\nbest of {arguments.rounds} rounds, alternating (range over the rounds after it):")
    for name, value, note in rows:
        print(f"{name:<66} {value:>12}   {note}")


if __name__ == "__main__":
    main()
