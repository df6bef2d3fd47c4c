# One program per C file under tests/unit/, linked with io/ and perf/.
UNIT_SRCS := $(shell find tests/unit -name '*.c' 2>/dev/null)
