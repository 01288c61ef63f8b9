#!/usr/bin/env python3
"""Writes every provider's vectors file: runs each <id>.py generator beside it (vectorlib.py is
what they share). Each file is computed with Python's hmac/hashlib/base64 from the provider's
documented scheme, never by hookguard. Run: python3 tests/vectors/providers/generate.py"""
import os
import runpy
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
for name in sorted(os.listdir(HERE)):
    if name.endswith(".py") and name not in ("generate.py", "vectorlib.py"):
        runpy.run_path(os.path.join(HERE, name), run_name="__main__")
