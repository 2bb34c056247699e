/* lr_ladder.h - the learning rates the screen steps through: eleven rungs
 * from 0.00001 to 10, roughly a factor of three or ten apart. The keys move
 * a session's rate one rung; the sweep lays five runs on neighbouring rungs
 * or a decade apart. */
#ifndef MLPVIZ_ENGINE_LR_LADDER_H
#define MLPVIZ_ENGINE_LR_LADDER_H

#define LR_LADDER_N 11

/* Rung k (clamped to 0 .. LR_LADDER_N-1). */
double lr_ladder(int k);
/* The rung nearest to lr on a log scale (the middle one for lr <= 0 or not
 * finite). */
int lr_ladder_nearest(double lr);
/* The next rung strictly above (dir > 0) or below lr; the end rung when
 * there is none. */
double lr_ladder_next(double lr, int dir);

#endif
