/* test_panel_net.c - the network panel's input names: names that fit stay,
 * long ones shorten to initials and the last word's start, and names that
 * would read the same stay distinct; its edges' weight steps. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "tui/panel.h"
#include "tui/panel_net.h"

Test(panel_net, iris_names_shorten_by_their_words)
{
    const char *names[] = {"sepal_length", "sepal_width", "petal_length",
                           "petal_width"};
    char out[4][16];
    panel_net_short_names(names, 4, 6, out);
    cr_expect_str_eq(out[0], "s.len");
    cr_expect_str_eq(out[1], "s.wid");
    cr_expect_str_eq(out[2], "p.len");
    cr_expect_str_eq(out[3], "p.wid");
}

Test(panel_net, names_that_fit_stay_whole)
{
    const char *names[] = {"x1", "x2", "height"};
    char out[3][16];
    panel_net_short_names(names, 3, 6, out);
    cr_expect_str_eq(out[0], "x1");
    cr_expect_str_eq(out[1], "x2");
    cr_expect_str_eq(out[2], "height");
}

Test(panel_net, a_single_long_word_is_cut_to_the_width)
{
    const char *names[] = {"temperature", "x2"};
    char out[2][16];
    panel_net_short_names(names, 2, 6, out);
    cr_expect_str_eq(out[0], "temper");
    cr_expect_str_eq(out[1], "x2");
}

Test(panel_net, names_that_would_collide_end_in_their_number)
{
    /* both shorten to "s.len": cut instead, then numbered where still equal */
    const char *names[] = {"sepal_length", "stem_lenient", "petal_width"};
    char out[3][16];
    panel_net_short_names(names, 3, 6, out);
    cr_expect_str_neq(out[0], out[1]);
    cr_expect_str_eq(out[0], "sepal_");
    cr_expect_str_eq(out[1], "stem_l");
    /* longer shared beginnings: numbered */
    const char *same[] = {"feature_a_long", "feature_b_long"};
    char o2[2][16];
    panel_net_short_names(same, 2, 6, o2);
    cr_expect_str_eq(o2[0], "f.a.lo", "got %s", o2[0]);
    cr_expect_str_eq(o2[1], "f.b.lo", "got %s", o2[1]);
    /* "m.x.lon" twice, then "measur" twice: numbered; the third stays */
    const char *dup[] = {"measure_x_long", "measure_x_lonely", "mass"};
    char o3[3][16];
    panel_net_short_names(dup, 3, 6, o3);
    cr_expect_str_eq(o3[0], "measu1", "got %s", o3[0]);
    cr_expect_str_eq(o3[1], "measu2", "got %s", o3[1]);
    cr_expect_str_eq(o3[2], "mass", "got %s", o3[2]);
    for (int a = 0; a < 3; a++)
        for (int b = a + 1; b < 3; b++)
            cr_expect_str_neq(o3[a], o3[b]);
}

/* The map's point thinning (panel_map_thin_keep): one glyph a cell; when
 * dense, a point leaves its four neighbours free of its own kind; a wrong
 * point (2) does not push a right one (1) away. */
Test(panel_map, thinning_keeps_one_glyph_a_cell_and_spaces_dense_points)
{
    unsigned char occ[3 * 3] = {0};
    cr_expect(panel_map_thin_keep(occ, 3, 3, 1, 1, true, 1));
    occ[1 * 3 + 1] = 1;
    cr_expect_not(panel_map_thin_keep(occ, 3, 3, 1, 1, false, 1), "taken cell");
    cr_expect_not(panel_map_thin_keep(occ, 3, 3, 1, 1, false, 2), "taken cell");
    cr_expect(panel_map_thin_keep(occ, 3, 3, 2, 1, false, 1), "sparse: beside is fine");
    cr_expect_not(panel_map_thin_keep(occ, 3, 3, 2, 1, true, 1), "dense: not beside");
    cr_expect_not(panel_map_thin_keep(occ, 3, 3, 1, 0, true, 1), "dense: not above");
    cr_expect(panel_map_thin_keep(occ, 3, 3, 2, 1, true, 2), "other kind may");
    cr_expect(panel_map_thin_keep(occ, 3, 3, 2, 2, true, 1), "diagonal is free");
    occ[1 * 3 + 1] = 2;
    cr_expect(panel_map_thin_keep(occ, 3, 3, 2, 1, true, 1), "a wrong point does not");
    cr_expect_not(panel_map_thin_keep(occ, 3, 3, 2, 1, true, 2), "wrong beside wrong");
    cr_expect_not(panel_map_thin_keep(occ, 3, 3, 3, 1, true, 1), "off the map");
}

/* An edge's weight in three steps over the layer's largest |w|: below a
 * third weak, below two thirds middling, above strong; the sign does not
 * matter, a non-finite weight is strong. */
Test(panel_net, edge_steps_are_thirds_of_the_largest_weight)
{
    cr_expect_eq(panel_net_edge_step(0.0, 1.5), 0);
    cr_expect_eq(panel_net_edge_step(-0.49, 1.5), 0);
    cr_expect_eq(panel_net_edge_step(0.51, 1.5), 1);
    cr_expect_eq(panel_net_edge_step(-0.99, 1.5), 1);
    cr_expect_eq(panel_net_edge_step(1.01, 1.5), 2);
    cr_expect_eq(panel_net_edge_step(-1.5, 1.5), 2);
    cr_expect_eq(panel_net_edge_step(NAN, 1.5), 2);
    cr_expect_eq(panel_net_edge_step(INFINITY, 1.5), 2);
    cr_expect_eq(panel_net_edge_step(0.3, 0.0), 0, "no largest weight");
    cr_expect_eq(panel_net_weight_role(-1.2, 1.5), ROLE_NEG);
    cr_expect_eq(panel_net_weight_role(0.2, 1.5), ROLE_POS_DIM);
    cr_expect_eq(panel_net_weight_role(NAN, 1.5), ROLE_BAD);
}
