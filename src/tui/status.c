/* status.c - the two bottom rows: the status line (epoch, loss, accuracy,
 * learning rate, activations, loss name, optimizer, state; always these
 * words, at every supported size) and below it the message of the moment,
 * the save prompt, or the key hints made from the key table. */
#include "tui/panel.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/keys.h"
#include "tui/playground.h"

#define STATUS_SEGS 16

/* Where a field goes when the status line has no room for it: the title
 * of the panel it belongs to. */
typedef struct {
    char text[96];
    style_role role;
    int prio;    /* 0: always on the status line; higher gives way first */
    int panel;   /* the panel whose title takes it when it does not fit */
} status_seg;

/* The fields, in the order they are shown. Always: epoch, loss, accuracy,
 * rate, state and the dataset's name; then, as room allows, the
 * activations, the loss and the optimizer (else in the network panel's
 * title), the model (the network panel names it anyway), the playground's
 * set-up (else in the map panel's title), the speed and the seed. */
static int status_segments(tui_view *v, status_seg *seg)
{
    session *s = v->s;
    session_metrics m = view_metrics(v);
    char a[32];
    int n = 0;
#define SEG(p, pan, r, ...)                                                     \
    do {                                                                       \
        snprintf(seg[n].text, sizeof seg[n].text, __VA_ARGS__);                \
        seg[n].prio = (p);                                                     \
        seg[n].panel = (pan);                                                  \
        seg[n++].role = (r);                                                   \
    } while (0)
    SEG(0, -1, ROLE_STATUS, "epoch %ld", s->epoch);
    fmt_val(a, sizeof a, m.train_loss);
    SEG(0, -1, ROLE_STATUS, "loss %s", a);
    if (isfinite(m.train_acc))
        SEG(0, -1, ROLE_STATUS, "acc %.0f%%", 100 * m.train_acc);
    else
        SEG(0, -1, ROLE_STATUS, "acc n/a");
    SEG(0, -1, ROLE_STATUS, "lr %g", s->cfg.lr);
    if (s->cfg.model == MODEL_MLP && s->cfg.n_hidden > 0)
        SEG(1, PANEL_NET, ROLE_STATUS, "%s/%s", act_name(s->cfg.hidden_act),
            act_name(s->cfg.output_act));
    else
        SEG(1, PANEL_NET, ROLE_STATUS, "%s",
            act_name(s->net.layer[s->net.n_layers - 1].act));
    SEG(2, PANEL_NET, ROLE_STATUS, "%s",
        s->cfg.model == MODEL_PERCEPTRON ? "rule" : loss_name(s->cfg.loss));
    if (s->cfg.model == MODEL_MLP)
        SEG(3, PANEL_NET, ROLE_STATUS, "%s", opt_name(s->cfg.optimizer));
    SEG(0, -1,
        s->status == SESSION_DIVERGED || s->status == SESSION_STALLED ||
                s->status == SESSION_CYCLING
            ? ROLE_BAD
            : ROLE_STATE,
        "%s", view_state_word(v));
    SEG(0, -1, ROLE_STATUS, "data %.60s", s->data.name);
    /* the network panel's title names the model already */
    SEG(4, -2, ROLE_STATUS, "%s", session_model_name(s->cfg.model));
    char setup[sizeof seg[n].text];
    pg_describe(v, setup, sizeof setup);
    if (setup[0])
        SEG(5, PANEL_MAP, ROLE_STATUS, "%s", setup);
    if (v->playing)
        SEG(6, -2, ROLE_STATUS, "speed %s", view_speed_label(v));
    SEG(7, -2, ROLE_STATUS, "%sseed %llu",
        s->cfg.rng == SESSION_RNG_TORCH ? "torch " : "",
        (unsigned long long)s->cfg.seed);
#undef SEG
    return n;
}

/* Which fields fit a status line `width` wide, two spaces apart after a
 * space at the left: the required ones always (their total in *need), then
 * the others by priority while they fit. */
static void status_fit(const status_seg *seg, int n, int width, bool *shown,
                       int *need)
{
    int used = 1;
    for (int i = 0; i < n; i++) {
        shown[i] = seg[i].prio == 0;
        if (shown[i])
            used += (int)strlen(seg[i].text) + (used > 1 ? 2 : 0);
    }
    *need = used;
    for (int p = 1; p <= 7; p++)
        for (int i = 0; i < n; i++)
            if (seg[i].prio == p) {
                int add = (int)strlen(seg[i].text) + 2;
                if (used + add <= width) {
                    shown[i] = true;
                    used += add;
                }
            }
}

void status_titles(tui_view *v)
{
    for (int p = 0; p < PANEL_COUNT; p++)
        v->title_extra[p][0] = '\0';
    if (!v->status_win || !v->s)
        return;
    status_seg seg[STATUS_SEGS];
    bool shown[STATUS_SEGS];
    int need, n = status_segments(v, seg);
    status_fit(seg, n, getmaxx(v->status_win), shown, &need);
    size_t at[PANEL_COUNT] = {0};
    for (int i = 0; i < n; i++) {
        int p = seg[i].panel;
        size_t len = sizeof v->title_extra[0];
        if (shown[i] || p < 0 || p >= PANEL_COUNT || at[p] >= len)
            continue;
        at[p] += (size_t)snprintf(v->title_extra[p] + at[p], len - at[p], "  %s",
                                  seg[i].text);
    }
}

/* Writes the shown segments from *i on row y, starting at column x,
 * separated by `gap` spaces, while they fit. Returns the column after the
 * last. */
static int status_put(tui_view *v, WINDOW *w, int y, int x, status_seg *seg,
                      const bool *shown, int n, int *i, int gap, int limit)
{
    int start = x;
    for (; *i < n; (*i)++) {
        if (!shown[*i])
            continue;
        int len = (int)strlen(seg[*i].text);
        int sep = x > start ? gap : 0;
        if (x + sep + len > limit)
            break;
        x += sep;
        style_text(w, &v->st, y, x, len, seg[*i].role, seg[*i].text);
        x += len;
    }
    return x;
}

static void status_fill(tui_view *v, WINDOW *w, int y, style_role r)
{
    style_set(w, &v->st, r);
    mvwhline(w, y, 0, ' ', getmaxx(w));
    wattr_set(w, A_NORMAL, 0, NULL);
}

static void status_hints(tui_view *v, WINDOW *w, int y, int x, int width)
{
    char buf[512];
    if (v->lesson) {
        /* where the lesson is, before its keys */
        char tag[48];
        snprintf(tag, sizeof tag, "scene %d/%d", v->lesson_scene + 1,
                 v->lesson->n_scenes);
        x += style_text(w, &v->st, y, x, width - x, ROLE_TITLE, tag) + 2;
        if (x >= width)
            return;
    }
    keys_hint_line_for(v, buf, sizeof buf, width - x);
    /* each hint is "key words"; the key in its own colour */
    const char *p = buf;
    while (*p && x < width) {
        const char *end = strstr(p, "  ");
        int seglen = end ? (int)(end - p) : (int)strlen(p);
        const char *sp = memchr(p, ' ', (size_t)seglen);
        int klen = sp ? (int)(sp - p) : seglen;
        /* keys like ", ." contain a space: the key part is every token
         * but the last */
        const char *lastsp = NULL;
        for (const char *q = p; q < p + seglen; q++)
            if (*q == ' ')
                lastsp = q;
        if (lastsp)
            klen = (int)(lastsp - p);
        char tmp[128];
        snprintf(tmp, sizeof tmp, "%.*s", klen, p);
        x += style_text(w, &v->st, y, x, width - x, ROLE_KEY, tmp);
        snprintf(tmp, sizeof tmp, "%.*s", seglen - klen, p + klen);
        x += style_text(w, &v->st, y, x, width - x, ROLE_DIM, tmp);
        if (!end)
            break;
        x += 2;
        p = end + 2;
    }
}

/* The lesson's place and keys (a lesson's scene may stop on purpose: its
 * keys stay); returns the column after them. */
static int status_lesson_keys(tui_view *v, WINDOW *w, int y, int x, int width)
{
    char tag[48];
    snprintf(tag, sizeof tag, "scene %d/%d", v->lesson_scene + 1,
             v->lesson->n_scenes);
    x += style_text(w, &v->st, y, x, width - x, ROLE_TITLE, tag) + 2;
    if (lesson_bar_can_move(v, 1)) {
        x += style_text(w, &v->st, y, x, width - x, ROLE_KEY, "Enter");
        x += style_text(w, &v->st, y, x, width - x, ROLE_DIM, " next  ");
    }
    if (lesson_bar_can_move(v, -1)) {
        x += style_text(w, &v->st, y, x, width - x, ROLE_KEY, "Bksp");
        x += style_text(w, &v->st, y, x, width - x, ROLE_DIM, " back  ");
    }
    return x;
}

/* The reason for the state (converged, stalled, cycling, diverged), whole:
 * in a lesson after the lesson's keys when it fits there, else the
 * lesson's hint line; on a diverged run the advice follows where it fits, or stands
 * alone when the reason leaves it no room. */
static void status_reason(tui_view *v, WINDOW *w, int y, int x, int width)
{
    const session *s = v->s;
    int len = (int)strlen(s->reason);
    style_role role = s->status == SESSION_CONVERGED ? ROLE_MESSAGE : ROLE_BAD;
    if (v->lesson) {
        /* the lesson's place and keys, then the reason where it fits
         * whole; else the lesson's usual hint line */
        int after = status_lesson_keys(v, w, y, x, width);
        if (after + len <= width) {
            style_text(w, &v->st, y, after, width - after, role, s->reason);
            return;
        }
        wattr_set(w, A_NORMAL, 0, NULL);
        mvwhline(w, y, x, ' ', width - x);
        status_hints(v, w, y, x, width);
        return;
    }
    const char *advice = "  - lowers lr, r restarts";
    if (s->status == SESSION_DIVERGED && x + len > width - (int)strlen(advice)) {
        style_text(w, &v->st, y, x, width - x, ROLE_BAD,
                   "diverged: lower the learning rate with -, then press r to "
                   "start again");
        return;
    }
    if (x + len > width) { /* too narrow for it whole: the key hints */
        status_hints(v, w, y, x, width);
        return;
    }
    x += style_text(w, &v->st, y, x, width - x, role, s->reason);
    if (s->status == SESSION_DIVERGED)
        style_text(w, &v->st, y, x, width - x, ROLE_DIM, advice);
}

void status_draw(tui_view *v)
{
    WINDOW *w = v->status_win;
    if (!w)
        return;
    int width = getmaxx(w);
    werase(w);
    status_fill(v, w, 0, ROLE_STATUS);
    status_seg seg[STATUS_SEGS];
    bool shown[STATUS_SEGS];
    int need, n = status_segments(v, seg);
    status_fit(seg, n, width, shown, &need);
    /* the required fields: two spaces apart when they fit, else one, and
     * what still does not fit goes to the second row */
    int gap = need <= width ? 2 : 1;
    int i = 0;
    status_put(v, w, 0, 1, seg, shown, n, &i, gap, width);
    int x2 = 0;
    if (i < n)
        x2 = status_put(v, w, 1, 0, seg, shown, n, &i, 1, width) + 2;
    /* second row: prompt, message, divergence advice, or hints */
    int avail = width - x2;
    if (v->overlay == OVERLAY_PROMPT) {
        char buf[VIEW_PROMPT_MAX + 256], label[160];
        const char *tail = "  (Enter saves, Esc cancels)";
        if (v->prompt_kind == PROMPT_EDIT_WEIGHT) {
            char name[64], now[32];
            view_weight_name(v, &v->prompt_sel, name, sizeof name);
            fmt_num(now, sizeof now, strtod(v->prompt_default, NULL));
            snprintf(label, sizeof label, "New value of %s (now %s): ", name, now);
            tail = "  (Enter sets, Esc cancels)";
        } else {
            snprintf(label, sizeof label, "Save %s to [%.40s]: ",
                     v->prompt_kind == PROMPT_SAVE_SCENE ? "scene" : "model",
                     v->prompt_default);
        }
        int shown = v->prompt_len;
        int room = avail - (int)strlen(label) - 1 - (int)strlen(tail);
        const char *txt = v->prompt;
        if (room > 4 && shown > room)
            txt += shown - room;
        snprintf(buf, sizeof buf, "%s%s_", label, txt);
        int used = style_text(w, &v->st, 1, x2, avail, ROLE_MESSAGE, buf);
        style_text(w, &v->st, 1, x2 + used, avail - used, ROLE_DIM, tail);
    } else if (v->message[0]) {
        style_text(w, &v->st, 1, x2, avail, v->message_bad ? ROLE_BAD : ROLE_MESSAGE,
                   v->message);
    } else if (v->s->status != SESSION_LEARNING && v->s->reason[0]) {
        status_reason(v, w, 1, x2, width);
    } else if (v->s->status == SESSION_DIVERGED) {
        int x = x2;
        if (v->lesson) {
            /* a lesson scene may diverge on purpose: its keys stay */
            char tag[48];
            snprintf(tag, sizeof tag, "scene %d/%d", v->lesson_scene + 1,
                     v->lesson->n_scenes);
            x += style_text(w, &v->st, 1, x, width - x, ROLE_TITLE, tag) + 2;
            if (lesson_bar_can_move(v, 1)) {
                x += style_text(w, &v->st, 1, x, width - x, ROLE_KEY, "Enter");
                x += style_text(w, &v->st, 1, x, width - x, ROLE_DIM, " next  ");
            }
            if (lesson_bar_can_move(v, -1)) {
                x += style_text(w, &v->st, 1, x, width - x, ROLE_KEY, "Bksp");
                x += style_text(w, &v->st, 1, x, width - x, ROLE_DIM, " back  ");
            }
        }
        style_text(w, &v->st, 1, x, width - x, ROLE_BAD,
                   "diverged: lower the learning rate with -, then press r to "
                   "start again");
    } else {
        status_hints(v, w, 1, x2, width);
    }
}
