/* chain.c - the book's small chain-rule examples, each with the chain
 * rule's product and a finite-difference check. */
#include "engine/chain.h"

#include <math.h>

#define CHAIN_H 1e-5

static double poly(double x)
{
    double y = 2 * x + 3;
    return y * y + 1;
}

static double sin_sq(double x) { return sin(x * x); }

void chain_poly_example(double x, chain_example *out)
{
    out->x = x;
    out->inner = 2 * x + 3;
    out->outer = out->inner * out->inner + 1;
    out->d_outer = 2 * out->inner;
    out->d_inner = 2;
    out->product = out->d_outer * out->d_inner;
    out->numeric = (poly(x + CHAIN_H) - poly(x - CHAIN_H)) / (2 * CHAIN_H);
}

void chain_sin_example(double x, chain_example *out)
{
    out->x = x;
    out->inner = x * x;
    out->outer = sin(out->inner);
    out->d_outer = cos(out->inner);
    out->d_inner = 2 * x;
    out->product = out->d_outer * out->d_inner;
    out->numeric = (sin_sq(x + CHAIN_H) - sin_sq(x - CHAIN_H)) / (2 * CHAIN_H);
}
