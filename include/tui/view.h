/* view.h - the screen's view state (focus, selection, overlays, play speed,
 * map cursor), the panel interface and the helpers every part of the screen
 * shares (messages, names, the selected sample). A panel is a small table
 * of functions (layout, draw, handle_action) over its own window; the
 * composition root (screen.h) places the windows, draws the frame and
 * routes keys. The helpers here call nothing above them: what only the root
 * can do (open a view, go to a lesson's scene) is asked for with a request
 * that the root carries out once the command returns. The training state
 * itself lives in the session. */
#ifndef MLPVIZ_TUI_VIEW_H
#define MLPVIZ_TUI_VIEW_H

#include <stdbool.h>
#include <time.h>

#include <curses.h>

#include "engine/lesson.h"
#include "engine/session.h"
#include "tui/action.h"
#include "tui/mode.h"
#include "tui/style.h"
#include "tui/tui.h"

#define VIEW_MIN_COLS 80
#define VIEW_MIN_LINES 24
#define VIEW_MESSAGE_MAX 256
#define VIEW_PROMPT_MAX 512

typedef struct tui_view tui_view;
typedef struct panel panel;

typedef struct {
    const char *title;
    /* Works out the panel's inner geometry after its window was placed. */
    void (*layout)(tui_view *v, panel *p);
    /* Draws the panel from the session and the view state, into its own
     * window only (no refresh: view_draw flushes the frame). */
    void (*draw)(tui_view *v, panel *p);
    /* An action (ACTION_MOVE_UP ... from the arrows) while the panel has
     * the focus; true when it was used. May be NULL. */
    bool (*handle_action)(tui_view *v, panel *p, int action);
} panel_ops;

struct panel {
    const panel_ops *ops;
    WINDOW *win;
    int y, x, h, w;   /* window on the screen */
    bool visible;
    bool left_rule;   /* a vertical rule in column 0 separates it */
    int cy, cx, ch, cw; /* content rectangle inside the window */
};

/* The panels of the main screen, in Tab order. */
typedef enum { PANEL_NET, PANEL_WEIGHTS, PANEL_LOSS, PANEL_MAP, PANEL_COUNT }
    panel_id;

typedef enum { OVERLAY_NONE, OVERLAY_HELP, OVERLAY_PROMPT, OVERLAY_LESSONS }
    view_overlay;

/* What the prompt on the status row asks for. */
typedef enum {
    PROMPT_SAVE_MODEL,  /* s: a file name for model_io_save */
    PROMPT_SAVE_SCENE,  /* S: a file name for scene_io_save */
    PROMPT_EDIT_WEIGHT  /* e: a value for the selected weight */
} view_prompt_kind;

/* Selection in the network: a column position `col` in 0 .. 2*n_layers.
 * Even positions are node columns (col/2: 0 the inputs, n_layers the
 * outputs), odd ones the edges of weight layer (col-1)/2. `node` is the
 * node of a node column; (j, i) the edge's unit and input (i == n_in of
 * the layer: the bias, only reachable from the weights panel). */
typedef struct {
    int col;
    int node;
    int j, i;
} view_selection;

/* Reusable buffers of the decision map (grown, never shrunk) and what the
 * values were computed for. */
typedef struct {
    double *raw;   /* [pixels][n_features] plane points as raw features */
    double *in;    /* [chunk][n_in] the same after the input pipeline */
    double *out;   /* [pixels][units] model or neuron outputs */
    double *work;  /* net_eval scratch */
    double *val;   /* [pixels] value in [-1, 1], or the confidence */
    unsigned char *cls; /* [pixels] class of each pixel */
    size_t raw_cap, in_cap, out_cap, work_cap, val_cap;
    double *pts_raw; /* [points][n_features] the data points drawn */
    double *pts_out; /* [points][n_out] the model's outputs for them */
    int *pts_row;    /* [points] their dataset rows */
    size_t pts_cap;
    int pts_n;       /* points gathered */
    long pts_stamp;  /* session version of pts_out */
    bool pts_test;   /* test rows were included */
    int pts_cells;   /* plot cells they were thinned for */
    /* key of the computed values */
    long stamp;    /* session version */
    int neuron;    /* -1 the model, else layer * NET_MAX_UNITS + unit */
    int pw, ph;    /* pixels */
    int cfx, cfy;  /* the features across and up they were computed for */
    bool discrete;
    double x0, x1, y0, y1;
    double vmax;   /* neuron maps: the largest |value| on the grid */
    double feat_mean[DS_MAX_FEATURES]; /* features not on the plane */
    double tlo, thi; /* regression: target range of the training rows */
    /* the features across and up (dmap_set_axes); unset: 0 and 1 */
    int fx, fy;
    bool axes_set;
} view_map_cache;

struct tui_view {
    session *s;
    const tui_options *opt;
    tui_style st;
    int lines, cols;
    bool too_small;
    panel panels[PANEL_COUNT];
    WINDOW *status_win;        /* the two bottom rows */
    WINDOW *overlay_win;       /* help overlay or prompt, when open */
    int focus;                 /* panel_id with the focus */
    view_selection sel;
    int sample;                /* dataset row whose activations are shown */
    /* play */
    bool playing;
    bool stop_at_verdict;      /* play stops on converged, diverged, cycling */
    char title_extra[PANEL_COUNT][160]; /* status fields moved to a panel's
                                           title (status_titles) */
    int speed;                 /* index into the speed ladder */
    double owed;               /* epochs owed to the play speed */
    struct timespec last_slice;
    /* toggles */
    bool show_test, discrete, log_loss;
    /* the loss curve's smoothed line (F): 0 automatic (on for mini-batch
     * training, panel_loss_smoothed), 1 on, -1 off */
    signed char smooth_loss;
    /* map: plane bounds, plot area, cursor (in plot cells) */
    double x0, x1, y0, y1;     /* plane shown */
    /* what the plane was fitted to; plane_hold: a point was added or
     * removed since, keep the plane if the data still fits in it */
    bool plane_hold;
    int plane_pw, plane_ph, plane_features;
    char plane_data[64];
    int map_px, map_py, map_pw, map_ph; /* plot area in map window cells */
    bool map_thinned;          /* some right points left unmarked (dense) */
    int map_sx, map_sy;        /* sub-pixels per cell: 2x2 quadrants or 1x1 */
    int cur_x, cur_y;          /* map cursor cell in the plot */
    /* the map's features across and up (X, Y), chosen for the data named
     * map_axes_data; unset: the first two */
    int map_fx, map_fy;
    bool map_axes_set;
    char map_axes_data[64];
    bool cursor_on;
    view_map_cache map;
    /* one-row evaluation of the selected sample, per layer */
    double *act_buf;           /* values of every node column for `sample`,
                                  then net_eval scratch */
    size_t act_cap;
    int act_off[NET_MAX_LAYERS + 1]; /* column c's values at act_buf+off */
    /* the dot canvas every panel and view draws on (canvas.h), one at a
     * time, and a scratch block (both grown, never shrunk) */
    void *canvas;
    size_t canvas_cap;
    /* the network panel's per-neuron pictures (panel_net_maps.c) */
    void *net_maps;
    unsigned char *scratch;
    size_t scratch_cap;
    /* dataset cycling and the playground's controls */
    int dataset_index;         /* index into ds_builtin names, -1 none */
    ds_gen_options gen;        /* how the built-in sets are generated */
    bool regress;              /* a binary set fitted as a regression */
    double pen_rate;           /* the regularisation rate P turns on */
    /* overlays and messages */
    view_overlay overlay;
    view_prompt_kind prompt_kind;
    char prompt[VIEW_PROMPT_MAX];   /* what was typed: starts empty */
    int prompt_len;
    char prompt_default[VIEW_PROMPT_MAX]; /* what Enter on nothing means */
    view_selection prompt_sel;  /* the weight an edit prompt is for */
    int help_page;             /* page of the help overlay */
    int menu_cursor;           /* lesson menu: the highlighted lesson */
    char message[VIEW_MESSAGE_MAX];
    struct timespec message_until;
    bool message_bad;
    /* metrics shown on the status line, refreshed at most a few times a
     * second while training */
    session_metrics metrics;
    long metrics_stamp;
    struct timespec metrics_time;
    double metrics_cost;       /* seconds the last fresh computation took */
    bool metrics_due;          /* big data while playing: a pass in pieces,
                                  taken by the frames instead of training */
    double metrics_piece_cost; /* seconds spent so far on that pass */
    /* view modes (include/tui/mode.h): the one shown and each mode's own
     * state, made by its open() and freed by its close() */
    view_mode mode;
    void *mode_state[MODE_COUNT];
    WINDOW *mode_win;          /* the mode's area: every row above the
                                  status rows (and the lesson line) */
    /* the lesson being followed (NULL: none) and its scene; its narration
     * takes the row above the status rows */
    const lesson *lesson;
    int lesson_scene;
    WINDOW *lesson_win;
    /* what a command asked of the composition root (screen.c), carried out
     * when the command returns */
    struct {
        bool mode;              /* show mode_to */
        view_mode mode_to;
        bool lesson;            /* go to scene `scene` of `to` */
        const lesson *to;
        int scene;
        bool leave;             /* leave the lesson */
    } req;
    /* loop */
    bool quit;
    int exit_status;
    bool input_lost;           /* the terminal's input closed */
    bool dirty;
};

/* Clamps the selection, sample and cursor after the network or the data
 * changed shape. */
void view_fix_selection(tui_view *v);
/* A message on the second status row (bad: shown as an error); it clears
 * itself after a few seconds. */
void view_say(tui_view *v, bool bad, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* After a session command: shows s->message on failure (or a note the
 * command left), marks the frame dirty and fixes the selection. */
void view_after_command(tui_view *v, int rc);
/* Starts or stops continuous training. */
void view_set_playing(tui_view *v, bool on);
/* Says that play stopped and why (the session's reason), as much of
 * "stopped: REASON; p goes on" as the message row holds, the reason
 * always whole. */
void view_say_stopped(tui_view *v);
/* Epochs per second of the play speed (0: as fast as the time slices
 * allow), and its label. */
double view_speed(const tui_view *v);
const char *view_speed_label(const tui_view *v);
int view_speed_count(void);

/* ---- view modes (tui/mode.h) ---- */
/* The ops of a mode (views.c, the registry); MODE_MAIN's draw is NULL
 * (the panels are drawn). */
const view_mode_ops *view_mode_get(view_mode m);
/* The mode of a name as lessons and scenes spell it ("inspector"). */
bool view_mode_from_name(const char *name, view_mode *out);
/* The training commands that the keys, the compare view and the sweep
 * share, on any session: one epoch, one step, new initial weights from
 * `seed`, the same initial weights again, the learning rate a rung up or
 * down. Clears the session's message first; returns the command's result,
 * or -2 when a is none of these. */
int view_session_command(session *s, tui_action a, uint64_t seed);
/* Requests for the composition root: show mode m; go to scene k of lesson
 * l; leave the lesson. */
void view_request_mode(tui_view *v, view_mode m);
void view_request_lesson(tui_view *v, const lesson *l, int k);
void view_request_leave_lesson(tui_view *v);
/* The weight the selection points at: an edge is that weight; a node of a
 * layer its bias; an input node its weight into the first unit. */
void view_selected_weight(const tui_view *v, int *l, int *j, int *i);
/* Selects unit j's input i of weight layer l (i == n_in: the bias); false
 * when there is no such weight (the selection is then unchanged). */
bool view_select_weight(tui_view *v, int l, int j, int i);
/* printf-style text at (y, x) of a mode's window, clipped to its width;
 * returns the columns written. */
int view_print(tui_view *v, WINDOW *w, int y, int x, style_role r,
               const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* The index of the session's dataset among the built-in ones, or -1. */
int view_dataset_index(const session *s);
/* Rows of the body: the screen less the status rows and the lesson line. */
int view_body_lines(const tui_view *v);

/* The session state word: the engine's (converged, diverged, stalled,
 * cycling), and for a run still learning "training" while playing, else
 * "paused". */
const char *view_state_word(const tui_view *v);
/* The hidden unit the map shows (layer l, unit j), or false for the
 * model's output. */
bool view_map_neuron(const tui_view *v, int *l, int *j);
/* Network layer sizes for the selection: n_layers weight layers and the
 * units of node column c (0: inputs). */
int view_column_units(const tui_view *v, int c);

/* Name of the weight an edge selection points at: "x1->h1.2", or
 * "bias of h1.2". */
void view_weight_name(const tui_view *v, const view_selection *sel, char *buf,
                      size_t len);
/* Name of node k of node column c: "x1", "h2.3", "y_hat". */
void view_node_name(const tui_view *v, int c, int k, char *buf, size_t len);
/* Evaluates the network on the selected sample; false when there is no
 * sample. Then view_sample_value(v, c, k) is node k of column c. */
bool view_eval_sample(tui_view *v);
double view_sample_value(const tui_view *v, int c, int k);
/* Metrics for the status line: fresh when paused, refreshed a few times a
 * second while training. */
session_metrics view_metrics(tui_view *v);
/* Takes the metrics pass that view_metrics left due, for at most `seconds`
 * (at least one chunk); when it is done the status line shows it. */
void view_metrics_piece(tui_view *v, double seconds);

/* A scratch block of at least n bytes for the panel being drawn (valid
 * until the next call), or NULL when out of memory. */
unsigned char *view_scratch(tui_view *v, size_t n);

/* Monotonic clock helpers. */
void view_now(struct timespec *t);
double view_elapsed(const struct timespec *from, const struct timespec *to);

#endif
