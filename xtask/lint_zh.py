"""Formats each message it is given with autocorrect, the Chinese copywriting
linter (its rules follow 中文文案排版指北): messages come on stdin separated by
NUL bytes, and go back, formatted, in the same order, the same way. Called by
`cargo xtask lint-zh`, which compares the two."""
import sys

import autocorrect_py

messages = sys.stdin.buffer.read().decode("utf-8").split("\0")
formatted = [autocorrect_py.format(m) for m in messages]
sys.stdout.buffer.write("\0".join(formatted).encode("utf-8"))
