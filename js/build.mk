JS_SRCS := $(wildcard js/*.cc)
