# bench.mk - make bench: every speed figure in one run (bench/*.c, one binary
# $(BUILD)/mlpviz_bench): training against a plain C loop, FANN and (with
# BENCH_ARGS=--torch) PyTorch, activations, frame cost, key latency of the
# real program, CSV loading and memory, then a verdict per target. Never part
# of make test. FANN is linked when its double-precision library compiles
# here (Debian's libfann-dev); otherwise the benchmark says it is missing.
BENCH_BIN  := $(BUILD)/mlpviz_bench
BENCH_SRC  := $(wildcard bench/*.c)
BENCH_OBJ  := $(BENCH_SRC:%.c=$(BUILD)/obj/%.o)
BENCH_ARGS ?=

# (deferred: the test compile runs only when a bench recipe needs it)
BENCH_FANN = $(shell pkg-config --exists fann 2>/dev/null && \
  printf '\043include <doublefann.h>\nint main(void){fann_destroy(fann_create_standard(2,1,1));return 0;}\n' | \
  $(CC) -x c - -o /dev/null -ldoublefann -lm >/dev/null 2>&1 && echo yes)
BENCH_CFLAGS = $(if $(BENCH_FANN),-DBENCH_HAVE_FANN)
BENCH_LIBS   = $(if $(BENCH_FANN),-ldoublefann)

# bench_fann.c alone sees FANN's headers; the rest like the tests.
$(BUILD)/obj/bench/bench_fann.o: bench/bench_fann.c $(MAKEFILE_LIST)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(BENCH_CFLAGS) -c $< -o $@

$(BENCH_BIN): $(BENCH_OBJ) $(LIB)
	$(CC) $(SANFLAGS) -o $@ $^ $(BENCH_LIBS) -lutil $(LDLIBS_ALL)

.PHONY: bench bench-frame
bench: $(BENCH_BIN) $(BIN)
	$(BENCH_BIN) --mlpviz $(BIN) $(BENCH_ARGS)

# the frame section alone (was bench/frame_bench.c)
bench-frame: $(BENCH_BIN)
	$(BENCH_BIN) --only frame

-include $(BENCH_OBJ:.o=.d)
