# Shelf - plain GNU Makefile.  Quiet by default; `make V=1` shows commands.
# Optional local overrides go in config.mk (ignored by git).
-include config.mk

VERSION := 0.1
CC      ?= cc
CFLAGS  ?= -O2 -g
WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wno-unused-parameter
ifneq ($(CI),)
WARN    += -Werror
endif

# The libraries' flags (PKG_CFLAGS, PKG_LIBS, TEST_CFLAGS, TEST_LIBS) come
# from build/config.mk, which tools/deps.sh writes from pkg-config after
# installing what is missing.  When it is missing or older than the
# script, make runs the script (build packages only) and reads the file
# again before it compiles anything; a library that cannot be had stops
# there with one line naming the Debian packages (`include`, not
# `-include`: a failure to make it must stop make).  Goals that build
# nothing do not need it.
NOCONFIG_GOALS := clean stop status deps
ifneq ($(if $(MAKECMDGOALS),$(filter-out $(NOCONFIG_GOALS),$(MAKECMDGOALS)),all),)
include build/config.mk
endif
CPPFLAGS += -D_GNU_SOURCE -Icore -Itui -Ifcgi $(PKG_CFLAGS)
LDLIBS  += $(PKG_LIBS) -lm

ifeq ($(V),1)
Q :=
else
Q := @
endif

CORE_SRC := $(wildcard core/*.c)
TUI_SRC  := $(filter-out tui/main.c,$(wildcard tui/*.c))
FCGI_SRC := $(filter-out fcgi/main.c,$(wildcard fcgi/*.c))
TEST_SRC := $(wildcard tests/test_*.c)
BENCH_SRC := $(wildcard tests/bench_*.c)

CORE_OBJ := $(CORE_SRC:%.c=build/%.o)
TUI_OBJ  := $(TUI_SRC:%.c=build/%.o)
FCGI_OBJ := $(FCGI_SRC:%.c=build/%.o)
LIBCORE  := build/libshelfcore.a
LIBTUI   := build/libshelftui.a
LIBFCGI  := build/libshelffcgi.a
TESTS    := $(TEST_SRC:tests/%.c=build/tests/%)
BENCHES  := $(BENCH_SRC:tests/%.c=build/tests/%)

# keep intermediate test objects (make would delete them)
.SECONDARY:

.PHONY: all assets deps tests-build bench-tui bench-usage serve stop status demo test check bench bench-template bench-worker clean asan valgrind FORCE
FORCE:

all: bin/shelf bin/shelf-fcgi

build/config.mk: tools/deps.sh Makefile
	@$(if $(Q),echo "  DEPS    $@")
	$(Q)sh tools/deps.sh build

# build/version_gen.h: the release and the git description of the tree; it
# is rewritten only when that changes, so version.o rebuilds only then.
build/version_gen.h: FORCE
	@mkdir -p $(@D)
	$(Q)v='$(VERSION)'; d=$$(git -C '$(CURDIR)' describe --always --dirty 2>/dev/null) || d=; \
	[ -z "$$d" ] || v="$$v ($$d)"; \
	echo "#define SHELF_VERSION \"$$v\"" >$@.new; \
	if cmp -s $@.new $@; then rm -f $@.new; else mv -f $@.new $@; fi
build/core/version.o: build/version_gen.h
build/core/version.o: CPPFLAGS += -Ibuild
# The tree the programs were built in: its var/shelf.conf is a place the
# configuration is looked for (core/config.h).
build/core/config.o: CPPFLAGS += -DSHELF_TREE='"$(CURDIR)"'
# The Marketplace API's OpenAPI document is built into api_token.o (.incbin).
build/fcgi/api_token.o: fcgi/api_openapi.json

build/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -MMD -MP -c -o $@ $<

$(LIBCORE): $(CORE_OBJ)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^
$(LIBTUI): $(TUI_OBJ) | $(LIBCORE)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^
$(LIBFCGI): $(FCGI_OBJ) | $(LIBCORE)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

bin/shelf: build/tui/main.o $(LIBTUI) $(LIBCORE)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

bin/shelf-fcgi: build/fcgi/main.o $(LIBFCGI) $(LIBCORE)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

build/tests/%: build/tests/%.o build/tests/testlib.o $(LIBTUI) $(LIBFCGI) $(LIBCORE)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(filter %.o,$^) $(filter %.a,$^) $(LDLIBS) $(TEST_LIBS)
# the TUI tests share a fixture too
$(filter build/tests/test_tui_%,$(TESTS)): build/tests/testlib_tui.o
build/tests/%.o: CPPFLAGS += $(TEST_CFLAGS)

-include $(shell find build -name '*.d' 2>/dev/null)

# Every Debian package needed to build, run and test, and build/config.mk.
# Quiet and idempotent when all are present.
deps:
	$(Q)sh tools/deps.sh

tests-build: $(TESTS) $(BENCHES)

# The README's second command: everything, against a throwaway MariaDB;
# T=NAME runs one suite (T=order: build/tests/test_order; T=e2e_account:
# tests/e2e_account.sh; T=themes: tests/themes/check.sh).
test: deps all tests-build assets
	$(Q)SHELF_TEST_ONLY=$(T) sh tools/test.sh $(TESTS)

# What needs no database, without starting MariaDB: the suites that need
# one skip, saying why, and are counted apart.
check: deps all tests-build
	$(Q)SHELF_TEST_DB=0 SHELF_TEST_ONLY=$(T) sh tools/test.sh $(TESTS)

# Theme assets nginx can send compressed (gzip_static): FILE.gz beside each
# text asset, made again when the file changes.
ASSET_TEXT := $(shell find themes -path '*/assets/*' -type f \( -name '*.css' -o -name '*.js' -o -name '*.svg' -o -name '*.txt' \) 2>/dev/null)
assets: $(ASSET_TEXT:=.gz)
themes/%.gz: themes/%
	$(Q)gzip -9 -n -c $< >$@.tmp && mv -f $@.tmp $@

serve: deps all assets
	$(Q)sh tools/serve.sh

stop:
	$(Q)sh tools/stop.sh

status:
	$(Q)sh tools/status.sh

# The README's first command.
demo: deps all assets
	$(Q)sh tools/serve.sh
	$(Q)sh tools/demo.sh

bench-template: all build/tests/bench_template
	$(Q)build/tests/bench_template

# The TUI's reseller list on a loaded dataset (bin/shelf seed --scale L first).
bench-tui: all build/tests/bench_reseller_list
	$(Q)build/tests/bench_reseller_list

bench: all
	$(Q)sh tools/bench.sh

# shelf usage import of a generated 100,000-row Partner Center file, on a private MariaDB
bench-usage: all
	$(Q)sh tools/bench_usage.sh

# the worker's e-mails and fulfilments per second, on a private stack
bench-worker: all
	$(Q)sh tools/bench_worker.sh

# The whole suite under ASan and UBSan (a clean rebuild; `make` again afterwards
# for the normal binaries).  faketime's preload comes before the sanitizer
# runtime in the scripts that fake the clock: ASan is told that is fine.
asan:
	$(Q)$(MAKE) --no-print-directory clean
	$(Q)SHELF_STDBUF=0 ASAN_OPTIONS=verify_asan_link_order=0:detect_leaks=1 \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    $(MAKE) --no-print-directory test CFLAGS="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"

valgrind: all tests-build
	$(Q)SHELF_VALGRIND=1 SHELF_TEST_ONLY=$(T) sh tools/test.sh $(TESTS)

clean:
	$(Q)rm -rf build bin

# ---- fuzzing (tests/fuzz/, issue 17) ----------------------------------------
# Every tests/fuzz/fuzz_NAME.c is a libFuzzer target.  `make fuzz` builds
# them with clang under ASan and UBSan into build/fuzz/ (the core and
# storefront sources too, instrumented, in build/fuzz/obj/) and runs each
# for FUZZ_SECONDS against a copy of its corpus (tests/fuzz/run.sh);
# FUZZ_TARGETS="http mail" picks some.  `make fuzz-merge` minimises what
# the runs found into tests/fuzz/corpus/.  The same targets, built with
# $(CC), are the suite build/tests/test_fuzz_replay (tests/fuzz/replay.c),
# which `make test` runs: every corpus file, replayed.
FUZZ_SRC     := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_NAMES   := $(FUZZ_SRC:tests/fuzz/fuzz_%.c=%)
FUZZ_BINS    := $(FUZZ_NAMES:%=build/fuzz/fuzz_%)
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_CFLAGS  := -g -O1 $(FUZZ_SAN) -fsanitize=fuzzer-no-link
FUZZ_LIB_OBJ := $(CORE_SRC:%.c=build/fuzz/obj/%.o) $(FCGI_SRC:%.c=build/fuzz/obj/%.o)
FUZZ_REPLAY_OBJ := $(FUZZ_SRC:tests/%.c=build/tests/%.o)

.PHONY: fuzz fuzz-build fuzz-merge

build/fuzz/obj/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  FUZZCC  $<")
	$(Q)$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -Wall -Wextra -Wno-unused-parameter -Wno-string-concatenation -MMD -MP -c -o $@ $<
build/fuzz/obj/core/version.o: build/version_gen.h
build/fuzz/obj/core/version.o: CPPFLAGS += -Ibuild
build/fuzz/obj/core/config.o: CPPFLAGS += -DSHELF_TREE='"$(CURDIR)"'

build/fuzz/libfuzzcore.a: $(filter build/fuzz/obj/core/%,$(FUZZ_LIB_OBJ))
	$(Q)rm -f $@ && ar rcs $@ $^
build/fuzz/libfuzzfcgi.a: $(filter build/fuzz/obj/fcgi/%,$(FUZZ_LIB_OBJ))
	$(Q)rm -f $@ && ar rcs $@ $^

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h build/fuzz/libfuzzfcgi.a build/fuzz/libfuzzcore.a
	@$(if $(Q),echo "  FUZZLD  $@")
	$(Q)$(FUZZ_CC) $(CPPFLAGS) -Itests/fuzz -g -O1 $(FUZZ_SAN) -fsanitize=fuzzer -Wall -Wextra \
	    -Wno-unused-parameter -o $@ $< build/fuzz/libfuzzfcgi.a build/fuzz/libfuzzcore.a $(LDLIBS)

ifneq ($(filter fuzz fuzz-build fuzz-merge,$(MAKECMDGOALS)),)
ifeq ($(shell command -v $(FUZZ_CC) 2>/dev/null),)
$(error fuzz: $(FUZZ_CC) is missing: make deps installs clang and libclang-rt-14-dev)
endif
endif
fuzz-build: $(FUZZ_BINS)

# make fuzz FUZZ_SECONDS=600 [FUZZ_TARGETS="http mail"]
fuzz: fuzz-build
	$(Q)FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_TARGETS="$(or $(FUZZ_TARGETS),$(FUZZ_NAMES))" sh tests/fuzz/run.sh

fuzz-merge: fuzz-build
	$(Q)FUZZ_MERGE=1 FUZZ_TARGETS="$(or $(FUZZ_TARGETS),$(FUZZ_NAMES))" sh tests/fuzz/run.sh

# the replay suite: the targets with the project's compiler, entry points renamed
build/fuzz/replay_targets.h: FORCE
	@mkdir -p $(@D)
	$(Q)for n in $(FUZZ_NAMES); do echo "FUZZ_TARGET($$n)"; done >$@.new; \
	if cmp -s $@.new $@; then rm -f $@.new; else mv -f $@.new $@; fi
$(FUZZ_REPLAY_OBJ): build/tests/fuzz/fuzz_%.o: tests/fuzz/fuzz_%.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) -Itests/fuzz $(CFLAGS) $(WARN) -DLLVMFuzzerTestOneInput=fuzz_entry_$* -MMD -MP -c -o $@ $<
build/tests/fuzz/replay.o: tests/fuzz/replay.c build/fuzz/replay_targets.h
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(TEST_CFLAGS) -Ibuild/fuzz $(CFLAGS) $(WARN) -MMD -MP -c -o $@ $<
build/tests/test_fuzz_replay: build/tests/fuzz/replay.o $(FUZZ_REPLAY_OBJ) $(LIBFCGI) $(LIBCORE)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(filter %.o,$^) $(filter %.a,$^) $(LDLIBS) $(TEST_LIBS)
TESTS += build/tests/test_fuzz_replay
tests-build: build/tests/test_fuzz_replay
