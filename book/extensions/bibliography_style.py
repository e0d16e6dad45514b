"""The bibliography's style: each entry labelled as the text cites it.

The chapters cite by author and year ("[Nielsen, 2015]", sphinxcontrib-bibtex's
``author_year`` references), so the list labels each entry the same way, not with a
number a reader cannot match to a citation. The entries are sorted by the plain-text
surname (Håstad among the H's, not after Hornik), and a paper in proceedings gives its
pages as "pages 249–256", like a chapter of a book.
"""
from __future__ import annotations

import unicodedata
from typing import Any

from pybtex.plugin import register_plugin
from pybtex.richtext import Text
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting.author_year_title import SortingStyle as AuthorYearTitle
from pybtex.style.formatting.unsrt import date, pages
from pybtex.style.formatting import toplevel
from pybtex.style.template import optional, optional_field, sentence, words
from sphinx.application import Sphinx


def _surnames(entry) -> list[str]:
    """The surnames of an entry's authors (or editors), as plain text."""
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    return [Text.from_latex(" ".join(p.prelast_names + p.last_names)).render_as("text")
            for p in people]


def author_year(entry) -> str:
    """"Nielsen, 2015", "Glorot and Bengio, 2010", "He et al., 2015"."""
    names = _surnames(entry)
    who = (names[0] if len(names) == 1 else " and ".join(names) if len(names) == 2
           else f"{names[0]} et al.")
    return f"{who}, {entry.fields.get('year', '')}"


class AuthorYearLabels(BaseLabelStyle):
    def format_labels(self, sorted_entries):
        for entry in sorted_entries:
            yield author_year(entry)


class PlainSurnameSorting(AuthorYearTitle):
    def persons_key(self, persons):
        key = Text.from_latex(super().persons_key(persons)).render_as("text")
        return unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode()


class BookStyle(PlainStyle):
    default_label_style = "author_year_book"
    default_sorting_style = "plain_surname"

    def get_inproceedings_template(self, e):
        return toplevel[
            sentence[self.format_names("author")],
            self.format_title(e, "title"),
            words[
                "In",
                sentence[
                    optional[self.format_editor(e, as_sentence=False)],
                    self.format_btitle(e, "booktitle", as_sentence=False),
                    self.format_volume_and_series(e, as_sentence=False),
                    optional[words["pages", pages]],
                    optional_field("publisher"),
                    optional_field("address"),
                    date,
                ],
            ],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        ]


register_plugin("pybtex.style.labels", "author_year_book", AuthorYearLabels)
register_plugin("pybtex.style.sorting", "plain_surname", PlainSurnameSorting)
register_plugin("pybtex.style.formatting", "book", BookStyle)


def setup(app: Sphinx) -> dict[str, Any]:
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
