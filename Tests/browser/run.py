"""Builds the course and a one-heading scratch course with the given `descent`, then runs the
browser tests (Tests/browser/test_*.py) against them in headless Chromium.

    python Tests/browser/run.py --descent .build/release/descent --lessons lessons

The course is built into .build-browser/course (kept between runs, so a rebuild reuses the
lessons' cache and rewrites only what changed) and the scratch course, which `descent new`
writes, into .build-browser/scratch, and the fixture lessons of the figure players
(Tests/browser/fixtures/explore: explore figures over one and two keys, a plain contour) into
.build-browser/explore. test_preview starts `descent preview` itself on a copy of
Tests/browser/fixtures/preview in a temporary folder. A course without a `lang: zh` lesson gets a scratch
Chinese course too, from `descent new --lang zh`, in .build-browser/zh. The tests open the pages from file://.
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


def chinese_lesson(descent, folder):
    """The lesson `descent new --lang zh` writes, with a second heading, a contour and a table."""
    subprocess.run([descent, "new", "梯度下降", "--lang", "zh", "--lessons", folder], check=True,
                   stdout=subprocess.DEVNULL)
    (path,) = [os.path.join(folder, name) for name in os.listdir(folder) if name.endswith(".md")]
    with open(path, encoding="utf-8") as file:
        text = file.read()
    additions = {"## 第一个实验": "## 更新规则\n\n每一步沿负梯度方向走一小步。\n\n## 第一个实验",
                 "每轮的损失。\"}\n": "每轮的损失。\"}\n  - {kind: contour, caption: 参数的路径。}\n  - {kind: table, caption: 结果。}\n"}
    for anchor, replacement in additions.items():
        if anchor not in text:
            sys.exit(f"descent new --lang zh no longer writes `{anchor}`; update Tests/browser/run.py")
        text = text.replace(anchor, replacement, 1)
    with open(path, "w", encoding="utf-8") as file:
        file.write(text)


def has_chinese_lesson(lessons):
    """Whether a lesson of `lessons` says `lang: zh` in its front matter."""
    for name in sorted(os.listdir(lessons)):
        if name.endswith(".md") and not name.startswith(("_", ".")):
            with open(os.path.join(lessons, name), encoding="utf-8") as file:
                front = file.read().split("\n---", 1)[0]
            if any(line.strip() in ("lang: zh", "lang: zh-Hans", "lang: zh-CN") for line in front.splitlines()):
                return True
    return False


def chinese_course(descent, lessons, course):
    """The course itself when it has a Chinese lesson; else a scratch course of one tiny one."""
    if has_chinese_lesson(lessons):
        return course
    folder = os.path.join(WORK, "zh", "lessons")
    shutil.rmtree(os.path.join(WORK, "zh"), ignore_errors=True)
    os.makedirs(folder)
    chinese_lesson(descent, folder)
    output = os.path.join(WORK, "zh", "output")
    build(descent, folder, output)
    return output


def explore_course(descent):
    """The fixture lessons with explore figures and playback, built from scratch."""
    output = os.path.join(WORK, "explore")
    shutil.rmtree(output, ignore_errors=True)
    build(descent, os.path.join(HERE, "fixtures", "explore"), output)
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
    os.environ["DESCENT_BROWSER_DESCENT"] = descent  # test_preview starts `descent preview` itself
    os.environ["DESCENT_BROWSER_SCRATCH"] = scratch_course(descent)
    os.environ["DESCENT_BROWSER_EXPLORE"] = explore_course(descent)
    os.environ["DESCENT_BROWSER_ZH"] = chinese_course(descent, os.path.abspath(arguments.lessons), course)
    suite = unittest.defaultTestLoader.discover(HERE, pattern=arguments.pattern, top_level_dir=HERE)
    outcome = unittest.TextTestRunner(verbosity=2).run(suite)
    sys.exit(0 if outcome.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
