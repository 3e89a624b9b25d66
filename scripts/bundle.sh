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
# The bundler writes the .deb's files gzip-compressed (data.tar.gz): the 72 MB binary makes that
# about 25.5 MiB. Every dpkg since 1.15.6 (Debian 6; all of Deepin, UOS, Kylin) reads data.tar.xz,
# which is about 30 % smaller: repack it with xz (docs/installers.md, "Size"). Same files, same control.
if command -v dpkg-deb >/dev/null; then
  for deb in "$bundle"/deb/*.deb; do
    [ -f "$deb" ] || continue
    [ "$(ar t "$deb" | grep -c '^data.tar.xz$')" -eq 1 ] && continue
    tmp="$(mktemp -d)"
    dpkg-deb -R "$deb" "$tmp/pkg"
    dpkg-deb --root-owner-group -Zxz -z6 -b "$tmp/pkg" "$tmp/new.deb" >/dev/null
    mv "$tmp/new.deb" "$deb"
    rm -rf "$tmp"
  done
fi
echo "== installers"
find "$bundle" -maxdepth 2 -type f \( -name '*.deb' -o -name '*.rpm' -o -name '*.dmg' -o -name '*.exe' -o -name '*.msi' \) \
  -printf '%p\t%s bytes\n' 2>/dev/null | while IFS=$'\t' read -r f s; do
  printf '%s\t%s (%.1f MiB)\n' "$f" "$s" "$(echo "${s% bytes} / 1048576" | bc -l)"
done
