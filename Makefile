# shard: one non-recursive Makefile. Each folder lists its sources in build.mk.
#   make            out/shard (release, -O2 -g)
#   make test       build, then every test; ends with "N passed, M failed"
#                   (T=word runs only the tests whose path contains word)
#   make asan       ASan+UBSan build in out/asan/ and the tests against it
#   make bench      benchmarks/ beside Node, Bun and Deno (QUICK=1 for a short run)
#   make install    PREFIX=/usr/local
#   make clean
ifeq ($(wildcard out/config.mk),)
$(error run ./configure first)
endif
include out/config.mk

CC ?= gcc
CXX ?= g++
VARIANT ?= release
# O=dir builds into another folder (so parallel work does not share objects).
ifeq ($(VARIANT),asan)
  B := $(if $(O),$(O)/asan,out/asan)
  # GCC's maybe-uninitialized analysis misfires on instrumented code
  # (V8's Maybe<T> in its own headers), so it is off for this variant only.
  OPT := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined \
         -Wno-maybe-uninitialized
  LDOPT := -fsanitize=address,undefined
else
  B := $(if $(O),$(O),out)
  OPT := -O2 -g
  LDOPT :=
endif

# V=1 shows the full commands.
ifeq ($(V),1)
  Q :=
  say = @true
else
  Q := @
  say = @printf '  %-7s %s\n' $(1) $(2)
endif

WARN := -Wall -Wextra -Werror -Wno-unused-parameter
CPPFLAGS := -D_GNU_SOURCE -I. -I$(B)/gen -Iout -isystem $(LLHTTP_INC) -MMD -MP
CFLAGS := -std=c17 $(OPT) $(WARN) -fno-strict-aliasing
CXXFLAGS := -std=c++17 $(OPT) $(WARN) -fno-rtti -fno-exceptions $(V8_CFLAGS)
LDFLAGS := $(LDOPT) -rdynamic

include io/build.mk core/build.mk js/build.mk perf/build.mk tests/unit/build.mk

LLHTTP_SRCS := $(LLHTTP_SRC)/llhttp.c $(LLHTTP_SRC)/api.c $(LLHTTP_SRC)/http.c
MODULE_FILES := $(shell find modules -name '*.js' | sort)

OBJ := $(B)/obj
IO_OBJS := $(IO_SRCS:%.c=$(OBJ)/%.o) $(PERF_SRCS:%.c=$(OBJ)/%.o)
LLHTTP_OBJS := $(patsubst $(LLHTTP_SRC)/%.c,$(OBJ)/llhttp/%.o,$(LLHTTP_SRCS))
CORE_OBJS := $(CORE_SRCS:%.c=$(OBJ)/%.o)
JS_OBJS := $(JS_SRCS:%.cc=$(OBJ)/%.o) $(OBJ)/gen/builtins_data.o
UNIT_BINS := $(UNIT_SRCS:%.c=$(B)/%)

.PHONY: all test asan bench install clean check-layers unit
all: $(B)/shard

$(B)/shard: $(CORE_OBJS) $(JS_OBJS) $(IO_OBJS) $(LLHTTP_OBJS)
	$(call say,LINK,$@)
	$(Q)$(CXX) $(LDFLAGS) -o $@ $^ $(V8_LIBS) $(SYS_LIBS)

$(OBJ)/%.o: %.c out/config.mk
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(OBJ)/%.o: %.cc out/config.mk
	@mkdir -p $(dir $@)
	$(call say,CXX,$<)
	$(Q)$(CXX) $(CPPFLAGS) $(CXXFLAGS) -c -o $@ $<

# llhttp's generated C is not ours: compiled without -Werror.
$(OBJ)/llhttp/%.o: $(LLHTTP_SRC)/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) -std=c17 $(OPT) -I$(LLHTTP_INC) -c -o $@ $<

# The JS built-ins, embedded as byte arrays (tools/js2c.c).
$(B)/tools/js2c: tools/js2c.c
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -O1 -D_GNU_SOURCE -Wall -Wextra -Werror -o $@ $<

$(B)/gen/builtins_data.cc: $(B)/tools/js2c $(MODULE_FILES) $(CJS_LEXER_JS)
	@mkdir -p $(dir $@)
	$(call say,JS2C,$@)
	$(Q)$(B)/tools/js2c $@ modules $(MODULE_FILES) \
	  internal/deps/cjs-module-lexer=$(CJS_LEXER_JS)

$(OBJ)/gen/builtins_data.o: $(B)/gen/builtins_data.cc
	@mkdir -p $(dir $@)
	$(call say,CXX,$<)
	$(Q)$(CXX) -std=c++17 -O0 -I. -c -o $@ $<

# C unit tests: one program per file, linked with io/ (no V8).
$(B)/tests/unit/%: tests/unit/%.c $(IO_OBJS) $(LLHTTP_OBJS)
	@mkdir -p $(dir $@)
	$(call say,LINK,$@)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(LDOPT) -o $@ $< $(IO_OBJS) $(LLHTTP_OBJS) $(SYS_LIBS)

unit: $(UNIT_BINS)

test: $(B)/shard $(UNIT_BINS) check-layers
	@SHARD=$(B)/shard UNIT_DIR=$(B)/tests/unit tests/run.sh $(T)

asan:
	@$(MAKE) --no-print-directory VARIANT=asan test

bench: $(B)/shard
	@SHARD=$(B)/shard benchmarks/run.sh $(if $(QUICK),--quick)

# The layering rules of DESIGN.md, checked mechanically.
check-layers:
	@! grep -rlE '#include *[<"](v8|libplatform)' core io perf || { echo "V8 header outside js/"; exit 1; }
	@! grep -rlE '#include *"(\.\./)*core/' io js perf || { echo "core/ included from a lower layer"; exit 1; }
	@! grep -rlE '#include *"(\.\./)*js/' io perf || { echo "js/ included from io/ or perf/"; exit 1; }

install: $(B)/shard
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/shard
	install -m 755 $(B)/shard $(DESTDIR)$(PREFIX)/lib/shard/shard
	@if [ -n "$(V8_LIBDIR)" ] && echo "$(V8_LIBS)" | grep -q rpath; then \
	  cp -P $(V8_LIBDIR)/libnode.so* $(DESTDIR)$(PREFIX)/lib/shard/; \
	  printf '#!/bin/sh\nLD_LIBRARY_PATH="%s/lib/shard$${LD_LIBRARY_PATH:+:$$LD_LIBRARY_PATH}" exec "%s/lib/shard/shard" "$$@"\n' \
	    "$(PREFIX)" "$(PREFIX)" > $(DESTDIR)$(PREFIX)/bin/shard; \
	  chmod 755 $(DESTDIR)$(PREFIX)/bin/shard; \
	else ln -sf ../lib/shard/shard $(DESTDIR)$(PREFIX)/bin/shard; fi

clean:
	rm -rf out/obj out/gen out/tools out/tests out/asan out/shard

-include $(shell find $(B)/obj -name '*.d' 2>/dev/null)
