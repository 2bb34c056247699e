/* lr_ladder.c - the learning-rate ladder. */
#include "engine/lr_ladder.h"

#include <math.h>

static const double rungs[LR_LADDER_N] = {0.00001, 0.0001, 0.001, 0.003,
                                          0.01,    0.03,   0.1,   0.3,
                                          1,       3,      10};

double lr_ladder(int k)
{
    if (k < 0)
        k = 0;
    if (k >= LR_LADDER_N)
        k = LR_LADDER_N - 1;
    return rungs[k];
}

int lr_ladder_nearest(double lr)
{
    if (!(lr > 0) || !isfinite(lr))
        return LR_LADDER_N / 2;
    int best = 0;
    double bd = INFINITY;
    for (int k = 0; k < LR_LADDER_N; k++) {
        double d = fabs(log10(lr) - log10(rungs[k]));
        if (d < bd - 1e-12) {
            bd = d;
            best = k;
        }
    }
    return best;
}

double lr_ladder_next(double lr, int dir)
{
    /* a little slack, so that a value already on the ladder moves one rung */
    if (dir > 0) {
        for (int i = 0; i < LR_LADDER_N; i++)
            if (rungs[i] > lr * (1 + 1e-9))
                return rungs[i];
        return rungs[LR_LADDER_N - 1];
    }
    for (int i = LR_LADDER_N - 1; i >= 0; i--)
        if (rungs[i] < lr * (1 - 1e-9))
            return rungs[i];
    return rungs[0];
}
