/* csv.c - the CSV dataset reader. One pass over the whole text in memory:
 * separator detected from the first record (tab, else semicolon, else
 * comma), optional header, # comments and blank lines skipped, RFC 4180
 * quoted fields, CRLF; the last column is the label. Numbers are parsed in
 * place (an exact fast path, strtod in the C locale otherwise); with a
 * semicolon or tab separator a decimal comma (1,5) is accepted too. Every
 * error names the file, the line and the field. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ds_labels.h"
#include "io/ds_io.h"
#include "io_file.h"

#define CSV_FIELDS_MAX (DS_MAX_FEATURES + 2) /* fields remembered per record */

typedef struct {
    const char *s; /* field text inside the quotes, if any */
    size_t n;
    bool quoted;
    bool escaped;  /* holds "" pairs to undo */
} csv_field;

enum { NUM_OK, NUM_BAD, NUM_NAN, NUM_INF };

static const double csv_p10[23] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

static bool csv_digit(char c) { return c >= '0' && c <= '9'; }

static int csv_special(const char *s, size_t n)
{
    if (n > 0 && (s[0] == '+' || s[0] == '-')) {
        s++;
        n--;
    }
    if (n == 3 && strncasecmp(s, "nan", 3) == 0) return NUM_NAN;
    if (n == 3 && strncasecmp(s, "inf", 3) == 0) return NUM_INF;
    if (n == 8 && strncasecmp(s, "infinity", 8) == 0) return NUM_INF;
    return NUM_BAD;
}

/* strtod on a terminated copy (the grammar was checked by the caller). */
static int csv_slow_number(const char *s, size_t n, double *out)
{
    char small[128];
    char *buf = n < sizeof small ? small : malloc(n + 1);
    if (!buf) return NUM_BAD;
    for (size_t i = 0; i < n; i++) buf[i] = s[i] == ',' ? '.' : s[i];
    buf[n] = '\0';
    char *e;
    double v = strtod(buf, &e);
    bool ok = e == buf + n;
    if (buf != small) free(buf);
    if (!ok) return NUM_BAD;
    if (isinf(v)) return NUM_INF;
    *out = v;
    return NUM_OK;
}

/* Parses a decimal number: [+-] digits [. digits] [e [+-] digits].
 * Hex, empty and partial text are refused; nan/inf are told apart. Up to 19
 * significant digits are gathered in an integer; with at most 2^53 and a
 * power of ten up to 22 one IEEE multiply or divide gives the correctly
 * rounded value (Clinger's fast path); everything else goes to strtod. */
static int csv_number(const char *s, size_t n, bool comma_decimal, double *out)
{
    size_t i = 0;
    bool neg = false;
    if (i < n && (s[i] == '+' || s[i] == '-')) {
        neg = s[i] == '-';
        i++;
    }
    uint64_t m = 0;
    int nd = 0, digits = 0;
    long e10 = 0;
    bool slow = false;
    while (i < n && csv_digit(s[i])) {
        unsigned dg = (unsigned)(s[i] - '0');
        digits++;
        if (nd < 19) {
            if (m || dg) {
                m = m * 10 + dg;
                nd++;
            }
        } else {
            e10++;
            if (dg) slow = true;
        }
        i++;
    }
    if (i < n && (s[i] == '.' || (comma_decimal && s[i] == ','))) {
        i++;
        while (i < n && csv_digit(s[i])) {
            unsigned dg = (unsigned)(s[i] - '0');
            digits++;
            if (nd < 19) {
                if (m || dg) {
                    m = m * 10 + dg;
                    nd++;
                }
                e10--;
            } else if (dg) {
                slow = true;
            }
            i++;
        }
    }
    if (digits == 0) return csv_special(s, n);
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        bool eneg = false;
        if (i < n && (s[i] == '+' || s[i] == '-')) {
            eneg = s[i] == '-';
            i++;
        }
        if (i >= n || !csv_digit(s[i])) return NUM_BAD;
        long ex = 0;
        while (i < n && csv_digit(s[i])) {
            if (ex < 100000) ex = ex * 10 + (s[i] - '0');
            i++;
        }
        e10 += eneg ? -ex : ex;
    }
    if (i != n) return NUM_BAD;
    double v;
    if (m == 0) {
        v = 0.0;
    } else if (!slow && m <= (UINT64_C(1) << 53) && e10 >= -22 && e10 <= 22) {
        v = e10 < 0 ? (double)m / csv_p10[-e10] : (double)m * csv_p10[e10];
    } else {
        return csv_slow_number(s, n, out); /* strtod sees the sign itself */
    }
    *out = neg ? -v : v;
    return NUM_OK;
}

static int csv_field_number(const csv_field *f, bool comma_decimal, double *out)
{
    if (f->escaped) return NUM_BAD;
    const char *s = f->s;
    size_t n = f->n;
    if (f->quoted) { /* "  1.5 " inside quotes */
        while (n > 0 && (*s == ' ' || *s == '\t')) {
            s++;
            n--;
        }
        while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    }
    if (n == 0) return NUM_BAD;
    return csv_number(s, n, comma_decimal, out);
}

/* A growable scratch buffer for fields with "" escapes. */
typedef struct {
    char *b;
    size_t cap;
} csv_scratch;

/* The field's text with "" turned into ", in f->s or the scratch buffer.
 * NULL when out of memory. */
static const char *csv_field_text(const csv_field *f, csv_scratch *sc,
                                  size_t *len)
{
    if (!f->escaped) {
        *len = f->n;
        return f->s;
    }
    if (sc->cap < f->n + 1) {
        char *nb = realloc(sc->b, f->n + 1);
        if (!nb) return NULL;
        sc->b = nb;
        sc->cap = f->n + 1;
    }
    size_t j = 0;
    for (size_t i = 0; i < f->n; i++) {
        sc->b[j++] = f->s[i];
        if (f->s[i] == '"' && i + 1 < f->n && f->s[i + 1] == '"') i++;
    }
    *len = j;
    return sc->b;
}

/* Skips blank lines and # comment lines; returns the start of the next
 * record's line (or end). Counts lines. */
static const char *csv_skip_blank(const char *p, const char *end, long *line)
{
    while (p < end) {
        const char *q = p;
        while (q < end && (*q == ' ' || *q == '\t' || *q == '\r')) q++;
        if (q < end && *q != '\n' && *q != '#') return p;
        const char *nl = memchr(q, '\n', (size_t)(end - q));
        if (!nl) return end;
        p = nl + 1;
        (*line)++;
    }
    return p;
}

/* The separator, looked for outside quotes on the first record's line: a tab
 * wins, then a semicolon (whose files often use decimal commas), then a
 * comma. */
static char csv_detect_sep(const char *p, const char *end)
{
    bool inq = false, semi = false, tab = false;
    for (; p < end; p++) {
        char c = *p;
        if (c == '"') inq = !inq;
        else if (!inq) {
            if (c == '\n') break;
            if (c == ';') semi = true;
            else if (c == '\t') tab = true;
        }
    }
    return tab ? '\t' : semi ? ';' : ',';
}

typedef struct {
    const char *fname;
    const char *end;
    char sep;
    bool comma_decimal;
    char *err;
    size_t errlen;
} csv_reader;

/* Scans the record starting at *pp (on line `line`). Fills f[] with up to
 * CSV_FIELDS_MAX fields and *count with all of them; moves *pp past the
 * record's line break; *extra gets the line breaks inside quoted fields.
 * 0, or -1 with the error set. */
static int csv_record(const csv_reader *r, const char **pp, long line,
                      csv_field *f, int *count, long *extra)
{
    const char *p = *pp, *rec = p, *end = r->end;
    const char sep = r->sep;
    int k = 0;
    long nl = 0;
    for (;;) {
        while (p < end && (*p == ' ' || (*p == '\t' && sep != '\t'))) p++;
        csv_field fld;
        if (p < end && *p == '"') {
            const char *s = ++p;
            bool esc = false;
            for (;;) {
                const char *q = memchr(p, '"', (size_t)(end - p));
                if (!q) {
                    snprintf(r->err, r->errlen,
                             "%s:%ld: field %d: quote opened but never closed",
                             r->fname, line, k + 1);
                    return -1;
                }
                if ((size_t)(q - rec) > DS_IO_MAX_LINE) {
                    snprintf(r->err, r->errlen,
                             "%s:%ld: line longer than %u bytes", r->fname, line,
                             DS_IO_MAX_LINE);
                    return -1;
                }
                for (const char *c = p; (c = memchr(c, '\n', (size_t)(q - c))); c++)
                    nl++;
                if (q + 1 < end && q[1] == '"') {
                    esc = true;
                    p = q + 2;
                    continue;
                }
                fld.s = s;
                fld.n = (size_t)(q - s);
                fld.quoted = true;
                fld.escaped = esc;
                p = q + 1;
                break;
            }
            while (p < end && (*p == ' ' || *p == '\r' || (*p == '\t' && sep != '\t')))
                p++;
            if (p < end && *p != sep && *p != '\n') {
                snprintf(r->err, r->errlen,
                         "%s:%ld: field %d: text after the closing quote",
                         r->fname, line + nl, k + 1);
                return -1;
            }
        } else {
            const char *s = p;
            while (p < end && *p != sep && *p != '\n') p++;
            const char *e = p;
            while (e > s && (e[-1] == ' ' || e[-1] == '\r' ||
                             (e[-1] == '\t' && sep != '\t')))
                e--;
            fld.s = s;
            fld.n = (size_t)(e - s);
            fld.quoted = false;
            fld.escaped = false;
        }
        if (k < CSV_FIELDS_MAX) f[k] = fld;
        k++;
        if ((size_t)(p - rec) > DS_IO_MAX_LINE) {
            snprintf(r->err, r->errlen, "%s:%ld: line longer than %u bytes",
                     r->fname, line, DS_IO_MAX_LINE);
            return -1;
        }
        if (p < end && *p == sep) {
            p++;
            continue;
        }
        if (p < end) p++; /* the line break */
        break;
    }
    *pp = p;
    *count = k;
    *extra = nl;
    return 0;
}

/* Parses one data record into x[nf] and the label. */
static int csv_row(const csv_reader *r, const csv_field *f, int nf, long line,
                   int row, double *x, double *y, ds_labels *L, csv_scratch *sc)
{
    char q[64];
    for (int j = 0; j < nf; j++) {
        int st = csv_field_number(&f[j], r->comma_decimal, &x[j]);
        if (st == NUM_OK) continue;
        io_file_quote(q, sizeof q, f[j].s, f[j].n);
        if (f[j].n == 0)
            snprintf(r->err, r->errlen, "%s:%ld: field %d: empty, a number is needed",
                     r->fname, line, j + 1);
        else if (st == NUM_NAN)
            snprintf(r->err, r->errlen, "%s:%ld: field %d: NaN is not allowed",
                     r->fname, line, j + 1);
        else if (st == NUM_INF)
            snprintf(r->err, r->errlen,
                     "%s:%ld: field %d: Inf is not allowed ('%s' is infinite)",
                     r->fname, line, j + 1, q);
        else
            snprintf(r->err, r->errlen, "%s:%ld: field %d: '%s' is not a number",
                     r->fname, line, j + 1, q);
        return -1;
    }
    const csv_field *lf = &f[nf];
    double v = 0.0;
    int st = csv_field_number(lf, r->comma_decimal, &v);
    if (st == NUM_NAN || st == NUM_INF) {
        snprintf(r->err, r->errlen, "%s:%ld: field %d: %s is not allowed as a label",
                 r->fname, line, nf + 1, st == NUM_NAN ? "NaN" : "Inf");
        return -1;
    }
    if (st == NUM_OK) {
        if (ds_labels_add(L, row, lf->s, lf->n, true, v, line, y) != 0) goto oom;
        return 0;
    }
    size_t tl;
    const char *t = csv_field_text(lf, sc, &tl);
    if (!t) goto oom;
    size_t a = 0;
    while (a < tl && (t[a] == ' ' || t[a] == '\t')) a++;
    while (tl > a && (t[tl - 1] == ' ' || t[tl - 1] == '\t')) tl--;
    if (tl == a) {
        snprintf(r->err, r->errlen, "%s:%ld: field %d: empty label", r->fname,
                 line, nf + 1);
        return -1;
    }
    if (ds_labels_add(L, row, t + a, tl - a, false, 0.0, line, y) != 0) goto oom;
    return 0;
oom:
    snprintf(r->err, r->errlen, "%s: out of memory", r->fname);
    return -1;
}

int ds_io_parse_csv(const char *text, size_t len, const char *fname,
                    ds_dataset *d, const ds_io_options *o, char *err,
                    size_t errlen)
{
    ds_io_options def;
    if (!o) {
        ds_io_options_default(&def);
        o = &def;
    }
    if (!fname) fname = "(csv)";
    memset(d, 0, sizeof *d);
    if (len > DS_IO_MAX_BYTES) {
        snprintf(err, errlen, "%s: file too large (the limit is %u MiB)", fname,
                 DS_IO_MAX_BYTES >> 20);
        return -1;
    }
    if (len == 0) {
        snprintf(err, errlen, "%s: empty file", fname);
        return -1;
    }
    long skip = io_file_check_text(text, len, fname, err, errlen);
    if (skip < 0) return -1;
    if (!memchr(text, '\n', len) && memchr(text, '\r', len)) {
        snprintf(err, errlen, "%s: lines end in a lone CR (old Mac text); save it "
                 "with LF or CRLF line ends", fname);
        return -1;
    }

    const char *p = text + skip, *end = text + len;
    long line = 1;
    p = csv_skip_blank(p, end, &line);
    if (p == end) {
        bool blank = true;
        for (const char *c = text + skip; c < end && blank; c++)
            blank = *c == ' ' || *c == '\t' || *c == '\r' || *c == '\n';
        if (blank) snprintf(err, errlen, "%s: empty file", fname);
        else snprintf(err, errlen, "%s: no data rows (only comments and blank lines)",
                      fname);
        return -1;
    }

    io_file_locale loc;
    io_file_locale_enter(&loc);
    csv_reader r = {fname, end, csv_detect_sep(p, end), false, err, errlen};
    r.comma_decimal = r.sep != ',';
    csv_field f[CSV_FIELDS_MAX];
    csv_scratch sc = {NULL, 0};
    ds_labels L;
    memset(&L, 0, sizeof L);
    int nfld, nfld0;
    long extra;
    const long first_line = line;
    const char *first = p;
    if (csv_record(&r, &p, line, f, &nfld0, &extra) != 0) goto fail;
    if (nfld0 < 2) {
        snprintf(err, errlen,
                 "%s:%ld: only one column; a label column and at least one "
                 "feature are needed (separated by comma, semicolon or tab)",
                 fname, line);
        goto fail;
    }
    const int nf = nfld0 - 1;
    if (nf > DS_MAX_FEATURES) {
        snprintf(err, errlen, "%s:%ld: too many features (%d; max %d)", fname,
                 line, nf, DS_MAX_FEATURES);
        goto fail;
    }
    bool header = true;
    for (int j = 0; j < nf && header; j++) {
        double v;
        if (csv_field_number(&f[j], r.comma_decimal, &v) != NUM_BAD) header = false;
    }

    /* Room for every remaining line, within the limits. */
    size_t lines = 1;
    for (const char *c = first; (c = memchr(c, '\n', (size_t)(end - c))); c++)
        lines++;
    size_t cap = lines;
    const size_t cap_values = DS_IO_MAX_VALUES / (size_t)nf;
    if (cap > DS_MAX_ROWS) cap = DS_MAX_ROWS;
    if (cap > cap_values) cap = cap_values;
    char name[DS_LABEL_MAX * 2];
    ds_io_name_from_path(name, sizeof name, fname);
    if (ds_new(d, name, nf, DS_REGRESSION, 0, (int)cap) != 0 ||
        ds_labels_init(&L, (int)cap, fname, false) != 0) {
        snprintf(err, errlen, "%s: out of memory", fname);
        goto fail;
    }
    for (int j = 0; j < nf; j++) {
        size_t tl = 0;
        const char *t = header ? csv_field_text(&f[j], &sc, &tl) : NULL;
        while (t && tl > 0 && (*t == ' ' || *t == '\t')) {
            t++;
            tl--;
        }
        while (t && tl > 0 && (t[tl - 1] == ' ' || t[tl - 1] == '\t')) tl--;
        if (t && tl > 0)
            io_file_copy_name(d->feature_names[j], DS_LABEL_MAX, t, tl);
        else
            snprintf(d->feature_names[j], DS_LABEL_MAX, "x%d", j + 1);
    }

    int rows = 0;
    if (!header) {
        if (csv_row(&r, f, nf, line, 0, d->x, &d->y[0], &L, &sc) != 0) goto fail;
        rows = 1;
    }
    line += 1 + extra;
    for (;;) {
        p = csv_skip_blank(p, end, &line);
        if (p >= end) break;
        const long rl = line;
        if (csv_record(&r, &p, rl, f, &nfld, &extra) != 0) goto fail;
        line += 1 + extra;
        if (nfld != nfld0) {
            snprintf(err, errlen, "%s:%ld: %d fields, expected %d (as on line %ld)",
                     fname, rl, nfld, nfld0, first_line);
            goto fail;
        }
        if ((size_t)rows == cap) {
            if (cap == DS_MAX_ROWS)
                snprintf(err, errlen, "%s:%ld: more than %d rows (the limit)", fname,
                         rl, DS_MAX_ROWS);
            else
                snprintf(err, errlen,
                         "%s:%ld: too many values (%zu rows of %d features; the "
                         "limit is %u values)", fname, rl, cap + 1, nf,
                         DS_IO_MAX_VALUES);
            goto fail;
        }
        if (csv_row(&r, f, nf, rl, rows, d->x + (size_t)rows * (size_t)nf,
                    &d->y[rows], &L, &sc) != 0)
            goto fail;
        rows++;
    }
    if (rows == 0) {
        snprintf(err, errlen, "%s: header only, no data rows", fname);
        goto fail;
    }
    d->n_train = rows;
    d->n_test = 0;
    if (ds_labels_finish(&L, d, rows, o->task, err, errlen) != 0) goto fail;
    ds_labels_free(&L);
    free(sc.b);
    io_file_locale_leave(&loc);
    ds_io_finish_split(d, o);
    return 0;

fail:
    ds_labels_free(&L);
    free(sc.b);
    ds_free(d);
    memset(d, 0, sizeof *d);
    io_file_locale_leave(&loc);
    return -1;
}
