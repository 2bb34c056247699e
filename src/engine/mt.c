/* mt.c - MT19937, 32-bit (the reference init_genrand and genrand_int32),
 * and PyTorch's float32 uniform mapping on top of it. */
#include "engine/mt.h"

#define MT_M 397
#define MT_UPPER 0x80000000u
#define MT_LOWER 0x7fffffffu
#define MT_MATRIX 0x9908b0dfu

void mt_seed(mt_state *m, uint64_t seed)
{
    m->s[0] = (uint32_t)(seed & 0xffffffffu);
    for (int j = 1; j < MT_N; j++) {
        uint32_t prev = m->s[j - 1];
        m->s[j] = 1812433253u * (prev ^ (prev >> 30)) + (uint32_t)j;
    }
    m->i = MT_N;
}

static void twist(mt_state *m)
{
    uint32_t *s = m->s;
    for (int k = 0; k < MT_N; k++) {
        uint32_t y = (s[k] & MT_UPPER) | (s[(k + 1) % MT_N] & MT_LOWER);
        s[k] = s[(k + MT_M) % MT_N] ^ (y >> 1) ^ ((y & 1u) ? MT_MATRIX : 0u);
    }
    m->i = 0;
}

uint32_t mt_next(mt_state *m)
{
    if (m->i >= MT_N)
        twist(m);
    uint32_t y = m->s[m->i++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
}

float mt_uniform_float(mt_state *m, double a, double b)
{
    float from = (float)a, to = (float)b;
    double x = (double)(mt_next(m) & 0xffffffu) * 0x1.0p-24;
    /* two statements, so that no compiler fuses them into one rounding */
    double scaled = x * (double)(to - from);
    return (float)(scaled + (double)from);
}
