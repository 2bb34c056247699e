/* main.c - mlpviz's entry: parse the command line, then run the screen or
 * the headless trainer. Bad options end with one line and status 2. */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "app/cli.h"
#include "tui/keys.h"
#include "tui/tui.h"

int main(int argc, char **argv)
{
    cli_options o;
    char err[512];
    cli_options_default(&o);
    if (cli_parse(argc, argv, &o, err, sizeof err) < 0) {
        fprintf(stderr, "mlpviz: %s\n", err);
        return 2;
    }
    switch (o.mode) {
    case CLI_MODE_HELP:
        cli_print_help(stdout);
        return 0;
    case CLI_MODE_VERSION:
        printf("mlpviz %s\n", MLPVIZ_VERSION);
        return 0;
    case CLI_MODE_KEYS:
        keys_write_markdown(stdout);
        return 0;
    case CLI_MODE_LESSON_LIST:
        cli_print_lessons(stdout);
        return 0;
    case CLI_MODE_HEADLESS:
        return cli_run_headless(&o, stdout, stderr);
    default:
        break;
    }
    session s;
    scene_view view;
    if (cli_build_session(&o, &s, &view, err, sizeof err) < 0) {
        fprintf(stderr, "mlpviz: %s\n", err);
        return 1;
    }
    tui_options t;
    memset(&t, 0, sizeof t);
    t.gen = o.gen;
    t.io = o.io;
    t.save_path = o.save_file[0] ? o.save_file : NULL;
    t.view = view;
    int rc = tui_run(&s, &t);
    session_free(&s);
    return rc;
}
