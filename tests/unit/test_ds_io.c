/* test_ds_io.c - the dataset readers: CSV dialects (separators, headers,
 * quotes, CRLF, comments, BOM, decimal commas), exact number parsing, label
 * mapping and task guessing, every error message, JSON datasets, and
 * loading by path and by name. */
#include <criterion/criterion.h>
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/ds_io.h"

static char err[512];

static int csv(const char *text, ds_dataset *d)
{
    err[0] = '\0';
    return ds_io_parse_csv(text, strlen(text), "t.csv", d, NULL, err, sizeof err);
}

static int csv_task(const char *text, ds_dataset *d, ds_io_task task)
{
    ds_io_options o;
    ds_io_options_default(&o);
    o.task = task;
    err[0] = '\0';
    return ds_io_parse_csv(text, strlen(text), "t.csv", d, &o, err, sizeof err);
}

static int json(const char *text, ds_dataset *d)
{
    err[0] = '\0';
    return ds_io_parse_json(text, strlen(text), "t.json", d, NULL, err, sizeof err);
}

/* The parse must fail with a message that starts with the file name,
 * contains `want` and is one line. */
static void csv_fails(const char *text, const char *want)
{
    ds_dataset d;
    cr_assert_eq(csv(text, &d), -1, "parsed, expected '%s'", want);
    cr_assert_null(d.x);
    cr_assert(strncmp(err, "t.csv", 5) == 0, "no file name: %s", err);
    cr_assert(strstr(err, want) != NULL, "'%s' lacks '%s'", err, want);
    cr_assert_null(strchr(err, '\n'), "two lines: %s", err);
}

static void json_fails(const char *text, const char *want)
{
    ds_dataset d;
    cr_assert_eq(json(text, &d), -1, "parsed, expected '%s'", want);
    cr_assert_null(d.x);
    cr_assert(strncmp(err, "t.json", 6) == 0, "no file name: %s", err);
    cr_assert(strstr(err, want) != NULL, "'%s' lacks '%s'", err, want);
    cr_assert_null(strchr(err, '\n'), "two lines: %s", err);
}

static double X(const ds_dataset *d, int r, int f)
{
    return d->x[(size_t)r * (size_t)d->n_features + (size_t)f];
}

Test(ds_io, csv_comma_with_header_names_features)
{
    ds_dataset d;
    cr_assert_eq(csv("x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,1\n", &d), 0, "%s", err);
    cr_assert_eq(d.n_features, 2);
    cr_assert_eq(d.n_train, 4);
    cr_assert_eq(d.n_test, 0);
    cr_assert_eq(d.task, DS_BINARY);
    cr_assert_eq(d.n_classes, 2);
    cr_assert_str_eq(d.feature_names[0], "x1");
    cr_assert_str_eq(d.feature_names[1], "x2");
    cr_assert_str_eq(d.name, "t");
    cr_assert_eq(X(&d, 1, 1), 1.0);
    cr_assert_eq(d.y[0], 0.0);
    cr_assert_eq(d.y[3], 1.0);
    ds_free(&d);
}

Test(ds_io, csv_without_header_gets_default_names)
{
    ds_dataset d;
    cr_assert_eq(csv("0.5,2,a\n1.5,-3,b\n", &d), 0, "%s", err);
    cr_assert_eq(d.n_train, 2);
    cr_assert_str_eq(d.feature_names[0], "x1");
    cr_assert_str_eq(d.feature_names[1], "x2");
    cr_assert_eq(X(&d, 0, 0), 0.5);
    cr_assert_eq(X(&d, 1, 1), -3.0);
    ds_free(&d);
}

Test(ds_io, csv_semicolon_with_decimal_commas)
{
    ds_dataset d;
    cr_assert_eq(csv("length;width;kind\n1,5;2;yes\n3;4,25;no\n", &d), 0, "%s", err);
    cr_assert_eq(d.n_features, 2);
    cr_assert_str_eq(d.feature_names[1], "width");
    cr_assert_eq(X(&d, 0, 0), 1.5);
    cr_assert_eq(X(&d, 1, 1), 4.25);
    cr_assert_str_eq(d.class_names[0], "yes");
    cr_assert_str_eq(d.class_names[1], "no");
    ds_free(&d);
}

Test(ds_io, csv_tab_separated)
{
    ds_dataset d;
    cr_assert_eq(csv("a\tb\tc\tlabel\n1\t2\t3\t0\n4\t5\t6\t1\n", &d), 0, "%s", err);
    cr_assert_eq(d.n_features, 3);
    cr_assert_eq(X(&d, 1, 2), 6.0);
    cr_assert_str_eq(d.feature_names[2], "c");
    ds_free(&d);
}

Test(ds_io, csv_quoted_fields_with_escapes_and_separators)
{
    ds_dataset d;
    const char *t = "\"sepal \"\"len\"\"\",\"w, cm\",class\n"
                    "\"1.5\", 2 ,\"Iris, setosa\"\n"
                    "3,\" 4 \",\"say \"\"hi\"\"\"\n";
    cr_assert_eq(csv(t, &d), 0, "%s", err);
    cr_assert_str_eq(d.feature_names[0], "sepal \"len\"");
    cr_assert_str_eq(d.feature_names[1], "w, cm");
    cr_assert_eq(X(&d, 0, 0), 1.5);
    cr_assert_eq(X(&d, 0, 1), 2.0);
    cr_assert_eq(X(&d, 1, 1), 4.0);
    cr_assert_str_eq(d.class_names[0], "Iris, setosa");
    cr_assert_str_eq(d.class_names[1], "say \"hi\"");
    ds_free(&d);
}

Test(ds_io, csv_crlf_comments_blank_lines_and_bom)
{
    ds_dataset d;
    const char *t = "\xEF\xBB\xBF# made by hand\r\n\r\nx,y\r\n  # a note\r\n"
                    "1,0\r\n\r\n2,1\r\n   \r\n3,1";
    cr_assert_eq(csv(t, &d), 0, "%s", err);
    cr_assert_eq(d.n_train, 3);
    cr_assert_str_eq(d.feature_names[0], "x");
    cr_assert_eq(X(&d, 2, 0), 3.0);
    cr_assert_eq(d.y[2], 1.0);
    ds_free(&d);
}

Test(ds_io, csv_quoted_label_over_two_lines_keeps_line_numbers)
{
    ds_dataset d;
    /* the record on line 2 spans lines 2-3; line 4 is then reported right */
    cr_assert_eq(csv("x,y\n1,\"a\nb\"\n2,abc,1\n", &d), -1);
    cr_assert(strstr(err, "t.csv:4: 3 fields, expected 2") != NULL, "%s", err);
}

Test(ds_io, csv_numbers_parse_exactly_like_strtod)
{
    /* random doubles in several spellings, plus the edges */
    static const char *const fixed[] = {
        "0", "-0", "1e308", "-1.7976931348623157e308", "4.9406564584124654e-324",
        "2.2250738585072014e-308", "2.225073858507201e-308", "0.1", "0.3",
        "123456789012345678901234567890", "1e-400", "9007199254740993",
        "0.000001", "1E5", "+.5", "5.", "1e22", "1e23", "3.14159265358979323846"};
    char *buf = malloc(1 << 20);
    cr_assert_not_null(buf);
    char *p = buf;
    size_t nf = sizeof fixed / sizeof fixed[0];
    enum { NRAND = 3000 };
    char texts[NRAND + 32][40];
    int k = 0;
    for (size_t i = 0; i < nf; i++) snprintf(texts[k++], 40, "%s", fixed[i]);
    uint64_t s = 88172645463325252ull;
    while (k < NRAND) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        double v;
        memcpy(&v, &s, sizeof v);
        if (!isfinite(v)) continue;
        snprintf(texts[k++], 40, "%.*g", 6 + (int)(s % 12), v);
    }
    for (int i = 0; i < k; i++) p += sprintf(p, "%s,%d\n", texts[i], i % 2);
    ds_dataset d;
    cr_assert_eq(csv(buf, &d), 0, "%s", err);
    cr_assert_eq(d.n_train, k);
    for (int i = 0; i < k; i++) {
        double want = strtod(texts[i], NULL), got = X(&d, i, 0);
        cr_assert(memcmp(&want, &got, sizeof want) == 0, "'%s': %.17g vs %.17g",
                  texts[i], got, want);
    }
    ds_free(&d);
    free(buf);
}

Test(ds_io, binary_numeric_labels_keep_their_order)
{
    ds_dataset d;
    /* 1 appears first, but class 0 stays the label 0 */
    cr_assert_eq(csv("x,y\n5,1\n6,0\n7,1\n", &d), 0, "%s", err);
    cr_assert_eq(d.task, DS_BINARY);
    cr_assert_eq(d.y[0], 1.0);
    cr_assert_eq(d.y[1], 0.0);
    cr_assert_str_eq(d.class_names[0], "0");
    cr_assert_str_eq(d.class_names[1], "1");
    ds_free(&d);
    cr_assert_eq(csv("x,y\n5,1\n6,-1\n", &d), 0, "%s", err);
    cr_assert_eq(d.y[0], 1.0);
    cr_assert_eq(d.y[1], 0.0);
    cr_assert_str_eq(d.class_names[0], "-1");
    ds_free(&d);
}

Test(ds_io, text_labels_map_in_order_of_first_appearance)
{
    ds_dataset d;
    cr_assert_eq(csv("x,y\n1,spam\n2,ham\n3,spam\n4,ham\n", &d), 0, "%s", err);
    cr_assert_eq(d.task, DS_BINARY);
    cr_assert_str_eq(d.class_names[0], "spam");
    cr_assert_str_eq(d.class_names[1], "ham");
    cr_assert_eq(d.y[0], 0.0);
    cr_assert_eq(d.y[1], 1.0);
    cr_assert_eq(d.y[2], 0.0);
    ds_free(&d);
}

Test(ds_io, three_text_classes_are_multiclass)
{
    ds_dataset d;
    cr_assert_eq(csv("a,b,s\n1,2,c\n3,4,a\n5,6,b\n7,8,a\n", &d), 0, "%s", err);
    cr_assert_eq(d.task, DS_MULTICLASS);
    cr_assert_eq(d.n_classes, 3);
    cr_assert_str_eq(d.class_names[0], "c");
    cr_assert_str_eq(d.class_names[2], "b");
    cr_assert_eq(d.y[3], 1.0);
    ds_free(&d);
}

Test(ds_io, integer_labels_up_to_sixteen_are_classes_sorted)
{
    ds_dataset d;
    cr_assert_eq(csv("x,y\n1,7\n2,3\n3,5\n4,3.0\n", &d), 0, "%s", err);
    cr_assert_eq(d.task, DS_MULTICLASS);
    cr_assert_eq(d.n_classes, 3);
    cr_assert_str_eq(d.class_names[0], "3");
    cr_assert_str_eq(d.class_names[1], "5");
    cr_assert_str_eq(d.class_names[2], "7");
    cr_assert_eq(d.y[0], 2.0);
    cr_assert_eq(d.y[3], 0.0);
    ds_free(&d);
}

Test(ds_io, real_valued_labels_are_regression)
{
    ds_dataset d;
    cr_assert_eq(csv("x,t\n1,0.5\n2,1.25\n3,-2.75\n", &d), 0, "%s", err);
    cr_assert_eq(d.task, DS_REGRESSION);
    cr_assert_eq(d.n_classes, 0);
    cr_assert_eq(d.y[1], 1.25);
    cr_assert_eq(d.y[2], -2.75);
    ds_free(&d);
}

static char *many_labels(int n)
{
    char *t = malloc(64 * (size_t)n + 16);
    char *p = t + sprintf(t, "x,y\n");
    for (int i = 0; i < n; i++) p += sprintf(p, "%d,%d\n", i, i * 10);
    return t;
}

Test(ds_io, more_than_sixteen_integers_are_regression)
{
    char *t = many_labels(17);
    ds_dataset d;
    cr_assert_eq(csv(t, &d), 0, "%s", err);
    cr_assert_eq(d.task, DS_REGRESSION);
    cr_assert_eq(d.y[16], 160.0);
    ds_free(&d);
    free(t);
}

Test(ds_io, two_real_values_are_still_binary)
{
    ds_dataset d;
    cr_assert_eq(csv("x,y\n1,0.5\n2,1.5\n3,0.5\n", &d), 0, "%s", err);
    cr_assert_eq(d.task, DS_BINARY);
    cr_assert_str_eq(d.class_names[0], "0.5");
    ds_free(&d);
}

Test(ds_io, task_override_regress_and_classify)
{
    ds_dataset d;
    cr_assert_eq(csv_task("x,y\n1,0\n2,1\n3,1\n", &d, DS_IO_TASK_REGRESS), 0, "%s", err);
    cr_assert_eq(d.task, DS_REGRESSION);
    ds_free(&d);
    cr_assert_eq(csv_task("x,y\n1,0.5\n2,1.5\n3,2.5\n", &d, DS_IO_TASK_CLASSIFY), 0,
                 "%s", err);
    cr_assert_eq(d.task, DS_MULTICLASS);
    cr_assert_eq(d.n_classes, 3);
    cr_assert_str_eq(d.class_names[2], "2.5");
    ds_free(&d);
    char *t = many_labels(17);
    cr_assert_eq(csv_task(t, &d, DS_IO_TASK_CLASSIFY), -1);
    cr_assert(strstr(err, "more than 16 classes") != NULL, "%s", err);
    free(t);
    cr_assert_eq(csv_task("x,y\n1,a\n2,b\n", &d, DS_IO_TASK_REGRESS), -1);
    cr_assert(strstr(err, "t.csv:2: label 'a' is not a number") != NULL, "%s", err);
}

Test(ds_io, csv_error_messages)
{
    csv_fails("", "t.csv: empty file");
    csv_fails("\n  \r\n\n", "t.csv: empty file");
    csv_fails("# only a comment\n\n", "no data rows");
    csv_fails("x1,x2,y\n", "t.csv: header only, no data rows");
    csv_fails("a,b,c,y\n1,2,3,0\n1,2,3,1\n1,2,3,0\n1,2,1\n",
              "t.csv:5: 3 fields, expected 4 (as on line 1)");
    csv_fails("a,b,c,y\n1,2,3,0\n1,2,3,1\n1,2,3,0\n1,2,3,1\n1,2,3,0\n1,abc,3,0\n",
              "t.csv:7: field 2: 'abc' is not a number");
    csv_fails("a,b,y\n1,2,0\n1,NaN,1\n", "t.csv:3: field 2: NaN is not allowed");
    csv_fails("a,b,y\n1,2,0\n-inf,1,1\n", "t.csv:3: field 1: Inf is not allowed");
    csv_fails("a,b,y\n1,2,0\n1e999,1,1\n", "field 1: Inf is not allowed");
    csv_fails("a,b,y\n1,2,0\n1,,1\n", "t.csv:3: field 2: empty");
    csv_fails("a,b,y\n1,2,0\n1,2,\n", "t.csv:3: field 3: empty label");
    csv_fails("a,b,y\n1,2,nan\n", "NaN is not allowed as a label");
    csv_fails("a,y\n1,a\n2,a\n", "t.csv: only one class ('a')");
    csv_fails("a,y\n1,0x10\n", "only one class ('0x10')");
    csv_fails("a,b,y\n0x10,2,0\n", "field 1: '0x10' is not a number");
    csv_fails("justonecolumn\n1\n", "t.csv:1: only one column");
    csv_fails("a,b,y\n1,\"2,0\n", "t.csv:2: field 2: quote opened but never closed");
    csv_fails("a,b,y\n1,\"2\"x,0\n", "t.csv:2: field 2: text after the closing quote");
    csv_fails("a,y\n\xC3\xA9t\xE9,1\n", "t.csv: not UTF-8 text (invalid byte 0xE9 at line 2)");
    csv_fails("a,y\n1,0\n\xFF\n", "not UTF-8 text");
    csv_fails("\xFF\xFEx\0,\0", "UTF-16");
    csv_fails("x,y\r1,0\r2,1\r", "t.csv: lines end in a lone CR");
}

Test(ds_io, csv_binary_file_names_the_offset)
{
    ds_dataset d;
    const char t[] = "a,y\n1,0\n\0\0\x01";
    cr_assert_eq(ds_io_parse_csv(t, sizeof t - 1, "t.csv", &d, NULL, err, sizeof err), -1);
    cr_assert_str_eq(err, "t.csv: binary file (NUL byte at offset 8)");
}

Test(ds_io, csv_more_than_sixteen_classes)
{
    char t[2048], *p = t + sprintf(t, "x,y\n");
    for (int i = 0; i < 20; i++) p += sprintf(p, "%d,c%d\n", i, i);
    csv_fails(t, "t.csv:18: more than 16 classes (the 17th is 'c16')");
}

Test(ds_io, csv_too_many_features)
{
    char t[4096], *p = t;
    for (int i = 0; i < 70; i++) p += sprintf(p, "%d,", i);
    sprintf(p, "0\n");
    csv_fails(t, "t.csv:1: too many features (70; max 64)");
}

Test(ds_io, csv_long_line_is_refused)
{
    size_t n = DS_IO_MAX_LINE + 100;
    char *t = malloc(n + 32);
    memcpy(t, "a,y\n1,", 6);
    memset(t + 6, '7', n);
    strcpy(t + 6 + n, ",1\n");
    csv_fails(t, "t.csv:2: line longer than 1048576 bytes");
    free(t);
}

Test(ds_io, csv_row_limit_is_clear)
{
    size_t rows = DS_MAX_ROWS + 1;
    char *t = malloc(rows * 4 + 8);
    char *p = t;
    for (size_t i = 0; i < rows; i++) {
        memcpy(p, i % 2 ? "1,1\n" : "0,0\n", 4);
        p += 4;
    }
    *p = '\0';
    ds_dataset d;
    cr_assert_eq(ds_io_parse_csv(t, (size_t)(p - t), "big.csv", &d, NULL, err,
                                 sizeof err), -1);
    cr_assert(strstr(err, "big.csv:5000001: more than 5000000 rows") != NULL, "%s", err);
    /* one row fewer is fine */
    cr_assert_eq(ds_io_parse_csv(t, (size_t)(p - t) - 4, "big.csv", &d, NULL, err,
                                 sizeof err), 0, "%s", err);
    cr_assert_eq(d.n_train, DS_MAX_ROWS);
    ds_free(&d);
    free(t);
}

Test(ds_io, test_ratio_splits_with_the_seed)
{
    ds_io_options o;
    ds_io_options_default(&o);
    o.test_ratio = 0.25;
    o.seed = 7;
    const char *t = "x,y\n1,0\n2,1\n3,0\n4,1\n5,0\n6,1\n7,0\n8,1\n";
    ds_dataset a, b;
    cr_assert_eq(ds_io_parse_csv(t, strlen(t), "t.csv", &a, &o, err, sizeof err), 0);
    cr_assert_eq(ds_io_parse_csv(t, strlen(t), "t.csv", &b, &o, err, sizeof err), 0);
    cr_assert_eq(a.n_train + a.n_test, 8);
    cr_assert_eq(a.n_test, 2);
    cr_assert_eq(memcmp(a.x, b.x, 8 * sizeof(double)), 0, "same seed, same split");
    /* labels follow their rows: x = 2k gives 1 */
    for (int i = 0; i < 8; i++)
        cr_assert_eq(a.y[i], fmod(a.x[i], 2.0) == 0.0 ? 1.0 : 0.0);
    ds_free(&a);
    ds_free(&b);
}

/* ---- JSON ---- */

Test(ds_io, json_dataset_with_names_and_text_labels)
{
    ds_dataset d;
    const char *t = "{\"name\": \"tiny\", \"features\": [\"len\", \"wid\"],\n"
                    " \"x\": [[1, 2], [3.5, -4], [0, 0]],\n"
                    " \"y\": [\"cat\", \"dog\", \"bird\"]}";
    cr_assert_eq(json(t, &d), 0, "%s", err);
    cr_assert_str_eq(d.name, "tiny");
    cr_assert_eq(d.n_features, 2);
    cr_assert_eq(d.n_train, 3);
    cr_assert_str_eq(d.feature_names[1], "wid");
    cr_assert_eq(X(&d, 1, 0), 3.5);
    cr_assert_eq(d.task, DS_MULTICLASS);
    cr_assert_str_eq(d.class_names[2], "bird");
    cr_assert_eq(d.y[1], 1.0);
    ds_free(&d);
}

Test(ds_io, json_numeric_labels_follow_the_same_rules)
{
    ds_dataset d;
    cr_assert_eq(json("{\"x\": [[1], [2], [3]], \"y\": [0.5, 0.25, 3]}", &d), 0, "%s", err);
    cr_assert_eq(d.task, DS_REGRESSION);
    cr_assert_str_eq(d.feature_names[0], "x1");
    cr_assert_str_eq(d.name, "t");
    ds_free(&d);
    cr_assert_eq(json("{\"x\": [[1], [2]], \"y\": [1, 0]}", &d), 0, "%s", err);
    cr_assert_eq(d.task, DS_BINARY);
    cr_assert_eq(d.y[0], 1.0);
    ds_free(&d);
}

Test(ds_io, json_error_messages)
{
    json_fails("", "t.json: empty file");
    json_fails("[1, 2]", "expected a JSON object with \"x\" and \"y\", found an array");
    json_fails("{\"y\": [1]}", "t.json: missing key \"x\"");
    json_fails("{\"x\": [[1]]}", "t.json: missing key \"y\"");
    json_fails("{\"x\": \"abc\", \"y\": [1]}", "x: expected an array of rows, found a string");
    json_fails("{\"x\": [[1]], \"y\": 3}", "y: expected an array of labels, found a number");
    json_fails("{\"x\": [], \"y\": []}", "x: no rows");
    json_fails("{\"x\": [[1], [2], [3]], \"y\": [0, 1]}", "y: 2 labels for 3 rows of x");
    json_fails("{\"x\": [[1, 2], [3]], \"y\": [0, 1]}", "x[1]: 1 values, expected 2 (as in x[0])");
    json_fails("{\"x\": [[1, 2], [3, 4, 5]], \"y\": [0, 1]}", "x[1]: more than 2 values");
    json_fails("{\"x\": [[1, 2], [3, \"a\"]], \"y\": [0, 1]}",
               "x[1][1]: expected a number, found a string");
    json_fails("{\"x\": [[1, 2], [3, null]], \"y\": [0, 1]}", "x[1][1]: expected a number, found null");
    json_fails("{\"x\": [[1e999], [3]], \"y\": [0, 1]}", "x[0][0]: not a finite number");
    json_fails("{\"x\": [[1], 7], \"y\": [0, 1]}", "x[1]: expected an array of 1 numbers, found a number");
    json_fails("{\"x\": [[1], [2]], \"y\": [0, {}]}", "y[1]: expected a number or a string, found an object");
    json_fails("{\"x\": [[1], [2]], \"y\": [\"a\", \"a\"]}", "only one class ('a')");
    json_fails("{\"x\": [[1], [2]], \"y\": [0, 1], \"features\": [\"a\", \"b\"]}",
               "features: 2 names for 1 features in x");
    json_fails("{\"x\": [[1], [2]], \"y\": [0, 1], \"features\": [3]}",
               "features[0]: expected a string, found a number");
    json_fails("{\"x\": [[1], [2]],\n \"y\": [0, 1,]}", "t.json:2:13: JSON syntax error: a value expected");
    json_fails("{\"x\": [[1], [2]], \"y\": [0, 1]} extra", "t.json:1:32: JSON syntax error: unexpected text after");
    json_fails("{\"x\": [[1], [2]], \"y\": [0, 1]", "t.json:1:30: JSON syntax error: unexpected end of file");
    json_fails("{\"x\": [[1], [2]],\n \"y\": [0 1]}", "t.json:2:10: JSON syntax error: ',' or ']' expected");
    json_fails("{\"x\": [[1], [2]],\n \"y\": [\"a\", \"b]}", "t.json:2:13: JSON syntax error: string never closed");
    json_fails("{\"x\": [[1], [2]], \"y\": [\"a\\q\"]}", "t.json:1:28: JSON syntax error: unknown escape");
    json_fails("{\"x\": [[1], [NaN]], \"y\": [0, 1]}", "t.json:1:14: JSON syntax error: a value expected");
    json_fails("{x: 1}", "t.json:1:2: JSON syntax error: a \"key\" in double quotes expected");
    json_fails("\xFF", "not UTF-8 text");
}

Test(ds_io, json_deep_nesting_is_a_clean_error)
{
    size_t n = 200000;
    char *t = malloc(2 * n + 1);
    memset(t, '[', n);
    memset(t + n, ']', n);
    t[2 * n] = '\0';
    json_fails(t, "t.json:1:17: JSON nested too deeply");
    free(t);
}

/* ---- files and names ---- */

static char tmpdir[64];

static void make_tmpdir(void)
{
    strcpy(tmpdir, "/tmp/mlpviz-dsio-XXXXXX");
    cr_assert_not_null(mkdtemp(tmpdir));
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "%s", path);
    fputs(text, f);
    fclose(f);
}

static void rm_tmpdir(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    cr_assert_eq(system(cmd), 0);
}

Test(ds_io, load_by_path_and_by_name)
{
    make_tmpdir();
    char p[256];
    snprintf(p, sizeof p, "%s/pts.csv", tmpdir);
    write_file(p, "u,v,c\n1,2,a\n3,4,b\n");
    snprintf(p, sizeof p, "%s/js.json", tmpdir);
    write_file(p, "{\"x\": [[1], [2]], \"y\": [0, 1]}");
    setenv("MLPVIZ_DATADIR", tmpdir, 1);
    cr_assert_str_eq(ds_io_data_dir(), tmpdir);

    ds_dataset d;
    cr_assert_eq(ds_io_load("pts", &d, NULL, err, sizeof err), 0, "%s", err);
    cr_assert_str_eq(d.name, "pts");
    cr_assert_str_eq(d.feature_names[1], "v");
    ds_free(&d);
    cr_assert_eq(ds_io_load("js", &d, NULL, err, sizeof err), 0, "%s", err);
    cr_assert_eq(d.n_train, 2);
    ds_free(&d);
    snprintf(p, sizeof p, "%s/pts.csv", tmpdir);
    cr_assert_eq(ds_io_load(p, &d, NULL, err, sizeof err), 0, "%s", err);
    ds_free(&d);

    char names[8][DS_LABEL_MAX * 2];
    cr_assert_eq(ds_io_list_shipped(names, 8), 2);
    cr_assert_str_eq(names[0], "js");
    cr_assert_str_eq(names[1], "pts");

    cr_assert_eq(ds_io_load("nosuch", &d, NULL, err, sizeof err), -1);
    cr_assert(strstr(err, "nosuch: no such dataset") != NULL, "%s", err);
    unsetenv("MLPVIZ_DATADIR");
    rm_tmpdir();
}

Test(ds_io, load_sniffs_files_without_extension)
{
    make_tmpdir();
    char p[256];
    snprintf(p, sizeof p, "%s/data.txt", tmpdir);
    write_file(p, "  {\"x\": [[1], [2]], \"y\": [\"a\", \"b\"]}");
    ds_dataset d;
    cr_assert_eq(ds_io_load(p, &d, NULL, err, sizeof err), 0, "%s", err);
    cr_assert_str_eq(d.class_names[1], "b");
    ds_free(&d);
    write_file(p, "1;2;0\n3;4;1\n");
    cr_assert_eq(ds_io_load(p, &d, NULL, err, sizeof err), 0, "%s", err);
    cr_assert_eq(d.n_features, 2);
    ds_free(&d);
    rm_tmpdir();
}

Test(ds_io, load_file_errors_name_the_file)
{
    make_tmpdir();
    ds_dataset d;
    char p[256];
    snprintf(p, sizeof p, "%s/missing.csv", tmpdir);
    cr_assert_eq(ds_io_load(p, &d, NULL, err, sizeof err), -1);
    cr_assert(strstr(err, "missing.csv: cannot open: No such file or directory") != NULL,
              "%s", err);
    snprintf(p, sizeof p, "%s/dir.csv", tmpdir);
    cr_assert_eq(mkdir(p, 0755), 0);
    cr_assert_eq(ds_io_load(p, &d, NULL, err, sizeof err), -1);
    cr_assert(strstr(err, "dir.csv: is a directory") != NULL, "%s", err);
    snprintf(p, sizeof p, "%s/big.csv", tmpdir);
    FILE *f = fopen(p, "w");
    cr_assert_not_null(f);
    cr_assert_eq(ftruncate(fileno(f), (off_t)DS_IO_MAX_BYTES + 1), 0);
    fclose(f);
    cr_assert_eq(ds_io_load(p, &d, NULL, err, sizeof err), -1);
    cr_assert(strstr(err, "big.csv: file too large") != NULL, "%s", err);
    rm_tmpdir();
}

Test(ds_io, load_unreadable_file)
{
    if (geteuid() == 0) cr_skip_test("running as root: permissions do not apply");
    make_tmpdir();
    char p[256];
    snprintf(p, sizeof p, "%s/secret.csv", tmpdir);
    write_file(p, "x,y\n1,0\n2,1\n");
    cr_assert_eq(chmod(p, 0), 0);
    ds_dataset d;
    cr_assert_eq(ds_io_load(p, &d, NULL, err, sizeof err), -1);
    cr_assert(strstr(err, "secret.csv: cannot open: Permission denied") != NULL, "%s", err);
    rm_tmpdir();
}

Test(ds_io, data_dir_is_found_beside_the_program_then_in_the_environment)
{
    /* The unit tests run from a build folder of the source tree, so the
     * program's folder has ../datasets: that is the one found, whatever the
     * current folder holds; MLPVIZ_DATADIR overrides it. */
    unsetenv("MLPVIZ_DATADIR");
    char cwd[512];
    cr_assert_not_null(getcwd(cwd, sizeof cwd));
    make_tmpdir();
    cr_assert_eq(chdir(tmpdir), 0);
    cr_assert_eq(mkdir("datasets", 0755), 0);
    const char *dd = ds_io_data_dir();
    cr_assert(dd[0] == '/' && strstr(dd, "/../datasets") != NULL, "%s", dd);
    char probe[600];
    snprintf(probe, sizeof probe, "%s/iris.csv", dd);
    cr_assert_eq(access(probe, R_OK), 0, "%s", probe);
    setenv("MLPVIZ_DATADIR", "/some/where", 1);
    cr_assert_str_eq(ds_io_data_dir(), "/some/where");
    unsetenv("MLPVIZ_DATADIR");
    cr_assert_eq(chdir(cwd), 0);
    rm_tmpdir();
}

Test(ds_io, load_reads_a_pipe_of_unknown_size)
{
    make_tmpdir();
    char p[256];
    snprintf(p, sizeof p, "%s/pipe.csv", tmpdir);
    cr_assert_eq(mkfifo(p, 0600), 0);
    enum { ROWS = 20000 }; /* about 200 KB, more than one read buffer */
    pid_t pid = fork();
    cr_assert_neq(pid, -1);
    if (pid == 0) {
        FILE *f = fopen(p, "w");
        if (!f) _exit(1);
        fputs("a,b,y\n", f);
        for (int i = 0; i < ROWS; i++) fprintf(f, "%d.25,%d,%d\n", i, -i, i % 2);
        fclose(f);
        _exit(0);
    }
    ds_dataset d;
    int rc = ds_io_load(p, &d, NULL, err, sizeof err);
    int st;
    waitpid(pid, &st, 0);
    cr_assert_eq(rc, 0, "%s", err);
    cr_assert_eq(d.n_train, ROWS);
    cr_assert_eq(X(&d, ROWS - 1, 0), ROWS - 1 + 0.25);
    cr_assert_eq(X(&d, ROWS - 1, 1), -(ROWS - 1.0));
    ds_free(&d);
    rm_tmpdir();
}

Test(ds_io, numbers_ignore_the_program_locale)
{
    if (!setlocale(LC_NUMERIC, "de_DE.UTF-8") && !setlocale(LC_NUMERIC, "fr_FR.UTF-8"))
        cr_skip_test("no locale with a decimal comma is installed");
    ds_dataset d;
    cr_assert_eq(csv("x,y\n1.5,0\n2.25,1\n", &d), 0, "%s", err);
    cr_assert_eq(X(&d, 1, 0), 2.25);
    ds_free(&d);
    cr_assert_eq(json("{\"x\": [[0.5], [1.75]], \"y\": [0, 1]}", &d), 0, "%s", err);
    cr_assert_eq(X(&d, 1, 0), 1.75);
    ds_free(&d);
    setlocale(LC_NUMERIC, "C");
}

/* The per-feature figures the map and its hints show: a feature's mean
 * and how unequal the features' ranges are. */
Test(ds_stats, mean_and_range_ratio_of_features)
{
    ds_dataset d;
    cr_assert_eq(ds_new(&d, "t", 3, DS_BINARY, 2, 4), 0);
    double r0[3] = {0, 10, 5}, r1[3] = {1, 50, 5}, r2[3] = {0.5, 30, 5};
    cr_assert_eq(ds_add_train(&d, r0, 0), 0);
    cr_assert_eq(ds_add_train(&d, r1, 1), 0);
    cr_assert_eq(ds_add_test(&d, r2, 1), 0);
    cr_expect_float_eq(ds_feature_mean(&d, 0), 0.5, 1e-12);
    cr_expect_float_eq(ds_feature_mean(&d, 1), 30.0, 1e-12);
    cr_expect_float_eq(ds_feature_mean(&d, 2), 5.0, 1e-12);
    cr_expect_eq(ds_feature_mean(&d, 3), 0);
    int wide = -1, narrow = -1;
    /* ranges 1, 40 and 0: the constant feature is left out */
    cr_expect_float_eq(ds_range_ratio(&d, &wide, &narrow), 40.0, 1e-12);
    cr_expect_eq(wide, 1);
    cr_expect_eq(narrow, 0);
    ds_free(&d);
    cr_assert_eq(ds_new(&d, "e", 2, DS_BINARY, 2, 1), 0);
    cr_expect_eq(ds_range_ratio(&d, NULL, NULL), 1);
    cr_expect_eq(ds_feature_mean(&d, 0), 0);
    ds_free(&d);
}

/* The one-pass summary the views read instead of passing over the data
 * every frame: bit for bit what the single-feature functions give. */
Test(ds_stats, the_summary_equals_the_figures_one_by_one)
{
    const char *sets[] = {"circle", "spiral", "xor", "moons", "wave"};
    for (size_t k = 0; k < sizeof sets / sizeof *sets; k++) {
        ds_dataset d;
        ds_gen_options g;
        ds_gen_options_default(&g);
        g.test_ratio = 0.3;
        cr_assert_eq(ds_builtin(&d, sets[k], &g), 0, "%s", sets[k]);
        ds_summary S;
        ds_summarise(&d, &S);
        for (int f = 0; f < d.n_features; f++) {
            double lo, hi;
            ds_bounds(&d, f, &lo, &hi);
            cr_expect_eq(S.lo[f], lo, "%s %d", sets[k], f);
            cr_expect_eq(S.hi[f], hi, "%s %d", sets[k], f);
            cr_expect_eq(S.mean[f], ds_feature_mean(&d, f), "%s %d", sets[k], f);
        }
        int wide, narrow;
        cr_expect_eq(S.range_ratio, ds_range_ratio(&d, &wide, &narrow), "%s", sets[k]);
        cr_expect_eq(S.range_wide, wide);
        cr_expect_eq(S.range_narrow, narrow);
        double tlo = d.y[0], thi = d.y[0], alo = d.y[0], ahi = d.y[0];
        for (int r = 0; r < ds_rows(&d); r++) {
            if (r < d.n_train) {
                tlo = fmin(tlo, d.y[r]);
                thi = fmax(thi, d.y[r]);
            }
            alo = fmin(alo, d.y[r]);
            ahi = fmax(ahi, d.y[r]);
        }
        cr_expect_eq(S.target_lo, tlo);
        cr_expect_eq(S.target_hi, thi);
        cr_expect_eq(S.all_target_lo, alo);
        cr_expect_eq(S.all_target_hi, ahi);
        ds_free(&d);
    }
}
