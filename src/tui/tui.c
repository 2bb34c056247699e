/* tui.c - the screen's entry point and main loop: sets up ncurses and the
 * signals, then repeats: train a time slice (while playing), draw a frame
 * (capped at about 30 a second), wait for a key (blocking when paused and
 * idle), dispatch it through the key table. The terminal is restored on
 * every way out; signal handlers only set flags. */
#include "tui/tui.h"

#include <locale.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curses.h>

#include "tui/keys.h"
#include "tui/screen.h"

#define TUI_FPS 30.0
#define TUI_TRAIN_SHARE 0.6 /* of a frame spent training while playing */

static volatile sig_atomic_t tui_stop_signal; /* SIGINT, SIGTERM or SIGHUP */
static volatile sig_atomic_t tui_resumed;     /* SIGCONT seen */

static void tui_on_stop(int sig) { tui_stop_signal = sig; }
static void tui_on_cont(int sig)
{
    (void)sig;
    tui_resumed = 1;
}

typedef struct {
    struct sigaction intr, term, hup, cont;
} tui_saved_signals;

static void tui_signals_install(tui_saved_signals *old)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = tui_on_stop;
    sa.sa_flags = 0; /* no SA_RESTART: a blocking read returns */
    sigaction(SIGINT, &sa, &old->intr);
    sigaction(SIGTERM, &sa, &old->term);
    sigaction(SIGHUP, &sa, &old->hup);
    sa.sa_handler = tui_on_cont;
    sigaction(SIGCONT, &sa, &old->cont);
}

static void tui_signals_restore(const tui_saved_signals *old)
{
    sigaction(SIGINT, &old->intr, NULL);
    sigaction(SIGTERM, &old->term, NULL);
    sigaction(SIGHUP, &old->hup, NULL);
    sigaction(SIGCONT, &old->cont, NULL);
}

/* Trains while playing, in slices of at most one chunk of rows
 * (session_step_slice), until the play speed is served or the time budget
 * of this frame is spent: a key is answered between two slices even when
 * one full-batch step over many rows takes longer than a frame. */
static void tui_train_slice(tui_view *v, double budget)
{
    session *s = v->s;
    struct timespec start, now;
    view_now(&start);
    double dt = view_elapsed(&v->last_slice, &start);
    v->last_slice = start;
    double speed = view_speed(v);
    if (speed > 0) {
        v->owed += speed * dt;
        /* never build up a debt bigger than a quarter second of play */
        if (v->owed > speed * 0.25 + 1)
            v->owed = speed * 0.25 + 1;
    }
    while (speed <= 0 || v->owed > 0) {
        double p0 = session_progress(s);
        session_status before = s->status;
        int rc = session_step_slice(s);
        if (s->status == SESSION_DIVERGED) {
            view_set_playing(v, false);
            view_say_stopped(v);
            break;
        }
        if (rc < 0) {
            view_set_playing(v, false);
            view_after_command(v, -1);
            break;
        }
        v->owed -= session_progress(s) - p0;
        /* a verdict stops play at the epoch's end that reached it (p then
         * goes on: a run that stays there does not stop again) */
        if (rc == SESSION_SLICE_EPOCH && v->stop_at_verdict &&
            s->status != before &&
            (s->status == SESSION_CONVERGED || s->status == SESSION_CYCLING)) {
            view_set_playing(v, false);
            view_say_stopped(v);
            break;
        }
        /* a stall does not stop play, but it is said at once */
        if (rc == SESSION_SLICE_EPOCH && s->status != before &&
            s->status == SESSION_STALLED)
            view_say(v, true, "%s", s->reason);
        view_now(&now);
        if (view_elapsed(&start, &now) >= budget)
            break;
    }
    if (speed <= 0)
        v->owed = 0;
    v->dirty = true;
}

static void tui_handle(tui_view *v, int r, wint_t ch)
{
    int key;
    if (r == KEY_CODE_YES) {
        key = (int)ch;
    } else {
        if (ch >= KEY_MIN)
            return;
        key = (int)ch;
    }
    v->dirty = true;
    if (key == KEY_RESIZE) {
        screen_layout(v);
        return;
    }
    if (v->too_small) {
        /* only quitting means something on the "too small" screen */
        if (keymap_find(keys_global(), key) == ACTION_QUIT)
            keys_run(v, ACTION_QUIT);
        return;
    }
    screen_key(v, key);
}

/* Reads one key (wait: milliseconds as for wtimeout, -1 forever), as
 * wget_wch would, but decodes UTF-8 itself: ncurses's wget_wch keeps a byte
 * that begins no character and then swallows every key after it (it pushes
 * that byte back each time its buffer fills). A byte that is not part of a
 * well-formed character gives U+FFFD, which no key means; a byte that broke
 * a character off is read again as a key of its own. */
static int tui_get_key(int wait, wint_t *ch)
{
    wtimeout(stdscr, wait);
    int c = wgetch(stdscr);
    if (c == ERR)
        return ERR;
    if (c >= KEY_MIN) {
        *ch = (wint_t)c;
        return KEY_CODE_YES;
    }
    *ch = 0xFFFD;
    if (c < 0x80) {
        *ch = (wint_t)c;
        return OK;
    }
    int more;
    unsigned long cp;
    if (c >= 0xc2 && c <= 0xdf) {
        more = 1;
        cp = (unsigned long)c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
        more = 2;
        cp = (unsigned long)c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        more = 3;
        cp = (unsigned long)c & 0x07;
    } else {
        return OK; /* a continuation byte alone, or never in UTF-8 */
    }
    int n = more;
    wtimeout(stdscr, 50); /* the rest of a character comes with its start */
    for (int i = 0; i < more; i++) {
        int b = wgetch(stdscr);
        if (b == ERR)
            return OK;
        if (b >= KEY_MIN || (b & 0xc0) != 0x80) {
            ungetch(b);
            return OK;
        }
        cp = (cp << 6) | ((unsigned long)b & 0x3f);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
        (cp >= 0xd800 && cp <= 0xdfff))
        return OK; /* overlong, out of range, or a surrogate */
    *ch = (wint_t)cp;
    return OK;
}

/* The terminal hung up (its other side closed) or the input is gone: a
 * program that plays never blocks on the keyboard, so it would go on
 * training and drawing into nothing when no SIGHUP came (a program not in
 * the terminal's session, or one that was told to ignore it). */
static bool tui_input_gone(void)
{
    struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
    if (poll(&p, 1, 0) <= 0)
        return false;
    return (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

static int tui_wait_ms(tui_view *v, struct timespec *next_frame)
{
    struct timespec now;
    view_now(&now);
    if (v->playing) {
        double left = view_elapsed(&now, next_frame);
        if (left < 0)
            return 0;
        return (int)ceil(left * 1000);
    }
    if (v->message[0]) {
        double left = view_elapsed(&now, &v->message_until);
        return left < 0 ? 0 : (int)ceil(left * 1000) + 5;
    }
    return -1; /* paused and idle: block until a key comes */
}

/* True when the loop must end: a signal to stop, or the terminal gone
 * while playing (sets the exit status). */
static bool tui_must_stop(tui_view *v)
{
    if (tui_stop_signal) {
        v->exit_status = 128 + (int)tui_stop_signal;
        return true;
    }
    if (v->playing && tui_input_gone()) {
        v->exit_status = 1;
        v->input_lost = true;
        return true;
    }
    return false;
}

/* The frame's training: a view with sessions of its own trains them in the
 * other half of the slice (compare), or in all of it (sweep). */
static void tui_frame_train(tui_view *v, double frame)
{
    if (v->too_small)
        return;
    const view_mode_ops *m = view_mode_get(v->mode);
    double budget = frame * TUI_TRAIN_SHARE;
    if (v->metrics_due) {
        /* the status line's pass over big data, at weights that hold still
         * for it; training goes on when it is done */
        view_metrics_piece(v, budget);
        return;
    }
    if (m->tick && m->own_play) {
        m->tick(v, budget);
        v->dirty = true;
    } else if (m->tick) {
        tui_train_slice(v, budget / 2);
        m->tick(v, budget / 2);
        v->dirty = true;
    } else {
        tui_train_slice(v, budget);
    }
}

/* The next frame one period after this one, or now when behind. */
static void tui_next_frame(struct timespec *next, double frame)
{
    struct timespec now;
    next->tv_nsec += (long)(frame * 1e9);
    while (next->tv_nsec >= 1000000000L) {
        next->tv_nsec -= 1000000000L;
        next->tv_sec++;
    }
    view_now(&now);
    if (view_elapsed(next, &now) > 0)
        *next = now;
}

/* One iteration: draw when something changed, wait for a key until the
 * next frame is due (forever when paused and idle), answer every key typed,
 * and when the frame is due, train one time slice. A key is drawn at once;
 * training waits for the frame. */
static void tui_loop(tui_view *v)
{
    const double frame = 1.0 / TUI_FPS;
    struct timespec next_frame, now;
    int eof_count = 0;
    view_now(&next_frame);
    while (!v->quit && !tui_must_stop(v)) {
        if (tui_resumed) {
            tui_resumed = 0;
            clearok(curscr, TRUE);
            screen_layout(v);
        }
        if (v->dirty)
            screen_draw(v);
        int wait = tui_wait_ms(v, &next_frame);
        wint_t ch;
        int r = tui_get_key(wait, &ch);
        if (r == ERR && wait < 0 && !tui_stop_signal && !tui_resumed) {
            /* a blocking read that gives nothing: the input is gone */
            if (++eof_count >= 100) {
                v->exit_status = 1;
                v->input_lost = true;
                break;
            }
        } else if (r != ERR) {
            eof_count = 0;
        }
        if (r != ERR) {
            tui_handle(v, r, ch);
            /* answer every key already typed before drawing */
            for (int i = 0; i < 256 && !v->quit; i++) {
                r = tui_get_key(0, &ch);
                if (r == ERR)
                    break;
                tui_handle(v, r, ch);
            }
            if (!v->playing)
                view_now(&next_frame);
            continue;
        }
        if (!v->playing) {
            v->dirty = true; /* a message expired, or a signal came */
            continue;
        }
        view_now(&now);
        if (view_elapsed(&next_frame, &now) < 0)
            continue; /* woken early */
        tui_frame_train(v, frame);
        tui_next_frame(&next_frame, frame);
    }
}

int tui_run(session *s, const tui_options *o)
{
    /* Unicode cells follow the locale's codeset; numbers stay in the C
     * format whatever the locale (the model file and the screen both). */
    setlocale(LC_ALL, "");
    setlocale(LC_NUMERIC, "C");
    tui_stop_signal = 0;
    tui_resumed = 0;
    tui_saved_signals old;
    tui_signals_install(&old);
    SCREEN *scr = newterm(NULL, stdout, stdin);
    if (!scr) {
        tui_signals_restore(&old);
        fprintf(stderr, "mlpviz: cannot use this terminal for the screen "
                        "(TERM is not set or unknown); try --headless\n");
        return 1;
    }
    set_term(scr);
    const char *cup = tigetstr("cup");
    if (!cup || cup == (char *)-1) {
        endwin();
        delscreen(scr);
        tui_signals_restore(&old);
        fprintf(stderr, "mlpviz: this terminal cannot place the cursor (TERM=%s); "
                        "try --headless\n",
                getenv("TERM") ? getenv("TERM") : "");
        return 1;
    }
    cbreak();
    noecho();
    nonl();
    intrflush(stdscr, FALSE);
    keypad(stdscr, TRUE);
    curs_set(0);
    set_escdelay(25);
    mousemask(BUTTON1_PRESSED | BUTTON3_PRESSED, NULL);
    mouseinterval(0);
    tui_view v;
    int status = 0;
    if (screen_init(&v, s, o) < 0) {
        endwin();
        screen_free(&v);
        delscreen(scr);
        tui_signals_restore(&old);
        fprintf(stderr, "mlpviz: out of memory setting up the screen\n");
        return 1;
    }
    screen_layout(&v);
    screen_apply_start(&v);
    tui_loop(&v);
    status = v.exit_status;
    bool lost = v.input_lost;
    screen_free(&v);
    endwin();
    delscreen(scr);
    tui_signals_restore(&old);
    if (lost)
        fprintf(stderr, "mlpviz: the terminal's input closed\n");
    return status;
}
