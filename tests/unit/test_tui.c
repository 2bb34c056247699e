/* test_tui.c - the screen's logic without a real terminal: the learning-rate
 * ladder, the five-column number format, the key table and its hint line,
 * and whole frames drawn through ncurses into /dev/null (newterm), read back
 * from the windows: the status words, the panel titles, the size message,
 * and keys dispatched to session commands. The screen tests in tmux cover
 * the same ground through a real terminal. */
#include <criterion/criterion.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <curses.h>

#include "engine/ds.h"
#include "engine/session.h"
#include "tui/keys.h"
#include "tui/style.h"
#include "tui/view.h"

Test(tui, lr_ladder_moves_one_rung)
{
    cr_expect_eq(keys_lr_ladder(0.1, 1), 0.3);
    cr_expect_eq(keys_lr_ladder(0.3, -1), 0.1);
    cr_expect_eq(keys_lr_ladder(0.003, 1), 0.01);
    cr_expect_eq(keys_lr_ladder(1, 1), 3);
    cr_expect_eq(keys_lr_ladder(0.0001, -1), 0.00001);
}

Test(tui, lr_ladder_stops_at_its_ends)
{
    cr_expect_eq(keys_lr_ladder(10, 1), 10);
    cr_expect_eq(keys_lr_ladder(0.00001, -1), 0.00001);
    cr_expect_eq(keys_lr_ladder(100, -1), 10);
}

Test(tui, lr_ladder_from_a_value_off_the_ladder)
{
    cr_expect_eq(keys_lr_ladder(0.05, 1), 0.1);
    cr_expect_eq(keys_lr_ladder(0.05, -1), 0.03);
    /* a value a rounding away from a rung still moves a whole rung */
    cr_expect_eq(keys_lr_ladder(0.1 * (1 + 1e-12), 1), 0.3);
}

Test(tui, num5_fits_five_columns)
{
    const double v[] = {0,     1e-12,  -3e-4, 0.0049, 0.005, 0.53,  -9.996,
                        12.34, -99.96, 1234,  99999,  1e16,  -1e120, NAN,
                        INFINITY, -INFINITY};
    char buf[32];
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        fmt_num5(buf, sizeof buf, v[i]);
        cr_expect_leq(strlen(buf), 5, "%g gave '%s'", v[i], buf);
    }
}

Test(tui, num5_keeps_sign_and_size)
{
    char buf[32];
    fmt_num5(buf, sizeof buf, 0.53);
    cr_expect_str_eq(buf, "+0.53");
    fmt_num5(buf, sizeof buf, -0.0003);
    cr_expect_str_eq(buf, "-3e-4");
    fmt_num5(buf, sizeof buf, 12.34);
    cr_expect_str_eq(buf, "+12.3");
    fmt_num5(buf, sizeof buf, 123456);
    cr_expect_str_eq(buf, "+1e05");
    fmt_num5(buf, sizeof buf, -7e16);
    cr_expect_str_eq(buf, "-7e16");
}

Test(tui, key_table_names_each_key_once)
{
    int n;
    const keys_binding *t = keys_table(&n);
    cr_assert_gt(n, 30);
    for (int i = 0; i < n; i++) {
        cr_expect_not_null(t[i].run, "key %d has no handler", t[i].key);
        cr_expect_not_null(t[i].action);
        if (t[i].label)
            cr_expect(t[i].help && t[i].help[0], "%s has no help", t[i].label);
        for (int j = i + 1; j < n; j++)
            cr_expect_neq(t[i].key, t[j].key, "key %d bound twice", t[i].key);
    }
}

Test(tui, key_table_has_every_key_of_the_issue)
{
    const char *keys = " npq,.rR+-aAolgdDm[]{}\ttzLs?10x";
    int n;
    const keys_binding *t = keys_table(&n);
    for (const char *k = keys; *k; k++) {
        bool found = false;
        for (int i = 0; i < n; i++)
            found |= t[i].key == *k;
        cr_expect(found, "no binding for '%c'", *k);
    }
}

Test(tui, hint_line_fits_its_width)
{
    char buf[512];
    keys_hint_line(buf, sizeof buf, 80);
    cr_expect_leq(strlen(buf), 80);
    cr_expect_eq(strncmp(buf, "space epoch", 11), 0, "hint line: %s", buf);
    cr_expect_neq(strstr(buf, "q quit"), NULL, "hint line: %s", buf);
    keys_hint_line(buf, sizeof buf, 20);
    cr_expect_leq(strlen(buf), 20);
}

/* ---- whole frames into a virtual terminal ---- */

typedef struct {
    FILE *out, *in;
    SCREEN *scr;
    session s;
    tui_options o;
    tui_view v;
} frame_fixture;

static void frame_open(frame_fixture *f, int cols, int lines)
{
    setlocale(LC_ALL, "C");
    session_config c;
    ds_dataset d;
    char err[256];
    session_config_default(&c);
    cr_assert_eq(ds_builtin(&d, "xor", NULL), 0);
    cr_assert_eq(session_new(&f->s, &c, &d, err, sizeof err), 0, "%s", err);
    f->out = fopen("/dev/null", "w");
    f->in = fopen("/dev/null", "r");
    cr_assert(f->out && f->in);
    f->scr = newterm("xterm-256color", f->out, f->in);
    cr_assert_not_null(f->scr, "no xterm-256color terminfo entry");
    set_term(f->scr);
    resize_term(lines, cols);
    memset(&f->o, 0, sizeof f->o);
    ds_gen_options_default(&f->o.gen);
    cr_assert_eq(view_init(&f->v, &f->s, &f->o), 0);
    view_layout(&f->v);
}

static void frame_close(frame_fixture *f)
{
    view_free(&f->v);
    endwin();
    delscreen(f->scr);
    fclose(f->out);
    fclose(f->in);
    session_free(&f->s);
}

/* Row y of window w as text. */
static void frame_row(WINDOW *w, int y, char *buf, int n)
{
    buf[0] = '\0';
    mvwinnstr(w, y, 0, buf, n - 1);
}

Test(tui, frame_shows_the_status_words_at_80x24)
{
    frame_fixture f;
    frame_open(&f, 80, 24);
    cr_assert(!f.v.too_small);
    view_draw(&f.v);
    char row[256];
    frame_row(f.v.status_win, 0, row, sizeof row);
    const char *words[] = {"epoch 0", "loss 0.", "acc 50%", "lr 0.1",
                           "relu/sigmoid", "bce", "sgd", "paused"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        cr_expect_neq(strstr(row, words[i]), NULL, "no '%s' in: %s", words[i], row);
    frame_row(f.v.panels[PANEL_NET].win, 0, row, sizeof row);
    cr_expect_neq(strstr(row, "Network"), NULL, "%s", row);
    frame_row(f.v.panels[PANEL_MAP].win, 0, row, sizeof row);
    cr_expect_neq(strstr(row, "Decision map"), NULL, "%s", row);
    frame_row(f.v.panels[PANEL_WEIGHTS].win, 0, row, sizeof row);
    cr_expect_neq(strstr(row, "Weights"), NULL, "%s", row);
    frame_row(f.v.panels[PANEL_LOSS].win, 0, row, sizeof row);
    cr_expect_neq(strstr(row, "Loss"), NULL, "%s", row);
    frame_close(&f);
}

Test(tui, frame_below_80x24_says_the_size_needed)
{
    frame_fixture f;
    frame_open(&f, 60, 20);
    cr_expect(f.v.too_small);
    view_draw(&f.v);
    bool found = false;
    char row[256];
    for (int y = 0; y < 20; y++) {
        frame_row(stdscr, y, row, sizeof row);
        found |= strstr(row, "80x24") != NULL;
    }
    cr_expect(found, "no size message");
    resize_term(30, 100);
    view_layout(&f.v);
    cr_expect(!f.v.too_small);
    frame_close(&f);
}

Test(tui, keys_run_session_commands)
{
    frame_fixture f;
    frame_open(&f, 100, 30);
    keys_dispatch(&f.v, ' ');
    cr_expect_eq(f.s.epoch, 1);
    keys_dispatch(&f.v, '+');
    cr_expect_eq(f.s.cfg.lr, 0.3);
    keys_dispatch(&f.v, 'a');
    cr_expect_eq(f.s.cfg.hidden_act, ACT_LEAKY_RELU);
    keys_dispatch(&f.v, 'g');
    cr_expect_eq(f.s.cfg.optimizer, OPT_MOMENTUM);
    keys_dispatch(&f.v, 'm');
    cr_expect_eq(f.s.cfg.model, MODEL_PERCEPTRON);
    keys_dispatch(&f.v, 'd');
    cr_expect_str_eq(f.s.data.name, "and");
    keys_dispatch(&f.v, 'q');
    cr_expect(f.v.quit);
    cr_expect_eq(f.v.exit_status, 0);
    view_draw(&f.v);
    frame_close(&f);
}

Test(tui, map_values_stay_on_the_scale)
{
    frame_fixture f;
    frame_open(&f, 100, 30);
    session_train(&f.s, 50);
    view_draw(&f.v);
    size_t n = (size_t)f.v.map.pw * (size_t)f.v.map.ph;
    cr_assert_gt(n, 100);
    for (size_t k = 0; k < n; k++)
        cr_assert(f.v.map.val[k] >= -1 && f.v.map.val[k] <= 1, "pixel %zu: %g", k,
                  f.v.map.val[k]);
    /* the truth tables sit inside the plane, with a margin */
    cr_expect_leq(f.v.x0, -0.4);
    cr_expect_geq(f.v.x1, 1.4);
    cr_expect_leq(f.v.y0, -0.4);
    cr_expect_geq(f.v.y1, 1.4);
    frame_close(&f);
}

Test(tui, hidden_neuron_selection_changes_the_map)
{
    frame_fixture f;
    frame_open(&f, 100, 30);
    int l, j;
    cr_expect(!view_map_neuron(&f.v, &l, &j), "the map starts on the model");
    f.v.sel.col = 2; /* first hidden layer */
    f.v.sel.node = 3;
    cr_assert(view_map_neuron(&f.v, &l, &j));
    cr_expect_eq(l, 0);
    cr_expect_eq(j, 3);
    view_draw(&f.v);
    cr_expect_eq(f.v.map.neuron, 0 * NET_MAX_UNITS + 3);
    frame_close(&f);
}
