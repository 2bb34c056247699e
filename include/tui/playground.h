/* playground.h - the controls a web playground has as sliders, as keys on
 * the main screen: the generated data's noise, a new sample of it, the test
 * share, the batch size, the regularisation and its rate, the derived
 * features and the task. Each handler runs one session command and says,
 * on the status row, the new value and what the change did. */
#ifndef MLPVIZ_TUI_PLAYGROUND_H
#define MLPVIZ_TUI_PLAYGROUND_H

#include "tui/view.h"

void pg_noise(tui_view *v, tui_action a);
void pg_resample(tui_view *v, tui_action a);
void pg_test_share(tui_view *v, tui_action a);
void pg_batch(tui_view *v, tui_action a);
void pg_penalty(tui_view *v, tui_action a);
void pg_penalty_rate(tui_view *v, tui_action a);
void pg_feature(tui_view *v, tui_action a);
void pg_task(tui_view *v, tui_action a);

/* The data settings as the screen shows them: "noise 0.1  test 20%"
 * (generated sets), then "batch 10", "L2 0.001", "+x1^2 x2^2" when not the
 * defaults; "" when there is nothing to say. */
void pg_describe(const tui_view *v, char *buf, size_t len);

#endif
