// What one core of this machine can do for the operations of the loss grid's kernel
// (docs/development.md, "Loss grid speed"): independent 256-bit FMAs, multiplies, adds and
// divisions of doubles, and the latency of one FMA. Processor time of this thread, best of 3.
//   clang -O2 benchmarks/limit/peak.c -o /tmp/descent-peak && /tmp/descent-peak
#include <immintrin.h>
#include <stdio.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

#define OPERATIONS 240000000L
#define CHAINS 12
#define AVX2 __attribute__((target("avx2,fma"), noinline))

/// Read at run time, so that the compiler cannot fold the loops away.
volatile double factor = 0.9999999, offset = 1e-9;

/// `CHAINS` independent chains of one operation: its throughput, not its latency. The empty
/// `asm` keeps the compiler from merging the chains.
#define INDEPENDENT(name, step)                                                                \
    AVX2 static double name(long operations) {                                                 \
        __m256d a[CHAINS], m = _mm256_set1_pd(factor), c = _mm256_set1_pd(offset);            \
        for (int i = 0; i < CHAINS; i++) a[i] = _mm256_set1_pd(1.0 + i);                       \
        for (long k = 0; k < operations / CHAINS; k++) {                                       \
            for (int i = 0; i < CHAINS; i++) a[i] = step;                                      \
            __asm__ volatile("" : : "x"(a[0]));                                                \
        }                                                                                      \
        __m256d sum = a[0];                                                                    \
        for (int i = 1; i < CHAINS; i++) sum = _mm256_add_pd(sum, a[i]);                       \
        (void)m, (void)c;                                                                      \
        return sum[0];                                                                         \
    }

INDEPENDENT(fmas, _mm256_fmadd_pd(a[i], m, c))
INDEPENDENT(multiplies, _mm256_mul_pd(a[i], m))
INDEPENDENT(adds, _mm256_add_pd(a[i], c))
INDEPENDENT(divisions, _mm256_div_pd(a[i], m))

/// One chain of dependent FMAs: the latency of one.
AVX2 static double dependent(long operations) {
    __m256d a = _mm256_set1_pd(1.0), m = _mm256_set1_pd(factor), c = _mm256_set1_pd(offset);
    for (long k = 0; k < operations; k++) a = _mm256_fmadd_pd(a, m, c);
    return a[0];
}

int main(void) {
    const char *names[] = {"FMA", "multiply", "add", "divide"};
    double sink = 0;
    double (*const measures[])(long) = {fmas, multiplies, adds, divisions};
    for (int kind = 0; kind < 4; kind++) {
        long operations = kind == 3 ? OPERATIONS / 10 : OPERATIONS;
        double best = 1e30;
        for (int run = 0; run < 3; run++) {
            double start = now();
            sink += measures[kind](operations);
            double elapsed = now() - start;
            if (elapsed < best) best = elapsed;
        }
        double rate = (double)(operations / CHAINS * CHAINS) / best * 1e-9;
        printf("%-9s 4 doubles: %6.3f instructions per ns, %6.2f doubles per ns\n", names[kind], rate, 4 * rate);
    }
    double best = 1e30;
    for (int run = 0; run < 3; run++) {
        double start = now();
        sink += dependent(OPERATIONS / 10);
        double elapsed = now() - start;
        if (elapsed < best) best = elapsed;
    }
    printf("FMA latency: %.3f ns  (%g)\n", best / (OPERATIONS / 10) * 1e9, sink);
    return 0;
}
