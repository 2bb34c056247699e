/* frame_bench.c - the cost of one full frame of the screen: the real panels
 * drawn by the real view code through ncurses into a virtual terminal
 * (newterm on /dev/null, TERM=xterm-256color), on the book's XOR network
 * 2-8-4-1, at 80x24 and 200x60. Reports microseconds per frame for frames
 * that follow a training step (every panel and the whole map recomputed),
 * for idle redraws (nothing changed), and for full repaints (the terminal
 * output of every cell, as after a resize or Ctrl-Z). Training time is not
 * counted. Not part of the program: a hook in it is not wanted. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curses.h>

#include "engine/ds.h"
#include "engine/session.h"
#include "tui/view.h"

static double bench_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

typedef enum { BENCH_AFTER_STEP, BENCH_IDLE, BENCH_REPAINT } bench_kind;

static const char *const bench_kind_name[] = {"after a training step",
                                              "idle redraw", "full repaint"};

static int bench_session(session *s)
{
    session_config c;
    ds_dataset d;
    char err[256];
    session_config_default(&c);
    if (ds_builtin(&d, "xor", NULL) < 0 || session_new(s, &c, &d, err, sizeof err) < 0) {
        fprintf(stderr, "frame_bench: cannot build the XOR session: %s\n", err);
        return -1;
    }
    /* a trained network, so that the map and the curves have shape */
    session_train(s, 500);
    return 0;
}

/* Microseconds per frame, best of `reps` runs of `frames` frames. */
static double bench_run(int cols, int lines, bench_kind kind, int frames, int reps)
{
    session s;
    if (bench_session(&s) < 0)
        return -1;
    FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
    if (!out || !in) {
        perror("frame_bench: /dev/null");
        exit(1);
    }
    SCREEN *scr = newterm("xterm-256color", out, in);
    if (!scr) {
        fprintf(stderr, "frame_bench: no xterm-256color terminfo entry\n");
        exit(1);
    }
    set_term(scr);
    resize_term(lines, cols);
    tui_options o;
    memset(&o, 0, sizeof o);
    ds_gen_options_default(&o.gen);
    tui_view v;
    if (view_init(&v, &s, &o) < 0) {
        fprintf(stderr, "frame_bench: out of memory\n");
        exit(1);
    }
    view_layout(&v);
    view_draw(&v);
    double best = -1;
    for (int r = 0; r < reps; r++) {
        double spent = 0;
        for (int f = 0; f < frames; f++) {
            if (kind == BENCH_AFTER_STEP)
                session_step_epoch(&s);
            if (kind == BENCH_REPAINT)
                clearok(curscr, TRUE);
            double t0 = bench_now();
            view_draw(&v);
            spent += bench_now() - t0;
        }
        double us = spent / frames * 1e6;
        if (best < 0 || us < best)
            best = us;
    }
    view_free(&v);
    endwin();
    delscreen(scr);
    fclose(out);
    fclose(in);
    session_free(&s);
    return best;
}

int main(int argc, char **argv)
{
    int frames = argc > 1 ? atoi(argv[1]) : 200;
    if (frames < 1)
        frames = 1;
    static const int sizes[][2] = {{80, 24}, {200, 60}};
    static const char *const locales[] = {"C.UTF-8", "C"};
    printf("one frame of the screen, book's XOR net 2-8-4-1, TERM=xterm-256color\n"
           "(microseconds per frame, best of 5 runs of %d frames)\n", frames);
    for (size_t l = 0; l < sizeof locales / sizeof locales[0]; l++) {
        if (!setlocale(LC_ALL, locales[l]))
            continue;
        printf("\nlocale %s (%s cells)\n", locales[l],
               l == 0 ? "half-block and braille" : "ASCII");
        for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
            for (int k = 0; k < 3; k++) {
                double us = bench_run(sizes[i][0], sizes[i][1], (bench_kind)k,
                                      frames, 5);
                printf("  %3dx%-3d %-22s %9.1f us\n", sizes[i][0], sizes[i][1],
                       bench_kind_name[k], us);
            }
    }
    return 0;
}
