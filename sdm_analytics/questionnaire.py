"""What the questionnaire page (server/survey.py) shows of an open survey link besides its items: the
campaign's year, its programme's title and dates, whom a supervisor answers about, and the answers already
given through the link (the form is pre-filled with them while the campaign is open). Reads only; the
answers are written by campaigns.submit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .campaigns import Link, anonymous_response_id
from .rules import CHOICE_KINDS
from .store import Store

__all__ = ["Subject", "subject", "response_id"]


@dataclass(frozen=True)
class Subject:
    """A campaign's subject and a link's earlier answers (item_code -> a number, or a list of chosen codes;
    the free text under `comment`)."""

    year: int
    title: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    about_name: str | None = None
    answers: dict[str, Any] = field(default_factory=dict)


def response_id(token: str, link: Link) -> str:
    """The response_id campaigns.submit gives the answers of a link: an identified campaign's names the link,
    an anonymous one's is a hash of the token of its own."""
    return anonymous_response_id(token) if link.anonymous else f"{link.campaign_id}-{link.link_id}"


def subject(store: Store, token: str, link: Link) -> Subject:
    """The subject and earlier answers of an open link ('ok')."""
    year, title, start, end = store.rows(
        """
        SELECT c.year, p.title, p.start_date, p.end_date
        FROM campaigns AS c
        LEFT JOIN programs AS p ON p.program_code = c.program_code
        WHERE c.campaign_id = $c
        """,
        {"c": link.campaign_id},
    )[0]
    about = None if link.anonymous or not link.about_nip else store.scalar(
        "SELECT name FROM employees WHERE nip = $n", {"n": link.about_nip})
    given: dict[str, Any] = {}
    for code, value, text, kind, scale_max in store.rows(
        """
        SELECT r.item_code, r.value, r.answer_text, i.survey_kind, i.scale_max
        FROM survey_responses AS r
        JOIN survey_items AS i ON i.item_code = r.item_code
        WHERE r.response_id = $rid
        ORDER BY r.item_code, r.choice
        """,
        {"rid": response_id(token, link)},
    ):
        if scale_max is not None:
            given[code] = value
        elif kind in CHOICE_KINDS:
            given.setdefault(code, []).append(text)
        else:
            given["comment"] = text
    return Subject(int(year), title, start, end, about, given)
