# make bench - speed figures (never part of make test). The benchmark links
# the same library objects as the program and the tests.
BENCH_SRC := $(wildcard bench/bench_*.c)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/%)

$(BUILD)/bench_%: bench/bench_%.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(CJSON_CFLAGS) $(CURSES_CFLAGS) -o $@ $< $(LIB) $(LDLIBS_ALL)

.PHONY: bench
bench: $(BENCH_BIN)
	@for b in $(BENCH_BIN); do echo "== $$b"; $$b || exit 1; echo; done
