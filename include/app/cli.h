/* cli.h - the command line (DESIGN.md's contract): parsing into options,
 * building the session those options describe, and the headless runner.
 * Parsing never exits; errors come back as one line of text. */
#ifndef MLPVIZ_APP_CLI_H
#define MLPVIZ_APP_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "engine/session.h"
#include "io/ds_io.h"
#include "io/scene_io.h"

#define CLI_PATH_MAX 1024

typedef enum { CLI_MODE_TUI, CLI_MODE_HEADLESS, CLI_MODE_HELP,
               CLI_MODE_VERSION, CLI_MODE_LESSON_LIST, CLI_MODE_KEYS } cli_mode;

typedef struct {
    cli_mode mode;
    session_config cfg;
    /* which settings the user gave (others follow the data's task) */
    bool set_output, set_loss, set_lr, set_model, set_init, set_log_every,
         set_rng;
    char dataset[CLI_PATH_MAX];   /* built-in name, shipped name or file */
    ds_gen_options gen;           /* generated sets: seed, points, noise, split */
    ds_io_options io;             /* files: task, split */
    long epochs;                  /* headless: epochs to train */
    long log_every;               /* headless: epoch lines every N (0: none) */
    char init_file[CLI_PATH_MAX]; /* --init */
    char save_file[CLI_PATH_MAX]; /* --save */
    char export_file[CLI_PATH_MAX]; /* --export-torch */
    char lesson[SCENE_LESSON_NAME_MAX]; /* --lesson NAME */
    char session_file[CLI_PATH_MAX]; /* --session FILE */
} cli_options;

void cli_options_default(cli_options *o);
/* Parses argv. 0, or -1 with one line in err (exit status 2 then). */
int cli_parse(int argc, char **argv, cli_options *o, char *err, size_t errlen);
/* Loads the dataset the options name into d. 0, or -1 with err set. */
int cli_load_dataset(const cli_options *o, const char *name, ds_dataset *d,
                     char *err, size_t errlen);
/* Builds the session of the options: a saved scene (--session), a lesson's
 * first scene (--lesson), or the dataset and config (fitted to its task)
 * with --init weights. view (may be NULL) receives the scene's view record
 * and lesson position. 0, or -1 with err set. */
int cli_build_session(const cli_options *o, session *s, scene_view *view,
                      char *err, size_t errlen);
/* Prints the lessons, one a line: name and title. */
void cli_print_lessons(FILE *out);
/* Runs the headless trainer, printing the book's log to out. Returns the
 * process exit status. */
int cli_run_headless(const cli_options *o, FILE *out, FILE *errout);
void cli_print_help(FILE *out);

#endif
