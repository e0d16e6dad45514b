r"""The LaTeX of an inline formula as plain Unicode text, for alt texts (figure_alt.py):
a screen reader would read ``\sigma'`` or ``\bar{x}_d`` out character by character.

`speakable` covers Greek letters; the operators, relations and delimiters (``\cdot``,
``\le``, ``\partial``, ``\lVert`` ...); ``\frac`` and ``\sqrt``; the accents ``\bar``,
``\hat``, ``\tilde``, ``\vec``, ``\dot`` (combining marks: x̄, ŷ); the font commands
(``\text``, ``\mathrm`` ...: their contents); superscripts and subscripts (Unicode ones
where every character has one, else ``^(…)`` and ``_…``); ``\left``/``\right`` and
spacing. Any other command is written as its name (``\ln`` → ln), a hyphen as a minus
sign, a prime as ′. It is not a LaTeX parser: nested braces are resolved inside out.
"""
from __future__ import annotations

import re
import unicodedata

#: Symbols that stand for a letter or a delimiter: a space after them only ends the
#: command name (``\partial C`` is ∂C).
_LETTERS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε",
    "varepsilon": "ε", "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ",
    "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ",
    "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "φ",
    "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ",
    "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Phi": "Φ",
    "Psi": "Ψ", "Omega": "Ω", "nabla": "∇", "partial": "∂", "ell": "ℓ",
    "infty": "∞", "sum": "Σ", "prod": "Π", "int": "∫", "prime": "′",
    "lVert": "‖", "rVert": "‖", "Vert": "‖", "lvert": "|", "rvert": "|", "vert": "|",
    "langle": "⟨", "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈",
    "rceil": "⌉",
}
#: Operators and relations: the spaces around them stay as written.
_OPERATORS = {
    "cdot": "·", "times": "×", "div": "÷", "pm": "±", "mp": "∓", "circ": "∘",
    "odot": "⊙", "otimes": "⊗", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥",
    "ll": "≪", "gg": "≫", "ne": "≠", "neq": "≠", "approx": "≈", "sim": "∼",
    "equiv": "≡", "propto": "∝", "to": "→", "rightarrow": "→", "leftarrow": "←",
    "Rightarrow": "⇒", "iff": "⇔", "implies": "⇒", "mapsto": "↦", "in": "∈",
    "notin": "∉", "subset": "⊂", "cup": "∪", "cap": "∩", "mid": "|", "ldots": "…",
    "dots": "…", "cdots": "⋯", "quad": " ", "qquad": " ",
    # dropped: sizes and styles that say nothing
    "big": "", "Big": "", "bigl": "", "bigr": "", "Bigl": "",
    "Bigr": "", "displaystyle": "", "textstyle": "", "limits": "",
}
#: Escaped characters: spacing, ‖, and the characters TeX reserves.
_ESCAPES = {",": " ", ";": " ", ":": " ", " ": " ", "\\": " ", "!": "", "|": "‖",
            "{": "\x01", "}": "\x02"}   # literal braces survive the dropping of groups
_ACCENTS = {"bar": "\u0304", "overline": "\u0304", "hat": "\u0302", "widehat": "\u0302",
            "tilde": "\u0303", "widetilde": "\u0303", "vec": "\u20d7", "dot": "\u0307"}
_FONTS = "text|textrm|textit|textbf|mathrm|mathbf|mathit|mathsf|mathcal|mathbb|" \
         "boldsymbol|operatorname"
_SUPERSCRIPT = str.maketrans(
    "0123456789+−=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVW*′",
    "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂ*′")
_SUBSCRIPT = str.maketrans("0123456789+−=()aehijklmnoprstuvx",
                           "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ")
#: One argument: a group without braces inside, or one character.
_ARG = r"\s*(\{[^{}]*\}|[^\s{}\\^_])"
_ONE_TOKEN = re.compile(r"[\w.′∂∇\u0300-\u036f\u20d7]+")


def _delimiter(match: re.Match) -> str:
    """A delimiter after \\left or \\right, or one of \\lVert, \\rVert ..., as a character."""
    delimiter = match[1]
    if delimiter == ".":
        return ""
    if not delimiter.startswith("\\"):
        return delimiter
    return _LETTERS.get(delimiter[1:]) or _ESCAPES.get(delimiter[1:], delimiter[1:])


def _inner(arg: str) -> str:
    return arg[1:-1] if arg.startswith("{") else arg


def _wrapped(part: str) -> str:
    """A fraction's numerator or denominator, in parentheses unless it is one token."""
    return part if _ONE_TOKEN.fullmatch(part) else f"({part})"


def _script(mark: str, arg: str) -> str:
    text = _inner(arg).strip()
    table = _SUPERSCRIPT if mark == "^" else _SUBSCRIPT
    if all(ord(c) in table for c in text):
        return text.translate(table)
    return f"\x03({text})" if mark == "^" else f"\x04{text}"   # ^ and _ at the end


#: The commands with arguments, applied again and again until none is left, so nested
#: groups resolve from the inside (``\frac{1}{n_{\text{in}}}``: the text, then the
#: subscript, then the fraction).
_STRUCTURE = [
    (re.compile(rf"\\(?:{_FONTS})\s*\{{([^{{}}]*)\}}"), lambda m: m[1]),
    (re.compile(rf"\\({'|'.join(_ACCENTS)})(?![A-Za-z]){_ARG}"),
     lambda m: re.sub(r"(\S)", rf"\1{_ACCENTS[m[1]]}", _inner(m[2]))),
    (re.compile(rf"\\sqrt(?![A-Za-z]){_ARG}"), lambda m: "√" + _wrapped(_inner(m[1]))),
    (re.compile(rf"\\[dt]?frac(?![A-Za-z]){_ARG}{_ARG}"),
     lambda m: f"{_wrapped(_inner(m[1]))}/{_wrapped(_inner(m[2]))}"),
    (re.compile(rf"([\^_]){_ARG}"), lambda m: _script(m[1], m[2])),
]


def speakable(latex: str) -> str:
    """The LaTeX of an inline formula as plain Unicode text a screen reader reads out:
    ``\bar{x}_d - \bar{x}`` → x̄_d − x̄, ``C = \frac12 v^T H v`` → C = 1/2 vᵀ H v."""
    text = latex.replace("-", "−").replace("'", "′").replace("~", " ")
    # \left( and \right) as their delimiters, no space inside them (‖y − a‖)
    text = re.sub(r"\\left(?![A-Za-z])\s*(\\[A-Za-z]+|\\.|[^\\])\s*", _delimiter, text)
    text = re.sub(r"\s*\\right(?![A-Za-z])\s*(\\[A-Za-z]+|\\.|[^\\])", _delimiter, text)
    text = re.sub(r"(\\(?:lVert|lvert|langle|lfloor|lceil))(?![A-Za-z])\s*", _delimiter, text)
    text = re.sub(r"\s*(\\(?:rVert|rvert|rangle|rfloor|rceil))(?![A-Za-z])", _delimiter, text)
    text = re.sub(r"\\([A-Za-z]+)(?![A-Za-z])\s*(?=[\w\\])",
                  lambda m: _LETTERS[m[1]] if m[1] in _LETTERS else m[0], text)
    text = re.sub(r"\\([A-Za-z]+)",
                  lambda m: _LETTERS.get(m[1]) or _OPERATORS.get(m[1], m[0]), text)
    text = re.sub(r"\\([^A-Za-z])", lambda m: _ESCAPES.get(m[1], m[1]), text)
    while True:
        before = text
        for pattern, replace in _STRUCTURE:
            text = pattern.sub(replace, text)
        if text == before:
            break
    text = re.sub(r"\\([A-Za-z]+)", r"\1", text)            # \ln → ln
    text = text.replace("{", "").replace("}", "")
    for mark, char in zip("\x01\x02\x03\x04", "{}^_"):
        text = text.replace(mark, char)
    return unicodedata.normalize("NFC", " ".join(text.split()))   # ŷ as one character
