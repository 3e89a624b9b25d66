#!/usr/bin/env bash
# What the installers weigh and what each part adds, after scripts/bundle.sh (docs/installers.md, "Size").
#   bash scripts/installer-sizes.sh [NO_PDF_BINARY]
# NO_PDF_BINARY: a release binary built without the pdf feature (Typst), to measure what Typst adds.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
t="${CARGO_TARGET_DIR:-$root/target}/release"
mib() { echo "scale=2; $1 / 1048576" | bc; }
row() { printf '| %s | %s | %s MiB |\n' "$1" "$2" "$(mib "$2")"; }
deb="$(ls -t "$t"/bundle/deb/*.deb | head -1)"
rpm="$(ls -t "$t"/bundle/rpm/*.rpm 2>/dev/null | head -1 || true)"
bin="$t/liaison-desk"
echo "| part | bytes | MiB |"
echo "|---|---:|---:|"
row ".deb ($(basename "$deb"))" "$(stat -c %s "$deb")"
[ -n "$rpm" ] && row ".rpm ($(basename "$rpm"))" "$(stat -c %s "$rpm")"
row "binary in the package, uncompressed (/usr/bin/liaison-desk)" "$(stat -c %s "$bin")"
row "binary compressed alone (gzip -9, as in data.tar.gz)" "$(gzip -9c "$bin" | wc -c)"
row "binary compressed alone (xz -9)" "$(xz -9c "$bin" | wc -c)"
for s in .text .rodata .eh_frame .eh_frame_hdr .gcc_except_table .data.rel.ro .data .bss; do
  v="$(size -A -d "$bin" | awk -v s="$s" '$1==s {print $2}')"
  [ -n "$v" ] && row "  section $s" "$v"
done
icons="$(dpkg-deb -c "$deb" | awk '$6 ~ /icons/ {s+=$3} END {print s+0}')"
row "icons in the .deb (uncompressed)" "$icons"
dist="$root/ui/dist"
row "web assets ui/dist (uncompressed; embedded brotli-compressed in .rodata)" "$(find "$dist" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')"
row "web assets, gzip -9 each (about what they add)" "$(find "$dist" -type f -exec sh -c 'gzip -9c "$1" | wc -c' _ {} \; | awk '{s+=$1} END {print s}')"
lib="$(ls -t "$t"/build/libsqlite3-sys-*/out/libsqlite3.a 2>/dev/null | head -1 || true)"
if [ -n "$lib" ]; then
  row "SQLCipher (libsqlite3.a: text+data, before linking)" "$(size -t "$lib" | awk 'END {print $1 + $2}')"
fi
if [ -n "${1:-}" ]; then
  row "binary without the pdf feature (no Typst)" "$(stat -c %s "$1")"
  row "  → Typst adds (uncompressed)" "$(( $(stat -c %s "$bin") - $(stat -c %s "$1") ))"
  row "  → Typst adds (gzip -9)" "$(( $(gzip -9c "$bin" | wc -c) - $(gzip -9c "$1" | wc -c) ))"
fi
