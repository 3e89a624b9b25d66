#!/usr/bin/env python3
"""Generate data/strokeorder.bin: the first three strokes (横竖撇点折) of U+3400..U+9FFF.

Data source: the Rime "stroke" (五筆畫) schema dictionary, stroke.dict.yaml, from
https://github.com/rime/rime-stroke, shipped by the Debian package
`rime-data-stroke` as /usr/share/rime-data/stroke.dict.yaml (LGPL-3.0 per the
package's copyright file). Each line is "<char>\\t<strokes>", strokes spelled with
h 横(incl. 提), s 竖(incl. 竖钩), p 撇, n 点(incl. 捺), z 折.
The file has two parts: entries derived from Taiwan's CNS11643 stroke sequences,
then (after a comment line) entries "for compatibility with Mainland China's
standard Hanzi glyph". A mainland entry is preferred when a character has one.
The CNS part uses the placeholder sequence "szhhhshspnhszs" for characters it
lacks; that placeholder is ignored.

Output: one byte per code point (U+3400 first, 27648 bytes). Byte =
a*36 + b*6 + c where a, b, c are the first, second and third stroke
(h=1 s=2 p=3 n=4 z=5, 0 = no such stroke); 0 = unknown character.
So byte order equals 横竖撇点折 order of the first three strokes.

Usage: python3 scripts/gen-stroke-order.py [STROKE_DICT_YAML] [OUT]   (stdlib only)
"""
import sys

FIRST, LAST = 0x3400, 0x9FFF
DEFAULT_IN = "/usr/share/rime-data/stroke.dict.yaml"
CODE = {"h": 1, "s": 2, "p": 3, "n": 4, "z": 5}
PLACEHOLDER = "szhhhshspnhszs"


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_IN
    out = sys.argv[2] if len(sys.argv) > 2 else "data/strokeorder.bin"
    cns, mainland = {}, {}
    part = cns
    in_body = False
    with open(src, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line == "...":
                in_body = True
                continue
            if not in_body:
                continue
            if line.startswith("#"):
                if "Mainland China" in line:
                    part = mainland
                continue
            cols = line.split("\t")
            if len(cols) < 2 or len(cols[0]) != 1:
                continue
            ch, seq = cols[0], cols[1]
            if seq == PLACEHOLDER or not seq or any(c not in CODE for c in seq):
                continue
            if FIRST <= ord(ch) <= LAST:
                part.setdefault(ch, seq)  # first entry of each part wins
    if not mainland:
        raise SystemExit("mainland section not found; format changed?")
    table = bytearray(LAST - FIRST + 1)
    for ch in set(cns) | set(mainland):
        seq = mainland.get(ch) or cns[ch]
        d = [CODE[c] for c in seq[:3]] + [0, 0, 0]
        table[ord(ch) - FIRST] = d[0] * 36 + d[1] * 6 + d[2]
    with open(out, "wb") as f:
        f.write(table)
    print(f"{out}: {len(set(cns) | set(mainland))} code points "
          f"({len(mainland)} mainland), {len(table)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
