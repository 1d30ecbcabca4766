"""Builds the course and a one-heading scratch course with the given `descent`, then runs the
browser tests (Tests/browser/test_*.py) against them in headless Chromium.

    python Tests/browser/run.py --descent .build/release/descent --lessons lessons

The course is built into .build-browser/course (kept between runs, so a rebuild reuses the
lessons' cache and rewrites only what changed) and the scratch course, which `descent new`
writes, into .build-browser/scratch. The tests open the pages from file://.
"""
import argparse
import os
import shutil
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.path.join(os.path.dirname(os.path.dirname(HERE)), ".build-browser")


def build(descent, lessons, output):
    result = subprocess.run([descent, "build", "--lessons", lessons, "--output", output],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        sys.exit(f"descent build --lessons {lessons} failed:\n{result.stdout}")


def scratch_course(descent):
    """A course of one lesson, the one `descent new` writes: it has a single heading."""
    lessons = os.path.join(WORK, "scratch", "lessons")
    shutil.rmtree(os.path.join(WORK, "scratch"), ignore_errors=True)
    os.makedirs(lessons)
    subprocess.run([descent, "new", "One heading", "--lessons", lessons], check=True,
                   stdout=subprocess.DEVNULL)
    output = os.path.join(WORK, "scratch", "output")
    build(descent, lessons, output)
    return output


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--descent", required=True)
    parser.add_argument("--lessons", default="lessons")
    parser.add_argument("--pattern", default="test_*.py")
    arguments = parser.parse_args()
    descent = os.path.abspath(arguments.descent)
    course = os.path.join(WORK, "course")
    build(descent, os.path.abspath(arguments.lessons), course)
    os.environ["DESCENT_BROWSER_COURSE"] = course
    os.environ["DESCENT_BROWSER_SCRATCH"] = scratch_course(descent)
    suite = unittest.defaultTestLoader.discover(HERE, pattern=arguments.pattern, top_level_dir=HERE)
    outcome = unittest.TextTestRunner(verbosity=2).run(suite)
    sys.exit(0 if outcome.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
