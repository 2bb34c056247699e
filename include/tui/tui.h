/* tui.h - the screen: ncurses (wide-character build) panels that read a
 * training session and a key table that sends it commands. Depends on the
 * engine and io layers only. */
#ifndef MLPVIZ_TUI_TUI_H
#define MLPVIZ_TUI_TUI_H

#include "engine/ds.h"
#include "engine/session.h"
#include "io/ds_io.h"
#include "io/scene_io.h"

typedef struct {
    ds_gen_options gen;   /* how d / D generate the built-in sets */
    ds_io_options io;     /* how file datasets are read */
    const char *save_path; /* default offered by `s` (NULL: "model.json") */
    scene_view view;      /* from --session (the saved view) or --lesson
                             (lesson name, scene 0): the screen opens there */
} tui_options;

/* Runs the interactive screen on session s until the user quits. The
 * terminal is restored on every way out. Returns the process exit status. */
int tui_run(session *s, const tui_options *o);

#endif
