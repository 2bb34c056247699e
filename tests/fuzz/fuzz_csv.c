/* fuzz_csv.c - libFuzzer target for the CSV dataset reader
 * (ds_io_parse_csv): any bytes give either a valid dataset or a one-line
 * error naming the file; never a crash, a leak or undefined behaviour. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_check.h"
#include "io/ds_io.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ds_dataset d;
    ds_io_options o;
    char err[512] = "";
    fuzz_options(&o, size);
    if (ds_io_parse_csv((const char *)data, size, "fuzz.csv", &d, &o, err,
                        sizeof err) == 0) {
        fuzz_check_dataset(&d, &o);
        ds_free(&d);
    } else {
        fuzz_check_error(err, "fuzz.csv");
        FUZZ_REQUIRE(d.x == NULL && d.y == NULL);
    }
    return 0;
}
