# mash.mk - the key-mash test (tests/mash/mash.sh): the sanitizer build in
# tmux, sent random keys, bytes, mouse, pastes, escapes and resizes from a
# seed. `make mash SECONDS=600 SEED=N` mashes one seed for that long;
# `make mash-short` (run by make sanitize) about a minute over MASH_SEEDS.
SECONDS ?= 60
SEED    ?= 1
MASH_SEEDS ?= 1 2 3 4
MASH_SHORT_SECONDS ?= 15
SAN_BIN := build-san/mlpviz

.PHONY: mash mash-short mash-bin
mash-bin:
	@$(MAKE) --no-print-directory $(SAN_BIN) BUILD=build-san OPT="$(SAN_OPT)" SANFLAGS="$(SAN_FLAGS)"

mash: mash-bin
	sh tests/mash/mash.sh --bin $(SAN_BIN) --seed $(SEED) --seconds $(SECONDS)

mash-short: mash-bin
	@for s in $(MASH_SEEDS); do \
	  sh tests/mash/mash.sh --bin $(SAN_BIN) --seed $$s --seconds $(MASH_SHORT_SECONDS) || exit 1; \
	done
