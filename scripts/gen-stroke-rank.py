#!/usr/bin/env python3
"""Generate data/strokerank.bin: the rank of every ideograph of U+3400..U+9FFF in the order
按笔画 (GB 13418 style): total strokes, then the whole stroke sequence compared stroke by stroke in
横竖撇点折 order (a shorter sequence that is a prefix sorts first), then the code point.

Sources
* Stroke sequences: the Rime "stroke" (五筆畫) dictionary, stroke.dict.yaml, from
  https://github.com/rime/rime-stroke, shipped by the Debian package `rime-data-stroke` as
  /usr/share/rime-data/stroke.dict.yaml. LGPL-3.0 (see the package's copyright file).
  Each line is "<char>\\t<strokes>", spelled h 横 (incl. 提), s 竖 (incl. 竖钩), p 撇, n 点 (incl.
  捺), z 折 (every turning stroke). The file has two parts: entries derived from Taiwan's CNS11643
  stroke sequences, then (after a comment line) the entries of the mainland table (北大中文论坛,
  孙海峰 et al.) that differ from them, "for compatibility with Mainland China's standard Hanzi
  glyph". A mainland entry wins; a character the mainland part lacks had the same sequence in both.
  The CNS part's placeholder "szhhhshspnhszs" (characters it lacks) is ignored.
* Stroke counts of the few characters no sequence covers (the newest additions to the two blocks):
  Unicode's Unihan database, kTotalStrokes (first value = the zh-Hans form), from the Debian package
  `unicode-data` (/usr/share/unicode/Unihan_IRGSources.txt.bz2). Unicode License v3. Such a
  character sorts after every character of the same count that has a sequence.
* A character with a sequence takes its count from the sequence, so that count and sequence agree
  (they differ from kTotalStrokes for 88 of the 20,992 unified ideographs, none common in names
  except through 龍-family traditional forms).

Output (little-endian u16 throughout, 64 + 27648 values = 55,424 bytes):
* 64 values: FIRST[n] = the first rank of a character of n strokes (n = 0..63); FIRST[n+1] - 1 is
  the last. Ranks of characters with more than 63 strokes do not occur in these blocks.
* 27648 values, one per code point from U+3400: the character's rank (>= 0x0100), 0 = no data
  (unassigned code points, the Yijing hexagrams U+4DC0..U+4DFF).
Ranks start at 0x0100 so that a sort key's first byte for a known character is never 0x00 (the key
uses 0x00 as a marker) and stays below 0xFE (the markers of unknown and non-CJK characters).

Usage: python3 scripts/gen-stroke-rank.py [STROKE_DICT_YAML] [UNIHAN_IRGSOURCES] [OUT]   (stdlib only)
"""
import bz2
import struct
import sys

FIRST, LAST = 0x3400, 0x9FFF
DEFAULT_DICT = "/usr/share/rime-data/stroke.dict.yaml"
DEFAULT_UNIHAN = "/usr/share/unicode/Unihan_IRGSources.txt.bz2"
CODE = {"h": "1", "s": "2", "p": "3", "n": "4", "z": "5"}
PLACEHOLDER = "szhhhshspnhszs"
BASE = 0x0100
COUNTS = 64


def read_sequences(path):
    cns, mainland = {}, {}
    part = cns
    in_body = False
    with open(path, encoding="utf-8") as f:
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
    return cns, mainland


def read_total_strokes(path):
    opener = bz2.open if path.endswith(".bz2") else open
    out = {}
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.startswith("U+"):
                continue
            cp, field, value = line.rstrip("\n").split("\t", 2)
            if field == "kTotalStrokes":
                code = int(cp[2:], 16)
                if FIRST <= code <= LAST:
                    out[code] = int(value.split()[0])
    return out


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_DICT
    unihan = sys.argv[2] if len(sys.argv) > 2 else DEFAULT_UNIHAN
    out = sys.argv[3] if len(sys.argv) > 3 else "data/strokerank.bin"
    cns, mainland = read_sequences(src)
    totals = read_total_strokes(unihan)
    entries = []  # (count, has_no_sequence, sequence digits, code point)
    from_seq = from_count = 0
    for code in range(FIRST, LAST + 1):
        ch = chr(code)
        seq = mainland.get(ch) or cns.get(ch)
        if seq:
            digits = "".join(CODE[c] for c in seq)
            entries.append((len(digits), 0, digits, code))
            from_seq += 1
        elif code in totals:
            entries.append((totals[code], 1, "", code))
            from_count += 1
    entries.sort()
    if entries[-1][0] >= COUNTS:
        raise SystemExit(f"a character has {entries[-1][0]} strokes; the table holds up to {COUNTS - 1}")
    ranks = [0] * (LAST - FIRST + 1)
    first = [None] * (COUNTS + 1)
    for i, (count, _, _, code) in enumerate(entries):
        r = BASE + i
        ranks[code - FIRST] = r
        if first[count] is None:
            first[count] = r
    end = BASE + len(entries)
    first[COUNTS] = end
    for n in range(COUNTS - 1, -1, -1):  # counts no character has: an empty range
        if first[n] is None:
            first[n] = first[n + 1]
    if end > 0xFDFF:
        raise SystemExit("too many ranks for two bytes below 0xFE00")
    with open(out, "wb") as f:
        f.write(struct.pack(f"<{COUNTS}H", *first[:COUNTS]))
        f.write(struct.pack(f"<{len(ranks)}H", *ranks))
    print(f"{out}: {from_seq} characters by stroke sequence ({len(mainland)} mainland entries), "
          f"{from_count} by count only, ranks 0x{BASE:04X}..0x{end - 1:04X}", file=sys.stderr)


if __name__ == "__main__":
    main()
