# bench-tui.mk - make bench-frame: the cost of one full frame of the screen
# at 80x24 and 200x60, the real panels drawn through ncurses into a virtual
# terminal (bench/frame_bench.c). Never part of make test.
FRAME_BENCH := $(BUILD)/frame_bench

$(FRAME_BENCH): bench/frame_bench.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(CJSON_CFLAGS) $(CURSES_CFLAGS) -o $@ $< $(LIB) $(LDLIBS_ALL)

.PHONY: bench-frame
bench-frame: $(FRAME_BENCH)
	$(FRAME_BENCH)
