"""Who wrote a first-person piece: the "I" of '"I am not shy," I said.'

A column or a book excerpt quotes its own author as "I".  The author is named near the top:
a column's title ("Ann Coulter: And Then There Was the One."), an editor's note ("excerpts
from bestselling author Dinesh D’Souza’s new book") or a byline ("By Jane Ferguson").
Where none of these names a person, "I" stays without a speaker: no name is truer than a
guess.
"""

from __future__ import annotations

import re

from summarizer.given_names import is_given_name
from summarizer.speakers import NAME_GAP, is_person_name

_HEAD = 800  # the title, a byline and an editor's note come first
_NAME = r"[A-Z][\w'’.-]+(?:" + NAME_GAP + r"[A-Z][\w'’.-]+){1,3}"
_COLUMN_TITLE = re.compile(r"\A\s*(?P<name>" + _NAME + r")\s*:\s")
_BYLINE = re.compile(r"^\s*[Bb]y\s+(?P<name>" + _NAME + r")\s*[.,]?\s*$", re.MULTILINE)
_AUTHOR_NAMED = re.compile(
    r"\b(?:author|columnist|contributor|writer|op-ed\s+by|column\s+by)\s+(?P<name>" + _NAME + r")"
)


def first_person_author(text: str) -> str | None:
    """The person who writes as "I" in ``text``, when the top of the text names them."""
    head = text[:_HEAD]
    for pattern in (_COLUMN_TITLE, _BYLINE, _AUTHOR_NAMED):
        match = pattern.search(head)
        if match is None:
            continue
        name = re.sub(r"['’]s$", "", match.group("name"))  # "D’Souza’s new book"
        # "Exclusive Excerpt: ..." is a title, not a columnist: a person opens with a given name.
        if is_person_name(name) and is_given_name(name.split()[0]):
            return name
    return None
