// Batch kernels for Descent's training loop: the loss and gradient of a batch of samples,
// eight samples at a time in vector lanes. Training (Swift) owns every buffer; a call
// allocates nothing. See Sources/TrainingKernels/Kernels.c for the numerical details.
#ifndef DESCENT_TRAINING_KERNELS_H
#define DESCENT_TRAINING_KERNELS_H

#include <stddef.h>

/// The output link and loss, as the kernels compute them: one output for the identity and
/// sigmoid heads, one per class for softmax cross-entropy (the target is the class index).
typedef enum {
    DescentHeadIdentityMSE = 0,
    DescentHeadIdentityHalfMSE = 1,
    DescentHeadSigmoidBCE = 2,
    DescentHeadSigmoidMSE = 3,
    DescentHeadSigmoidHalfMSE = 4,
    DescentHeadSoftmaxCrossEntropy = 5,
} DescentHead;

/// The hidden layers' non-linearity.
typedef enum {
    DescentActivationTanh = 0,
    DescentActivationReLU = 1,
    DescentActivationSigmoid = 2,
} DescentActivation;

/// What a pass over a batch found: Σ loss, and how many predictions were right (for a
/// sigmoid head: the sign of the logit matches the 0/1 target; for softmax: the first largest
/// output is the target class).
typedef struct {
    double loss;
    long correct;
} DescentBatchResult;

/// Doubles of workspace the linear kernel needs for `inputs` features.
long descent_linear_workspace(long inputs);

/// z = w·x + b for the samples `batch[0..<count]` (or 0..<count when `batch` is NULL) of the
/// row-major `features` (`inputs` per sample); writes Σ ∂loss/∂(w, b) into `gradient`
/// (overwritten; skipped when `gradient` is NULL). One output only: a softmax model's
/// W (row per class) then b is an MLP without hidden layers, for `descent_mlp_batch`.
DescentBatchResult descent_linear_batch(
    const double *parameters, long inputs, const double *features, const double *targets,
    const long *batch, long count, DescentHead head, double *gradient, double *workspace);

/// Σ loss over samples 0..<count at each of `points` parameter vectors (`inputs` + 1 doubles
/// each, one after another) into `losses[0..<points]`: the same bits as
/// `descent_linear_batch` without a gradient at each, two points sharing each pass over the
/// data. Returns 0 (and writes nothing) for softmax cross-entropy, which has several outputs.
int descent_linear_losses(
    const double *parameters, long points, long inputs, const double *features,
    const double *targets, long count, DescentHead head, double *losses);

/// Doubles of workspace `descent_linear_bce_line` needs for `count` samples and `points` points.
long descent_linear_line_workspace(long count, long points);

/// Σ sigmoid cross-entropy over samples 0..<count of a one-output linear model at `points`
/// points on a line: parameter `inner` (0..<inputs for a weight, `inputs` for the bias) takes
/// each of `values[0..<points]`, the others are those of `base` (`inputs` + 1 doubles). Not
/// `descent_linear_batch`'s bits: a lane's ln(1 + e^(−|z|)) terms are summed as the logarithm
/// of their product, and with the bias as `inner`, e^(−|z|) is a product of e^(∓a) and e^(∓b)
/// (for ascending `values`, with the points in lanes and the linear part summed by each
/// sample's first point with z ≥ 0); within a few units in the last place of the exact sum,
/// or 2⁻⁵² per sample where the loss is that small. The same bits on every CPU and for any split of the lines. Returns 0 (and
/// writes nothing) when `inner` is out of range or a value is not finite.
int descent_linear_bce_line(
    const double *base, long inputs, long inner, const double *values, long points,
    const double *features, const double *targets, long count, double *losses, double *workspace);

/// Doubles of workspace the MLP kernel needs for layer widths `widths[0..<layers]` (inputs
/// first, one output last).
long descent_mlp_workspace(const long *widths, long layers);

/// The same for a fully connected network: each layer's weights (row per unit) then its
/// biases, layer after layer, `activation` on every hidden layer and `head` on the outputs
/// (one, or one per class for softmax cross-entropy).
DescentBatchResult descent_mlp_batch(
    const long *widths, long layers, DescentActivation activation, const double *parameters,
    const double *features, const double *targets, const long *batch, long count,
    DescentHead head, double *gradient, double *workspace);

/// Chooses the AVX2 copy of the kernels (when `wanted` and the CPU has AVX2 and FMA) or the
/// generic one, instead of the automatic choice; returns whether AVX2 is now used. Both copies
/// give the same bits; tests use this to check that they do.
int descent_kernels_use_avx2(int wanted);

#endif
