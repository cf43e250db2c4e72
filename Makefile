# coopreport — build, test, install.
#   make            build build/coopreport (installs missing Debian packages first)
#   make run        write the H1 2024 example report
#   make test       unit and end-to-end tests, ends with a summary line
#   make look       print the example workbooks through LibreOffice: build/look/NAME/*.pdf, *.png
#   make install PREFIX=/usr/local [DESTDIR=…]
#   SANITIZE=address,undefined make test   build and test under sanitizers
# Each object depends on the headers it includes (-MMD -MP: $(BUILD)/obj/*.d) and on
# $(BUILD)/.flags, the compiler and flags it was built with: changing CC, CFLAGS or SANITIZE
# on the same BUILD rebuilds everything instead of keeping objects built another way.
.DELETE_ON_ERROR:
.SUFFIXES:

PREFIX   ?= /usr/local
DESTDIR  ?=
BUILD    ?= build
CC       ?= cc
PYTHON   ?= /usr/bin/python3
SANITIZE ?=
V        ?=
Q        := $(if $(V),,@)

# Debian packages the build needs, and those the tests add (the independent
# readers that open our workbooks: openpyxl, LibreOffice, Gnumeric; man to render the man page;
# for the layout check and `make look`, the font reader and fc-match that find the metric twins
# of Calibri and Times New Roman, and pdftoppm). libfreetype-dev and those fonts (Liberation
# Serif, Carlito) are read at build time too, by the generator of the text-width tables
# (tools/font_metrics.c): the tool itself reads no font.
# The test runners need python3 (tests/e2e/, tests/tools/) and bash (a case's `ulimit -f`).
PACKAGES      := gcc libc6-dev pkg-config libxlsxwriter-dev libcsv-dev libiniparser-dev \
                 libutf8proc-dev libfreetype-dev fonts-liberation2 fonts-crosextra-carlito
TEST_PACKAGES := libcmocka-dev python3 python3-openpyxl libreoffice-calc-nogui gnumeric groff-base \
                 man-db bash fontconfig python3-fonttools poppler-utils

WARNINGS := -Wall -Wextra -Werror -pedantic -Wmissing-prototypes -Wstrict-prototypes \
            -Wwrite-strings -Wvla -Wshadow
CFLAGS   ?= -O2 -g
SANFLAGS := $(if $(SANITIZE),-fsanitize=$(SANITIZE) -fno-omit-frame-pointer,)
# Recursively expanded on purpose: pkg-config runs after `deps` installed it.
PKG_CFLAGS = $(shell pkg-config --cflags xlsxwriter libutf8proc 2>/dev/null)
PKG_LIBS   = $(or $(shell pkg-config --libs xlsxwriter libutf8proc 2>/dev/null),-lxlsxwriter -lutf8proc)
# COOP_SOURCE_DIR makes the uninstalled binary (and the unit tests) read this checkout's
# templates/ and data/; `make install` compiles config.c again without it (see install).
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L $(WARNINGS) $(CFLAGS) $(SANFLAGS) \
             -Iinclude -I$(BUILD)/gen -I/usr/include/iniparser $(PKG_CFLAGS) \
             -DCOOP_SOURCE_DIR='"$(CURDIR)"'
ALL_LIBS   = $(PKG_LIBS) -lcsv -liniparser -lm
# Each compilation also writes the headers it read, for the next make (the .d files included
# at the end); -MP keeps a removed header from breaking the build.
DEPFLAGS   = -MMD -MP -MF $@.d -MT $@

# The pipeline, in the order data flows through it.
MODULES := diag text text_measure sheet_name values csv_reader ini_position ini_file provinces config records \
           indicators template summary_sheet page_header list_sheets target_sheet national_sheet workbook interrupt batch \
           rejected_sheet sector_sheet cli report \
           init_guess init_header init init_write quality
OBJECTS := $(MODULES:%=$(BUILD)/obj/%.o)

# Each unit test links only the modules it exercises, so one module's test
# does not wait on another's.
TEST_MODULES_values     := values
TEST_MODULES_text       := text
TEST_MODULES_sheet_name := sheet_name
TEST_MODULES_text_measure := text_measure
TEST_MODULES_csv_reader := diag text csv_reader
TEST_MODULES_config     := diag text sheet_name values csv_reader ini_position ini_file provinces config
TEST_MODULES_indicators := diag text sheet_name values csv_reader ini_position ini_file provinces config records indicators
TEST_MODULES_records    := diag text sheet_name values csv_reader ini_position ini_file provinces config records
TEST_MODULES_provinces  := diag text csv_reader provinces
TEST_MODULES_init_guess := text init_guess
TEST_MODULES_init_header := text init_guess init_header
UNIT_TESTS := $(patsubst tests/unit/test_%.c,%,$(wildcard tests/unit/test_*.c))
UNIT_BINARIES := $(UNIT_TESTS:%=$(BUILD)/tests/test_%)

.PHONY: all deps run test unit e2e clean install check-asan golden check-valgrind fuzz fuzz-build bench look look-docs FORCE
all: $(BUILD)/coopreport

# Installs missing Debian packages (as root), or prints the command to run.
define install_packages
	$(Q)missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    (apt-get install -y -q $$missing || (apt-get update -q && apt-get install -y -q $$missing)) >&2 || exit 1; \
	  else \
	    echo "missing Debian packages; run: sudo apt-get install -y$$missing" >&2; exit 1; \
	  fi; \
	fi
endef

# The stamps depend on the Makefile so that a package added to a list is installed into an
# existing build folder too (the check of what is installed takes a fraction of a second).
deps: | $(BUILD)/.deps-ok $(BUILD)/.test-deps-ok
$(BUILD)/.deps-ok: Makefile
	$(call install_packages,$(PACKAGES))
	$(Q)mkdir -p $(@D) && touch $@
$(BUILD)/.test-deps-ok: Makefile | $(BUILD)/.deps-ok
	$(call install_packages,$(TEST_PACKAGES))
	$(Q)mkdir -p $(@D) && touch $@

# Writes the value of the variable named $(1) to $@, but only when it differs from what $@
# holds: a file that every object depends on changes, and rebuilds them, only when the
# flags do.
define write_if_changed
	$(Q)mkdir -p $(@D); printf '%s\n' '$(subst ','\'',$($(1)))' > $@.tmp; \
	if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv -f $@.tmp $@; fi
endef
BUILD_FLAGS = $(CC) $(ALL_CFLAGS) $(ALL_LIBS)
$(BUILD)/.flags: FORCE | $(BUILD)/.deps-ok
	$(call write_if_changed,BUILD_FLAGS)
FORCE:

# The widths of the form's font (Liberation Serif = Times New Roman metrics)
# and the default font's digit (Carlito = Calibri), read from the font files
# when the tool is built (text_measure.h says why not at run time).
FONT_DIR      ?= /usr/share/fonts/truetype
MEASURE_FONTS := $(FONT_DIR)/liberation2/LiberationSerif-Regular.ttf \
                 $(FONT_DIR)/liberation2/LiberationSerif-Bold.ttf \
                 $(FONT_DIR)/liberation2/LiberationSerif-Italic.ttf \
                 $(FONT_DIR)/liberation2/LiberationSerif-BoldItalic.ttf \
                 $(FONT_DIR)/crosextra/Carlito-Regular.ttf
$(BUILD)/gen/font_metrics: tools/font_metrics.c $(BUILD)/.flags | $(BUILD)/.deps-ok
	$(Q)mkdir -p $(@D)
	$(if $(Q),@echo "  CC      $<")
	$(Q)$(CC) -std=c11 $(WARNINGS) -O2 $$(pkg-config --cflags freetype2) -o $@ $< $$(pkg-config --libs freetype2)
$(BUILD)/gen/text_measure_table.h: $(BUILD)/gen/font_metrics
	$(if $(Q),@echo "  GEN     $@")
	$(Q)$(BUILD)/gen/font_metrics $(MEASURE_FONTS) > $@.tmp && mv $@.tmp $@
# Named here because on a fresh clone there is no .d file yet to say so: with make -j2 the
# table must be generated before text_measure.c is compiled.
$(BUILD)/obj/text_measure.o: $(BUILD)/gen/text_measure_table.h

$(BUILD)/obj/%.o: src/%.c $(BUILD)/.flags | $(BUILD)/.deps-ok
	$(Q)mkdir -p $(@D)
	$(if $(Q),@echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(BUILD)/coopreport: $(OBJECTS) $(BUILD)/obj/main.o $(BUILD)/.flags
	$(if $(Q),@echo "  LINK    $@")
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $(filter %.o,$^) $(ALL_LIBS)

.SECONDEXPANSION:
$(BUILD)/tests/test_%: tests/unit/test_%.c $$(addprefix $(BUILD)/obj/,$$(addsuffix .o,$$(TEST_MODULES_$$*))) \
                      $(BUILD)/.flags | $(BUILD)/.test-deps-ok
	$(Q)mkdir -p $(@D)
	$(if $(Q),@echo "  TEST    $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -Wno-missing-prototypes -o $@ $(filter %.c %.o,$^) $(ALL_LIBS) -lcmocka

run: $(BUILD)/coopreport
	$(BUILD)/coopreport examples/bac-ninh-2024-h1.ini

unit: $(UNIT_BINARIES)

test: $(BUILD)/coopreport $(UNIT_BINARIES) | $(BUILD)/.test-deps-ok
	$(Q)COOPREPORT=$(BUILD)/coopreport PYTHON=$(PYTHON) BUILD=$(BUILD) tests/run-all $(UNIT_BINARIES)

# The workbooks of the layout check (tests/tools/layout_workbooks.py: H1, FY, English,
# --keep-going, national summary, the stress registry's report and national summary) printed
# by LibreOffice to build/look/NAME/NAME.pdf and to 80 dpi pages build/look/NAME/page-NN.png,
# to look at what a clerk will print.
look: $(BUILD)/coopreport | $(BUILD)/.test-deps-ok
	$(Q)$(PYTHON) tests/tools/look.py --binary $(BUILD)/coopreport --out $(BUILD)/look

# make look, then one page of each sheet kind copied to docs/sheets/ (the
# pages the README shows): run after a layout change, review, commit.
look-docs: $(BUILD)/coopreport | $(BUILD)/.test-deps-ok
	$(Q)$(PYTHON) tests/tools/look.py --binary $(BUILD)/coopreport --out $(BUILD)/look --docs docs/sheets

# Rewrites tests/golden/ from the current build: review the diff, then commit.
golden: $(BUILD)/coopreport
	COOPREPORT=$(BUILD)/coopreport $(PYTHON) tests/e2e/golden.py --update

# The whole suite under AddressSanitizer (leaks included) and UBSan; the
# end-to-end tests run the sanitized binary. Batch workers end with _exit(),
# which skips the leak check: their leaks are found in single-province runs.
check-asan:
	$(Q)ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  $(MAKE) BUILD=build-asan SANITIZE=address,undefined CFLAGS='-O1 -g -fno-sanitize-recover=undefined' test

# The end-to-end tests with the binary under valgrind memcheck: any error or
# definite leak fails the run (tests/valgrind-wrapper). The LibreOffice and
# Gnumeric conversions, the layout check (the same workbooks, measured) and the largest inputs
# are skipped there.
VALGRIND_SKIP ?= test_other_readers test_layout
VALGRIND_PACKAGES := valgrind
$(BUILD)/.valgrind-deps-ok: Makefile | $(BUILD)/.test-deps-ok
	$(call install_packages,$(VALGRIND_PACKAGES))
	$(Q)mkdir -p $(@D) && touch $@
check-valgrind: $(BUILD)/coopreport | $(BUILD)/.valgrind-deps-ok
	$(Q)mkdir -p $(BUILD)/tests/e2e
	$(Q)COOPREPORT=tests/valgrind-wrapper COOPREPORT_REAL=$(BUILD)/coopreport PYTHON=$(PYTHON) \
	  BUILD=$(BUILD) SKIP_SLOW_CASES=1 SKIP_TESTS="$(VALGRIND_SKIP)" tests/run-all

# libFuzzer harnesses (tests/fuzz/), each run for FUZZ_SECONDS from seeds
# drawn from the tests; crashes are left in build-fuzz/crashes/. The modules are compiled
# once into build-fuzz/obj/ (instrumented, -MMD like the others) and linked into each harness.
# libclang-rt-dev is the libFuzzer and sanitizer runtime of Debian's default clang.
FUZZ_PACKAGES := clang libclang-rt-dev
FUZZ_SECONDS  ?= 60
FUZZ_BUILD    := build-fuzz
FUZZERS       := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_CFLAGS    = -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L $(WARNINGS) -O1 -g \
                 -fsanitize=address,undefined -fno-sanitize-recover=undefined \
                 -Iinclude -I$(BUILD)/gen -I/usr/include/iniparser $(PKG_CFLAGS) \
                 -DCOOP_SOURCE_DIR='"$(CURDIR)"'
FUZZ_FLAGS     = clang $(FUZZ_CFLAGS) $(ALL_LIBS)
$(FUZZ_BUILD)/.fuzz-deps-ok: Makefile | $(BUILD)/.deps-ok
	$(call install_packages,$(FUZZ_PACKAGES))
	$(Q)mkdir -p $(@D) && touch $@
$(FUZZ_BUILD)/.flags: FORCE | $(FUZZ_BUILD)/.fuzz-deps-ok
	$(call write_if_changed,FUZZ_FLAGS)
$(FUZZ_BUILD)/obj/text_measure.o: $(BUILD)/gen/text_measure_table.h
$(FUZZ_BUILD)/obj/%.o: src/%.c $(FUZZ_BUILD)/.flags | $(FUZZ_BUILD)/.fuzz-deps-ok
	$(Q)mkdir -p $(@D)
	$(if $(Q),@echo "  CC      $@")
	$(Q)clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(DEPFLAGS) -c -o $@ $<
FUZZ_OBJECTS  := $(MODULES:%=$(FUZZ_BUILD)/obj/%.o)
# Named only by the pattern rule below, they would count as intermediate and be deleted.
.SECONDARY: $(FUZZ_OBJECTS)
$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJECTS) $(FUZZ_BUILD)/.flags
	$(if $(Q),@echo "  FUZZER  $@")
	$(Q)clang $(FUZZ_CFLAGS) -fsanitize=fuzzer $(DEPFLAGS) -o $@ $(filter %.c %.o,$^) $(ALL_LIBS)
fuzz-build: $(FUZZERS:%=$(FUZZ_BUILD)/fuzz_%)
fuzz: fuzz-build
	$(Q)FUZZ_BUILD=$(FUZZ_BUILD) FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run $(FUZZERS)

# The benchmark of issue 6 (bench/run.py): the batch at -j1 and -j2 on national
# registries of 10 000, 100 000 and 1 000 000 cooperatives (cached in
# $(BUILD)/bench/), against the pandas peer and the libxlsxwriter floor; prints
# a table and writes $(BUILD)/bench/results.csv. BENCH_ARGS passes options,
# e.g. BENCH_ARGS="--sizes 10000,100000 --runs 5".
BENCH_PACKAGES := python3-pandas python3-xlsxwriter time
BENCH_ARGS     ?=
$(BUILD)/.bench-deps-ok: | $(BUILD)/.deps-ok
	$(call install_packages,$(BENCH_PACKAGES))
	$(Q)mkdir -p $(@D) && touch $@
$(BUILD)/bench/floor: bench/floor.c | $(BUILD)/.deps-ok
	$(Q)mkdir -p $(@D)
	$(if $(Q),@echo "  CC      $<")
	$(Q)$(CC) -std=c11 -D_DEFAULT_SOURCE $(WARNINGS) -O2 -g $(PKG_CFLAGS) -o $@ $< $(PKG_LIBS)
bench: $(BUILD)/coopreport $(BUILD)/bench/floor | $(BUILD)/.bench-deps-ok
	$(PYTHON) bench/run.py --coopreport $(BUILD)/coopreport --floor $(BUILD)/bench/floor \
	  --work $(BUILD)/bench $(BENCH_ARGS)

# The installed binary is linked apart, in $(BUILD)/install/, with config.c compiled without
# COOP_SOURCE_DIR: it finds its templates and province lists only in ../share/coopreport next
# to itself (so a DESTDIR staging tree or a moved prefix works without rebuilding), else in
# PREFIX/share/coopreport, never in this checkout ($COOPREPORT_SHARE still comes first).
# PREFIX is recorded in $(BUILD)/install/.flags, apart from $(BUILD)/.flags, so that
# installing to another prefix recompiles config.c alone.
INSTALL_FLAGS = -DCOOP_SHARE_DIR='"$(PREFIX)/share/coopreport"'
$(BUILD)/install/.flags: FORCE | $(BUILD)/.deps-ok
	$(call write_if_changed,INSTALL_FLAGS)
$(BUILD)/install/config.o: src/config.c $(BUILD)/.flags $(BUILD)/install/.flags | $(BUILD)/.deps-ok
	$(Q)mkdir -p $(@D)
	$(if $(Q),@echo "  CC      $@")
	$(Q)$(CC) $(ALL_CFLAGS) -UCOOP_SOURCE_DIR $(INSTALL_FLAGS) $(DEPFLAGS) -c -o $@ $<
$(BUILD)/install/coopreport: $(filter-out %/config.o,$(OBJECTS)) $(BUILD)/install/config.o \
                             $(BUILD)/obj/main.o $(BUILD)/.flags
	$(if $(Q),@echo "  LINK    $@")
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $(filter %.o,$^) $(ALL_LIBS)

SHARE_DIR := $(DESTDIR)$(PREFIX)/share/coopreport
MAN_DIR   := $(DESTDIR)$(PREFIX)/share/man/man1
install: $(BUILD)/install/coopreport
	install -d $(DESTDIR)$(PREFIX)/bin $(SHARE_DIR)/templates $(SHARE_DIR)/data $(MAN_DIR)
	install -m 755 $(BUILD)/install/coopreport $(DESTDIR)$(PREFIX)/bin/coopreport
	install -m 644 templates/*.ini templates/README.md $(SHARE_DIR)/templates/
	install -m 644 data/*.csv $(SHARE_DIR)/data/
	install -m 644 coopreport.1 $(MAN_DIR)/coopreport.1

clean:
	rm -rf $(BUILD) build-asan $(FUZZ_BUILD)

# The headers each object read when it was last compiled (none on a fresh clone, when every
# object is built anyway).
-include $(wildcard $(BUILD)/obj/*.d $(BUILD)/install/*.d $(BUILD)/tests/*.d $(FUZZ_BUILD)/obj/*.d \
                    $(FUZZ_BUILD)/fuzz_*.d)
