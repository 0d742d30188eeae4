"""Survey campaigns (DATA_CONTRACT.md § survey campaigns): a questionnaire sent to a list of people, one
personal link each, and the answers written to survey_responses as an import would write them.

A link is a random token (256 bits); the store keeps only its sha256, so a copy of the store opens no
questionnaire, and the only way to a link again is a new one (`reissue`). An anonymous campaign keeps no
NIP: its answers carry the unit and a response_id derived from the token (not the link), and the times of
both are kept to the day, so the store cannot tie an answer to its link. One answer per link: a second
submission replaces the first while the campaign is open. The reading side (status, missing) lives in
campaign_status.py and is re-exported here, so `campaigns.status` and `campaigns.missing` keep working.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass, field
from typing import Any, Iterable

import pandas as pd

from .campaign_status import CampaignError, campaign_state, missing, status, unanswered
from .contract import CODES
from .rules import CHOICE_KINDS, IN_POST_AT_END, PEOPLE, choice_key, text_max
from .store import Store

__all__ = ["KINDS", "ITEM_KINDS", "LAG_DAYS", "CampaignError", "Link", "due", "open_campaign", "link_for",
           "submit", "status", "missing", "close", "reissue", "token_hash", "anonymous_response_id"]

# The survey_items a campaign of a kind asks: an application campaign also asks the drivers of applying
# (Kirkpatrick's required drivers), a needs campaign also the readiness to change.
ITEM_KINDS: dict[str, tuple[str, ...]] = {"reaction": ("reaction",), "application": ("application", "driver"),
                                          "needs": ("needs", "readiness")}
LAG_DAYS, WINDOW_DAYS = 90, 60  # an application survey asks 90 days after a programme ends; due for 60 days
_PREFIX = {"reaction": "L1", "application": "L3", "needs": "TNA"}
KINDS: tuple[str, ...] = tuple(_PREFIX)


@dataclass(frozen=True)
class Link:
    """What a token opens: its state ('ok', 'unknown', 'expired', 'closed') and, unless unknown, its
    campaign and the questionnaire's items (item_code, survey_kind, dimension, text_id, text_en, scale_min,
    scale_max)."""

    state: str
    campaign_id: str | None = None
    link_id: int | None = None
    kind: str | None = None
    program_code: str | None = None
    anonymous: bool = False
    respondent_role: str | None = None
    about_nip: str | None = None
    unit_code: str | None = None
    answered_at: dt.datetime | None = None
    closes_at: dt.datetime | None = None
    items: pd.DataFrame = field(default_factory=pd.DataFrame)


def token_hash(token: str) -> str:
    """The sha256 (hex) of a token: what the store keeps of a link."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def anonymous_response_id(token: str) -> str:  # a hash of its own: the answer's id does not name its link
    return "anon-" + hashlib.sha256(f"response:{token}".encode("utf-8")).hexdigest()[:32]


def _now(now: dt.datetime | None) -> dt.datetime:  # to the second, as the store shows it
    return (now or dt.datetime.now()).replace(microsecond=0)


def due(store: Store, today: dt.date, lag: int = LAG_DAYS, window: int = WINDOW_DAYS) -> pd.DataFrame:
    """Programmes due for a campaign on `today`: ended with completers in the last `window` days and no reaction
    survey yet (L1); ended `lag` to `lag + window` days ago, no application survey yet (L3) — an older one is
    history, not a survey to send. Imported answers of the kind count as a survey. Columns: program_code,
    title, end_date, kind, recipients (its completers)."""
    return store.df(
        """
        SELECT pr.program_code, pr.title, pr.end_date, k.kind, count(*) AS recipients
        FROM programs AS pr
        JOIN participations AS pa ON pa.program_code = pr.program_code AND pa.status = 'completed'
        CROSS JOIN (VALUES ('reaction', 1), ('application', greatest($lag, 1))) AS k(kind, lag)
        WHERE date_diff('day', pr.end_date, $today) BETWEEN k.lag AND k.lag + $window
          AND NOT EXISTS (SELECT 1 FROM campaigns AS c
                          WHERE c.program_code = pr.program_code AND c.survey_kind = k.kind)
          AND NOT EXISTS (SELECT 1 FROM survey_responses AS r JOIN survey_items AS i ON i.item_code = r.item_code
                          WHERE r.program_code = pr.program_code AND i.survey_kind = k.kind)
        GROUP BY ALL ORDER BY pr.end_date, pr.program_code, k.kind DESC
        """,
        {"today": today, "lag": int(lag), "window": int(window)},
    )


def _recipients(store: Store, kind: str, program_code: str | None, year: int, opds: tuple[str, ...],
                today: dt.date) -> pd.DataFrame:
    """The people a campaign asks (nip, name, unit_code, supervisor_nip, supervisor_name), by NIP. A
    supervisor is known when employees.supervisor_nip names an employee still in post on `today`."""
    if kind != "needs":
        return store.df(
            """
            SELECT e.nip, e.name, e.opd_code AS unit_code, s.nip AS supervisor_nip, s.name AS supervisor_name
            FROM participations AS pa
            JOIN employees AS e ON e.nip = pa.nip LEFT JOIN unit_tree AS t ON t.unit_code = e.opd_code
            LEFT JOIN employees AS s ON s.nip = e.supervisor_nip AND (s.exit_date IS NULL OR s.exit_date > $today)
            WHERE pa.program_code = $program AND pa.status = 'completed'
              AND (len($opds) = 0 OR list_contains($opds, coalesce(t.opd_code, e.opd_code)))  -- an evaluator's own
            ORDER BY e.nip
            """,
            {"program": program_code, "today": today, "opds": list(opds)},
        )
    yend = min(dt.date(year, 12, 31), today)
    return store.df(
        f"""
        SELECT e.nip, e.name, e.opd_code AS unit_code, NULL AS supervisor_nip, NULL AS supervisor_name
        FROM {PEOPLE}
        WHERE {IN_POST_AT_END}
          AND (len($opds) = 0 OR list_contains($opds, coalesce(t.opd_code, e.opd_code)))
        ORDER BY e.nip
        """,
        {"yend": yend, "opds": list(opds)},
    )


def _check_opening(store: Store, kind: str, program_code: str | None, opds: tuple[str, ...], days: int) -> None:
    if kind not in KINDS:
        raise CampaignError("survey.unknown_kind", kind=kind, choices=", ".join(KINDS))
    if days < 1:
        raise CampaignError("survey.bad_days", value=days)
    if kind == "needs" and program_code:
        raise CampaignError("survey.program_not_allowed")
    if kind != "needs" and not program_code:
        raise CampaignError("survey.program_required", kind=kind)
    if program_code and not store.scalar("SELECT count(*) FROM programs WHERE program_code = $p", {"p": program_code}):
        raise CampaignError("survey.unknown_program", code=program_code)
    known = {r[0] for r in store.rows("SELECT opd_code FROM units WHERE list_contains($o, opd_code)",
                                      {"o": list(opds)})}
    if set(opds) - known:
        raise CampaignError("survey.unknown_opd", codes=", ".join(sorted(set(opds) - known)))
    if not store.scalar("SELECT count(*) FROM survey_items WHERE list_contains($k, survey_kind)",
                        {"k": list(ITEM_KINDS[kind])}):
        raise CampaignError("survey.no_items", kind=kind)


def _known(value: Any) -> str | None:  # a frame's missing value (None, NaN, NA) as None
    return None if pd.isna(value) else value


def open_campaign(store: Store, kind: str, program_code: str | None = None, year: int | None = None,
                  opd: Iterable[str] = (), anonymous: bool = False, days_open: int = 30, opened_by: str = "cli",
                  now: dt.datetime | None = None) -> tuple[str, pd.DataFrame]:
    """Open a campaign and issue its links, in one transaction. Returns the campaign id and the links to hand
    out (name, nip, unit_code, role, about_nip, about_name, token): the only copy of the tokens. A self link is
    about its recipient; an application campaign gives each alumnus a self link and a supervisor link about
    them, whose recipient (name, nip) is the alumnus's supervisor (employees.supervisor_nip) when known, else
    empty: the admin hands it to the alumnus's unit head. An anonymous campaign stores no NIP either way. `opd`
    limits the people asked to those OPDs (with their unit kerja): an evaluator's campaign asks its own."""
    now = _now(now)
    opds = tuple(sorted({o.strip().upper() for o in opd if o.strip()}))
    _check_opening(store, kind, program_code, opds, int(days_open))
    year = int(year or (now.year if kind == "needs" else store.scalar(
        "SELECT year(end_date) FROM programs WHERE program_code = $p", {"p": program_code})))
    people = _recipients(store, kind, program_code, year, opds, now.date())
    if people.empty:
        raise CampaignError("survey.no_recipients")
    roles = ("self", "supervisor") if kind == "application" else ("self",)
    links = [(p.name, p.nip, p.unit_code, r, p.nip, p.name) if r == "self" else
             (_known(p.supervisor_name), _known(p.supervisor_nip), p.unit_code, r, p.nip, p.name)
             for p in people.itertuples(index=False) for r in roles]
    frame = pd.DataFrame(links, columns=["name", "nip", "unit_code", "role", "about_nip", "about_name"])
    if anonymous:  # the order of the links must not follow the NIPs of their recipients
        frame = frame.sample(frac=1, random_state=secrets.randbits(32)).reset_index(drop=True)
    frame["token"] = [secrets.token_urlsafe(32) for _ in range(len(frame))]
    subject = program_code or str(year)
    with store.transaction(as_of=store.as_of()) as cur:  # a campaign leaves the data's as-of date as it was
        taken = cur.execute("SELECT count(*) FROM campaigns WHERE starts_with(campaign_id, $p)",
                            {"p": f"{_PREFIX[kind]}-{subject}-"}).fetchone()[0]
        campaign_id = f"{_PREFIX[kind]}-{subject}-{taken + 1}"
        cur.execute(
            """
            INSERT INTO campaigns (campaign_id, survey_kind, program_code, year, anonymous, opened_by, opened_at,
                                   closes_at, closed_at)
            VALUES ($id, $kind, $program, $year, $anon, $by, $now, $closes, NULL)
            """,
            {"id": campaign_id, "kind": kind, "program": program_code, "year": year, "anon": anonymous,
             "by": opened_by, "now": now, "closes": now + dt.timedelta(days=int(days_open))},
        )
        issued = now.replace(hour=0, minute=0, second=0) if anonymous else now
        cur.executemany(
            """
            INSERT INTO campaign_links (campaign_id, link_id, token_hash, recipient_nip, respondent_role, about_nip,
                                        unit_code, issued_at, answered_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)
            """,
            [(campaign_id, i + 1, token_hash(r.token), None if anonymous else _known(r.nip), r.role,
              None if anonymous else r.about_nip, r.unit_code, issued) for i, r in enumerate(frame.itertuples())],
        )
    return campaign_id, frame


def link_for(store: Store, token: str, now: dt.datetime | None = None) -> Link:
    """What a token opens, found by its hash: the campaign and its questionnaire when 'ok', else only the
    state ('unknown' — never issued or re-issued since —, 'expired' or 'closed')."""
    rows = store.rows(
        """
        SELECT l.campaign_id, l.link_id, c.survey_kind, c.program_code, c.anonymous, l.respondent_role,
               l.about_nip, l.unit_code, l.answered_at, c.closes_at, c.closed_at
        FROM campaign_links AS l
        JOIN campaigns AS c ON c.campaign_id = l.campaign_id
        WHERE l.token_hash = $hash
        """,
        {"hash": token_hash(str(token or ""))},
    )
    if not rows:
        return Link("unknown")
    cid, lid, kind, program, anon, role, about, unit, answered, closes, closed = rows[0]
    state = "closed" if closed is not None else "expired" if _now(now) > closes else "ok"
    items = store.df(
        """
        SELECT item_code, survey_kind, dimension, text_id, text_en, scale_min, scale_max
        FROM survey_items
        WHERE list_contains($kinds, survey_kind)
        ORDER BY list_position($kinds, survey_kind), item_code
        """,
        {"kinds": list(ITEM_KINDS[kind])},
    ) if state == "ok" else pd.DataFrame()
    return Link(state, cid, lid, kind, program, bool(anon), role, about, unit, answered, closes, items)


def _answer_rows(link: Link, answers: dict[str, Any], comment: str | None) -> list[tuple[str, Any, Any]]:
    """(item_code, value, answer_text) rows of the answers, each checked as an import checks it (the
    item's kind, the Likert scale, a choice item's options, the text's length); refused answers raise."""
    items = {r.item_code: r for r in link.items.itertuples(index=False)}
    answers = {k: v for k, v in answers.items() if v not in (None, "", [], ())}
    if comment and comment.strip():
        free = [c for c, r in items.items() if pd.isna(r.scale_max) and r.survey_kind not in CHOICE_KINDS]
        if not free:
            raise CampaignError("survey.no_comment_item")
        answers.setdefault(free[0], comment.strip())
    if not answers:
        raise CampaignError("survey.no_answers")
    rows, problems = [], []
    for code, answer in answers.items():
        item = items.get(code)
        if item is None:
            problems.append((code, "survey.item_not_asked", ""))
        elif not pd.isna(item.scale_max):
            if isinstance(answer, bool) or not isinstance(answer, (int, float)):
                problems.append((code, "survey.value_not_number", ""))
            elif not item.scale_min <= answer <= item.scale_max:
                problems.append((code, "ingest.reason_value_scale", f"{item.scale_min:g}–{item.scale_max:g}"))
            else:
                rows.append((code, float(answer), None))
        elif item.survey_kind in CHOICE_KINDS:  # a choice item: each chosen option a known code, one row each
            chosen = [answer] if isinstance(answer, str) else list(answer)
            wrong = [str(c) for c in chosen if c not in CODES.get(item.dimension, ())]
            if wrong:
                problems.append((code, "survey.unknown_option", ", ".join(wrong)))
            else:
                rows.extend((code, None, c) for c in dict.fromkeys(chosen))
        elif len(str(answer)) > text_max("answer_text"):
            problems.append((code, "survey.text_too_long", str(text_max("answer_text"))))
        else:
            rows.append((code, None, str(answer)))
    if problems:
        raise CampaignError("survey.invalid_answers", problems)
    return rows


def submit(store: Store, token: str, answers: dict[str, Any], comment: str | None = None,
           now: dt.datetime | None = None) -> str:
    """Write the answers of one link (in one transaction) and return their response_id. A second submission
    through the same link replaces the first while the campaign is open. Refused (CampaignError) for a link
    that is unknown, expired or closed, and for any answer an import would refuse."""
    now = _now(now)
    link = link_for(store, token, now)
    if link.state != "ok":
        raise CampaignError(f"survey.link_{link.state}")
    rows = _answer_rows(link, answers, comment)
    if link.anonymous:  # an anonymous answer keeps only the day, like its link
        rid, at = anonymous_response_id(token), now.replace(hour=0, minute=0, second=0)
    else:
        rid, at = f"{link.campaign_id}-{link.link_id}", now
    frame = pd.DataFrame(rows, columns=["item_code", "value", "answer_text"], dtype=object).assign(
        response_id=rid, submitted_at=at, nip=None if link.anonymous else link.about_nip,
        program_code=link.program_code, respondent_role=link.respondent_role, unit_code=link.unit_code)
    with store.transaction(as_of=store.as_of()) as cur:
        cur.execute("DELETE FROM survey_responses WHERE response_id = $rid", {"rid": rid})
        cur.register("answers_frame", frame)
        try:
            cur.execute(
                f"""
                INSERT INTO survey_responses (response_id, item_code, nip, program_code, respondent_role,
                                              submitted_at, value, answer_text, unit_code, choice)
                SELECT f.response_id, f.item_code, f.nip, f.program_code, f.respondent_role, f.submitted_at,
                       f.value, f.answer_text, f.unit_code,
                       {choice_key("i.survey_kind", "i.scale_max", "f.answer_text")}
                FROM answers_frame AS f
                JOIN survey_items AS i ON i.item_code = f.item_code
                """
            )
        finally:
            cur.unregister("answers_frame")
        cur.execute("UPDATE campaign_links SET answered_at = $at WHERE campaign_id = $c AND link_id = $l",
                    {"at": at, "c": link.campaign_id, "l": link.link_id})
    return rid


def reissue(store: Store, campaign_id: str, now: dt.datetime | None = None) -> pd.DataFrame:
    """New tokens for the links not answered yet (their old tokens stop working), in one transaction: the
    links to hand out again, as open_campaign returns them (an anonymous campaign's without names)."""
    anonymous, closed = campaign_state(store, campaign_id)
    if closed is not None:
        raise CampaignError("survey.campaign_closed", campaign=campaign_id)
    frame = unanswered(store, campaign_id)
    frame["token"] = [secrets.token_urlsafe(32) for _ in range(len(frame))]
    issued = _now(now).replace(hour=0, minute=0, second=0) if anonymous else _now(now)
    with store.transaction(as_of=store.as_of()) as cur:
        for r in frame.itertuples(index=False):
            cur.execute("UPDATE campaign_links SET token_hash = $h, issued_at = $at "
                        "WHERE campaign_id = $c AND link_id = $l",
                        {"h": token_hash(r.token), "at": issued, "c": campaign_id, "l": int(r.link_id)})
    return frame.drop(columns="link_id")


def close(store: Store, campaign_id: str, now: dt.datetime | None = None) -> bool:
    """Close a campaign: its links stop working. False when it was closed already."""
    _, closed = campaign_state(store, campaign_id)
    if closed is not None:
        return False
    with store.transaction(as_of=store.as_of()) as cur:
        cur.execute("UPDATE campaigns SET closed_at = $now WHERE campaign_id = $c",
                    {"now": _now(now), "c": campaign_id})
    return True
