/* ulp_shift: an LD_PRELOAD library that moves every result of libm's sin, cos, exp, log, tanh,
 * log1p, expm1, exp2, log2, log10, cbrt, pow, hypot and atan2 one ulp up (nextafter toward +inf),
 * as a different libm might round. `make portable-check` builds the course with and without it:
 * if Descent's numbers or figure values depended on libm, data/ or the manifest's results and
 * figures would differ. sqrt is left alone: IEEE-754 rounds it correctly everywhere. Built with `cc -shared -fPIC -o ulp_shift.so ulp_shift.c -ldl -lm`. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static void *next_symbol(const char *name) {
    void *symbol = dlsym(RTLD_NEXT, name);
    if (symbol == NULL) {
        fprintf(stderr, "ulp_shift: libm has no %s\n", name);
        abort();
    }
    return symbol;
}

#define SHIFT_UNARY(name)                                                   \
    double name(double x) {                                                 \
        static double (*real)(double) = NULL;                               \
        if (real == NULL) real = (double (*)(double))next_symbol(#name);    \
        return nextafter(real(x), INFINITY);                                \
    }

SHIFT_UNARY(sin)
SHIFT_UNARY(cos)
SHIFT_UNARY(exp)
SHIFT_UNARY(log)
SHIFT_UNARY(tanh)
SHIFT_UNARY(log1p)
SHIFT_UNARY(expm1)
SHIFT_UNARY(exp2)
SHIFT_UNARY(log2)
SHIFT_UNARY(log10)
SHIFT_UNARY(cbrt)

#define SHIFT_BINARY(name)                                                          \
    double name(double x, double y) {                                               \
        static double (*real)(double, double) = NULL;                               \
        if (real == NULL) real = (double (*)(double, double))next_symbol(#name);    \
        return nextafter(real(x, y), INFINITY);                                     \
    }

SHIFT_BINARY(pow)
SHIFT_BINARY(hypot)
SHIFT_BINARY(atan2)
