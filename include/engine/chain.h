/* chain.h - the book's two small chain-rule examples, computed rather than
 * typed, so that a lesson scene shows numbers the program worked out:
 *   z = y^2 + 1, y = 2x + 3:  dz/dx = dz/dy * dy/dx = 2y * 2  (28 at x = 2)
 *   f = sin(u), u = x^2:      df/dx = cos(u) * 2x, i.e. d sin(x^2) =
 *                             cos(x^2) 2x dx
 * Each comes with a central finite difference of the whole function as a
 * check of the product. */
#ifndef MLPVIZ_ENGINE_CHAIN_H
#define MLPVIZ_ENGINE_CHAIN_H

typedef struct {
    double x;        /* the point */
    double inner;    /* y = 2x + 3, or u = x^2 */
    double outer;    /* z = y^2 + 1, or f = sin(u) */
    double d_outer;  /* dz/dy = 2y, or df/du = cos(u) */
    double d_inner;  /* dy/dx = 2, or du/dx = 2x */
    double product;  /* the chain rule: d_outer * d_inner */
    double numeric;  /* (g(x + h) - g(x - h)) / 2h of the composed function */
} chain_example;

/* The points the Book view works the examples at: the book's x = 2 for
 * z = y^2 + 1 (y = 7, z = 50, dz/dx = 28), and x = 1.5 for sin(x^2), which
 * the book leaves as a formula. */
#define CHAIN_POLY_BOOK_X 2.0
#define CHAIN_SIN_X 1.5

/* z = y^2 + 1 with y = 2x + 3, at x (the book takes x = 2: 28). */
void chain_poly_example(double x, chain_example *out);
/* sin(x^2) at x. */
void chain_sin_example(double x, chain_example *out);

#endif
