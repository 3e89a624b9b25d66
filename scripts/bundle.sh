#!/usr/bin/env bash
# Build the installers: .deb and .rpm on Linux (NSIS on Windows, .app/.dmg on macOS — the per-platform
# targets are in src-tauri/tauri.<platform>.conf.json). One command, from the repository root:
#
#   scripts/bundle.sh            (same as: npm --prefix ui run bundle)
#
# It builds the UI (tauri.conf.json beforeBuildCommand), the release binary (Cargo.toml [profile.release]),
# and the packages, then prints where they are and their sizes. AppImage is left out on purpose: its
# bundler downloads linuxdeploy and fails offline. Extra arguments go to `tauri build`
# (e.g. `scripts/bundle.sh --bundles deb`).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
cd "$root"
[ -x ui/node_modules/.bin/tauri ] || npm --prefix ui ci
ui/node_modules/.bin/tauri build --ci "$@"
bundle="$target/release/bundle"
echo "== installers"
find "$bundle" -maxdepth 2 -type f \( -name '*.deb' -o -name '*.rpm' -o -name '*.dmg' -o -name '*.exe' -o -name '*.msi' \) \
  -printf '%p\t%s bytes\n' 2>/dev/null | while IFS=$'\t' read -r f s; do
  printf '%s\t%s (%.1f MiB)\n' "$f" "$s" "$(echo "${s% bytes} / 1048576" | bc -l)"
done
