# mlpviz - build, test, sanitize, run. Sources are found by wildcard, one
# folder a layer; each layer is compiled with only the include paths it is
# allowed to use (the engine sees neither ncurses nor cJSON).
CC      ?= cc
BUILD   ?= build
OPT     ?= -O2
SANFLAGS :=
WARN    := -std=c11 -Wall -Wextra -Werror
CPPFLAGS := -Iinclude -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
PREFIX  ?= /usr/local
DATADIR ?= $(PREFIX)/share/mlpviz
VERSION := 0.1.0

CJSON_CFLAGS := $(shell pkg-config --cflags libcjson 2>/dev/null)
CJSON_LIBS   := $(shell pkg-config --libs libcjson 2>/dev/null || echo -lcjson)
CURSES_CFLAGS := $(shell pkg-config --cflags ncursesw 2>/dev/null)
CURSES_LIBS   := $(shell pkg-config --libs ncursesw 2>/dev/null || echo -lncursesw)
CRITERION_LIBS := $(shell pkg-config --libs criterion 2>/dev/null || echo -lcriterion)

CFLAGS_ALL = $(WARN) $(OPT) $(SANFLAGS) $(CPPFLAGS) -MMD -MP \
             -DMLPVIZ_VERSION='"$(VERSION)"' -DMLPVIZ_DATADIR='"$(DATADIR)"'
LDLIBS_ALL = $(CURSES_LIBS) $(CJSON_LIBS) -lm

ENGINE_SRC := $(wildcard src/engine/*.c)
IO_SRC     := $(wildcard src/io/*.c)
TUI_SRC    := $(wildcard src/tui/*.c)
APP_SRC    := $(filter-out src/app/main.c,$(wildcard src/app/*.c))
LIB_SRC    := $(ENGINE_SRC) $(IO_SRC) $(TUI_SRC) $(APP_SRC)
LIB_OBJ    := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
UNIT_SRC   := $(wildcard tests/unit/*.c)
UNIT_OBJ   := $(UNIT_SRC:%.c=$(BUILD)/obj/%.o)

BIN  := $(BUILD)/mlpviz
LIB  := $(BUILD)/libmlpviz.a
UNIT := $(BUILD)/unit_tests

.PHONY: all run test test-built unit cli screen golden golden-record corpus layers sanitize bench install uninstall clean deps
all: $(BIN)

# Per-layer include rules: engine gets nothing but include/; io adds cJSON;
# tui, app and tests add ncurses too.
$(BUILD)/obj/src/engine/%.o: src/engine/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -c $< -o $@
$(BUILD)/obj/src/io/%.o: src/io/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(CJSON_CFLAGS) -c $< -o $@
$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(CJSON_CFLAGS) $(CURSES_CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $^

$(BIN): $(BUILD)/obj/src/app/main.o $(LIB)
	$(CC) $(SANFLAGS) -o $@ $^ $(LDLIBS_ALL)

$(UNIT): $(UNIT_OBJ) $(LIB)
	$(CC) $(SANFLAGS) -o $@ $^ $(CRITERION_LIBS) $(LDLIBS_ALL)

# The whole suite: unit tests (Criterion), the layering check, the bad-input
# corpus, the screen tests (the real program in tmux) and the golden screens
# (whole screens compared exactly with tests/golden/screens).
# First the Debian packages it needs (tools/deps.sh installs the missing
# ones as root, or names them in one line and stops).
test:
	@sh tools/deps.sh
	@$(MAKE) --no-print-directory test-built BUILD=$(BUILD)
test-built: $(BIN) $(UNIT)
	@$(MAKE) --no-print-directory unit layers cli corpus screen golden BUILD=$(BUILD)

unit: $(UNIT)
	cd $(CURDIR) && $(UNIT) --jobs 2
layers: $(LIB)
	sh tests/check_layers.sh $(BUILD)
cli: $(BIN)
	sh tests/cli/run.sh $(BIN)
	sh tests/readme_keys.sh $(BIN)
corpus: $(BIN)
	sh tests/corpus/run.sh $(BIN)
screen: $(BIN)
	sh tests/screen/run.sh $(BIN)
golden: $(BIN)
	sh tests/golden/norm_test.sh
	sh tests/golden/check.sh $(BIN)
# rewrites tests/golden/screens on purpose (GOLDEN_NAMES="name ..." for some);
# review with git diff before committing (tests/golden/README.md)
golden-record: $(BIN)
	sh tests/golden/record.sh $(BIN) $(GOLDEN_NAMES)

# Everything again, built with AddressSanitizer and UndefinedBehaviorSanitizer.
# Then the key-mash test for about a minute over several seeds (mk/mash.mk).
SAN_OPT   := -O1 -g
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
sanitize:
	$(MAKE) --no-print-directory test BUILD=build-san OPT="$(SAN_OPT)" SANFLAGS="$(SAN_FLAGS)"
	$(MAKE) --no-print-directory mash-short

deps:
	sh tools/deps.sh

run: deps
	$(MAKE) --no-print-directory $(BIN)
	$(BIN)

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR)/datasets
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/mlpviz
	install -m 644 $(wildcard datasets/*.csv datasets/*.json) $(DESTDIR)$(DATADIR)/datasets/
	install -d $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 644 mlpviz.1 $(DESTDIR)$(PREFIX)/share/man/man1/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/mlpviz $(DESTDIR)$(PREFIX)/share/man/man1/mlpviz.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-san build-fuzz

# Further targets (bench, fuzz, mash) live in mk/*.mk, one file each.
-include mk/*.mk
-include $(LIB_OBJ:.o=.d) $(UNIT_OBJ:.o=.d) $(BUILD)/obj/src/app/main.d
