#!/usr/bin/env python3
"""Derives the polynomial coefficients in Kernels.c (needs mpmath: `pip install mpmath`).

Each polynomial (Q and P, both of degree 9) is mpmath's Chebyshev fit on the kernel's
reduced range, worked at 50 digits and rounded to doubles. The printed error bound is the
fit's own; Kernels.c quotes it relative to the function's value at the end of the range,
where it is largest.

    python3 Sources/TrainingKernels/fit_polynomials.py
"""
import mpmath as mp

mp.mp.dps = 50
HALF_LN2 = mp.log(2) / 2


def exp_tail(r):
    """R(r) with e^r − 1 = r + r²·(½ + r·R(r)): Q(0) = ½ stays exact."""
    if abs(r) < mp.mpf("1e-12"):
        return mp.mpf(1) / 6 + r / 24 + r * r / 120
    return ((mp.expm1(r) - r) / r**2 - mp.mpf(1) / 2) / r


def atanh_tail(w):
    """P(w) with atanh(s) = s + s·w·P(w), w = s²."""
    if w < mp.mpf("1e-30"):
        return mp.mpf(1) / 3 + w / 5
    s = mp.sqrt(w)
    return (mp.atanh(s) / s - 1) / w


def show(name, coefficients, error):
    print(f"{name}: fit error {mp.nstr(error, 3)}")
    for c in coefficients:
        print(f"    {float(c)!r}")


# expm1_reduced: |r| ≤ ½ ln 2. Relative to e^r, the error is r³·ε/e^r at the range's end.
coefficients, error = mp.chebyfit(exp_tail, [-HALF_LN2, HALF_LN2], 9, error=True)
show("expm1_reduced, Q = ½ then", reversed(coefficients), error)
print(f"    relative error of e^r below {mp.nstr(error * HALF_LN2**3 / mp.exp(-HALF_LN2), 3)}")

# atanh_series (log1p_unit, log4): s = f/(2 + f) in [−⅓, ⅓] for f in [−½, 1], so w in [0, 1/9].
coefficients, error = mp.chebyfit(atanh_tail, [0, mp.mpf(1) / 9], 10, error=True)
show("atanh_series, P", reversed(coefficients), error)
print(f"    relative error of ln(1 + x) below {mp.nstr(error / 9, 3)}")
