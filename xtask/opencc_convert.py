"""Converts Chinese text with OpenCC, for `cargo xtask derive-editions`.

usage: python opencc_convert.py <configuration>   (s2twp, s2t, ...)

Reads a JSON list of strings on standard input and writes the list of their
conversions, in the same order, on standard output.
"""

import json
import sys

import opencc


def main():
    converter = opencc.OpenCC(sys.argv[1])
    texts = json.load(sys.stdin)
    json.dump([converter.convert(t) for t in texts], sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
