/* test_tui.c - the screen's logic without a real terminal: the learning-rate
 * ladder, the five-column number format, the key table and its hint line,
 * and whole frames drawn through ncurses into /dev/null (newterm), read back
 * from the windows: the status words, the panel titles, the size message,
 * and keys dispatched to session commands; the view modes, the lesson line,
 * the weight editor and the scene prompt; and the chain-rule inspector's
 * factors against the engine's own gradient. The screen tests in tmux
 * cover the same ground through a real terminal. */
#include <criterion/criterion.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curses.h>

#include "engine/ds.h"
#include "engine/lesson.h"
#include "engine/session.h"
#include "io/scene_io.h"
#include "engine/lr_ladder.h"
#include "tui/keys.h"
#include "tui/screen.h"
#include "engine/session_query.h"
#include "tui/panel.h"
#include "tui/style.h"
#include "tui/view.h"

Test(tui, lr_ladder_moves_one_rung)
{
    cr_expect_eq(lr_ladder_next(0.1, 1), 0.3);
    cr_expect_eq(lr_ladder_next(0.3, -1), 0.1);
    cr_expect_eq(lr_ladder_next(0.003, 1), 0.01);
    cr_expect_eq(lr_ladder_next(1, 1), 3);
    cr_expect_eq(lr_ladder_next(0.0001, -1), 0.00001);
}

Test(tui, lr_ladder_stops_at_its_ends)
{
    cr_expect_eq(lr_ladder_next(10, 1), 10);
    cr_expect_eq(lr_ladder_next(0.00001, -1), 0.00001);
    cr_expect_eq(lr_ladder_next(100, -1), 10);
}

Test(tui, lr_ladder_from_a_value_off_the_ladder)
{
    cr_expect_eq(lr_ladder_next(0.05, 1), 0.1);
    cr_expect_eq(lr_ladder_next(0.05, -1), 0.03);
    /* a value a rounding away from a rung still moves a whole rung */
    cr_expect_eq(lr_ladder_next(0.1 * (1 + 1e-12), 1), 0.3);
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

/* Each key once per table; every action of a table has a name and help. */
static void expect_table_sound(const key_binding *t, const char *what)
{
    int n = 0;
    for (; t[n].action != ACTION_NONE; n++) {
        cr_expect(t[n].action > 0 && t[n].action < ACTION_COUNT, "%s: row %d", what, n);
        cr_expect(action_help((tui_action)t[n].action)[0], "%s: %s has no help",
                  what, action_name((tui_action)t[n].action));
        /* two columns of help fit at 80 columns only with short lines */
        cr_expect_leq(strlen(action_help((tui_action)t[n].action)), 29,
                      "%s: %s's help is longer than 29 columns: %s", what,
                      action_name((tui_action)t[n].action),
                      action_help((tui_action)t[n].action));
        for (int j = 0; j < n; j++)
            cr_expect_neq(t[j].key, t[n].key, "%s: key %d bound twice", what,
                          t[n].key);
    }
}

Test(tui, key_tables_bind_each_key_once_to_an_action_with_help)
{
    expect_table_sound(keys_global(), "global");
    for (int m = 1; m < MODE_COUNT; m++) {
        const view_mode_ops *o = view_mode_get((view_mode)m);
        if (o->keys)
            expect_table_sound(o->keys, o->name);
    }
}

Test(tui, global_table_has_every_documented_key)
{
    const char *keys = " npq,.rR+-aAolgdDm[]{}\ttzLs?10xuivcwyhMfeSb\r";
    for (const char *k = keys; *k; k++)
        cr_expect_neq(keymap_find(keys_global(), *k), ACTION_NONE,
                      "no binding for '%c'", *k);
}

Test(tui, view_keys_come_from_the_view_list)
{
    /* the key of each row of the view list opens that view */
    cr_expect_eq(action_view(keymap_find(keys_global(), 'c')), MODE_COMPARE);
    cr_expect_eq(action_view(keymap_find(keys_global(), 'M')), MODE_METRICS);
    cr_expect_eq(action_view(keymap_find(keys_global(), ' ')), MODE_MAIN);
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
    cr_assert_eq(screen_init(&f->v, &f->s, &f->o), 0);
    screen_layout(&f->v);
}

static void frame_close(frame_fixture *f)
{
    screen_free(&f->v);
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
    screen_draw(&f.v);
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
    screen_draw(&f.v);
    bool found = false;
    char row[256];
    for (int y = 0; y < 20; y++) {
        frame_row(stdscr, y, row, sizeof row);
        found |= strstr(row, "80x24") != NULL;
    }
    cr_expect(found, "no size message");
    resize_term(30, 100);
    screen_layout(&f.v);
    cr_expect(!f.v.too_small);
    frame_close(&f);
}

Test(tui, keys_run_session_commands)
{
    frame_fixture f;
    frame_open(&f, 100, 30);
    keys_run(&f.v, ACTION_TRAIN_EPOCH);
    cr_expect_eq(f.s.epoch, 1);
    keys_run(&f.v, ACTION_LR_UP);
    cr_expect_eq(f.s.cfg.lr, 0.3);
    keys_run(&f.v, ACTION_ACT_NEXT);
    cr_expect_eq(f.s.cfg.hidden_act, ACT_LEAKY_RELU);
    keys_run(&f.v, ACTION_OPTIMIZER_NEXT);
    cr_expect_eq(f.s.cfg.optimizer, OPT_MOMENTUM);
    keys_run(&f.v, ACTION_MODEL);
    cr_expect_eq(f.s.cfg.model, MODEL_PERCEPTRON);
    keys_run(&f.v, ACTION_DATA_NEXT);
    cr_expect_str_eq(f.s.data.name, "and");
    keys_run(&f.v, ACTION_QUIT);
    cr_expect(f.v.quit);
    cr_expect_eq(f.v.exit_status, 0);
    screen_draw(&f.v);
    frame_close(&f);
}

Test(tui, map_values_stay_on_the_scale)
{
    frame_fixture f;
    frame_open(&f, 100, 30);
    session_train(&f.s, 50);
    screen_draw(&f.v);
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
    screen_draw(&f.v);
    cr_expect_eq(f.v.map.neuron, 0 * NET_MAX_UNITS + 3);
    frame_close(&f);
}

/* ---- view modes, lessons, prompts ---- */

/* Text of row y of the mode window (or the lesson line, the status rows). */
static bool window_has(WINDOW *w, const char *text)
{
    char row[1024];
    int h = getmaxy(w);
    for (int y = 0; y < h; y++) {
        frame_row(w, y, row, sizeof row);
        if (strstr(row, text))
            return true;
    }
    return false;
}

Test(tui, each_view_key_opens_its_mode_and_esc_returns)
{
    static const struct {
        int key;
        view_mode mode;
        const char *text;
    } keys[] = {{'u', MODE_UPDATE, "Update"},
                {'i', MODE_INSPECTOR, "Chain rule"},
                {'v', MODE_GALLERY, "Activation gallery"},
                {'M', MODE_METRICS, "Metrics"}};
    int sizes[2][2] = {{80, 24}, {160, 48}};
    for (int z = 0; z < 2; z++) {
        frame_fixture f;
        frame_open(&f, sizes[z][0], sizes[z][1]);
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
            cr_assert(screen_key(&f.v, keys[k].key));
            cr_expect_eq(f.v.mode, keys[k].mode, "key %c", keys[k].key);
            screen_draw(&f.v);
            cr_expect(window_has(f.v.mode_win, keys[k].text), "%c: no '%s' at %dx%d",
                      keys[k].key, keys[k].text, sizes[z][0], sizes[z][1]);
            cr_expect(window_has(f.v.status_win, "paused"), "no state word");
            char ep[32];
            snprintf(ep, sizeof ep, "epoch %zu ", k);
            cr_expect(window_has(f.v.status_win, ep), "no '%s'", ep);
            /* keys the view does not take keep their meaning */
            screen_key(&f.v, ' ');
            screen_key(&f.v, 27);
            cr_expect_eq(f.v.mode, MODE_MAIN);
            cr_expect_null(f.v.mode_state[keys[k].mode], "state left after close");
        }
        cr_expect_eq(f.s.epoch, 4);
        /* the same key twice goes back too */
        screen_key(&f.v, 'u');
        screen_key(&f.v, 'u');
        cr_expect_eq(f.v.mode, MODE_MAIN);
        frame_close(&f);
    }
}

Test(tui, every_view_is_found_by_its_name)
{
    for (int m = 0; m < MODE_COUNT; m++) {
        const view_mode_ops *ops = view_mode_get((view_mode)m);
        cr_assert_not_null(ops->name);
        view_mode back;
        cr_expect(view_mode_from_name(ops->name, &back));
        cr_expect_eq((int)back, m);
    }
}

Test(tui, hint_line_leads_with_the_views_keys)
{
    frame_fixture f;
    frame_open(&f, 80, 24);
    char buf[512];
    screen_set_mode(&f.v, MODE_INSPECTOR);
    keys_hint_line_for(&f.v, buf, sizeof buf, 80);
    cr_expect_eq(strncmp(buf, "f phase", 7), 0, "%s", buf);
    cr_expect_neq(strstr(buf, "Esc close"), NULL, "%s", buf);
    cr_expect_leq(strlen(buf), 80);
    /* "n step" once, though the view and the table both have it */
    const char *first = strstr(buf, "n step");
    cr_assert_not_null(first);
    cr_expect_null(strstr(first + 1, "n step"), "%s", buf);
    frame_close(&f);
}

Test(tui, help_pages_hold_every_key_and_the_views_own)
{
    frame_fixture f;
    frame_open(&f, 80, 24);
    screen_set_mode(&f.v, MODE_GALLERY);
    screen_key(&f.v, '?');
    cr_assert_eq(f.v.overlay, OVERLAY_HELP);
    bool gallery = false, quit = false, lessons = false;
    for (int page = 0; page < 4; page++) {
        screen_draw(&f.v);
        gallery |= window_has(f.v.overlay_win, "use it in the hidden layers");
        quit |= window_has(f.v.overlay_win, "quit");
        lessons |= window_has(f.v.overlay_win, "lesson menu");
        overlay_handle_key(&f.v, KEY_NPAGE);
    }
    cr_expect(gallery && quit && lessons, "gallery %d quit %d lessons %d", gallery,
              quit, lessons);
    overlay_handle_key(&f.v, 27);
    cr_expect_eq(f.v.overlay, OVERLAY_NONE);
    frame_close(&f);
}

Test(tui, lesson_scenes_move_with_enter_and_backspace)
{
    frame_fixture f;
    frame_open(&f, 80, 24);
    const lesson *l = lesson_find("chain");
    cr_assert_not_null(l);
    /* the book's small examples first, worked out on the Book view */
    cr_assert_eq(screen_lesson_goto(&f.v, l, 0), 0);
    cr_expect_eq(f.v.mode, MODE_BOOK);
    screen_draw(&f.v);
    cr_expect(window_has(f.v.mode_win, "dz/dx = dz/dy * dy/dx = 14 * 2 = 28"));
    cr_expect(window_has(f.v.status_win, "scene 1/8"));
    screen_key(&f.v, '\r');
    cr_expect_eq(f.v.mode, MODE_INSPECTOR);
    cr_expect_eq(f.v.sel.col, 3); /* weight layer 1: w2 */
    screen_draw(&f.v);
    cr_expect(window_has(f.v.lesson_win, l->scenes[1].text));
    cr_expect(window_has(f.v.status_win, "scene 2/8"));
    for (int k = 1; k <= 3; k++)
        screen_key(&f.v, '\r');
    cr_expect_eq(f.v.lesson_scene, 4);
    cr_expect_eq(f.s.phase, SESSION_PHASE_BACKWARD);
    screen_draw(&f.v);
    cr_expect(window_has(f.v.mode_win, "(g(z2) - y) * g'(z2) * a1"));
    cr_expect(window_has(f.v.mode_win, "dL/dw2 = -0.125"));
    screen_key(&f.v, '\r');
    cr_expect_eq(f.v.sel.col, 1); /* w1 */
    screen_draw(&f.v);
    cr_expect(window_has(f.v.mode_win, "dL/dw1 = -0.0625"));
    screen_key(&f.v, KEY_BACKSPACE);
    cr_expect_eq(f.v.lesson_scene, 4);
    cr_expect_eq(f.v.sel.col, 3);
    /* other keys keep their meaning inside a lesson */
    screen_key(&f.v, 'n');
    cr_expect_eq(f.s.phase, SESSION_PHASE_READY);
    cr_expect_eq(f.s.steps, 1);
    frame_close(&f);
}

Test(tui, edit_prompt_sets_the_weight_or_says_why_not)
{
    frame_fixture f;
    frame_open(&f, 80, 24);
    cr_assert(view_select_weight(&f.v, 0, 2, 1));
    screen_key(&f.v, 'e');
    cr_assert_eq(f.v.overlay, OVERLAY_PROMPT);
    cr_expect_eq(f.v.prompt_kind, PROMPT_EDIT_WEIGHT);
    /* the prompt starts empty and offers the weight's value, exactly */
    cr_expect_eq(f.v.prompt_len, 0);
    cr_expect_eq(strtod(f.v.prompt_default, NULL), f.s.net.layer[0].w[2 * 2 + 1]);
    overlay_handle_key(&f.v, 21);
    for (const char *p = "-1.25"; *p; p++)
        overlay_handle_key(&f.v, *p);
    overlay_handle_key(&f.v, '\r');
    cr_expect_eq(f.s.net.layer[0].w[2 * 2 + 1], -1.25);
    screen_key(&f.v, 'e');
    overlay_handle_key(&f.v, 21);
    for (const char *p = "abc"; *p; p++)
        overlay_handle_key(&f.v, *p);
    overlay_handle_key(&f.v, '\r');
    cr_expect_eq(f.s.net.layer[0].w[2 * 2 + 1], -1.25);
    cr_expect(f.v.message_bad);
    cr_expect_neq(strstr(f.v.message, "not a number"), NULL, "%s", f.v.message);
    /* Esc leaves it */
    screen_key(&f.v, 'e');
    overlay_handle_key(&f.v, '7');
    overlay_handle_key(&f.v, 27);
    cr_expect_eq(f.s.net.layer[0].w[2 * 2 + 1], -1.25);
    /* the bias */
    cr_assert(view_select_weight(&f.v, 2, 0, 4));
    screen_key(&f.v, 'e');
    overlay_handle_key(&f.v, 21);
    overlay_handle_key(&f.v, '3');
    overlay_handle_key(&f.v, '\r');
    cr_expect_eq(f.s.net.layer[2].b[0], 3.0);
    frame_close(&f);
}

Test(tui, scene_prompt_saves_the_view_record)
{
    frame_fixture f;
    frame_open(&f, 80, 24);
    cr_assert_eq(screen_lesson_goto(&f.v, lesson_find("relu"), 4), 0);
    cr_assert(view_select_weight(&f.v, 0, 0, 1));
    char path[] = "/tmp/mlpviz-tui-scene-XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    close(fd);
    screen_key(&f.v, 'S');
    cr_assert_eq(f.v.prompt_kind, PROMPT_SAVE_SCENE);
    cr_expect_str_eq(f.v.prompt, "");
    cr_expect_str_eq(f.v.prompt_default, "scene.json");
    overlay_handle_key(&f.v, 21);
    for (const char *p = path; *p; p++)
        overlay_handle_key(&f.v, *p);
    overlay_handle_key(&f.v, '\r');
    cr_expect(!f.v.message_bad, "%s", f.v.message);
    session t;
    scene_view sv;
    char err[256];
    cr_assert_eq(scene_io_load(path, &t, &sv, err, sizeof err), 0, "%s", err);
    cr_expect_str_eq(sv.view, "inspector");
    cr_expect_str_eq(sv.lesson, "relu");
    cr_expect_eq(sv.lesson_scene, 4);
    cr_expect_eq(sv.layer, 0);
    cr_expect_eq(sv.unit, 0);
    cr_expect_eq(sv.input, 1);
    cr_expect_eq(t.epoch, f.s.epoch);
    cr_expect_eq(t.net.params[0], f.s.net.params[0]);
    session_free(&t);
    unlink(path);
    frame_close(&f);
}

Test(tui, start_options_open_the_saved_view)
{
    frame_fixture f;
    frame_open(&f, 80, 24);
    screen_free(&f.v);
    snprintf(f.o.view.view, sizeof f.o.view.view, "metrics");
    f.o.view.layer = 1;
    f.o.view.unit = 3;
    f.o.view.input = 8; /* the bias of unit 4 of layer 2 */
    cr_assert_eq(screen_init(&f.v, &f.s, &f.o), 0);
    screen_layout(&f.v);
    cr_expect_eq(f.v.mode, MODE_MAIN);
    screen_apply_start(&f.v);
    cr_expect_eq(f.v.mode, MODE_METRICS);
    int l, j, i;
    view_selected_weight(&f.v, &l, &j, &i);
    cr_expect(l == 1 && j == 3 && i == 8, "%d %d %d", l, j, i);
    screen_draw(&f.v);
    frame_close(&f);
}

/* ---- the inspector's numbers against the engine's ---- */

static void close_to(double a, double b, const char *what)
{
    cr_expect(fabs(a - b) <= 1e-12 * (1 + fabs(b)), "%s: %.17g vs %.17g", what, a, b);
}

/* Every factor shown multiplies to the engine's gradient, for every weight
 * and bias, every row, and the mean over the rows is the engine's. */
static void check_chain(const session *s)
{
    const net *n = &s->net;
    for (int l = 0; l < n->n_layers; l++) {
        const net_layer *L = &n->layer[l];
        for (int j = 0; j < L->n_out; j++)
            for (int i = 0; i <= L->n_in; i++) {
                double mean = 0;
                for (int r = 0; r < n->batch; r++) {
                    session_chain c;
                    cr_assert(session_query_chain(s, l, j, i, s->batch_rows[r], &c));
                    cr_assert(c.backward);
                    cr_assert_eq(c.r, r);
                    if (!c.fused)
                        close_to(c.dl_da * c.dact, c.delta, "dL/da * act'(z)");
                    close_to(c.delta * c.a_in, c.grad_row, "the row's product");
                    if (!c.output && c.n_terms == c.n_next) {
                        double sum = 0;
                        for (int t = 0; t < c.n_terms; t++)
                            sum += c.w_next[t] * c.delta_next[t];
                        close_to(sum, c.dl_da, "the back-propagated sum");
                    }
                    mean += c.grad_row / c.batch;
                }
                size_t q = i == L->n_in ? 0 : (size_t)j * L->n_in + i;
                double g = i == L->n_in ? L->gb[j] : L->gw[q];
                close_to(mean, g, "the mean over the rows");
            }
    }
}

Test(tui, inspector_factors_multiply_to_the_engines_gradient)
{
    session s;
    char err[256];
    memset(&s, 0, sizeof s);
    /* the book's two neurons: dL/dw2 = -0.125, dL/dw1 = -0.0625 */
    cr_assert_eq(lesson_goto(lesson_find("chain"), 4, &s, err, sizeof err), 0, "%s",
                 err);
    session_chain c;
    cr_assert(session_query_chain(&s, 1, 0, 0, 0, &c));
    cr_expect_eq(c.act - c.y, -0.5);
    cr_expect_eq(c.dact, 0.25);
    cr_expect_eq(c.a_in, 1);
    cr_expect_eq(c.grad_row, -0.125);
    cr_expect_eq(c.grad, -0.125);
    cr_expect(c.pending && !c.updated);
    cr_expect_eq(c.after, 0.625);
    cr_assert(session_query_chain(&s, 0, 0, 0, 0, &c));
    cr_expect_eq(c.n_terms, 1);
    cr_expect_eq(c.w_next[0], 0.5);
    cr_expect_eq(c.delta_next[0], -0.125);
    cr_expect_eq(c.dl_da, -0.0625);
    cr_expect_eq(c.dact, 1);
    cr_expect_eq(c.grad, -0.0625);
    check_chain(&s);
    /* after the update: the weights before and after it, and the backward
     * still read with the weights it used */
    session_step_phase(&s);
    cr_assert(session_query_chain(&s, 0, 0, 0, 0, &c));
    cr_expect(c.updated);
    cr_expect_eq(c.before, 0.75);
    cr_expect_eq(c.after, 0.8125);
    cr_expect_eq(c.w_next[0], 0.5);
    check_chain(&s);
    session_free(&s);

    /* the book's XOR network, full batch of four rows, bce */
    session_config cfg;
    ds_dataset d;
    session_config_default(&cfg);
    cr_assert_eq(ds_builtin(&d, "xor", NULL), 0);
    cr_assert_eq(session_new(&s, &cfg, &d, err, sizeof err), 0, "%s", err);
    session_train(&s, 3);
    for (int k = 0; k < 3; k++)
        session_step_phase(&s);
    cr_assert_eq(s.phase, SESSION_PHASE_BACKWARD);
    check_chain(&s);
    session_free(&s);
}

/* What the inspector says the next update will make is what it makes. */
Test(tui, inspector_predicts_each_optimizers_update)
{
    for (int o = 0; o < OPT_COUNT; o++) {
        session s;
        session_config cfg;
        ds_dataset d;
        char err[256];
        session_config_default(&cfg);
        cfg.optimizer = (opt_kind)o;
        cfg.batch = 2;
        cfg.l2 = 0.01;
        cr_assert_eq(ds_builtin(&d, "xor", NULL), 0);
        cr_assert_eq(session_new(&s, &cfg, &d, err, sizeof err), 0, "%s", err);
        for (int k = 0; k < 5; k++)
            session_step_batch(&s);
        for (int k = 0; k < 3; k++)
            session_step_phase(&s);
        session_chain c[3];
        int pick[3][3] = {{0, 5, 1}, {1, 2, 8}, {2, 0, 3}};
        for (int k = 0; k < 3; k++) {
            cr_assert(session_query_chain(&s, pick[k][0], pick[k][1], pick[k][2], -1,
                                            &c[k]));
            cr_expect(c[k].pending);
        }
        /* the penalty is part of the gradient of a weight */
        cr_expect_neq(c[0].penalty, 0);
        close_to(c[0].grad_rows + c[0].penalty, c[0].grad, "grad = rows + penalty");
        session_step_phase(&s);
        for (int k = 0; k < 3; k++) {
            session_chain after;
            cr_assert(session_query_chain(&s, pick[k][0], pick[k][1], pick[k][2], -1,
                                            &after));
            cr_expect(after.updated);
            close_to(c[k].after, after.after, opt_name((opt_kind)o));
            cr_expect_eq(c[k].before, after.before);
        }
        session_free(&s);
    }
}

Test(tui, inspector_before_any_forward_says_so)
{
    session s;
    session_config cfg;
    ds_dataset d;
    char err[256];
    session_config_default(&cfg);
    cr_assert_eq(ds_builtin(&d, "xor", NULL), 0);
    cr_assert_eq(session_new(&s, &cfg, &d, err, sizeof err), 0, "%s", err);
    session_chain c;
    cr_assert(session_query_chain(&s, 0, 0, 0, 0, &c));
    cr_expect(!c.forward && !c.backward);
    cr_expect(!session_query_chain(&s, 0, 0, 3, 0, &c), "no input 3");
    cr_expect(!session_query_chain(&s, 3, 0, 0, 0, &c), "no layer 3");
    session_step_phase(&s);
    cr_assert(session_query_chain(&s, 0, 0, 0, 0, &c));
    cr_expect(c.forward && !c.backward);
    session_free(&s);
}

Test(tui, every_lesson_scene_names_a_registered_view_and_every_view_is_used)
{
    bool used[MODE_COUNT] = {false};
    for (int i = 0; i < lesson_count(); i++)
        for (int k = 0; k < lesson_get(i)->n_scenes; k++) {
            const char *name = lesson_get(i)->scenes[k].view;
            view_mode m;
            cr_assert(view_mode_from_name(name, &m), "%s scene %d: view '%s'",
                      lesson_get(i)->name, k + 1, name);
            used[m] = true;
        }
    for (int m = 0; m < MODE_COUNT; m++)
        cr_expect(used[m], "no lesson shows the %s view",
                  view_mode_get((view_mode)m)->name);
    view_mode w;
    cr_assert_not(view_mode_from_name("mian", &w));
}

Test(tui, every_global_action_with_a_key_has_a_handler_and_a_unique_name)
{
    for (int a = 1; a < ACTION_COUNT; a++)
        for (int b = a + 1; b < ACTION_COUNT; b++)
            cr_expect_str_neq(action_name((tui_action)a), action_name((tui_action)b));
    frame_fixture f;
    frame_open(&f, 100, 30);
    for (const key_binding *k = keys_global(); k->action != ACTION_NONE; k++)
        if (k->action != ACTION_QUIT && k->action != ACTION_MOUSE)
            cr_expect(keys_run(&f.v, (tui_action)k->action), "%s has no handler",
                      action_name((tui_action)k->action));
    frame_close(&f);
}


/* With Unicode and colours the map has two by two pixels a cell (quadrant
 * cells, twice the half blocks' pixels), some cells split between two
 * colours by a quadrant glyph where the boundary runs, and its points are
 * drawn on the map's own colour. */
Test(tui, map_has_two_by_two_pixels_a_cell_with_unicode)
{
    frame_fixture f;
    if (!setlocale(LC_ALL, "C.UTF-8"))
        cr_skip_test("no C.UTF-8 locale");
    session_config c;
    ds_dataset d;
    char err[256];
    session_config_default(&c);
    cr_assert_eq(ds_builtin(&d, "xor", NULL), 0);
    cr_assert_eq(session_new(&f.s, &c, &d, err, sizeof err), 0, "%s", err);
    f.out = fopen("/dev/null", "w");
    f.in = fopen("/dev/null", "r");
    cr_assert(f.out && f.in);
    f.scr = newterm("xterm-256color", f.out, f.in);
    cr_assert_not_null(f.scr);
    set_term(f.scr);
    resize_term(24, 80);
    memset(&f.o, 0, sizeof f.o);
    ds_gen_options_default(&f.o.gen);
    cr_assert_eq(screen_init(&f.v, &f.s, &f.o), 0);
    screen_layout(&f.v);
    if (!f.v.st.utf8 || f.v.st.colors != STYLE_256) {
        frame_close(&f);
        setlocale(LC_ALL, "C");
        cr_skip_test("no Unicode or no 256 colours here");
    }
    session_train(&f.s, 400);
    screen_draw(&f.v);
    cr_expect_eq(f.v.map_sx, 2);
    cr_expect_eq(f.v.map_sy, 2);
    cr_expect_eq(f.v.map.pw, 2 * f.v.map_pw);
    cr_expect_eq(f.v.map.ph, 2 * f.v.map_ph);
    int quads = 0;
    WINDOW *w = f.v.panels[PANEL_MAP].win;
    for (int y = 0; y < f.v.map_ph; y++)
        for (int x = 0; x < f.v.map_pw; x++) {
            cchar_t cc;
            wchar_t wc[CCHARW_MAX + 1];
            attr_t a;
            short pair;
            if (mvwin_wch(w, f.v.map_py + y, f.v.map_px + x, &cc) != OK)
                continue;
            getcchar(&cc, wc, &a, &pair, NULL);
            if ((wc[0] >= 0x2596 && wc[0] <= 0x259F) || wc[0] == 0x2580 ||
                wc[0] == 0x2584 || wc[0] == 0x258C || wc[0] == 0x2590)
                quads++;
        }
    cr_expect_gt(quads, 0, "no cell split by a quadrant glyph");
    frame_close(&f);
    setlocale(LC_ALL, "C");
}
