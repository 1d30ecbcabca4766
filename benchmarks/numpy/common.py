"""Timing helpers shared by the NumPy and Matplotlib sides of `make bench`."""
import time


def best_of(body, repetitions=5):
    """The shortest of `repetitions` wall-clock times of `body()`, in seconds."""
    best = float("inf")
    for _ in range(repetitions):
        start = time.perf_counter()
        body()
        best = min(best, time.perf_counter() - start)
    return best


def report(name, value, unit):
    print(f"{name:<62} {value:9.2f} {unit}")
