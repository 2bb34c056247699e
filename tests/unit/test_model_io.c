/* test_model_io.c - the model file: bit-exact round trips (random doubles,
 * subnormals, -0.0, +-1e308), the optional preprocess and classes keys,
 * atomic saves that never damage the old file, and every load error's
 * one-line message. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <float.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/model_io.h"

static char err[512];
static char dir[64];
static char path[256];

static void setup_dir(void)
{
    strcpy(dir, "/tmp/mlpviz-modelio-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/m.json", dir);
}

static void rm_dir(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

static int files_in_dir(void)
{
    DIR *d = opendir(dir);
    cr_assert_not_null(d);
    int k = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) k++;
    closedir(d);
    return k;
}

static char *slurp(const char *p)
{
    FILE *f = fopen(p, "rb");
    cr_assert_not_null(f, "%s", p);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    cr_assert_eq(fread(b, 1, (size_t)n, f), (size_t)n);
    b[n] = '\0';
    fclose(f);
    return b;
}

static void make_net(net *n, int in, int h, int out, act_kind ha, act_kind oa)
{
    net_shape s = {.n_inputs = in, .n_layers = 2, .units = {h, out}, .acts = {ha, oa}};
    cr_assert_eq(net_new(n, &s, 4), 0);
}

static uint64_t xs = 0x9E3779B97F4A7C15ull;
static uint64_t next_bits(void)
{
    xs ^= xs << 13;
    xs ^= xs >> 7;
    xs ^= xs << 17;
    return xs;
}

/* Random finite doubles over the whole range, and the awkward ones. */
static void fill_awkward(double *p, size_t n)
{
    static const double edge[] = {0.0, -0.0, 1e308, -1e308, DBL_MAX, -DBL_MAX,
                                  DBL_MIN, 4.9406564584124654e-324, -2.5e-320,
                                  0.1, 1.0 / 3.0, 3.141592653589793, 1e-300,
                                  123456789.123456789, -1.0};
    size_t ne = sizeof edge / sizeof edge[0];
    for (size_t i = 0; i < n; i++) {
        if (i < ne) {
            p[i] = edge[i];
            continue;
        }
        double v;
        do {
            uint64_t b = next_bits();
            memcpy(&v, &b, sizeof v);
        } while (!isfinite(v));
        if (i % 3 == 0) v = (double)(int64_t)(next_bits() >> 11) / 9007199254740992.0;
        p[i] = v;
    }
}

Test(model_io, round_trip_is_bit_exact)
{
    setup_dir();
    net n;
    make_net(&n, 3, 40, 2, ACT_TANH, ACT_SOFTMAX);
    fill_awkward(n.params, n.n_params);
    cr_assert_eq(model_io_save(path, &n, LOSS_CE, NULL, NULL, err, sizeof err), 0, "%s", err);
    model_file m;
    cr_assert_eq(model_io_load(path, &m, err, sizeof err), 0, "%s", err);
    cr_assert_eq(m.shape.n_inputs, 3);
    cr_assert_eq(m.shape.n_layers, 2);
    cr_assert_eq(m.shape.units[0], 40);
    cr_assert_eq(m.shape.units[1], 2);
    cr_assert_eq(m.shape.acts[0], ACT_TANH);
    cr_assert_eq(m.shape.acts[1], ACT_SOFTMAX);
    cr_assert_eq(m.loss, LOSS_CE);
    cr_assert_eq(m.n_params, n.n_params);
    cr_assert_not(m.has_prep);
    cr_assert_eq(m.n_classes, 0);
    for (size_t i = 0; i < n.n_params; i++)
        cr_assert(memcmp(&m.params[i], &n.params[i], sizeof(double)) == 0,
                  "param %zu: %.17g became %.17g", i, n.params[i], m.params[i]);
    cr_assert_eq(files_in_dir(), 1, "a temporary file was left");
    model_file_free(&m);
    cr_assert_null(m.params);
    net_free(&n);
    rm_dir();
}

Test(model_io, file_has_the_documented_layout)
{
    setup_dir();
    net n;
    make_net(&n, 2, 2, 1, ACT_RELU, ACT_SIGMOID);
    for (size_t i = 0; i < n.n_params; i++) n.params[i] = (double)i * 0.5;
    cr_assert_eq(model_io_save(path, &n, LOSS_BCE, NULL, NULL, err, sizeof err), 0, "%s", err);
    char *t = slurp(path);
    cr_assert(strstr(t, "\"format\": \"mlpviz-model\"") != NULL, "%s", t);
    cr_assert(strstr(t, "\"version\": 1") != NULL);
    cr_assert(strstr(t, "\"inputs\": 2") != NULL);
    cr_assert(strstr(t, "\"loss\": \"bce\"") != NULL);
    cr_assert(strstr(t, "\"activation\": \"relu\"") != NULL);
    /* weights[j][i]: input i -> unit j, row-major as in net.h */
    cr_assert(strstr(t, "[0, 0.5],\n        [1, 1.5]") != NULL, "%s", t);
    cr_assert(strstr(t, "\"biases\": [2, 2.5]") != NULL, "%s", t);
    free(t);
    net_free(&n);
    rm_dir();
}

Test(model_io, preprocess_and_classes_round_trip)
{
    setup_dir();
    net n;
    make_net(&n, 4, 3, 3, ACT_RELU, ACT_SOFTMAX);
    fill_awkward(n.params, n.n_params);
    prep_pipeline p;
    memset(&p, 0, sizeof p);
    p.n_raw = 2;
    p.features = PREP_X1X2 | PREP_SIN2;
    p.n_in = 4;
    p.scale = PREP_SCALE_STANDARD;
    const char *names[4] = {"len \"a\"", "wid", "x1*x2", "sin(x2)"};
    for (int i = 0; i < 4; i++) {
        p.shift[i] = 0.1 * i - 0.0;
        p.mult[i] = 1.0 / (i + 3);
        snprintf(p.names[i], sizeof p.names[i], "%s", names[i]);
    }
    p.shift[0] = -0.0;
    ds_dataset d;
    cr_assert_eq(ds_new(&d, "iris", 2, DS_MULTICLASS, 3, 4), 0);
    strcpy(d.class_names[0], "setosa");
    strcpy(d.class_names[1], "versi\\color");
    strcpy(d.class_names[2], "virginica");
    cr_assert_eq(model_io_save(path, &n, LOSS_CE, &p, &d, err, sizeof err), 0, "%s", err);
    model_file m;
    cr_assert_eq(model_io_load(path, &m, err, sizeof err), 0, "%s", err);
    cr_assert(m.has_prep);
    cr_assert_eq(m.prep.n_raw, 2);
    cr_assert_eq(m.prep.n_in, 4);
    cr_assert_eq(m.prep.features, (unsigned)(PREP_X1X2 | PREP_SIN2));
    cr_assert_eq(m.prep.scale, PREP_SCALE_STANDARD);
    cr_assert_eq(memcmp(m.prep.shift, p.shift, 4 * sizeof(double)), 0);
    cr_assert_eq(memcmp(m.prep.mult, p.mult, 4 * sizeof(double)), 0);
    for (int i = 0; i < 4; i++) cr_assert_str_eq(m.prep.names[i], names[i]);
    cr_assert_eq(m.n_classes, 3);
    cr_assert_str_eq(m.class_names[1], "versi\\color");
    cr_assert_eq(memcmp(m.params, n.params, n.n_params * sizeof(double)), 0);
    model_file_free(&m);
    ds_free(&d);
    net_free(&n);
    rm_dir();
}

Test(model_io, save_replaces_the_old_file_atomically)
{
    setup_dir();
    net n;
    make_net(&n, 2, 3, 1, ACT_TANH, ACT_SIGMOID);
    cr_assert_eq(model_io_save(path, &n, LOSS_BCE, NULL, NULL, err, sizeof err), 0, "%s", err);
    n.params[0] = 42.0;
    cr_assert_eq(model_io_save(path, &n, LOSS_BCE, NULL, NULL, err, sizeof err), 0, "%s", err);
    model_file m;
    cr_assert_eq(model_io_load(path, &m, err, sizeof err), 0, "%s", err);
    cr_assert_eq(m.params[0], 42.0);
    model_file_free(&m);
    cr_assert_eq(files_in_dir(), 1);
    net_free(&n);
    rm_dir();
}

Test(model_io, failed_save_leaves_the_old_file_untouched)
{
    setup_dir();
    net small, big;
    make_net(&small, 2, 2, 1, ACT_TANH, ACT_SIGMOID);
    make_net(&big, 50, 50, 1, ACT_TANH, ACT_SIGMOID);
    fill_awkward(big.params, big.n_params);
    cr_assert_eq(model_io_save(path, &small, LOSS_BCE, NULL, NULL, err, sizeof err), 0);
    char *before = slurp(path);
    /* the disk "fills up" after 4 KiB: write() fails with EFBIG */
    signal(SIGXFSZ, SIG_IGN);
    struct rlimit rl = {4096, 4096};
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &rl), 0);
    cr_assert_eq(model_io_save(path, &big, LOSS_BCE, NULL, NULL, err, sizeof err), -1);
    cr_assert(strstr(err, path) == err, "%s", err);
    cr_assert(strstr(err, "cannot write") != NULL, "%s", err);
    char *after = slurp(path);
    cr_assert_str_eq(before, after);
    cr_assert_eq(files_in_dir(), 1, "the temporary file was left behind");
    free(before);
    free(after);
    net_free(&small);
    net_free(&big);
    rm_dir();
}

Test(model_io, diverged_network_is_not_saved)
{
    setup_dir();
    net n;
    make_net(&n, 2, 2, 1, ACT_TANH, ACT_SIGMOID);
    cr_assert_eq(model_io_save(path, &n, LOSS_BCE, NULL, NULL, err, sizeof err), 0);
    char *before = slurp(path);
    n.params[3] = NAN;
    cr_assert_eq(model_io_save(path, &n, LOSS_BCE, NULL, NULL, err, sizeof err), -1);
    cr_assert(strstr(err, "NaN or Inf") != NULL, "%s", err);
    char *after = slurp(path);
    cr_assert_str_eq(before, after);
    free(before);
    free(after);
    net_free(&n);
    rm_dir();
}

Test(model_io, save_errors_name_the_file)
{
    setup_dir();
    net n;
    make_net(&n, 2, 2, 1, ACT_TANH, ACT_SIGMOID);
    char p[300];
    snprintf(p, sizeof p, "%s/nodir/m.json", dir);
    cr_assert_eq(model_io_save(p, &n, LOSS_BCE, NULL, NULL, err, sizeof err), -1);
    cr_assert(strstr(err, "nodir/m.json: cannot save: no folder '") != NULL, "%s", err);
    cr_assert(strstr(err, "/nodir'") != NULL, "%s", err);
    cr_assert_eq(model_io_save(dir, &n, LOSS_BCE, NULL, NULL, err, sizeof err), -1);
    cr_assert(strstr(err, ": is a directory") != NULL, "%s", err);
    /* a read-only file is kept as it was, even when root could replace it */
    cr_assert_eq(model_io_save(path, &n, LOSS_BCE, NULL, NULL, err, sizeof err), 0);
    char *before = slurp(path);
    cr_assert_eq(chmod(path, 0444), 0);
    n.params[0] += 1.0;
    cr_assert_eq(model_io_save(path, &n, LOSS_BCE, NULL, NULL, err, sizeof err), -1);
    cr_assert(strstr(err, path) == err, "%s", err);
    cr_assert(strstr(err, ": is read-only: not replaced") != NULL, "%s", err);
    char *after = slurp(path);
    cr_assert_str_eq(before, after);
    cr_assert_eq(files_in_dir(), 1, "a temporary file was left");
    free(before);
    free(after);
    net_free(&n);
    rm_dir();
}

/* ---- load errors ---- */

static void parse_fails(const char *text, const char *want)
{
    model_file m;
    memset(&m, 0xAB, sizeof m);
    cr_assert_eq(model_io_parse(text, strlen(text), "m.json", &m, err, sizeof err), -1,
                 "parsed, expected '%s'", want);
    cr_assert_null(m.params);
    cr_assert(strncmp(err, "m.json", 6) == 0, "no file name: %s", err);
    cr_assert(strstr(err, want) != NULL, "'%s' lacks '%s'", err, want);
    cr_assert_null(strchr(err, '\n'), "two lines: %s", err);
}

#define HEAD "{\"format\": \"mlpviz-model\", \"version\": 1, \"inputs\": 2, \"loss\": \"bce\", "
#define L1 "{\"units\": 1, \"activation\": \"sigmoid\", \"weights\": [[1, 2]], \"biases\": [0.5]}"

Test(model_io, minimal_hand_written_model_loads)
{
    model_file m;
    const char *t = HEAD "\"layers\": [" L1 "]}";
    cr_assert_eq(model_io_parse(t, strlen(t), "m.json", &m, err, sizeof err), 0, "%s", err);
    cr_assert_eq(m.n_params, 3u);
    cr_assert_eq(m.params[0], 1.0);
    cr_assert_eq(m.params[1], 2.0);
    cr_assert_eq(m.params[2], 0.5);
    model_file_free(&m);
}

Test(model_io, load_error_messages)
{
    parse_fails("", "m.json: empty file");
    parse_fails("[]", "not an mlpviz model (expected a JSON object, found an array)");
    parse_fails("{\"version\": 1}", "not an mlpviz model (no \"format\"");
    parse_fails("{\"format\": \"keras\", \"version\": 1}", "format is 'keras'");
    parse_fails("{\"format\": 7}", "format: expected a string, found a number");
    parse_fails("{\"format\": \"mlpviz-model\", \"version\": 2}", "version 2 is not supported");
    parse_fails("{\"format\": \"mlpviz-model\"}", "missing \"version\"");
    parse_fails("{\"format\": \"mlpviz-model\", \"version\": 1, \"loss\": \"bce\"}",
                "missing \"inputs\"");
    parse_fails(HEAD "\"layers\": {}}", "layers: expected an array of layers, found an object");
    parse_fails(HEAD "\"layers\": []}", "layers: empty");
    parse_fails("{\"format\": \"mlpviz-model\", \"version\": 1, \"inputs\": 2, \"loss\": \"hinge\", "
                "\"layers\": [" L1 "]}", "loss: unknown loss 'hinge'");
    parse_fails("{\"format\": \"mlpviz-model\", \"version\": 1, \"inputs\": \"2\"}",
                "inputs: expected a whole number, found a string");
    parse_fails("{\"format\": \"mlpviz-model\", \"version\": 1, \"inputs\": 2.5}",
                "inputs: 2.5 is not a whole number");
    parse_fails("{\"format\": \"mlpviz-model\", \"version\": 1, \"inputs\": 1e12}",
                "inputs: 1000000000000 is out of range (1..4096)");
    parse_fails(HEAD "\"layers\": [{\"units\": 1000000000, \"activation\": \"relu\"}]}",
                "layers[0].units: 1000000000 is out of range");
    parse_fails(HEAD "\"layers\": [{\"units\": 0, \"activation\": \"relu\"}]}",
                "layers[0].units: 0 is out of range");
    parse_fails(HEAD "\"layers\": [{\"units\": 1, \"activation\": \"wobble\"}]}",
                "layers[0].activation: unknown activation 'wobble'");
    parse_fails(HEAD "\"layers\": [{\"units\": 1}]}", "layers[0]: missing \"activation\"");
    parse_fails(HEAD "\"layers\": [{\"units\": 1, \"activation\": \"relu\"}]}",
                "layers[0]: missing \"weights\"");
    parse_fails(HEAD "\"layers\": [{\"units\": 1, \"activation\": \"relu\", "
                "\"weights\": [[1, 2]]}]}", "layers[0]: missing \"biases\"");
    parse_fails(HEAD "\"layers\": [7]}", "layers[0]: expected an object, found a number");
    parse_fails(HEAD "\"layers\": [{\"units\": 2, \"activation\": \"softmax\", "
                "\"weights\": [[1, 2], [3, 4]], \"biases\": [0, 0]}, " L1 "]}",
                "softmax is only allowed on the output layer");
    /* layer sizes that do not chain: layer 1 expects the 3 units of layer 0 */
    parse_fails(HEAD "\"layers\": [{\"units\": 3, \"activation\": \"relu\", "
                "\"weights\": [[1, 2], [3, 4], [5, 6]], \"biases\": [0, 0, 0]}, " L1 "]}",
                "layers[1].weights[0]: 2 values, expected 3 (the units of layers[0])");
    parse_fails(HEAD "\"layers\": [{\"units\": 2, \"activation\": \"relu\", "
                "\"weights\": [[1, 2]], \"biases\": [0, 0]}]}",
                "layers[0].weights: 1 rows, expected 2 (one per unit)");
    parse_fails(HEAD "\"layers\": [{\"units\": 1, \"activation\": \"relu\", "
                "\"weights\": [[1, 2, 3]], \"biases\": [0]}]}",
                "layers[0].weights[0]: 3 values, expected 2 (the inputs)");
    parse_fails(HEAD "\"layers\": [{\"units\": 1, \"activation\": \"relu\", "
                "\"weights\": [[1, \"x\"]], \"biases\": [0]}]}",
                "layers[0].weights[0][1]: expected a number, found a string");
    parse_fails(HEAD "\"layers\": [{\"units\": 1, \"activation\": \"relu\", "
                "\"weights\": [[1, 1e999]], \"biases\": [0]}]}",
                "layers[0].weights[0][1]: not a finite number");
    parse_fails(HEAD "\"layers\": [{\"units\": 1, \"activation\": \"relu\", "
                "\"weights\": [[1, 2]], \"biases\": [0, 1]}]}",
                "layers[0].biases: 2 values, expected 1 (one per unit)");
    parse_fails(HEAD "\"layers\": [{\"units\": 1, \"activation\": \"relu\", "
                "\"weights\": [3], \"biases\": [0]}]}",
                "layers[0].weights[0]: expected an array of numbers, found a number");
    parse_fails(HEAD "\"layers\": [" L1 "], \"classes\": [\"a\", \"b\", \"c\"]}",
                "classes: 3 names, but the output layer has 1 unit");
    parse_fails(HEAD "\"layers\": [" L1 "], \"classes\": [\"a\", 2]}",
                "classes[1]: expected a string, found a number");
    parse_fails(HEAD "\"layers\": [" L1 "], \"preprocess\": {\"raw_inputs\": 3}}",
                "preprocess: 3 raw + 0 derived inputs make 3, but \"inputs\" is 2");
    parse_fails(HEAD "\"layers\": [" L1 "], \"preprocess\": {\"raw_inputs\": 1, "
                "\"derived\": [\"x1^2\"]}}", "derived features need two raw inputs");
    parse_fails(HEAD "\"layers\": [" L1 "], \"preprocess\": {\"raw_inputs\": 2, "
                "\"scale\": \"log\"}}", "preprocess.scale: unknown scaling 'log'");
    parse_fails(HEAD "\"layers\": [" L1 "], \"preprocess\": {\"raw_inputs\": 2, "
                "\"shift\": [1]}}", "preprocess.shift: 1 values, expected 2");
    parse_fails("{\"format\": \"mlpviz-model\",\n  \"version\": 1,,}", "m.json:2:16: JSON syntax error: a \"key\" in double quotes expected");
    parse_fails("\x01\x02", "m.json:1:1: JSON syntax error: a value expected");
    model_file m;
    cr_assert_eq(model_io_parse("{\0}", 3, "m.json", &m, err, sizeof err), -1);
    cr_assert_str_eq(err, "m.json: binary file (NUL byte at offset 1)");
}

Test(model_io, absurd_total_size_is_refused_before_allocating)
{
    /* 4096 x 4096 twice is over NET_MAX_PARAMS: refused by the shape check */
    parse_fails("{\"format\": \"mlpviz-model\", \"version\": 1, \"inputs\": 4096, "
                "\"loss\": \"mse\", \"layers\": [{\"units\": 4096, \"activation\": \"relu\"}, "
                "{\"units\": 4096, \"activation\": \"relu\"}, "
                "{\"units\": 4096, \"activation\": \"relu\"}]}", "parameters");
    char t[4096], *p = t + sprintf(t, HEAD "\"layers\": [");
    for (int i = 0; i < 20; i++)
        p += sprintf(p, "%s{\"units\": 1, \"activation\": \"relu\"}", i ? ", " : "");
    sprintf(p, "]}");
    parse_fails(t, "layers: 20 layers, at most 16");
}

Test(model_io, deep_nesting_is_a_clean_error)
{
    size_t n = 100000;
    char *t = malloc(2 * n + 16);
    char *p = t + sprintf(t, "{\"a\": ");
    memset(p, '[', n);
    memset(p + n, ']', n);
    strcpy(p + 2 * n, "}");
    parse_fails(t, "m.json:1:22: JSON nested too deeply");
    free(t);
}

Test(model_io, load_file_errors)
{
    setup_dir();
    model_file m;
    char p[300];
    snprintf(p, sizeof p, "%s/none.json", dir);
    cr_assert_eq(model_io_load(p, &m, err, sizeof err), -1);
    cr_assert(strstr(err, "none.json: cannot open: No such file or directory") != NULL,
              "%s", err);
    cr_assert_eq(model_io_load(dir, &m, err, sizeof err), -1);
    cr_assert(strstr(err, ": is a directory") != NULL, "%s", err);
    snprintf(p, sizeof p, "%s/huge.json", dir);
    FILE *f = fopen(p, "w");
    cr_assert_not_null(f);
    cr_assert_eq(ftruncate(fileno(f), (off_t)MODEL_IO_MAX_BYTES + 1), 0);
    fclose(f);
    cr_assert_eq(model_io_load(p, &m, err, sizeof err), -1);
    cr_assert(strstr(err, "huge.json: file too large") != NULL, "%s", err);
    cr_assert_null(m.params);
    rm_dir();
}

Test(model_io, the_generator_of_the_initial_weights_is_recorded,
     .init = setup_dir, .fini = rm_dir)
{
    session_config c;
    session_config_default(&c);
    c.rng = SESSION_RNG_TORCH;
    ds_dataset d;
    cr_assert_eq(ds_builtin(&d, "xor", NULL), 0);
    session s;
    cr_assert_eq(session_new(&s, &c, &d, err, sizeof err), 0, "%s", err);
    cr_assert_eq(model_io_save_session(path, &s, err, sizeof err), 0, "%s", err);
    model_file m;
    cr_assert_eq(model_io_load(path, &m, err, sizeof err), 0, "%s", err);
    cr_expect(m.has_rng);
    cr_expect_eq(m.rng, SESSION_RNG_TORCH);
    cr_expect_eq(memcmp(m.params, s.net.params, s.net.n_params * sizeof(double)), 0);
    model_file_free(&m);
    /* a file without the key (older, or written by model_io_save): mlpviz */
    cr_assert_eq(model_io_save(path, &s.net, s.cfg.loss, NULL, NULL, err, sizeof err), 0);
    cr_assert_eq(model_io_load(path, &m, err, sizeof err), 0, "%s", err);
    cr_expect(!m.has_rng);
    cr_expect_eq(m.rng, SESSION_RNG_MLPVIZ);
    model_file_free(&m);
    const char *bad = "{\"format\": \"mlpviz-model\", \"version\": 1, \"inputs\": 1, "
                      "\"loss\": \"mse\", \"rng\": \"numpy\", \"layers\": [{\"units\": 1, "
                      "\"activation\": \"linear\", \"weights\": [[1]], \"biases\": [0]}]}";
    cr_expect_eq(model_io_parse(bad, strlen(bad), "m.json", &m, err, sizeof err), -1);
    cr_expect_not_null(strstr(err, "rng: unknown generator 'numpy'"), "%s", err);
    session_free(&s);
}
