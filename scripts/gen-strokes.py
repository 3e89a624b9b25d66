#!/usr/bin/env python3
"""Generate data/strokes.bin: total stroke counts for U+3400..U+9FFF.

Data source: the Unicode Han Database (Unihan, UAX #38), field kTotalStrokes,
which since Unicode 13 lives in Unihan_IRGSources.txt. The Debian package
`unicode-data` ships it as /usr/share/unicode/Unihan_IRGSources.txt.bz2
(Unicode 15.0.0 in Debian 12/13). Unihan is (c) Unicode, Inc., Unicode License.

Output format: one byte per code point, U+3400 first, U+9FFF last
(0x6C00 = 27648 bytes). 0 = no kTotalStrokes value. Where kTotalStrokes has two
values ("7 8"), the first is taken: per UAX #38 it is the count for the
zh-Hans (G source) form.

Usage: python3 scripts/gen-strokes.py [UNIHAN_IRGSOURCES_FILE] [OUT]
  (the input may be .txt, .bz2, .gz, or the Unihan.zip archive)
Stdlib only.
"""
import bz2
import gzip
import io
import sys
import zipfile

FIRST, LAST = 0x3400, 0x9FFF
DEFAULT_IN = "/usr/share/unicode/Unihan_IRGSources.txt.bz2"


def open_text(path):
    if path.endswith(".zip"):
        z = zipfile.ZipFile(path)
        return io.TextIOWrapper(z.open("Unihan_IRGSources.txt"), encoding="utf-8")
    if path.endswith(".bz2"):
        return bz2.open(path, "rt", encoding="utf-8")
    if path.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_IN
    out = sys.argv[2] if len(sys.argv) > 2 else "data/strokes.bin"
    table = bytearray(LAST - FIRST + 1)
    n = 0
    with open_text(src) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cp, field, value = line.rstrip("\n").split("\t", 2)
            if field != "kTotalStrokes":
                continue
            code = int(cp[2:], 16)
            if FIRST <= code <= LAST:
                s = int(value.split()[0])
                if not 0 < s < 256:
                    raise SystemExit(f"bad stroke count {value!r} for {cp}")
                table[code - FIRST] = s
                n += 1
    with open(out, "wb") as f:
        f.write(table)
    print(f"{out}: {n} code points with kTotalStrokes, {len(table)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
