/* test_plot_fit.c - the loss axis fitted to its values: 0 kept when the
 * values come near it, else a little below the lowest value. */
#include <criterion/criterion.h>
#include <math.h>

#include "tui/plot.h"

Test(plot_fit, values_near_zero_keep_zero)
{
    cr_expect_eq(plot_fit_bottom(0.1, 0.7), 0.0);
    cr_expect_eq(plot_fit_bottom(0.0, 0.7), 0.0);
}

Test(plot_fit, values_far_from_zero_start_just_below_the_lowest)
{
    /* 0.69 .. 0.71: the axis from 0.689, so the small fall fills the panel */
    cr_expect_float_eq(plot_fit_bottom(0.69, 0.71), 0.689, 1e-12);
    cr_expect_float_eq(plot_fit_bottom(0.5, 1.0), 0.475, 1e-12);
}

Test(plot_fit, negative_or_flat_values_are_left_alone)
{
    cr_expect_eq(plot_fit_bottom(-1.0, 2.0), -1.0);
    cr_expect_eq(plot_fit_bottom(0.5, 0.5), 0.5);
}

#include <math.h>

#include "tui/panel.h"

/* The loss curve's smoothed line: an exponential moving average corrected
 * for its start, so that it begins on the first value, and a value that is
 * not finite carries the average over instead of poisoning it. */
Test(plot_fit, smoothed_loss_is_a_corrected_moving_average)
{
    const double h[5] = {1, 0, NAN, 1, 2};
    double out[5];
    panel_loss_smooth(h, 5, 0.5, out);
    cr_expect_float_eq(out[0], 1.0, 1e-12);
    cr_expect_float_eq(out[1], 1.0 / 3.0, 1e-12);
    cr_expect_float_eq(out[2], 1.0 / 3.0, 1e-12);
    cr_expect_float_eq(out[3], 0.625 / 0.875, 1e-12);
    cr_expect_float_eq(out[4], (0.3125 + 1.0) / (0.4375 + 0.5), 1e-12);
    /* beta 0: the raw values */
    panel_loss_smooth(h, 2, 0.0, out);
    cr_expect_eq(out[0], 1.0);
    cr_expect_eq(out[1], 0.0);
}
