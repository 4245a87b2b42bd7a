# Kite: build, demo and test. Every target installs what it needs that is missing.
#   make demo    build the package and serve the demo school site on 127.0.0.1
#   make test    every test: native, wasm-bindgen-test in Chromium, the packed package in Chromium, spelling, size,
#                and the packed package's main journeys in WebKit and Firefox
#   make pack    build the npm tarball under target/
#   make bench   Kite side by side with cookieconsent and Klaro in Chromium: bytes, time to banner,
#                blocking time, layout shift, heap (a benchmark, not a test)
#   make size    the first paint's and each room's brotli bytes, and twiggy's breakdown by crate
#   make psl     regenerate src/policy/psl_rules.rs from the npm package psl (then commit it)

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(HOME)/.cargo/bin:$(PATH)

WASM_BINDGEN_VERSION := 0.2.130
WASM_SPLIT_VERSION := 0.2.4
TARGET := wasm32-unknown-unknown
# The browser build uses a dated nightly for its size levers (build-std with
# panic=immediate-abort, no panic locations, no Debug formatting); `cargo test` stays on stable.
NIGHTLY := nightly-2026-10-30
WEB := target/web
WASM := $(WEB)/$(TARGET)/release/kite.wasm
WEB_RUSTFLAGS := -Clink-args=--emit-relocs -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none
WASM_OPT := node_modules/.bin/wasm-opt
# --low-memory-unused: Rust puts the 1 MB stack first, so the low 1 KB is the stack's far end,
# reached only by an overflow; binaryen then folds more address arithmetic (-0.9 KB brotli over
# every room, with --converge -0.25 KB more).
WASM_OPT_FLAGS := -Oz --converge --low-memory-unused --strip-producers --strip-target-features --enable-bulk-memory --enable-reference-types --enable-nontrapping-float-to-int \
	--enable-sign-ext --enable-mutable-globals --enable-multivalue
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PORT ?= 8080

.PHONY: all tools rust-tools browser-tools engine-tools wordpress-tools node-tools node-version pkg pack demo test lint test-native test-wasm test-pkg test-engines wordpress test-wordpress bench size fuzz psl clean

all: pkg

tools: rust-tools browser-tools engine-tools wordpress-tools node-tools

rust-tools:
	@rustup target list --installed | grep -qx $(TARGET) || rustup target add $(TARGET)
	@rustup component list --installed | grep -q '^clippy' || rustup component add clippy
	@rustup toolchain list | grep -q "^$(NIGHTLY)" || rustup toolchain install $(NIGHTLY) --profile minimal --no-self-update -c rust-src -t $(TARGET)
	@rustup +$(NIGHTLY) target list --installed | grep -qx $(TARGET) || rustup target add --toolchain $(NIGHTLY) $(TARGET)
	@rustup +$(NIGHTLY) component list --installed | grep -q '^rust-src' || rustup component add --toolchain $(NIGHTLY) rust-src
	@wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)" || \
		cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)
	@cargo install --list | grep -q "^wasm_split_cli_support v$(WASM_SPLIT_VERSION):" || \
		cargo install --locked wasm_split_cli_support --version $(WASM_SPLIT_VERSION) --features build-binary

browser-tools:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v aspell >/dev/null \
		|| ! aspell dicts | grep -qx en_GB || ! aspell dicts | grep -qx cy || ! command -v espeak-ng >/dev/null \
		|| ! [ -e /usr/lib/speech-dispatcher-modules/sd_espeak-ng ] || ! command -v pkill >/dev/null; then \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y chromium chromium-driver aspell aspell-en aspell-cy \
			speech-dispatcher espeak-ng speech-dispatcher-espeak-ng procps; fi

# WebKit (Safari's engine: WebKitGTK's MiniBrowser and its WebDriver) and Firefox ESR from
# Debian's packages, geckodriver from crates.io, and xvfb, as MiniBrowser has no headless mode.
GECKODRIVER_VERSION := 0.37.0
engine-tools:
	@if ! command -v WebKitWebDriver >/dev/null || ! command -v firefox-esr >/dev/null || ! command -v xvfb-run >/dev/null \
		|| ! command -v xauth >/dev/null; then \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y webkit2gtk-driver firefox-esr xvfb xauth; fi
	@geckodriver --version 2>/dev/null | grep -q "^geckodriver $(GECKODRIVER_VERSION)" || \
		cargo install --locked geckodriver --version $(GECKODRIVER_VERSION)

# The examples build with Vite 7, which needs Node.js 20.19 or newer (Debian 12 packages 18).
node-version:
	@node -e 'const [a, b] = process.versions.node.split(".").map(Number); if (a < 20 || (a === 20 && b < 19)) { console.error("make test needs Node.js 20.19 or newer to build the examples (Vite 7); this is " + process.version + ". Install Node 20 or 22 (NodeSource packages, or nvm) and run it again."); process.exit(1); }'

node-tools: $(WASM_OPT) pkg-tests/node_modules/.package-lock.json

$(WASM_OPT): package.json
	npm install --no-audit --no-fund
	@touch $@

pkg-tests/node_modules/.package-lock.json: pkg-tests/package.json
	cd pkg-tests && npm install --no-audit --no-fund
	@touch $@

# The browser build: a cdylib-only build (so LTO runs), split into the core and a file per
# room by wasm-split-cli, then wasm-bindgen, then wasm-opt on every file.
pkg: rust-tools $(WASM_OPT)
	RUSTFLAGS="$(WEB_RUSTFLAGS)" cargo +$(NIGHTLY) rustc -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size \
		--release --target $(TARGET) --lib --crate-type cdylib --features split,small-alloc --target-dir $(WEB)
	rm -rf pkg $(WEB)/split && mkdir -p pkg $(WEB)/split
	node src/api/trim-glue.mjs --before-split $(WASM) $(WEB)/kite.wasm
	wasm-split-cli --target web --out-name kite_core $(WEB)/kite.wasm $(WEB)/split
	wasm-bindgen --target web --keep-lld-exports --out-dir pkg --out-name kite_core $(WEB)/split/kite_core.wasm
	node src/api/trim-glue.mjs pkg/kite_core.js pkg/kite_core_bg.wasm
	$(WASM_OPT) $(WASM_OPT_FLAGS) pkg/kite_core_bg.wasm -o pkg/kite_core_bg.wasm
	node src/api/rooms.mjs $(WEB)/split pkg $(WASM_OPT) $(WASM_OPT_FLAGS)
	node_modules/.bin/esbuild pkg/kite_core.js --minify --format=esm --log-level=warning --allow-overwrite --outfile=pkg/kite_core.js
	node_modules/.bin/esbuild pkg/__wasm_split.js --minify --format=esm --log-level=warning --allow-overwrite --outfile=pkg/__wasm_split.js
	cp src/api/kite.d.ts src/api/kite-cli.mjs pkg/
	node_modules/.bin/esbuild src/api/kite.js --minify --format=esm --log-level=warning --outfile=pkg/kite.js
	cargo run --quiet --bin kite -- schema > pkg/kite.schema.json
	node_modules/.bin/esbuild src/api/kite-stub.js --minify --log-level=warning --outfile=pkg/kite-stub.js

# The WordPress plugin, as a school uploads it (Plugins → Add New → Upload): the plugin's
# PHP from src/wordpress and the browser package's files, in target/kite-privacy-wordpress.zip.
wordpress: pkg
	@command -v zip >/dev/null && command -v xgettext >/dev/null || { $(SUDO) apt-get update && $(SUDO) apt-get install -y zip gettext; }
	rm -rf target/wordpress-plugin target/kite-privacy-wordpress.zip && mkdir -p target/wordpress-plugin
	cp -r src/wordpress/kite-privacy target/wordpress-plugin/
	mkdir -p target/wordpress-plugin/kite-privacy/kite
	cp pkg/*.js pkg/*.wasm pkg/rooms.json pkg/kite.schema.json LICENSE target/wordpress-plugin/kite-privacy/kite/
	mkdir -p target/wordpress-plugin/kite-privacy/admin/vendor target/wordpress-plugin/kite-privacy/languages
	cp node_modules/marked/lib/marked.esm.js target/wordpress-plugin/kite-privacy/admin/vendor/
	cp node_modules/marked/LICENSE target/wordpress-plugin/kite-privacy/admin/vendor/marked-LICENSE.md
	cd target/wordpress-plugin/kite-privacy && xgettext --language=PHP --from-code=UTF-8 --keyword=__ --keyword=esc_html__ \
		--keyword=esc_html_e --keyword=esc_attr__ --keyword=_e --add-comments=translators: --package-name="Kite Privacy for Schools" \
		--package-version=$(shell node -p 'require("./package.json").version') --output=languages/kite-privacy.pot $$(find . -name '*.php' | sort)
	cd target/wordpress-plugin && zip -qr ../kite-privacy-wordpress.zip kite-privacy
	@echo "plugin: $(CURDIR)/target/kite-privacy-wordpress.zip"

# WordPress 6.1, PHP 8.2 and MariaDB from Debian's packages, for the plugin's tests.
wordpress-tools:
	@if ! [ -e /usr/share/wordpress/wp-settings.php ] || ! command -v php >/dev/null || ! command -v mariadbd >/dev/null \
		|| ! php -m | grep -qi mysqli || ! command -v zip >/dev/null || ! command -v unzip >/dev/null || ! command -v xgettext >/dev/null \
		|| ! command -v phpcs >/dev/null; then \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y wordpress php-cli php-mysql mariadb-server zip unzip gettext php-codesniffer; fi

test-wordpress: node-version wordpress wordpress-tools browser-tools node-tools
	cd pkg-tests && node --test --test-concurrency=1 --test-timeout=300000 wordpress/*.test.mjs

pack: pkg
	@rm -f target/kite-privacy-*.tgz
	@npm pack --pack-destination target --silent >/dev/null
	@echo "packed: $$(ls $(CURDIR)/target/kite-privacy-*.tgz)"

demo: pkg node-tools
	node www/demo.mjs --port $(PORT)

test: lint test-native test-wasm test-pkg test-engines test-wordpress

# Clippy on the native and the browser build, warnings as errors: among them the crate's deny
# of byte-index slicing (src/lib.rs), which would trap the WebAssembly on outside text.
lint: rust-tools
	cargo clippy --all-targets -- -D warnings
	cargo clippy --lib --target $(TARGET) --features split -- -D warnings

test-native:
	cargo test

test-wasm: rust-tools browser-tools
	CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_WEBDRIVER_JSON=$(CURDIR)/pkg-tests/webdriver.json \
		CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
		cargo test --target $(TARGET) --test browser

# Each test file gets two minutes (node's --test-timeout bounds a whole file too), except the
# examples, which install and build with npm, Vite and cargo: minutes on a fresh machine.
test-pkg: node-version pack browser-tools node-tools
	cd pkg-tests && node --test --test-concurrency=1 --test-timeout=120000 $$(ls *.test.mjs | grep -vx examples.test.mjs)
	cd pkg-tests && node --test --test-timeout=1200000 examples.test.mjs

# The smoke test in the other engines: consent, leaving, a placeholder, a lazily loaded room,
# Welsh on a phone (pkg-tests/engines). Chromium runs everything above.
test-engines: node-version pack engine-tools node-tools
	cd pkg-tests && xvfb-run -a node --test --test-concurrency=1 --test-timeout=180000 engines/*.test.mjs

pkg-tests/bench/node_modules/.package-lock.json: pkg-tests/bench/package.json
	cd pkg-tests/bench && npm install --no-audit --no-fund
	@touch $@

bench: pack browser-tools node-tools pkg-tests/bench/node_modules/.package-lock.json
	cd pkg-tests && node bench/bench.mjs

size: pkg pkg-tests/node_modules/.package-lock.json
	@command -v twiggy >/dev/null || cargo install twiggy
	cd pkg-tests && node bench/size.mjs

# Long fuzzing runs, not part of make test (which runs the same properties briefly, in
# tests/properties.rs). Each target runs FUZZ_SECONDS; what it finds is in
# tests/fuzz/artifacts/<target>; copy an input that failed into tests/fuzz/regressions/<target>
# so make test runs it every time.
FUZZ_SECONDS ?= 600
FUZZ_TARGETS := config_text config_tree record mark link mailto detector receipt
fuzz: rust-tools
	@command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz --version 0.13.2
	@for t in $(FUZZ_TARGETS); do \
		dict=""; [ $$t = config_text ] && dict="-dict=tests/fuzz/config.dict"; \
		echo "== $$t for $(FUZZ_SECONDS) s"; \
		cargo +$(NIGHTLY) fuzz run --fuzz-dir tests/fuzz $$t -- -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 $$dict || exit 1; \
	done

psl: $(WASM_OPT)
	node src/policy/psl-subset.mjs

clean:
	rm -rf pkg target/kite-privacy-*.tgz target/pkg-tests
