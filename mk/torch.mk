# torch.mk - the PyTorch side of the tests: regenerate the reference
# fixtures (needs Debian's python3-torch; the C test itself does not).
.PHONY: fixtures
fixtures:
	/usr/bin/python3 tests/torch/gen_fixtures.py
	/usr/bin/python3 tests/torch/gen_seeded.py
