/* rng.h - the engine's seeded random numbers (xoshiro256**, seeded through
 * splitmix64). Same seed, same sequence, on every machine. Not for
 * cryptography. */
#ifndef MLPVIZ_ENGINE_RNG_H
#define MLPVIZ_ENGINE_RNG_H

#include <stdint.h>

typedef struct {
    uint64_t s[4];
} rng_state;

void rng_seed(rng_state *r, uint64_t seed);
uint64_t rng_next(rng_state *r);
/* Uniform in [0, 1), 53 random bits. */
double rng_uniform(rng_state *r);
/* Uniform in [lo, hi). */
double rng_range(rng_state *r, double lo, double hi);
/* Standard normal (Box-Muller; uses two uniforms per call, keeps no spare). */
double rng_normal(rng_state *r);
/* Uniform integer in [0, n), n > 0, without modulo bias. */
uint64_t rng_below(rng_state *r, uint64_t n);
/* Fisher-Yates shuffle of idx[0..n). */
void rng_shuffle(rng_state *r, int *idx, int n);

#endif
