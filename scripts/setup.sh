#!/usr/bin/env bash
# Liaison Desk set-up for a fresh Debian/Ubuntu machine: installs what is missing, then
#   bash scripts/setup.sh run    builds and starts the app
#   bash scripts/setup.sh test   runs every test: core + CLI, UI (vue-tsc, Vitest), end-to-end in the real window
# Needs: a Rust toolchain (rustup) and Node.js ≥ 20 with npm. Uses sudo for apt-get when not root.
set -euo pipefail
mode="${1:-}"
case "$mode" in run|test) shift ;; *) echo "usage: bash scripts/setup.sh run|test [app arguments, e.g. --db FILE]" >&2; exit 2 ;; esac
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
step() { printf '\n==> %s\n' "$*"; }

# 1. System packages (WebKitGTK for the window, a CJK font; for tests Xvfb, WebKitWebDriver, LibreOffice).
pkgs=(libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libssl-dev libclang-dev build-essential pkg-config
      fonts-wqy-microhei curl file)
# Tests also print exports through LibreOffice (xlsx → PDF) and read the pages back with pdftotext.
[ "$mode" = test ] && pkgs+=(xvfb webkit2gtk-driver libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  step "installing system packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v cargo >/dev/null || { echo "Rust is missing: install it from rustup.rs, then run this again" >&2; exit 1; }
command -v npm >/dev/null || { echo "Node.js/npm is missing: install Node.js 20 or newer, then run this again" >&2; exit 1; }

# 2. The UI: node modules (from package-lock.json) and the production bundle the app embeds.
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  step "installing node modules"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi
step "building the UI"
(cd ui && npm run -s build)

if [ "$mode" = run ]; then
  step "building the app"
  # The whole workspace, as the tests build it: with -p, cargo settles the shared dependencies' features
  # differently and compiles Typst a second time.
  cargo build --workspace --bins
  step "starting 委员联络工作台 ${*:-(database: ${LIAISON_DB:-the app-data folder})}"
  exec "$CARGO_TARGET_DIR/debug/liaison-desk" "$@"
fi

# 3. Tests.
# One build of the whole workspace, then one test run over the same packages: cargo settles the shared
# dependencies' features once, so each crate (Typst above all) is compiled once and the run reuses it all.
# (Selecting packages with -p instead gives each invocation its own features and compiles them again.)
# --benches: the benchmarks are compiled too (dev profile), so none stops building unnoticed.
# The build (most of a first run: ~25 minutes on 2 cores) goes on in the background while tauri-driver is
# installed and the UI is checked, which fill the moments the build leaves a core idle.
step "building the app, the CLI, every test and benchmark (one build for the workspace), in the background"
build_log="$(mktemp)"
cargo build --workspace --bins --tests --benches >"$build_log" 2>&1 &
build_pid=$!
trap 'kill "$build_pid" 2>/dev/null || true' EXIT
if ! command -v tauri-driver >/dev/null; then
  step "installing tauri-driver"
  cargo install tauri-driver --locked --version '^2' --quiet
fi
export PATH="$HOME/.cargo/bin:$PATH"
step "UI type check and component tests"
(cd ui && npm run -s lint && npm test --silent)
step "waiting for the build"
if ! wait "$build_pid"; then
  cat "$build_log"
  echo "the build failed" >&2
  exit 1
fi
tail -n 3 "$build_log"
rm -f "$build_log"
started_xvfb=""
if [ -z "${DISPLAY:-}" ]; then
  n=99
  while [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
  export DISPLAY=":$n"
  Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  started_xvfb=$!
  trap '[ -n "$started_xvfb" ] && kill "$started_xvfb" 2>/dev/null || true' EXIT
  sleep 1
fi
# Core and CLI, the PDF crate, the app's own tests (incl. the generated TypeScript bindings up to date),
# then end-to-end in the real app window; those take turns with the window by themselves.
step "tests: core, CLI, PDF, app, end-to-end (tauri-driver + WebKitWebDriver, DISPLAY=$DISPLAY)"
LIAISON_APP="$CARGO_TARGET_DIR/debug/liaison-desk" cargo test --workspace
# Every benchmark once, small, in the debug build above (the full size is by hand: docs/benchmarks.md),
# and the figure tests (the #[ignore]d end-to-end tests that print a figure) at a small size, so that
# none of them breaks unnoticed.
step "every benchmark and figure test once, at a small size (LIAISON_BENCH_SIZE / LIAISON_FIGURE_MEMBERS=200)"
LIAISON_BENCH_SIZE=200 cargo test --workspace --bench '*'
LIAISON_FIGURE_MEMBERS=200 LIAISON_APP="$CARGO_TARGET_DIR/debug/liaison-desk" \
  cargo test --workspace --test e2e -- --ignored --nocapture startup_with_10000_members import_10000_rows_in_the_wizard \
  performance_page_with_10000_members dashboard_with_10000_members fast_and_light
