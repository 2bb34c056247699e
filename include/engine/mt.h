/* mt.h - the Mersenne Twister MT19937 (Matsumoto and Nishimura), the
 * generator of PyTorch's CPU random numbers, and PyTorch's float32
 * uniform mapping. With it the engine draws initial weights bit for bit as
 * PyTorch does after torch.manual_seed(S). Not for cryptography. */
#ifndef MLPVIZ_ENGINE_MT_H
#define MLPVIZ_ENGINE_MT_H

#include <stdint.h>

#define MT_N 624

typedef struct {
    uint32_t s[MT_N];
    int i; /* next word of s to temper; MT_N: twist first */
} mt_state;

/* Seeds as torch.manual_seed(seed) does: the low 32 bits of seed through
 * the standard init_genrand recurrence. */
void mt_seed(mt_state *m, uint64_t seed);
/* The next 32-bit output. */
uint32_t mt_next(mt_state *m);
/* One element of tensor.uniform_(a, b) on a float32 tensor: 24 random bits
 * of one output as a double x in [0, 1), then
 * (float)(x * (double)((float)b - (float)a) + (double)(float)a). */
float mt_uniform_float(mt_state *m, double a, double b);

#endif
