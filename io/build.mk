IO_SRCS := $(wildcard io/*.c)
