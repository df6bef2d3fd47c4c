PERF_SRCS := $(wildcard perf/*.c)
