# mk/fuzz.mk - `make fuzz`: libFuzzer targets for the CSV reader, the JSON
# dataset reader and the model reader (tests/fuzz/*.c), built with clang's
# -fsanitize=fuzzer,address,undefined into build-fuzz/ from the engine and io
# sources, then each run for FUZZ_SECONDS (default 60) on a corpus grown from
# tests/fuzz/seeds/. Prints executions and crashes per target; fails on any.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_DIR     := build-fuzz
FUZZ_TARGETS := fuzz_csv fuzz_ds_json fuzz_model
FUZZ_LIBSRC  := $(wildcard src/engine/*.c) $(wildcard src/io/*.c)
FUZZ_CFLAGS  := -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined \
                -fno-sanitize-recover=undefined -fno-omit-frame-pointer \
                $(CPPFLAGS) $(CJSON_CFLAGS) -DMLPVIZ_VERSION='"$(VERSION)"' \
                -DMLPVIZ_DATADIR='"$(DATADIR)"'

.PHONY: fuzz fuzz-build
fuzz: fuzz-build
	@sh tests/fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-build: $(FUZZ_TARGETS:%=$(FUZZ_DIR)/%)

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_check.h $(FUZZ_LIBSRC) \
                    $(wildcard include/*/*.h src/io/*.h)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $< $(FUZZ_LIBSRC) -o $@ $(CJSON_LIBS) -lm
