"""The Chinese characters, defined once for the extensions, booktools and the tests.

Character-class fragments (for ``f"[{HAN}]"``) and their compiled patterns. Not a Sphinx
extension: a module the others import (book/extensions is on ``sys.path`` in conf.py,
in tests/conftest.py and for booktools).
"""
import re

#: Chinese characters: the CJK Unified Ideographs and their Extension A.
HAN = "\u3400-\u4dbf\u4e00-\u9fff"
#: Chinese text: the characters, CJK punctuation (「」。、) and full-width forms (，（）：).
CHINESE = HAN + "\u3000-\u303f\uff00-\uffef"
#: What Chinese typesetting joins without a space: Chinese text, the compatibility
#: ideographs, and the punctuation Chinese shares with English (— ‘ ’ “ ” …).
JOINED = CHINESE + "\uf900-\ufaff\u2014\u2018-\u201d\u2026"

HAN_RE = re.compile(f"[{HAN}]")
CHINESE_RE = re.compile(f"[{CHINESE}]")
