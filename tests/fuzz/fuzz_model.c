/* fuzz_model.c - libFuzzer target for the model reader (model_io_parse):
 * any bytes give either a model whose shape passes net_shape_check and
 * whose parameters are finite and fill a network of that shape, or a
 * one-line error naming the file. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_check.h"
#include "io/model_io.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    model_file m;
    char err[512] = "";
    if (model_io_parse((const char *)data, size, "fuzz.model.json", &m, err,
                       sizeof err) != 0) {
        fuzz_check_error(err, "fuzz.model.json");
        FUZZ_REQUIRE(m.params == NULL);
        return 0;
    }
    char why[256];
    FUZZ_REQUIRE(net_shape_check(&m.shape, why, sizeof why));
    FUZZ_REQUIRE(m.n_params == net_shape_params(&m.shape));
    for (size_t i = 0; i < m.n_params; i++) FUZZ_REQUIRE(isfinite(m.params[i]));
    if (m.has_prep) {
        FUZZ_REQUIRE(m.prep.n_in == m.shape.n_inputs);
        FUZZ_REQUIRE(m.prep.n_raw >= 1 && m.prep.n_raw <= m.prep.n_in);
        FUZZ_REQUIRE(m.prep.scale >= 0 && m.prep.scale < PREP_SCALE_COUNT);
        for (int i = 0; i < m.prep.n_in; i++)
            FUZZ_REQUIRE(isfinite(m.prep.shift[i]) && isfinite(m.prep.mult[i]));
    }
    FUZZ_REQUIRE(m.n_classes == 0 ||
                 (m.n_classes >= 2 && m.n_classes <= DS_MAX_CLASSES));
    /* the weights must fit a network of that shape, in net.h's layout */
    net n;
    if (net_new(&n, &m.shape, 1) == 0) {
        FUZZ_REQUIRE(n.n_params == m.n_params);
        memcpy(n.params, m.params, m.n_params * sizeof *m.params);
        double x[NET_MAX_UNITS] = {0};
        net_forward(&n, x, 1);
        net_free(&n);
    }
    model_file_free(&m);
    return 0;
}
