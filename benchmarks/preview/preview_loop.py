"""The preview loop of issue 18, measured (a benchmark, not a test): how long after an editor saves
a lesson the open pages are told to reload.

    python3 benchmarks/preview/preview_loop.py --descent .build/release/descent --lessons lessons

Works on a copy of the lessons in a temporary folder: a cold build there (no cache) gives the
comparison, a second build warms the cache, then `descent preview --port 0` serves the copy and
this script subscribes to its event stream (/__descent/events) as a page does. Each edit is saved
as editors save (a new file renamed over the lesson); the time runs from the rename to the `reload`
event, and for the prose edit to the edited page fetched from the server with the new sentence.
Each measure is taken 5 times; best and median are printed. Standard library only.
"""
import argparse
import http.client
import json
import os
import queue
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

REPEATS = 5
TARGET_MS = 300
NO_CHANGE_SHARE_TARGET = 0.05
EXPERIMENT_LESSON = "01-gradient-descent.md"
EXPERIMENT_DATA = os.path.join("data", "01-gradient-descent", "learning-rates.json")
EXPERIMENT_RUN = '{label: "η = 0.02 (too small)", optimizer: gd, lr: 0.02}'
# What a desktop reader's browser (light, 2× screen, scripts on) shows of the experiment: the loss
# figure and the background the contour's player draws over.
EXPERIMENT_FIGURES = ["/figures/01-gradient-descent/learning-rates-1@2x.png", "/figures/01-gradient-descent/learning-rates-2.bg@2x.png"]


def save_as_editors_do(path, text):
    folder, name = os.path.split(path)
    temporary = os.path.join(folder, f".{name}.saving")
    with open(temporary, "w", encoding="utf-8") as file:
        file.write(text)
    start = time.perf_counter()
    os.replace(temporary, path)
    return start


def build(descent, work):
    start = time.perf_counter()
    subprocess.run([descent, "build", "--lessons", "lessons", "--output", "output"], cwd=work, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


class Preview:
    """`descent preview` on the copy, and one subscriber to its event stream."""

    def __init__(self, descent, work):
        self.process = subprocess.Popen([descent, "preview", "--lessons", "lessons", "--output", "output", "--port", "0"],
                                        cwd=work, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.url = None
        for line in self.process.stdout:
            if line.startswith("Serving ") and " at http://" in line:
                self.url = urllib.parse.urlsplit(line.split(" at ", 1)[1].strip())
                break
        if self.url is None:
            sys.exit("descent preview printed no URL")
        threading.Thread(target=lambda: [None for _ in self.process.stdout], daemon=True).start()
        self.events = queue.Queue()
        threading.Thread(target=self.subscribe, daemon=True).start()
        if self.next_event(60)[0] != "ready":
            sys.exit("the event stream did not begin with `ready`")

    def subscribe(self):
        connection = http.client.HTTPConnection(self.url.hostname, self.url.port)
        connection.request("GET", "/__descent/events")
        response = connection.getresponse()
        name, data = None, []
        while True:
            line = response.fp.readline()
            if not line:
                return
            line = line.decode("utf-8").rstrip("\r\n")
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].strip())
            elif line == "" and name is not None:
                self.events.put((name, json.loads("\n".join(data) or "{}"), time.perf_counter()))
                name, data = None, []

    def next_event(self, timeout=120):
        return self.events.get(timeout=timeout)

    def fetch(self, path):
        return self.fetch_bytes(path).decode("utf-8")

    def fetch_bytes(self, path):
        connection = http.client.HTTPConnection(self.url.hostname, self.url.port)
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        connection.close()
        if response.status != 200:
            sys.exit(f"GET {path} gave {response.status}")
        return body

    def stop(self):
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=30)


def progress(message):
    print(f"[preview bench] {message}", file=sys.stderr, flush=True)


def summary(label, seconds, note=""):
    milliseconds = sorted(1000 * value for value in seconds)
    print(f"{label:<58} best {milliseconds[0]:7.0f} ms   median {statistics.median(milliseconds):7.0f} ms{note}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--descent", required=True)
    parser.add_argument("--lessons", default="lessons")
    arguments = parser.parse_args()
    descent = os.path.abspath(arguments.descent)
    work = tempfile.mkdtemp(prefix="descent-preview-bench-")
    preview = None
    try:
        shutil.copytree(arguments.lessons, os.path.join(work, "lessons"))
        lessons = sorted(name for name in os.listdir(os.path.join(work, "lessons")) if name.endswith(".md"))
        progress("cold build…")
        cold = build(descent, work)
        build(descent, work)  # the cache is warm from here on
        progress("starting descent preview…")
        preview = Preview(descent, work)
        progress(f"measuring at {preview.url.geturl()}")

        prose, prose_page, no_change, experiment, experiment_figures, experiment_training = [], [], [], [], [], []
        built = {"prose": [], "no-change": [], "experiment": []}  # the build's own time, from each reload event
        first = os.path.join(work, "lessons", lessons[0])
        page = "/" + lessons[0][:-3] + ".html"
        for round_number in range(REPEATS):
            with open(first, encoding="utf-8") as file:
                text = file.read()
            sentence = f"A sentence added by the preview benchmark, round {round_number}."
            start = save_as_editors_do(first, text + f"\n{sentence}\n")
            name, data, arrived = preview.next_event()
            if name != "reload":
                sys.exit(f"a prose edit gave `{name}`: {data}")
            prose.append(arrived - start)
            built["prose"].append(data["seconds"])
            if sentence not in preview.fetch(page):
                sys.exit(f"{page} does not show the edit after the reload")
            prose_page.append(time.perf_counter() - start)

        progress("prose edits measured; no-change saves…")
        for _ in range(REPEATS):
            with open(first, encoding="utf-8") as file:
                text = file.read()
            start = save_as_editors_do(first, text)
            name, data, arrived = preview.next_event()
            if name != "reload":
                sys.exit(f"a no-change save gave `{name}`: {data}")
            no_change.append(arrived - start)
            built["no-change"].append(data["seconds"])

        progress("changed experiments…")
        path = os.path.join(work, "lessons", EXPERIMENT_LESSON)
        previous_figures = [preview.fetch_bytes(figure) for figure in EXPERIMENT_FIGURES]
        for round_number in range(REPEATS):
            with open(path, encoding="utf-8") as file:
                text = file.read()
            if EXPERIMENT_RUN not in text and round_number == 0:
                sys.exit(f"{EXPERIMENT_LESSON} no longer has the run {EXPERIMENT_RUN}; update benchmarks/preview/preview_loop.py")
            rate = f"0.02{round_number + 1}"
            start = save_as_editors_do(path, text.replace("lr: 0.02}" if round_number == 0 else f"lr: 0.02{round_number}}}",
                                                          f"lr: {rate}}}", 1))
            name, data, arrived = preview.next_event()
            if name != "reload":
                sys.exit(f"a changed experiment gave `{name}`: {data}")
            experiment.append(arrived - start)
            built["experiment"].append(data["seconds"])
            # The page reloads and asks for its figures; the server answers once each is drawn.
            drawn = [preview.fetch_bytes(figure) for figure in EXPERIMENT_FIGURES]
            experiment_figures.append(time.perf_counter() - start)
            if drawn[0] == previous_figures[0]:  # the background has no runs on it, so it may well be the same
                sys.exit(f"{EXPERIMENT_FIGURES[0]} came back unchanged")
            previous_figures = drawn
            # From the server: the pages reload as soon as the site is computed, while the
            # output folder is still being written.
            runs = json.loads(preview.fetch("/" + EXPERIMENT_DATA.replace(os.sep, "/")))["runs"]
            # The edited run's recorded training time (the other runs come from the cache).
            edited = [run["seconds"] for run in runs if str(run["lr"]) == rate]
            if len(edited) != 1:
                sys.exit(f"{EXPERIMENT_DATA} has no run with lr {rate} after the edit")
            experiment_training.append(edited[0])
            # The next save waits for this build to be written out, as an author's next save would.
            written = os.path.join(work, "output", EXPERIMENT_DATA)
            deadline = time.perf_counter() + 60
            while f'"lr": {rate},' not in open(written, encoding="utf-8").read():
                if time.perf_counter() > deadline:
                    sys.exit(f"{written} never showed lr {rate}")
                time.sleep(0.01)

        status = preview.stop()
        print(f"descent preview on a copy of {arguments.lessons} ({len(lessons)} lessons), warm cache; "
              f"time from an editor's save to the `reload` event, {REPEATS} saves each:")
        summary("(a) prose edit: save → reload event", prose, f"   (target ≤ {TARGET_MS} ms)")
        summary("    prose edit: save → edited page fetched", prose_page, f"   (target ≤ {TARGET_MS} ms)")
        summary("(b) no-change save: save → reload event", no_change, f"   (target ≤ {TARGET_MS} ms)")
        summary("(c) changed experiment: save → reload event", experiment)
        summary("    changed experiment: save → the reader's figures fetched", experiment_figures)
        summary("    the edited run's training time (results file)", experiment_training)
        summary("    reload event minus that training time", [a - b for a, b in zip(experiment, experiment_training)],
                f"   (target ≤ {TARGET_MS} ms)")
        summary("    figures fetched minus that training time", [a - b for a, b in zip(experiment_figures, experiment_training)],
                f"   (target ≤ {TARGET_MS} ms)")
        for kind, seconds in built.items():
            summary(f"    the server's build time ({kind}, reload event)", seconds)
        median_no_change = statistics.median(no_change)
        print(f"{'cold build (no cache, descent build)':<58} {1000 * cold:12.0f} ms")
        print(f"{'no-change save (median) as a share of the cold build':<58} {100 * median_no_change / cold:12.1f} %"
              f"      (target ≤ {100 * NO_CHANGE_SHARE_TARGET:.0f} %)")
        if status != 0:
            sys.exit(f"descent preview exited with {status} on SIGINT")
    finally:
        if preview is not None and preview.process.poll() is None:
            preview.process.kill()
            preview.process.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
