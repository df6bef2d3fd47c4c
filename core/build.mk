CORE_SRCS := $(wildcard core/*.c)
