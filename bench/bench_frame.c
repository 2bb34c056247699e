/* bench_frame.c - the cost of one frame of the screen: the real panels drawn
 * by the real view code through ncurses into a virtual terminal (newterm on
 * /dev/null, TERM=xterm-256color), on the book's XOR network 2-8-4-1, at
 * 80x24 and 200x60. Frames that follow a training step (every panel and the
 * whole map recomputed, the changed cells sent), idle redraws (nothing
 * changed), full repaints (every cell sent again, as after a resize or
 * Ctrl-Z), and the decision map alone after a step. Training time is not
 * counted. Was frame_bench.c (make bench-frame); now a section of make bench. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "bench.h"
#include "engine/ds.h"
#include "engine/session.h"
#include "tui/panel.h"
#include "tui/screen.h"
#include "tui/view.h"

typedef enum { FRAME_AFTER_STEP, FRAME_IDLE, FRAME_REPAINT, FRAME_MAP, FRAME_KINDS }
    frame_kind;

static const char *const frame_kind_name[FRAME_KINDS] = {
    "full frame after a step", "idle redraw", "full repaint (all cells)",
    "decision map alone"};

static int frame_session(session *s)
{
    session_config c;
    ds_dataset d;
    char err[256] = "";
    session_config_default(&c);
    if (ds_builtin(&d, "xor", NULL) < 0 || session_new(s, &c, &d, err, sizeof err) < 0) {
        fprintf(stderr, "bench: cannot build the XOR session: %s\n", err);
        return -1;
    }
    /* a trained network, so that the map and the curves have shape */
    session_train(s, 500);
    return 0;
}

/* Microseconds per frame, best of `reps` runs of `frames` frames. */
static double frame_run(int cols, int lines, frame_kind kind, int frames, int reps)
{
    session s;
    if (frame_session(&s) < 0)
        return -1;
    FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
    if (!out || !in) {
        perror("bench: /dev/null");
        exit(1);
    }
    SCREEN *scr = newterm("xterm-256color", out, in);
    if (!scr) {
        fprintf(stderr, "bench: no xterm-256color terminfo entry\n");
        exit(1);
    }
    set_term(scr);
    resize_term(lines, cols);
    tui_options o;
    memset(&o, 0, sizeof o);
    ds_gen_options_default(&o.gen);
    tui_view v;
    if (screen_init(&v, &s, &o) < 0) {
        fprintf(stderr, "bench: out of memory\n");
        exit(1);
    }
    screen_layout(&v);
    screen_draw(&v);
    panel *map = &v.panels[PANEL_MAP];
    double best = -1;
    for (int r = 0; r < reps; r++) {
        double spent = 0;
        for (int f = 0; f < frames; f++) {
            if (kind == FRAME_AFTER_STEP || kind == FRAME_MAP)
                session_step_epoch(&s);
            if (kind == FRAME_REPAINT)
                clearok(curscr, TRUE);
            double t0 = bench_now();
            if (kind == FRAME_MAP) {
                if (map->visible) {
                    map->ops->draw(&v, map);
                    wnoutrefresh(map->win);
                    doupdate();
                }
            } else {
                screen_draw(&v);
            }
            spent += bench_now() - t0;
        }
        double us = spent / frames * 1e6;
        if (best < 0 || us < best)
            best = us;
    }
    bool had_map = map->visible;
    screen_free(&v);
    endwin();
    delscreen(scr);
    fclose(out);
    fclose(in);
    session_free(&s);
    return kind == FRAME_MAP && !had_map ? -1 : best;
}

void bench_frame_section(const bench_opts *o, bench_results *res)
{
    int frames = o->quick ? 40 : 200, reps = 5;
    static const int sizes[2][2] = {{80, 24}, {200, 60}};
    static const char *const locales[2] = {"C.UTF-8", "C"};
    double us[2][2][FRAME_KINDS]; /* [locale][size][kind] */
    bool have[2] = {false, false};
    for (int l = 0; l < 2; l++) {
        if (!setlocale(LC_ALL, locales[l]))
            continue;
        have[l] = true;
        for (int i = 0; i < 2; i++)
            for (int k = 0; k < FRAME_KINDS; k++)
                us[l][i][k] = frame_run(sizes[i][0], sizes[i][1], (frame_kind)k,
                                        frames, reps);
    }
    setlocale(LC_ALL, "C");
    printf("== Frame cost: the real screen through ncurses into a virtual "
           "terminal\n(TERM=xterm-256color; the book's XOR network 2-8-4-1, "
           "trained 500 epochs; best of %d\nruns of %d frames; training time "
           "not counted; budget %.1f ms a frame at 30 fps)\n",
           reps, frames, BENCH_FRAME_MS);
    printf("  %-8s %-26s %16s %16s\n", "size", "frame", "UTF-8 cells",
           "ASCII cells");
    for (int i = 0; i < 2; i++)
        for (int k = 0; k < FRAME_KINDS; k++) {
            char size[16];
            snprintf(size, sizeof size, "%dx%d", sizes[i][0], sizes[i][1]);
            printf("  %-8s %-26s", k == 0 ? size : "", frame_kind_name[k]);
            for (int l = 0; l < 2; l++) {
                if (!have[l] || us[l][i][k] < 0)
                    printf(" %16s", "n/a");
                else
                    printf(" %13.3f ms", us[l][i][k] / 1e3);
            }
            printf("\n");
        }
    printf("  (UTF-8: quadrant, half-block and braille cells, the usual case; ASCII: the "
           "C locale's fallback)\n");
    int l = have[0] ? 0 : 1;
    for (int i = 0; i < 2; i++) {
        res->frame_ms[i] = have[l] ? us[l][i][FRAME_AFTER_STEP] / 1e3 : -1;
        res->repaint_ms[i] = have[l] ? us[l][i][FRAME_REPAINT] / 1e3 : -1;
    }
}
