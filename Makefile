# Shelf - plain GNU Makefile.  Quiet by default; `make V=1` shows commands.
# Optional local overrides go in config.mk (ignored by git).
-include config.mk

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wno-unused-parameter
ifneq ($(CI),)
WARN    += -Werror
endif
PKGS    := libmariadb jansson libcurl ncursesw formw menuw panelw libcrypt
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CPPFLAGS += -D_GNU_SOURCE -Icore -Itui -Ifcgi $(PKG_CFLAGS)
LDLIBS  += $(PKG_LIBS) -lfcgi -lm

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

.PHONY: all deps tests-build bench-tui serve stop status demo test test-unit bench bench-template clean asan valgrind

all: bin/shelf bin/shelf-fcgi

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
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lcmocka

-include $(shell find build -name '*.d' 2>/dev/null)

# Every Debian package needed to build, run and test.  Quiet and
# idempotent when all are present.
deps:
	$(Q)sh tools/deps.sh

tests-build: $(TESTS) $(BENCHES)

# The README's second command: everything, against a throwaway MariaDB.
test: deps
	$(Q)$(MAKE) --no-print-directory all tests-build
	$(Q)sh tools/test.sh $(TESTS)

serve: deps all
	$(Q)sh tools/serve.sh

stop:
	$(Q)sh tools/stop.sh

status:
	$(Q)sh tools/status.sh

# The README's first command.
demo: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)sh tools/serve.sh
	$(Q)sh tools/demo.sh

bench-template: all build/tests/bench_template
	$(Q)build/tests/bench_template

# The TUI's reseller list on a loaded dataset (bin/shelf seed --scale L first).
bench-tui: all build/tests/bench_reseller_list
	$(Q)build/tests/bench_reseller_list

bench: all
	$(Q)sh tools/bench.sh

asan:
	$(Q)$(MAKE) --no-print-directory clean
	$(Q)SHELF_STDBUF=0 $(MAKE) --no-print-directory test CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer"

valgrind: all tests-build
	$(Q)SHELF_VALGRIND=1 sh tools/test.sh $(TESTS)

clean:
	$(Q)rm -rf build bin
