/* test_torch_seed.c - --rng torch against PyTorch without PyTorch: the
 * committed fixtures of tests/torch/gen_seeded.py hold the float32 bit
 * patterns of the initial weights torch.manual_seed(S) and nn.Linear give
 * (2-8-4-1, 2-16-16-1 and 2-1, several seeds, one above 2^32), and the
 * book's XOR log of two seeds (float32 initial weights, trained in
 * float64). The engine must equal the first bit for bit and the headless
 * runner the second as text. Also: MT19937's reference outputs, the
 * generator kept by a new seed, and the torch generator's refusals. */
#include <criterion/criterion.h>

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/cli.h"
#include "engine/mt.h"
#include "engine/net.h"
#include "engine/session.h"

#define SEEDED_DIR "tests/torch/seeded"

static char *read_text(const char *path, size_t *len_out)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot open %s (run the tests from the top folder)",
                       path);
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)len + 1);
    cr_assert_not_null(buf);
    cr_assert_eq(fread(buf, 1, (size_t)len, f), (size_t)len);
    buf[len] = '\0';
    fclose(f);
    if (len_out)
        *len_out = (size_t)len;
    return buf;
}

static uint32_t float_bits(double v)
{
    float f = (float)v;
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

Test(torch_seed, mt19937_gives_the_reference_outputs)
{
    /* the reference implementation's default seed 5489: the first output,
     * and the 10000th (the C++ standard's check value) */
    mt_state m;
    mt_seed(&m, 5489);
    cr_expect_eq(mt_next(&m), 3499211612u);
    for (int i = 2; i < 10000; i++)
        mt_next(&m);
    cr_expect_eq(mt_next(&m), 4123659995u);
    /* only the low 32 bits of a seed count, as in torch.manual_seed */
    mt_state a, b;
    mt_seed(&a, 42);
    mt_seed(&b, 42 + (UINT64_C(1) << 32));
    for (int i = 0; i < 700; i++)
        cr_assert_eq(mt_next(&a), mt_next(&b));
}

Test(torch_seed, initial_weights_equal_pytorchs_bit_for_bit)
{
    char *text = read_text(SEEDED_DIR "/init_weights.json", NULL);
    cJSON *root = cJSON_Parse(text);
    cr_assert_not_null(root, "init_weights.json does not parse");
    const cJSON *nets = cJSON_GetObjectItemCaseSensitive(root, "nets");
    cr_assert(cJSON_IsArray(nets));
    int cases = 0;
    bool above_2_32 = false, no_hidden = false;
    for (const cJSON *e = nets->child; e; e = e->next, cases++) {
        const cJSON *units = cJSON_GetObjectItemCaseSensitive(e, "units");
        const cJSON *seed = cJSON_GetObjectItemCaseSensitive(e, "seed");
        const cJSON *bits = cJSON_GetObjectItemCaseSensitive(e, "bits");
        cr_assert(cJSON_IsArray(units) && cJSON_IsString(seed) &&
                  cJSON_IsArray(bits));
        net_shape sh;
        memset(&sh, 0, sizeof sh);
        int k = cJSON_GetArraySize(units);
        sh.n_inputs = cJSON_GetArrayItem(units, 0)->valueint;
        sh.n_layers = k - 1;
        for (int l = 0; l < sh.n_layers; l++) {
            sh.units[l] = cJSON_GetArrayItem(units, l + 1)->valueint;
            sh.acts[l] = l + 1 < sh.n_layers ? ACT_RELU : ACT_SIGMOID;
        }
        uint64_t s = strtoull(seed->valuestring, NULL, 10);
        above_2_32 |= s > UINT32_MAX;
        no_hidden |= sh.n_layers == 1;
        net n;
        cr_assert_eq(net_new(&n, &sh, 1), 0);
        cr_assert_eq((size_t)cJSON_GetArraySize(bits), n.n_params,
                     "net %d (seed %s): %d values for %zu parameters",
                     cases, seed->valuestring,
                     cJSON_GetArraySize(bits), n.n_params);
        mt_state m;
        mt_seed(&m, s);
        net_init_params_torch_mt(&n, &m);
        size_t i = 0;
        for (const cJSON *b = bits->child; b; b = b->next, i++) {
            uint32_t want = (uint32_t)strtoul(b->valuestring, NULL, 16);
            double v = n.params[i];
            cr_assert_eq((double)(float)v, v, "parameter %zu is not a float32", i);
            cr_assert_eq(float_bits(v), want,
                         "net %d (seed %s), parameter %zu: %08x, torch %08x",
                         cases, seed->valuestring, i, float_bits(v), want);
        }
        net_free(&n);
    }
    cr_expect_geq(cases, 12);
    cr_expect(above_2_32, "no seed above 2^32 in the fixtures");
    cr_expect(no_hidden, "no net without a hidden layer in the fixtures");
    cJSON_Delete(root);
    free(text);
}

/* The headless runner's log for argv (NULL-terminated). */
static char *headless_log(const char **args, size_t *len)
{
    const char *argv[64] = {"mlpviz"};
    int argc = 1;
    while (args[argc - 1])
        argv[argc] = args[argc - 1], argc++;
    cli_options o;
    char err[512];
    cli_options_default(&o);
    cr_assert_eq(cli_parse(argc, (char **)argv, &o, err, sizeof err), 0, "%s", err);
    char *buf = NULL;
    FILE *out = open_memstream(&buf, len);
    cr_assert_not_null(out);
    cr_assert_eq(cli_run_headless(&o, out, stderr), 0);
    fclose(out);
    return buf;
}

static void check_book_xor(const char *seed)
{
    char path[128];
    snprintf(path, sizeof path, SEEDED_DIR "/xor_book_seed_%s.txt", seed);
    size_t want_len, got_len;
    char *want = read_text(path, &want_len);
    const char *args[] = {"--headless", "--dataset", "xor", "--layers", "8,4",
                          "--activation", "relu", "--output", "sigmoid",
                          "--loss", "bce", "--optimizer", "sgd", "--lr", "0.1",
                          "--epochs", "2000", "--batch", "full", "--rng",
                          "torch", "--seed", seed, NULL};
    char *got = headless_log(args, &got_len);
    int lines = 0;
    for (const char *p = want; *p; p++)
        lines += *p == '\n';
    cr_expect_eq(lines, 204, "the fixture has %d lines", lines);
    /* the log ends with the engine's verdict, which PyTorch does not
     * print: it is checked, then left out of the comparison */
    char *state = strstr(got, "state: converged (every point right; ");
    cr_assert_not_null(state, "no converged state line: %s", got);
    cr_assert_eq(strchr(state, '\n')[1], '\0', "the state line is not the last");
    *state = '\0';
    got_len = (size_t)(state - got);
    if (got_len != want_len || memcmp(got, want, want_len) != 0) {
        /* the first line that differs */
        const char *a = got, *b = want;
        int line = 1;
        while (*a && *a == *b) {
            line += *a == '\n';
            a++, b++;
        }
        cr_assert_fail("seed %s: line %d differs from PyTorch's", seed, line);
    }
    free(want);
    free(got);
}

Test(torch_seed, book_xor_log_of_seed_0_equals_pytorchs)
{
    check_book_xor("0");
}

Test(torch_seed, book_xor_log_of_seed_7_equals_pytorchs)
{
    check_book_xor("7");
}

static void xor_session(session *s, session_config *c)
{
    ds_dataset d;
    char err[256];
    cr_assert_eq(ds_builtin(&d, "xor", NULL), 0);
    cr_assert_eq(session_new(s, c, &d, err, sizeof err), 0, "%s", err);
}

Test(torch_seed, a_new_seed_keeps_the_torch_generator)
{
    session_config c;
    session_config_default(&c);
    c.rng = SESSION_RNG_TORCH;
    c.seed = 3;
    session s, t;
    xor_session(&s, &c);
    cr_expect(session_torch_seeded(&s));
    cr_assert_eq(session_reset(&s, 42), 0);
    cr_expect_eq(s.cfg.rng, SESSION_RNG_TORCH);
    cr_expect(session_torch_seeded(&s));
    c.seed = 42;
    xor_session(&t, &c);
    cr_expect_eq(memcmp(s.net.params, t.net.params,
                        s.net.n_params * sizeof(double)), 0,
                 "reset to 42 differs from a torch session built with 42");
    /* and the torch draw is not the engine's own */
    session u;
    c.rng = SESSION_RNG_MLPVIZ;
    xor_session(&u, &c);
    cr_expect_neq(memcmp(u.net.params, t.net.params,
                         u.net.n_params * sizeof(double)), 0);
    cr_expect(!session_torch_seeded(&u));
    session_free(&s);
    session_free(&t);
    session_free(&u);
}

Test(torch_seed, the_torch_generator_refuses_other_initialisations_and_the_perceptron)
{
    session_config c;
    char err[256];
    session_config_default(&c);
    c.rng = SESSION_RNG_TORCH;
    cr_expect(session_config_check_rng(&c, err, sizeof err));
    c.init = NET_INIT_XAVIER;
    cr_expect(!session_config_check_rng(&c, err, sizeof err));
    cr_expect_not_null(strstr(err, "xavier"), "%s", err);
    c.init = NET_INIT_TORCH;
    c.model = MODEL_PERCEPTRON;
    cr_expect(!session_config_check_rng(&c, err, sizeof err));
    cr_expect_not_null(strstr(err, "perceptron"), "%s", err);
    c.rng = SESSION_RNG_MLPVIZ;
    cr_expect(session_config_check_rng(&c, err, sizeof err));
    session_rng r;
    cr_expect(session_rng_from_name("torch", &r) && r == SESSION_RNG_TORCH);
    cr_expect(session_rng_from_name("mlpviz", &r) && r == SESSION_RNG_MLPVIZ);
    cr_expect(!session_rng_from_name("numpy", &r));
}
