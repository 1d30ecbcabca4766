// Batch kernels for the training loop (see include/TrainingKernels.h).
//
// Why C: the loss and gradient of a batch is the whole cost of training, and it only reaches
// a few nanoseconds per sample when several samples share every instruction and
// multiply-adds are fused. Swift has no per-function target features for a runtime choice
// between AVX2 and plain x86-64, and its SIMD types were scalarised here in places. Clang's
// vector extensions and `target` attribute give both, with the same code compiled twice.
//
// Determinism: contraction is off, so the compiler never fuses on its own; every fused
// multiply-add is written out. On a CPU without FMA the generic copy calls libm's `fma`,
// which rounds exactly like the instruction, so both copies give the same bits.
//
// Numerics: exp and expm1 by Cody–Waite reduction as in Sources/Numerics/Elementary.swift
// (the scalar reference, tested against libm), log and log1p by 2·atanh(f/(2 + f)), both with
// polynomials fitted to the reduced range instead of Taylor series: fewer terms and shorter
// chains of dependent operations, which is what bounds a group's time.
// `fit_polynomials.py` beside this file derives them.
#include "TrainingKernels.h"

#include <cpuid.h>
#include <stdint.h>

#pragma clang fp contract(off)
// Lanes pass between always-inlined functions only, so the AVX calling convention never applies.
#pragma clang diagnostic ignored "-Wpsabi"

#define INLINE static inline __attribute__((always_inline))

/// Samples per group: two AVX2 registers, so that two independent chains of the same
/// operations overlap. Measured on the logistic benchmark: 4 lanes 8–9.5 ns per sample,
/// 8 lanes 5–7 ns, 16 lanes 15–16 ns (registers spill).
#define LANE_COUNT 8

/// One sample per lane; 8-byte alignment so that workspace needs no more.
typedef double lanes __attribute__((ext_vector_type(LANE_COUNT), aligned(8)));
typedef uint64_t lane_bits __attribute__((ext_vector_type(LANE_COUNT), aligned(8)));
typedef int64_t lane_ints __attribute__((ext_vector_type(LANE_COUNT), aligned(8)));

INLINE lanes splat(double value) { return (lanes)value; }
INLINE lane_ints splat_int(int64_t value) { return (lane_ints)value; }
INLINE lanes fma4(lanes a, lanes b, lanes c) { return __builtin_elementwise_fma(a, b, c); }
/// `when` lanes (all bits set) take `yes`, the others `no`.
INLINE lanes choose(lane_ints when, lanes yes, lanes no) {
    return (lanes)(((lane_bits)when & (lane_bits)yes) | (~(lane_bits)when & (lane_bits)no));
}
/// The sum of the lanes, pairwise.
INLINE double lane_sum(lanes v) {
    double sum = 0;
    for (int width = LANE_COUNT / 2; width >= 1; width /= 2) {
        for (int lane = 0; lane < width; lane++) v[lane] = v[lane] + v[lane + width];
        if (width == 1) sum = v[0];
    }
    return sum;
}
INLINE lanes magnitude(lanes v) { return (lanes)((lane_bits)v & 0x7fffffffffffffffULL); }

#define LN2_HIGH 6.93147180369123816490e-01  /* ln 2, low 32 bits cleared */
#define LN2_LOW 1.90821492927058770002e-10   /* ln 2 − LN2_HIGH */
#define LOG2E 1.44269504088896338700
/* 1.5 · 2⁵²: x + SHIFT holds round(x) in its low mantissa bits for |x| < 2⁵¹. */
#define SHIFT 6755399441055744.0

/// k = round(x / ln 2) as a double and as an integer, and r = x − k·ln 2.
INLINE lanes reduce(lanes x, lanes *k, lane_ints *k_int) {
    lanes shifted = fma4(x, splat(LOG2E), splat(SHIFT));
    *k = shifted - SHIFT;
    *k_int = (lane_ints)((lane_bits)shifted - (lane_bits)splat(SHIFT));
    return fma4(*k, splat(-LN2_LOW), fma4(*k, splat(-LN2_HIGH), x));
}

/// 2^k for integral k from −1022 to 1023.
INLINE lanes power_of_two(lane_ints k) { return (lanes)((lane_bits)(k + 1023) << 52); }

/// e^r − 1 for |r| ≤ ½ ln 2: r + r²·Q(r), with Q of degree 9 fitted to (e^r − 1 − r)/r²
/// (Chebyshev fit, Q(0) = ½ exactly); relative error below 4·10⁻¹⁷.
INLINE lanes expm1_reduced(lanes r) {
    lanes r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
    lanes q0 = fma4(r, splat(0.16666666666666666), splat(0.5));
    lanes q1 = fma4(r, splat(0.008333333333332157), splat(0.041666666666651364));
    lanes q2 = fma4(r, splat(0.0001984126985433077), splat(0.0013888888905871347));
    lanes q3 = fma4(r, splat(2.7557280082684685e-06), splat(2.4801536409064087e-05));
    lanes q4 = fma4(r, splat(2.509554598170022e-08), splat(2.761379555451986e-07));
    lanes p = fma4(r8, q4, fma4(r4, fma4(r2, q3, q2), fma4(r2, q1, q0)));
    return fma4(r2, p, r);
}

/// e^x for x ≤ 710 (larger x and NaN are not clamped: callers pass x ≤ 0).
INLINE lanes exp4(lanes x) {
    x = choose(x < -746.0, splat(-746), x);  // e^−746 rounds to 0 like any smaller x
    lanes k;
    lane_ints k_int;
    lanes value = 1.0 + expm1_reduced(reduce(x, &k, &k_int));
    if (__builtin_expect(!__builtin_reduce_or(k_int < -1022), 1)) return value * power_of_two(k_int);
    // 2^k in two normal factors, so that subnormal results round only once.
    lanes half_shifted = fma4(k, splat(0.5), splat(SHIFT));
    lane_ints half = (lane_ints)((lane_bits)half_shifted - (lane_bits)splat(SHIFT));
    return value * power_of_two(half) * power_of_two(k_int - half);
}

/// e^x − 1 for x ≤ 0 (below −40 the result is −1 to the last bit).
INLINE lanes expm1_4(lanes x) {
    x = choose(x < -40.0, splat(-40), x);
    lanes k;
    lane_ints k_int;
    lanes r = reduce(x, &k, &k_int);
    lanes scale = power_of_two(k_int);
    // 2^k·(e^r − 1) + (2^k − 1); for |x| ≤ ½ ln 2, k = 0 and this is e^x − 1 itself.
    return fma4(scale, expm1_reduced(r), scale - 1.0);
}

/// ln(1 + f) = 2·atanh s for s = f/(2 + f) with s² ≤ 1/9 (f from −½ to 1): 2s + 2s·w·P(w)
/// with w = s², P of degree 9 fitted to (atanh(s)/s − 1)/w on [0, 1/9] (Chebyshev fit);
/// relative error below 5·10⁻¹⁸, and within 2 ulp after rounding.
INLINE lanes atanh_series(lanes s) {
    lanes w = s * s, w2 = w * w, w4 = w2 * w2, w8 = w4 * w4;
    lanes p0 = fma4(w, splat(0.20000000000007292), splat(0.3333333333333333));
    lanes p1 = fma4(w, splat(0.11111111358713932), splat(0.1428571428355438));
    lanes p2 = fma4(w, splat(0.07692785032479312), splat(0.09090894718066429));
    lanes p3 = fma4(w, splat(0.06000536404795356), splat(0.06657072104827468));
    lanes p4 = fma4(w, splat(0.08082022805971766), splat(0.04400369243072337));
    lanes p = fma4(w8, p4, fma4(w4, fma4(w2, p3, p2), fma4(w2, p1, p0)));
    lanes twice = s + s;
    return fma4(twice * w, p, twice);
}

/// ln(1 + x) for x in [0, 1], and 1/(1 + x). The two divisions run side by side: neither
/// waits for the other, and the divider is otherwise idle.
INLINE lanes log1p_unit(lanes x, lanes *inverse_u) {
    *inverse_u = 1.0 / (1.0 + x);
    return atanh_series(x / (2.0 + x));
}

/// ln x for a positive normal x: x = m·2^k with m in [√½, √2), ln x = k·ln 2 + ln(1 + f) for
/// f = m − 1 (exact). Adding 1 − √½ to the bits before splitting them puts m in that range.
INLINE lanes log4(lanes x) {
    const uint64_t sqrt_half = 0x3fe6a09e667f3bcdULL;
    lane_bits shifted = (lane_bits)x + (0x3ff0000000000000ULL - sqrt_half);
    // The exponent field as a double: its bits over those of 2⁵², less 2⁵² (exact).
    lanes k = (lanes)((shifted >> 52) | 0x4330000000000000ULL) - (4503599627370496.0 + 1023);
    lanes m = (lanes)((shifted & 0x000fffffffffffffULL) + sqrt_half);
    lanes f = m - 1.0;
    return fma4(k, splat(LN2_HIGH), fma4(k, splat(LN2_LOW), atanh_series(f / (2.0 + f))));
}

/// tanh x = −t/(2 + t) with t = e^(−2|x|) − 1, and the sign of x.
INLINE lanes tanh4(lanes x) {
    lanes t = expm1_4(-2.0 * magnitude(x));
    lanes value = -t / (2.0 + t);
    return (lanes)((lane_bits)value | ((lane_bits)x & 0x8000000000000000ULL));
}

/// σ(z) = 1/(1 + e^(−z)), from e = e^(−|z|).
INLINE lanes sigmoid4(lanes z) {
    lanes e = exp4(-magnitude(z));
    return choose(z >= 0.0, splat(1), e) / (1.0 + e);
}

INLINE lanes activate(DescentActivation activation, lanes z) {
    switch (activation) {
    case DescentActivationTanh: return tanh4(z);
    case DescentActivationReLU: return choose(z > 0.0, z, splat(0));
    case DescentActivationSigmoid: return sigmoid4(z);
    }
    return z;
}

/// f′ in terms of the activation's output a = f(z).
INLINE lanes activation_slope(DescentActivation activation, lanes a) {
    switch (activation) {
    case DescentActivationTanh: return 1.0 - a * a;
    case DescentActivationReLU: return choose(a > 0.0, splat(1), splat(0));
    case DescentActivationSigmoid: return a * (1.0 - a);
    }
    return a;
}

/// The loss of each lane's sample with raw output z and target y, ∂loss/∂z, and whether a
/// sigmoid head's prediction is right.
INLINE lanes head_loss(DescentHead head, lanes z, lanes y, lanes *dz, lane_ints *correct) {
    *correct = splat_int(0);
    if (head == DescentHeadIdentityMSE || head == DescentHeadIdentityHalfMSE) {
        lanes residual = z - y;
        if (head == DescentHeadIdentityMSE) {
            *dz = 2.0 * residual;
            return residual * residual;
        }
        *dz = residual;
        return 0.5 * residual * residual;
    }
    lanes e = exp4(-magnitude(z));
    *correct = choose(z >= 0.0, splat(1), splat(0)) == y;
    if (head == DescentHeadSigmoidBCE) {
        // −[y log σ(z) + (1 − y) log(1 − σ(z))] = log(1 + e^(−|z|)) + max(z, 0) − y·z, with
        // max(z, 0) − y·z = m·z for m = 1 − y (z ≥ 0) or −y: a 0/1 target on the right side
        // gives m = 0, so a confident sample's tiny loss is not lost to cancellation.
        // Likewise σ(z) − y = m − q for z ≥ 0 and m + q otherwise, with q = e/(1 + e).
        lanes inverse_u;
        lanes softplus = log1p_unit(e, &inverse_u);
        lane_ints positive = z >= 0.0;
        lanes m = choose(positive, 1.0 - y, -y);
        lanes q = e * inverse_u;
        *dz = m + choose(positive, -q, q);
        return fma4(m, z, softplus);
    }
    lanes probability = choose(z >= 0.0, splat(1), e) / (1.0 + e);
    lanes residual = probability - y;
    lanes slope = probability * (1.0 - probability);
    if (head == DescentHeadSigmoidMSE) {
        *dz = 2.0 * residual * slope;
        return residual * residual;
    }
    *dz = residual * slope;
    return 0.5 * residual * residual;
}

/// Softmax cross-entropy over the outputs z[0..<classes] with the class index y as target,
/// −log softmax(z)_y, and ∂/∂z_k = softmax(z)_k − [k = y] into dz. With m = max z at the first
/// largest output (the prediction) and r = Σ e^(z_k − m) over the other outputs, the loss is
/// ln(1 + r) + (m − z_y): for a right prediction m − z_y = 0, so a confident sample's tiny
/// loss is not lost to cancellation; likewise its slope softmax(z)_y − 1 = −r/(1 + r).
INLINE lanes softmax_loss(const lanes *z, long classes, lanes y, lanes *dz, lane_ints *correct) {
    lanes largest = z[0], best = splat(0);
    for (long k = 1; k < classes; k++) {
        lane_ints greater = z[k] > largest;
        largest = choose(greater, z[k], largest);
        best = choose(greater, splat((double)k), best);
    }
    lanes rest = splat(0), chosen = splat(0);
    for (long k = 0; k < classes; k++) {
        dz[k] = exp4(z[k] - largest);
        rest += choose(best == (double)k, splat(0), dz[k]);
        chosen = choose(y == (double)k, z[k], chosen);
    }
    lanes inverse = 1.0 / (1.0 + rest);
    *correct = best == y;
    for (long k = 0; k < classes; k++) {
        lane_ints target = y == (double)k;
        lanes slope = fma4(dz[k], inverse, choose(target, splat(-1), splat(0)));
        dz[k] = choose(target & *correct, -rest * inverse, slope);
    }
    // ln(1 + r): r ≤ 1 by the series, larger r (several close outputs) through ln.
    lanes small = atanh_series(rest / (2.0 + rest));
    return choose(rest <= 1.0, small, log4(1.0 + rest)) + (largest - chosen);
}

/// Which of a batch's samples the group starting at `start` holds; lanes past the end repeat
/// the group's first sample and are marked invalid.
INLINE lane_ints group_samples(const long *batch, long start, long count, long index[LANE_COUNT]) {
    long left = count - start;
    lane_ints valid;
    for (int lane = 0; lane < LANE_COUNT; lane++) {
        long position = start + (lane < left ? lane : 0);
        index[lane] = batch ? batch[position] : position;
        valid[lane] = lane < left ? -1 : 0;
    }
    return valid;
}

/// A group with every lane in the batch.
INLINE lane_ints full_group(const long *batch, long start, long index[LANE_COUNT]) {
    for (int lane = 0; lane < LANE_COUNT; lane++) index[lane] = batch ? batch[start + lane] : start + lane;
    return splat_int(-1);
}

INLINE lanes gather(const double *values, const long index[LANE_COUNT], long stride, long offset) {
    lanes gathered;
    for (int lane = 0; lane < LANE_COUNT; lane++) gathered[lane] = values[index[lane] * stride + offset];
    return gathered;
}

INLINE DescentBatchResult finish(lanes total, lane_ints correct) {
    long right = 0;
    for (int lane = 0; lane < LANE_COUNT; lane++) right -= correct[lane];  // a true lane is −1
    return (DescentBatchResult){lane_sum(total), right};
}

// MARK: Linear model, one output

/// One group of samples: adds their losses, right predictions and gradient sums. Only the
/// last group of a batch can be `partial`, with lanes outside the batch that `valid` clears.
INLINE void linear_group(
    const double *parameters, long d, const double *features, const double *targets,
    const long index[LANE_COUNT], int partial, lane_ints valid, DescentHead head, int gradient,
    lanes *accumulated, lanes *inputs, lanes *total, lane_ints *correct
) {
    lanes z = splat(parameters[d]);
    for (long j = 0; j < d; j++) {
        inputs[j] = gather(features, index, d, j);
        z = fma4(splat(parameters[j]), inputs[j], z);
    }
    lanes dz;
    lane_ints right;
    lanes loss = head_loss(head, z, gather(targets, index, 1, 0), &dz, &right);
    *total += partial ? choose(valid, loss, splat(0)) : loss;
    if (!gradient) *correct += partial ? right & valid : right;
    if (gradient) {
        if (partial) dz = choose(valid, dz, splat(0));
        for (long j = 0; j < d; j++) accumulated[j] = fma4(dz, inputs[j], accumulated[j]);
        accumulated[d] += dz;
    }
}

/// `accumulated` and `inputs` hold d + 1 and d lanes; `d` is a constant where the caller
/// specialises it, so that both live in registers.
INLINE DescentBatchResult linear_body(
    const double *parameters, long d, const double *features, const double *targets,
    const long *batch, long count, DescentHead head, double *gradient,
    lanes *accumulated, lanes *inputs
) {
    for (long j = 0; j <= d; j++) accumulated[j] = splat(0);
    lanes total = splat(0);
    lane_ints correct = splat_int(0);
    long index[LANE_COUNT];
    long start = 0;
    for (; start + LANE_COUNT <= count; start += LANE_COUNT) {
        lane_ints valid = full_group(batch, start, index);
        linear_group(parameters, d, features, targets, index, 0, valid, head, gradient != 0, accumulated, inputs, &total, &correct);
    }
    if (start < count) {
        lane_ints valid = group_samples(batch, start, count, index);
        linear_group(parameters, d, features, targets, index, 1, valid, head, gradient != 0, accumulated, inputs, &total, &correct);
    }
    if (gradient) {
        for (long j = 0; j <= d; j++) gradient[j] = lane_sum(accumulated[j]);
    }
    return finish(total, correct);
}

/// A gradient pass counts no right predictions; an evaluation sums no gradient. Each is
/// compiled on its own so that neither does the other's work.
INLINE DescentBatchResult linear_pass(
    const double *parameters, long d, const double *features, const double *targets,
    const long *batch, long count, DescentHead head, double *gradient,
    lanes *accumulated, lanes *inputs
) {
    if (gradient) return linear_body(parameters, d, features, targets, batch, count, head, gradient, accumulated, inputs);
    return linear_body(parameters, d, features, targets, batch, count, head, 0, accumulated, inputs);
}

INLINE DescentBatchResult linear_for_head(
    const double *parameters, long d, const double *features, const double *targets,
    const long *batch, long count, DescentHead head, double *gradient, double *workspace
) {
    lanes accumulated[5], inputs[4];
    switch (d) {
    case 1: return linear_pass(parameters, 1, features, targets, batch, count, head, gradient, accumulated, inputs);
    case 2: return linear_pass(parameters, 2, features, targets, batch, count, head, gradient, accumulated, inputs);
    case 3: return linear_pass(parameters, 3, features, targets, batch, count, head, gradient, accumulated, inputs);
    case 4: return linear_pass(parameters, 4, features, targets, batch, count, head, gradient, accumulated, inputs);
    default: {
        lanes *wide = (lanes *)workspace;
        return linear_pass(parameters, d, features, targets, batch, count, head, gradient, wide, wide + d + 1);
    }
    }
}

#define LINEAR_ARGUMENTS parameters, inputs, features, targets, batch, count, head, gradient, workspace
#define LINEAR_PARAMETERS                                                                      \
    const double *parameters, long inputs, const double *features, const double *targets,      \
        const long *batch, long count, DescentHead head, double *gradient, double *workspace

INLINE DescentBatchResult linear_dispatch(LINEAR_PARAMETERS) {
    switch (head) {
    case DescentHeadIdentityMSE: return linear_for_head(parameters, inputs, features, targets, batch, count, DescentHeadIdentityMSE, gradient, workspace);
    case DescentHeadIdentityHalfMSE: return linear_for_head(parameters, inputs, features, targets, batch, count, DescentHeadIdentityHalfMSE, gradient, workspace);
    case DescentHeadSigmoidBCE: return linear_for_head(parameters, inputs, features, targets, batch, count, DescentHeadSigmoidBCE, gradient, workspace);
    case DescentHeadSigmoidMSE: return linear_for_head(parameters, inputs, features, targets, batch, count, DescentHeadSigmoidMSE, gradient, workspace);
    case DescentHeadSigmoidHalfMSE: return linear_for_head(parameters, inputs, features, targets, batch, count, DescentHeadSigmoidHalfMSE, gradient, workspace);
    case DescentHeadSoftmaxCrossEntropy: break;  // several outputs: descent_mlp_batch serves it
    }
    return (DescentBatchResult){__builtin_nan(""), 0};
}

// MARK: Linear model, one output, losses at several points

/// One group's raw outputs at two parameter vectors p and q, sharing the gathered inputs.
INLINE void linear_outputs(const double *p, const double *q, long d, const double *features, const long index[LANE_COUNT], lanes *zp, lanes *zq) {
    *zp = splat(p[d]);
    *zq = splat(q[d]);
    for (long j = 0; j < d; j++) {
        lanes x = gather(features, index, d, j);
        *zp = fma4(splat(p[j]), x, *zp);
        *zq = fma4(splat(q[j]), x, *zq);
    }
}

/// Σ loss over samples 0..<count at p and at q, each summed exactly as `linear_body` sums one
/// point (lane by lane in group order, then `lane_sum`), so each is the same bits. Two points
/// per pass give the processor two independent chains of exp and log1p to overlap.
INLINE void linear_losses_pair(
    const double *p, const double *q, long d, const double *features, const double *targets,
    long count, DescentHead head, double *loss_p, double *loss_q
) {
    lanes total_p = splat(0), total_q = splat(0), zp, zq, dz;
    lane_ints right;
    long index[LANE_COUNT];
    long start = 0;
    for (; start + LANE_COUNT <= count; start += LANE_COUNT) {
        full_group(0, start, index);
        linear_outputs(p, q, d, features, index, &zp, &zq);
        lanes y = gather(targets, index, 1, 0);
        total_p += head_loss(head, zp, y, &dz, &right);
        total_q += head_loss(head, zq, y, &dz, &right);
    }
    if (start < count) {
        lane_ints valid = group_samples(0, start, count, index);
        linear_outputs(p, q, d, features, index, &zp, &zq);
        lanes y = gather(targets, index, 1, 0);
        total_p += choose(valid, head_loss(head, zp, y, &dz, &right), splat(0));
        total_q += choose(valid, head_loss(head, zq, y, &dz, &right), splat(0));
    }
    *loss_p = lane_sum(total_p);
    *loss_q = lane_sum(total_q);
}

/// `d` is a constant where the caller specialises it.
INLINE void linear_losses_body(
    const double *parameters, long points, long d, const double *features, const double *targets,
    long count, DescentHead head, double *losses
) {
    long point = 0;
    for (; point + 2 <= points; point += 2) {
        const double *p = parameters + point * (d + 1);
        linear_losses_pair(p, p + d + 1, d, features, targets, count, head, &losses[point], &losses[point + 1]);
    }
    if (point < points) {
        const double *p = parameters + point * (d + 1);
        double unused;
        linear_losses_pair(p, p, d, features, targets, count, head, &losses[point], &unused);
    }
}

INLINE void linear_losses_for_head(
    const double *parameters, long points, long d, const double *features, const double *targets,
    long count, DescentHead head, double *losses
) {
    switch (d) {
    case 1: linear_losses_body(parameters, points, 1, features, targets, count, head, losses); return;
    case 2: linear_losses_body(parameters, points, 2, features, targets, count, head, losses); return;
    case 3: linear_losses_body(parameters, points, 3, features, targets, count, head, losses); return;
    case 4: linear_losses_body(parameters, points, 4, features, targets, count, head, losses); return;
    default: linear_losses_body(parameters, points, d, features, targets, count, head, losses); return;
    }
}

#define LOSSES_ARGUMENTS parameters, points, inputs, features, targets, count, head, losses
#define LOSSES_PARAMETERS                                                                      \
    const double *parameters, long points, long inputs, const double *features,                \
        const double *targets, long count, DescentHead head, double *losses

INLINE int linear_losses_dispatch(LOSSES_PARAMETERS) {
    switch (head) {
    case DescentHeadIdentityMSE: linear_losses_for_head(parameters, points, inputs, features, targets, count, DescentHeadIdentityMSE, losses); return 1;
    case DescentHeadIdentityHalfMSE: linear_losses_for_head(parameters, points, inputs, features, targets, count, DescentHeadIdentityHalfMSE, losses); return 1;
    case DescentHeadSigmoidBCE: linear_losses_for_head(parameters, points, inputs, features, targets, count, DescentHeadSigmoidBCE, losses); return 1;
    case DescentHeadSigmoidMSE: linear_losses_for_head(parameters, points, inputs, features, targets, count, DescentHeadSigmoidMSE, losses); return 1;
    case DescentHeadSigmoidHalfMSE: linear_losses_for_head(parameters, points, inputs, features, targets, count, DescentHeadSigmoidHalfMSE, losses); return 1;
    case DescentHeadSoftmaxCrossEntropy: break;
    }
    return 0;
}

// MARK: Logistic loss along a line of points

/// Groups of samples per block of `bce_line_body`: a block's 512 samples (20 KB of prepared
/// values) stay in the first-level cache while every point of the line passes over them.
#define LINE_BLOCK_GROUPS 64
/// Blocks whose factors one product holds before its logarithm is taken: each factor is at
/// most 2, so a lane's product stays below 2^512.
#define LINE_FOLD_BLOCKS 8
/// The separable path needs e^(±a) and e^(±v) finite and their products normal.
#define LINE_SEPARABLE_LIMIT 350.0

/// A line's prepared samples, `padded` (a multiple of LANE_COUNT) doubles each. Lanes past the
/// last sample have a = u = m = 0 and, on the separable path, e^(±a) = 0: a factor of 1 and a
/// linear term of 0. On the other path their a is −2⁹⁰⁰, so e^(−|z|) = 0 there too.
typedef struct {
    double *a, *u, *up, *down, *positive_slope, *negative_slope;
} line_samples;

INLINE line_samples line_layout(double *workspace, long padded) {
    return (line_samples){workspace, workspace + padded, workspace + 2 * padded, workspace + 3 * padded,
                          workspace + 4 * padded, workspace + 5 * padded};
}

INLINE lanes load(const double *values) {
    lanes loaded;
    __builtin_memcpy(&loaded, values, sizeof loaded);
    return loaded;
}

INLINE void store(double *values, lanes stored) { __builtin_memcpy(values, &stored, sizeof stored); }

/// The points' accumulators, from `first` on: a running product of (1 + e^(−|z|)) and the
/// sums of its folded logarithms and of the linear terms m·z, LANE_COUNT lanes each.
typedef struct {
    double *product, *logs, *linear;
} line_totals;

/// One block of groups for the points first..<last. `separable`: z = a + v with e^(−|z|) =
/// e^(−a)·e^(−v) (z ≥ 0) or e^(a)·e^(v), two multiplications instead of an exponential.
INLINE void bce_line_block(
    line_samples samples, long group_start, long group_end, const double *values, const double *value_up,
    const double *value_down, long first, long last, int separable, line_totals totals
) {
    for (long point = first; point < last; point++) {
        lanes product = load(totals.product + point * LANE_COUNT);
        lanes linear = load(totals.linear + point * LANE_COUNT);
        lanes v = splat(values[point]);
        lanes v_up = splat(separable ? value_up[point] : 0), v_down = splat(separable ? value_down[point] : 0);
        for (long group = group_start; group < group_end; group++) {
            long offset = group * LANE_COUNT;
            lanes a = load(samples.a + offset);
            lanes z = separable ? a + v : fma4(v, load(samples.u + offset), a);
            lane_ints positive = z >= 0.0;
            lanes e = separable ? choose(positive, load(samples.down + offset) * v_down, load(samples.up + offset) * v_up)
                                : exp4(-magnitude(z));
            // 1 + e rounded, and what the rounding lost (exact, since e ≤ 1): added to the
            // linear sum, it keeps a confident sample's tiny loss (e below 2⁻⁵³ adds nothing
            // to the product) and halves the rounding error of the others.
            lanes factor = 1.0 + e;
            product *= factor;
            lanes slope = choose(positive, load(samples.positive_slope + offset), load(samples.negative_slope + offset));
            linear = fma4(slope, z, linear) + (e - (factor - 1.0));
        }
        store(totals.product + point * LANE_COUNT, product);
        store(totals.linear + point * LANE_COUNT, linear);
    }
}

/// Adds ln(product) to the sums of logarithms and starts the products again at 1. A NaN
/// product (a NaN z) stays NaN.
INLINE void bce_line_fold(line_totals totals, long points) {
    for (long point = 0; point < points; point++) {
        lanes product = load(totals.product + point * LANE_COUNT);
        lanes logarithm = choose(product == product, log4(product), product);
        store(totals.logs + point * LANE_COUNT, load(totals.logs + point * LANE_COUNT) + logarithm);
        store(totals.product + point * LANE_COUNT, splat(1));
    }
}

/// e^x and e^(−x) of `values[0..<count]`, a register of lanes at a time.
INLINE void exponentials(const double *values, long count, double *up, double *down) {
    for (long i = 0; i < count; i += LANE_COUNT) {
        lanes v = splat(0);
        long width = count - i < LANE_COUNT ? count - i : LANE_COUNT;
        for (long k = 0; k < width; k++) v[k] = values[i + k];
        lanes e_up = exp4(v), e_down = exp4(-v);
        for (long k = 0; k < width; k++) {
            up[i + k] = e_up[k];
            down[i + k] = e_down[k];
        }
    }
}

// MARK: Along the bias: points in lanes, samples one after another

/// A sum kept as two doubles, hi + lo: each addition's rounding error (exact, by TwoSum) is
/// added into lo, so that a long sum with cancelling terms keeps the digits a single double
/// loses (lo's own additions round, far below hi's last digit).
typedef struct {
    double hi, lo;
} two_sum_total;

INLINE void total_add(two_sum_total *total, double value) {
    double sum = total->hi + value, back = sum - total->hi;
    total->lo += (total->hi - (sum - back)) + (value - back);
    total->hi = sum;
}

/// Adds a·b exactly: its rounded product and what the rounding lost (by a fused multiply-add).
INLINE void total_add_product(two_sum_total *total, double a, double b) {
    double product = a * b;
    total_add(total, product);
    total_add(total, __builtin_fma(a, b, -product));
}

/// Adds another total, its hi then its lo.
INLINE void total_add_total(two_sum_total *total, two_sum_total other) {
    total_add(total, other.hi);
    total_add(total, other.lo);
}

/// Adds another total times b, exactly.
INLINE void total_add_scaled(two_sum_total *total, two_sum_total other, double b) {
    total_add_product(total, other.hi, b);
    total_add_product(total, other.lo, b);
}

/// Points per pass over the samples: their products in registers, one lane each.
#define BIAS_CHUNK LANE_COUNT
/// Samples whose factors a lane's product holds before its logarithm is taken (each ≤ 2).
#define BIAS_FOLD 512

/// The loss along the bias (z = a + b for sample term a and bias b at each of `points`
/// ascending values), with every point of a chunk in its own lane and the samples taken one
/// after another, so that a pair of sample and point costs five operations on a lane:
/// e^(−|z|) = min(e^a·e^b, e^(−a)·e^(−b)) (two multiplications and a minimum, no sign to
/// choose), and its factor 1 + e multiplied into the lane's product kept less 1 (an addition
/// and a fused multiply-add), so that a confident sample's tiny loss counts in full. The
/// linear part Σ m·z, m = 1 − y where z ≥ 0 and −y where z < 0, needs no work per pair: a
/// sample's z is ≥ 0 from its first point k on (z grows with b), so each point's sums of m·a
/// and m over the samples on each side are prefix sums over those first points, kept in two
/// doubles (each addition's rounding error carried in the second). `up` and `down` hold
/// `count` doubles each, `workspace` 11·points + 29.
INLINE void bce_bias_line(
    const double *a, const double *positive_slope, const double *negative_slope, long count,
    const double *values, long points, double *losses, double *up, double *down, double *workspace
) {
    long padded_points = (points + BIAS_CHUNK - 1) / BIAS_CHUNK * BIAS_CHUNK;
    double *value_up = workspace, *value_down = value_up + padded_points, *logs = value_down + padded_points;
    two_sum_total *sides = (two_sum_total *)(logs + padded_points);  // 4 totals per first point 0...points
    exponentials(a, count, up, down);
    exponentials(values, points, value_up, value_down);
    // Lanes past the last point multiply by 1: e = 0.
    for (long point = points; point < padded_points; point++) value_up[point] = value_down[point] = 0;
    // Products and their logarithms, a chunk of points at a time. A lane keeps its product
    // less 1, `excess`: (1 + x)(1 + e) − 1 = x·e + (x + e) keeps a product near 1 (a tiny
    // loss) to full relative precision, where 1 + e itself would round e away.
    for (long chunk = 0; chunk < padded_points; chunk += BIAS_CHUNK) {
        lanes v_up = load(value_up + chunk), v_down = load(value_down + chunk);
        lanes logarithms = splat(0);
        for (long start = 0; start < count; start += BIAS_FOLD) {
            long end = start + BIAS_FOLD < count ? start + BIAS_FOLD : count;
            lanes excess = splat(0);
            long i = start;
            // Two samples a step, their factors combined first, so that the chain of
            // dependent operations on `excess` is half as long.
            for (; i + 1 < end; i += 2) {
                lanes rising = splat(up[i]) * v_up, falling = splat(down[i]) * v_down;
                lanes next_rising = splat(up[i + 1]) * v_up, next_falling = splat(down[i + 1]) * v_down;
                lanes e = rising < falling ? rising : falling, next = next_rising < next_falling ? next_rising : next_falling;
                lanes both = fma4(e, next, e + next);
                excess = fma4(excess, both, excess + both);
            }
            if (i < end) {
                lanes rising = splat(up[i]) * v_up, falling = splat(down[i]) * v_down;
                lanes e = rising < falling ? rising : falling;
                excess = fma4(excess, e, excess + e);
            }
            // ln(1 + x) by the series for x ≤ 1, where 1 + x would round x's last digits away.
            lanes near_one = choose(excess <= 1.0, excess, splat(0));
            logarithms += choose(excess <= 1.0, atanh_series(near_one / (2.0 + near_one)), log4(1.0 + excess));
        }
        store(logs + chunk, logarithms);
    }
    // The linear part: sample i adds m·(a + b) with m = positive_slope from its first point
    // on, negative_slope before it; `sides` holds, by first point, Σ positive_slope·a,
    // Σ positive_slope, Σ negative_slope·a and Σ negative_slope.
    for (long k = 0; k < 4 * (points + 1); k++) sides[k] = (two_sum_total){0, 0};
    double first_value = values[0], step = points > 1 ? (values[points - 1] - values[0]) / (double)(points - 1) : 0;
    for (long i = 0; i < count; i++) {
        // The first point whose a + b ≥ 0 (as the sum rounds): guessed for evenly spaced
        // values, then moved to the exact place.
        double guess = step > 0 ? (-a[i] - first_value) / step : 0;
        long first = guess <= 0 ? 0 : guess >= (double)points ? points : (long)__builtin_ceil(guess);
        while (first > 0 && a[i] + values[first - 1] >= 0) first--;
        while (first < points && a[i] + values[first] < 0) first++;
        two_sum_total *side = sides + 4 * first;
        total_add_product(side + 0, positive_slope[i], a[i]);
        total_add(side + 1, positive_slope[i]);
        total_add_product(side + 2, negative_slope[i], a[i]);
        total_add(side + 3, negative_slope[i]);
    }
    // Point j: Σ over first ≤ j of positive_slope·(a + b), over first > j of negative_slope·(a + b).
    two_sum_total after[2] = {{0, 0}, {0, 0}};  // negative side: Σ over first > j, from the end
    for (long k = points; k >= 1; k--) {
        total_add_total(after + 0, sides[4 * k + 2]);
        total_add_total(after + 1, sides[4 * k + 3]);
        // Kept where first point k's totals were: the negative side of point k − 1.
        sides[4 * k + 2] = after[0];
        sides[4 * k + 3] = after[1];
    }
    two_sum_total before[2] = {{0, 0}, {0, 0}};
    for (long point = 0; point < points; point++) {
        total_add_total(before + 0, sides[4 * point]);
        total_add_total(before + 1, sides[4 * point + 1]);
        double b = values[point];
        two_sum_total linear = {0, 0};
        total_add_total(&linear, before[0]);
        total_add_scaled(&linear, before[1], b);
        total_add_total(&linear, sides[4 * (point + 1) + 2]);
        total_add_scaled(&linear, sides[4 * (point + 1) + 3], b);
        losses[point] = logs[point] + (linear.hi + linear.lo);
    }
}

/// Σ over samples of ln(1 + e^(−|z|)) + m·z, the sigmoid cross-entropy written as
/// `head_loss` writes it, with the logarithms of a lane's factors taken once per product
/// of up to 512 instead of once per sample. Blocks of samples in order, lanes summed last.
/// Multiplying a sample's factor into the product costs at most 2⁻⁵³ of ln(product).
INLINE void bce_line_body(
    const double *base, long d, long inner, const double *values, long points,
    const double *features, const double *targets, long count, double *losses, double *workspace
) {
    long groups = (count + LANE_COUNT - 1) / LANE_COUNT, padded = groups * LANE_COUNT;
    line_samples samples = line_layout(workspace, padded);
    double *value_up = workspace + 6 * padded, *value_down = value_up + points;
    line_totals totals = {value_down + points, value_down + points + points * LANE_COUNT,
                          value_down + points + 2 * points * LANE_COUNT};
    int separable = inner == d;
    for (long point = 0; point < points; point++) separable &= __builtin_fabs(values[point]) <= LINE_SEPARABLE_LIMIT;
    int ascending = 1;
    for (long point = 1; point < points; point++) ascending &= values[point] > values[point - 1];
    for (long i = 0; i < padded; i++) {
        int real = i < count;
        // The other parameters' part of z, in `linear_group`'s order with the inner term left out.
        double a = inner == d ? 0 : base[d];
        for (long j = 0; j < d; j++) {
            if (j != inner && real) a = __builtin_fma(base[j], features[i * d + j], a);
        }
        samples.a[i] = real ? a : 0;
        samples.u[i] = real ? (inner == d ? 1 : features[i * d + inner]) : 0;
        double y = real ? targets[i] : 0;
        samples.positive_slope[i] = real ? 1.0 - y : 0;
        samples.negative_slope[i] = -y;
        if (real) separable &= __builtin_fabs(a) <= LINE_SEPARABLE_LIMIT;
    }
    if (separable && ascending) {
        bce_bias_line(samples.a, samples.positive_slope, samples.negative_slope, count, values, points, losses,
                      samples.up, samples.down, workspace + 6 * padded);
        return;
    }
    if (separable) {
        for (long group = 0; group < groups; group++) {
            long offset = group * LANE_COUNT;
            lanes a = load(samples.a + offset);
            lanes valid = choose(load(samples.u + offset) == 1.0, splat(1), splat(0));
            store(samples.up + offset, exp4(a) * valid);
            store(samples.down + offset, exp4(-a) * valid);
        }
        exponentials(values, points, value_up, value_down);
    } else {
        for (long i = count; i < padded; i++) samples.a[i] = -0x1p900;
    }
    for (long point = 0; point < points; point++) {
        store(totals.product + point * LANE_COUNT, splat(1));
        store(totals.logs + point * LANE_COUNT, splat(0));
        store(totals.linear + point * LANE_COUNT, splat(0));
    }
    long block = 0;
    for (long start = 0; start < groups; start += LINE_BLOCK_GROUPS, block++) {
        long end = start + LINE_BLOCK_GROUPS < groups ? start + LINE_BLOCK_GROUPS : groups;
        // Two copies of the block loop, each with `separable` a constant.
        if (separable) bce_line_block(samples, start, end, values, value_up, value_down, 0, points, 1, totals);
        else bce_line_block(samples, start, end, values, value_up, value_down, 0, points, 0, totals);
        if ((block + 1) % LINE_FOLD_BLOCKS == 0) bce_line_fold(totals, points);
    }
    bce_line_fold(totals, points);
    for (long point = 0; point < points; point++) {
        losses[point] = lane_sum(load(totals.logs + point * LANE_COUNT) + load(totals.linear + point * LANE_COUNT));
    }
}

#define LINE_ARGUMENTS base, inputs, inner, values, points, features, targets, count, losses, workspace
#define LINE_PARAMETERS                                                                        \
    const double *base, long inputs, long inner, const double *values, long points,            \
        const double *features, const double *targets, long count, double *losses, double *workspace

INLINE void bce_line_for_inputs(LINE_PARAMETERS) {
    switch (inputs) {
    case 1: bce_line_body(base, 1, inner, values, points, features, targets, count, losses, workspace); return;
    case 2: bce_line_body(base, 2, inner, values, points, features, targets, count, losses, workspace); return;
    case 3: bce_line_body(base, 3, inner, values, points, features, targets, count, losses, workspace); return;
    default: bce_line_body(base, inputs, inner, values, points, features, targets, count, losses, workspace); return;
    }
}

// MARK: Multi-layer perceptron, one output

enum { MAXIMUM_LAYERS = 32 };

/// Where each layer's weights start in the parameters, where its activations start in the
/// activation lanes, and the totals.
typedef struct {
    long weights[MAXIMUM_LAYERS];
    long activations[MAXIMUM_LAYERS];
    long parameter_count, activation_count, widest;
} mlp_layout;

INLINE mlp_layout layout_of(const long *widths, long layers) {
    mlp_layout layout = {{0}, {0}, 0, 0, 0};
    for (long layer = 0; layer < layers; layer++) {
        if (layer > 0) {
            layout.weights[layer] = layout.parameter_count;
            layout.parameter_count += widths[layer] * widths[layer - 1] + widths[layer];
        }
        layout.activations[layer] = layout.activation_count;
        layout.activation_count += widths[layer];
        if (widths[layer] > layout.widest) layout.widest = widths[layer];
    }
    return layout;
}

long descent_mlp_workspace(const long *widths, long layers) {
    if (layers < 2 || layers > MAXIMUM_LAYERS) return 0;
    mlp_layout layout = layout_of(widths, layers);
    return LANE_COUNT * (layout.parameter_count + layout.activation_count + 2 * layout.widest);
}

long descent_linear_workspace(long inputs) { return LANE_COUNT * (2 * inputs + 1); }

INLINE DescentBatchResult mlp_body(
    const long *widths, long layers, DescentActivation activation, const double *parameters,
    const double *features, const double *targets, const long *batch, long count,
    DescentHead head, double *gradient, double *workspace
) {
    mlp_layout layout = layout_of(widths, layers);
    // Per-lane gradient sums (laid out like the parameters), activations, two delta buffers.
    lanes *accumulated = (lanes *)workspace;
    lanes *activations = accumulated + layout.parameter_count;
    lanes *delta = activations + layout.activation_count;
    lanes *next_delta = delta + layout.widest;
    if (gradient) {
        for (long i = 0; i < layout.parameter_count; i++) accumulated[i] = splat(0);
    }
    const long last = layers - 1;
    const long d = widths[0];
    lanes total = splat(0);
    lane_ints correct = splat_int(0);
    for (long start = 0; start < count; start += LANE_COUNT) {
        long index[LANE_COUNT];
        lane_ints valid = group_samples(batch, start, count, index);
        for (long j = 0; j < d; j++) activations[j] = gather(features, index, d, j);
        for (long layer = 1; layer <= last; layer++) {
            const long width = widths[layer], fan_in = widths[layer - 1];
            const double *weights = parameters + layout.weights[layer];
            const double *biases = weights + width * fan_in;
            const lanes *previous = activations + layout.activations[layer - 1];
            lanes *current = activations + layout.activations[layer];
            for (long unit = 0; unit < width; unit++) {
                const double *row = weights + unit * fan_in;
                lanes z = splat(biases[unit]);
                for (long j = 0; j < fan_in; j++) z = fma4(splat(row[j]), previous[j], z);
                current[unit] = layer == last ? z : activate(activation, z);
            }
        }
        const lanes *output = activations + layout.activations[last];
        lanes target = gather(targets, index, 1, 0), loss;
        lane_ints right;
        if (head == DescentHeadSoftmaxCrossEntropy) {
            loss = softmax_loss(output, widths[last], target, delta, &right);
        } else {
            loss = head_loss(head, output[0], target, &delta[0], &right);
        }
        total += choose(valid, loss, splat(0));
        correct += right & valid;
        if (!gradient) continue;
        for (long unit = 0; unit < widths[last]; unit++) delta[unit] = choose(valid, delta[unit], splat(0));
        for (long layer = last; layer >= 1; layer--) {
            const long width = widths[layer], fan_in = widths[layer - 1];
            const double *weights = parameters + layout.weights[layer];
            lanes *weight_sums = accumulated + layout.weights[layer];
            lanes *bias_sums = weight_sums + width * fan_in;
            const lanes *previous = activations + layout.activations[layer - 1];
            for (long unit = 0; unit < width; unit++) {
                lanes *row = weight_sums + unit * fan_in;
                for (long j = 0; j < fan_in; j++) row[j] = fma4(delta[unit], previous[j], row[j]);
                bias_sums[unit] += delta[unit];
            }
            if (layer > 1) {
                // δ of the layer below = (Wᵀ δ) ⊙ f′(its activations).
                for (long j = 0; j < fan_in; j++) {
                    lanes sum = splat(0);
                    for (long unit = 0; unit < width; unit++) sum = fma4(splat(weights[unit * fan_in + j]), delta[unit], sum);
                    next_delta[j] = sum * activation_slope(activation, previous[j]);
                }
                lanes *swap = delta;
                delta = next_delta;
                next_delta = swap;
            }
        }
    }
    if (gradient) {
        for (long i = 0; i < layout.parameter_count; i++) gradient[i] = lane_sum(accumulated[i]);
    }
    return finish(total, correct);
}

#define MLP_ARGUMENTS widths, layers, activation, parameters, features, targets, batch, count, head, gradient, workspace
#define MLP_PARAMETERS                                                                          \
    const long *widths, long layers, DescentActivation activation, const double *parameters,    \
        const double *features, const double *targets, const long *batch, long count,           \
        DescentHead head, double *gradient, double *workspace

INLINE DescentBatchResult mlp_for_activation(MLP_PARAMETERS) {
    switch (head) {
    case DescentHeadIdentityMSE: return mlp_body(widths, layers, activation, parameters, features, targets, batch, count, DescentHeadIdentityMSE, gradient, workspace);
    case DescentHeadIdentityHalfMSE: return mlp_body(widths, layers, activation, parameters, features, targets, batch, count, DescentHeadIdentityHalfMSE, gradient, workspace);
    case DescentHeadSigmoidBCE: return mlp_body(widths, layers, activation, parameters, features, targets, batch, count, DescentHeadSigmoidBCE, gradient, workspace);
    case DescentHeadSigmoidMSE: return mlp_body(widths, layers, activation, parameters, features, targets, batch, count, DescentHeadSigmoidMSE, gradient, workspace);
    case DescentHeadSigmoidHalfMSE: return mlp_body(widths, layers, activation, parameters, features, targets, batch, count, DescentHeadSigmoidHalfMSE, gradient, workspace);
    case DescentHeadSoftmaxCrossEntropy: return mlp_body(widths, layers, activation, parameters, features, targets, batch, count, DescentHeadSoftmaxCrossEntropy, gradient, workspace);
    }
    return (DescentBatchResult){__builtin_nan(""), 0};
}

INLINE DescentBatchResult mlp_dispatch(MLP_PARAMETERS) {
    switch (activation) {
    case DescentActivationTanh: return mlp_for_activation(widths, layers, DescentActivationTanh, parameters, features, targets, batch, count, head, gradient, workspace);
    case DescentActivationReLU: return mlp_for_activation(widths, layers, DescentActivationReLU, parameters, features, targets, batch, count, head, gradient, workspace);
    case DescentActivationSigmoid: return mlp_for_activation(widths, layers, DescentActivationSigmoid, parameters, features, targets, batch, count, head, gradient, workspace);
    }
    return (DescentBatchResult){__builtin_nan(""), 0};
}

// MARK: The two copies, and the choice between them

#define AVX2 __attribute__((target("avx2,fma")))

AVX2 static DescentBatchResult linear_avx2(LINEAR_PARAMETERS) { return linear_dispatch(LINEAR_ARGUMENTS); }
static DescentBatchResult linear_generic(LINEAR_PARAMETERS) { return linear_dispatch(LINEAR_ARGUMENTS); }
AVX2 static DescentBatchResult mlp_avx2(MLP_PARAMETERS) { return mlp_dispatch(MLP_ARGUMENTS); }
static DescentBatchResult mlp_generic(MLP_PARAMETERS) { return mlp_dispatch(MLP_ARGUMENTS); }
AVX2 static int losses_avx2(LOSSES_PARAMETERS) { return linear_losses_dispatch(LOSSES_ARGUMENTS); }
static int losses_generic(LOSSES_PARAMETERS) { return linear_losses_dispatch(LOSSES_ARGUMENTS); }
AVX2 static void bce_line_avx2(LINE_PARAMETERS) { bce_line_for_inputs(LINE_ARGUMENTS); }
static void bce_line_generic(LINE_PARAMETERS) { bce_line_for_inputs(LINE_ARGUMENTS); }

/// Whether the CPU and the operating system support AVX2 and FMA (256-bit state saved).
static int detect_avx2(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    const unsigned fma = 1u << 12, osxsave = 1u << 27, avx = 1u << 28;
    if ((c & (fma | osxsave | avx)) != (fma | osxsave | avx)) return 0;
    unsigned low, high;
    __asm__("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
    if ((low & 6) != 6) return 0;  // XMM and YMM state
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    return (b & (1u << 5)) != 0;
}

/// -1 until the first call detects the CPU.
static int known = -1;

static int has_avx2(void) {
    int value = __atomic_load_n(&known, __ATOMIC_RELAXED);
    if (value < 0) {
        value = detect_avx2();
        __atomic_store_n(&known, value, __ATOMIC_RELAXED);
    }
    return value;
}

int descent_kernels_use_avx2(int wanted) {
    int value = wanted && detect_avx2();
    __atomic_store_n(&known, value, __ATOMIC_RELAXED);
    return value;
}

DescentBatchResult descent_linear_batch(LINEAR_PARAMETERS) {
    return has_avx2() ? linear_avx2(LINEAR_ARGUMENTS) : linear_generic(LINEAR_ARGUMENTS);
}

DescentBatchResult descent_mlp_batch(MLP_PARAMETERS) {
    if (layers < 2 || layers > MAXIMUM_LAYERS) return (DescentBatchResult){__builtin_nan(""), 0};
    return has_avx2() ? mlp_avx2(MLP_ARGUMENTS) : mlp_generic(MLP_ARGUMENTS);
}

int descent_linear_losses(LOSSES_PARAMETERS) {
    return has_avx2() ? losses_avx2(LOSSES_ARGUMENTS) : losses_generic(LOSSES_ARGUMENTS);
}

long descent_linear_line_workspace(long count, long points) {
    long padded = (count + LANE_COUNT - 1) / LANE_COUNT * LANE_COUNT;
    return 6 * padded + 2 * points + 3 * LANE_COUNT * points + 40;
}

int descent_linear_bce_line(LINE_PARAMETERS) {
    if (inputs < 1 || inner < 0 || inner > inputs || count < 1 || points < 1) return 0;
    // A lane past the last sample adds 0 only for finite values (∞ · 0 is NaN).
    for (long point = 0; point < points; point++) {
        if (!__builtin_isfinite(values[point])) return 0;
    }
    if (has_avx2()) bce_line_avx2(LINE_ARGUMENTS);
    else bce_line_generic(LINE_ARGUMENTS);
    return 1;
}
