"""Editions. The notebooks of both editions have byte-identical code; every text they
show to readers comes from the terms catalog (``book/terms/*.toml``, each entry
``key = ["English", "中文"]``) in the language of the edition being built."""
import os
import re
import tomllib
from pathlib import Path

from cjk import CHINESE_RE

TERMS_FOLDER = Path(__file__).resolve().parents[1] / "terms"


def edition():
    """The edition whose language the outputs use: BOOK_EDITION (the extension
    book/extensions/editions.py sets it for the build; a downloaded notebook sets it in
    its first cell), else the folder the notebook runs in (JupyterLab runs
    book/zh/*.md in book/zh), else English."""
    value = os.environ.get("BOOK_EDITION") or ("zh" if Path.cwd().name == "zh" else "en")
    if value not in ("en", "zh"):
        raise ValueError(f"BOOK_EDITION must be 'en' or 'zh', got {value!r}")
    return value


def pick(en, zh):
    """The English or the Chinese text, for the edition being built."""
    return zh if edition() == "zh" else en


def load_terms(folder=TERMS_FOLDER):
    """The terms catalog: every ``*.toml`` of ``folder``, each entry
    ``key = ["English", "中文"]``; a key defined twice is an error."""
    terms, where = {}, {}
    for path in sorted(folder.glob("*.toml")):
        for key, value in tomllib.loads(path.read_text(encoding="utf-8")).items():
            if key in terms:
                raise ValueError(f"term {key!r} is defined in {where[key]} and {path.name}")
            if not (isinstance(value, list) and len(value) == 2
                    and all(isinstance(v, str) for v in value)):
                raise ValueError(f"term {key!r} in {path.name} must be [English, Chinese]")
            terms[key], where[key] = tuple(value), path.name
    return terms


#: Every text a code cell shows to readers, in both languages (book/terms/*.toml).
TERMS = load_terms()


def term(key, /, **fields):
    """The text ``key`` of the terms catalog in the edition's language; ``fields`` fill
    a template: ``term("seeds_below", n=2)``."""
    if key not in TERMS:
        raise KeyError(f"no term {key!r} in book/terms/*.toml")
    text = pick(*TERMS[key])
    return text.format(**fields) if fields else text


#: English words that a label of the Chinese edition must not contain (symbols, units,
#: code names and proper names such as MNIST or Nielsen are fine).
ENGLISH_WORDS = {
    "epoch", "epochs", "accuracy", "cost", "test", "training", "validation", "seed",
    "seeds", "median", "range", "error", "errors", "loss", "learning", "rate", "weight",
    "weights", "bias", "biases", "output", "outputs", "input", "inputs", "hidden",
    "neuron", "neurons", "digit", "digits", "image", "images", "step", "steps", "time",
    "batch", "size", "quadratic", "network", "mean", "value", "example", "examples", "the",
    "and", "of", "per", "with", "without", "final", "peak", "run", "runs", "layer",
    "configuration", "quantity", "this", "build", "better", "worse", "holds",
    "yes", "count", "number", "fraction", "probability", "target",
}


def check_language(texts, where="output"):
    """Stop the build if a text shown to readers is in the other edition's language: any
    Chinese character in the English edition, any common English word in the Chinese."""
    current = edition()
    for text in texts:
        if current == "en" and CHINESE_RE.search(text):
            raise AssertionError(f"{where}: Chinese in the English edition: {text!r}")
        if current == "zh":
            words = set(re.findall(r"(?<![A-Za-z_\\.])[A-Za-z]+(?![A-Za-z_(])", text))
            english = {w for w in words if w.lower() in ENGLISH_WORDS}
            if english:
                raise AssertionError(f"{where}: English {sorted(english)} in the Chinese "
                                     f"edition: {text!r}")


def count_of(n, whole, verbs=("is", "are")):
    """A count of seeds or networks for English prose, its verb agreeing with it:
    count_of(0, "the seeds") -> "none of the seeds is", (1, ...) -> "1 of the seeds is",
    (3, "the seeds", ("reaches", "reach")) -> "3 of the seeds reach"."""
    singular, plural = verbs
    return f"{'none' if n == 0 else n} of {whole} {plural if n > 1 else singular}"
