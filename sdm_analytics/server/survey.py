"""The questionnaire a recipient opens from their survey link (`/Isi_Survei?t=TOKEN`, also `/isi-survei`),
without signing in: a plain HTML form served outside Streamlit (a public websocket would open every page
script), public at the gate (web.py).

GET shows only the link's questionnaire (Bahasa Indonesia; `?lang=en` for English), pre-filled with the
answers given through the link while the campaign is open; POST writes them through campaigns.submit (the
checks of an import) and thanks, or shows the form again with the refused items and the values kept. A Likert
item may be skipped, as in an import, but at least one answer is needed (submit's rule). An unknown or forged
link (or none) gets one polite page with 404, an expired or closed one its own page with 410: no campaign data
either way, and never a sign of whether an unknown token ever existed. The form carries a token bound to the
link and to a cookie of the browser (double submit, as /masuk). The page loads nothing (inline CSS, no script,
no link) and forbids everything else by its CSP.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import html
import secrets
from typing import Any

import pandas as pd
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from .. import campaigns, questionnaire
from ..contract import CODES
from ..formatting import fmt_date
from ..i18n import LANGS, code_label, t
from ..rules import CHOICE_KINDS
from ..store import open_store

__all__ = ["PATHS", "CSRF_COOKIE", "clock", "routes"]

PATHS = ("/Isi_Survei", "/isi-survei")  # the first is the one the links carry (cli/surveys.py)
CSRF_COOKIE = "sdm_survey_csrf"
_SINGLE_CHOICE = ("mode",)  # choice dimensions answered with one option (the preferred mode); others: several
_SCALE = ("survey.form.scale_1", "survey.form.scale_2", "survey.form.scale_3", "survey.form.scale_4",
          "survey.form.scale_5")
_TITLES = {"reaction": "survey.form.title_reaction", "application": "survey.form.title_application",
           "needs": "survey.form.title_needs"}
_STATUS = {"unknown": 404, "expired": 410, "closed": 410}
_HEADERS = {
    "cache-control": "no-store",
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                               "base-uri 'none'; frame-ancestors 'none'",
    "referrer-policy": "no-referrer",  # the page's address holds the token
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
}


def clock() -> dt.datetime:
    """Now, as the questionnaire judges a link (tests replace it)."""
    return dt.datetime.now()


def _lang(value: object) -> str:
    return str(value) if value in LANGS else "id"


def _proof(cookie: str, token: str) -> str:
    """The form's CSRF token: the browser's cookie bound to this link."""
    return hmac.new(cookie.encode(), campaigns.token_hash(token).encode(), hashlib.sha256).hexdigest()


def _page(lang: str, body: str, status: int = 200) -> HTMLResponse:
    e = html.escape
    doc = ("<!doctype html><html lang='" + lang + "'><head><meta charset='utf-8'>"
           "<meta name='viewport' content='width=device-width, initial-scale=1'>"
           f"<title>{e(t('survey.form.page_title', lang))}</title><style>{_STYLE}</style></head>"
           f"<body><main><p class='kicker'>{e(t('survey.form.page_title', lang))}</p>{body}</main></body></html>")
    return HTMLResponse(doc, status_code=status, headers=_HEADERS)


def _message(lang: str, state: str) -> HTMLResponse:
    """The one page of a link that cannot be answered: its state's message and nothing else."""
    return _page(lang, f"<p class='message' role='status'>{html.escape(t(f'survey.link_{state}', lang))}</p>",
                 _STATUS[state])


def _text(item: Any, lang: str) -> str:
    return item.text_en if lang == "en" and isinstance(item.text_en, str) and item.text_en.strip() else item.text_id


def _is_scale(item: Any) -> bool:
    return not pd.isna(item.scale_max)


def _is_choice(item: Any) -> bool:
    return not _is_scale(item) and item.survey_kind in CHOICE_KINDS


def _free_item(link: campaigns.Link) -> Any:
    """The questionnaire's free-text item (its comment box), if it has one."""
    return next((i for i in link.items.itertuples(index=False) if not _is_scale(i) and not _is_choice(i)), None)


def _fieldset(number: int, item: Any, value: Any, problem: str, lang: str) -> str:
    e, code = html.escape, html.escape(item.item_code)
    head = f"<legend><span class='n'>{number}.</span> {e(_text(item, lang))}</legend>"
    if problem:
        head += f"<p class='bad'>{e(problem)}</p>"
    if _is_scale(item):
        low, high = int(item.scale_min), int(item.scale_max)
        chosen = str(int(float(value))) if isinstance(value, (int, float)) or str(value or "").isdigit() else ""
        options = "".join(
            f"<label class='pt'><input type='radio' name='{code}' value='{v}'{' checked' if str(v) == chosen else ''}>"
            f"<b>{v}</b><small>{e(t(_SCALE[v - 1], lang)) if (low, high) == (1, 5) else ''}</small></label>"
            for v in range(low, high + 1))
        return f"<fieldset class='item{' err' if problem else ''}'>{head}<div class='scale'>{options}</div></fieldset>"
    one = item.dimension in _SINGLE_CHOICE
    chosen = {value} if isinstance(value, str) else set(value or ())
    kind = "radio" if one else "checkbox"
    options = "".join(
        f"<label class='opt'><input type='{kind}' name='{code}' value='{e(c)}'{' checked' if c in chosen else ''}>"
        f"<span>{e(code_label(item.dimension, c, lang))}</span></label>" for c in CODES.get(item.dimension, ()))
    hint = t("survey.form.one" if one else "survey.form.several", lang)
    return (f"<fieldset class='item{' err' if problem else ''}'>{head}<p class='hint'>{e(hint)}</p>"
            f"{options}</fieldset>")


def _form(path: str, lang: str, token: str, csrf: str, link: campaigns.Link, subject: questionnaire.Subject,
          values: dict[str, Any], error: campaigns.CampaignError | str | None = None) -> str:
    e = html.escape
    parts = [f"<h1>{e(t(_TITLES[link.kind], lang))}</h1>"]
    if subject.title:
        dates = f"{fmt_date(subject.start, lang)} – {fmt_date(subject.end, lang)}"
        parts.append(f"<p class='subject'><strong>{e(subject.title)}</strong><br>{e(dates)}</p>")
    else:
        parts.append(f"<p class='subject'><strong>{e(t('survey.form.year', lang, year=subject.year))}</strong></p>")
    if link.respondent_role == "supervisor" and subject.about_name:
        parts.append(f"<p class='about'>{e(t('survey.form.about', lang, name=subject.about_name))}</p>")
    if link.answered_at is not None:
        when = fmt_date(link.closes_at.date(), lang)
        parts.append(f"<p class='note'>{e(t('survey.form.editable', lang, date=when))}</p>")
    asked = [i for i in link.items.itertuples(index=False) if _is_scale(i) or _is_choice(i)]
    numbers = {i.item_code: n for n, i in enumerate(asked, start=1)}
    problems: dict[str, str] = {}
    if isinstance(error, campaigns.CampaignError) and error.problems:
        problems = {item: t(reason, lang, detail=detail) for item, reason, detail in error.problems}
        lines = "".join(f"<li>{e(t('survey.form.item', lang, number=numbers.get(item, '?')))}: {e(why)}</li>"
                        for item, why in problems.items())
        parts.append(f"<div class='error' role='alert'><p>{e(t('survey.form.not_saved', lang))}</p>"
                     f"<ul>{lines}</ul></div>")
    elif error is not None:
        text = error.message(lang) if isinstance(error, campaigns.CampaignError) else error
        parts.append(f"<div class='error' role='alert'><p>{e(text)}</p></div>")
    parts.append(f"<p class='intro'>{e(t('survey.form.intro', lang))}</p>")
    fields = [f"<input type='hidden' name='t' value='{e(token)}'><input type='hidden' name='csrf' value='{e(csrf)}'>"
              f"<input type='hidden' name='lang' value='{lang}'>"]
    fields += [_fieldset(numbers[i.item_code], i, values.get(i.item_code), problems.get(i.item_code, ""), lang)
               for i in asked]
    free = _free_item(link)
    if free is not None:
        fields.append(f"<label class='comment' for='comment'>{e(_text(free, lang))}</label>"
                      f"<textarea id='comment' name='comment' rows='5' maxlength='5000'>"
                      f"{e(str(values.get('comment') or ''))}</textarea>")
    fields.append(f"<button type='submit'>{e(t('survey.form.submit', lang))}</button>")
    parts.append(f"<form method='post' action='{e(path)}'>" + "".join(fields) + "</form>")
    return "".join(parts)


def _cookie(request: Request) -> str:
    """The browser's CSRF cookie, kept while it has a well-formed one (another tab's form stays valid)."""
    value = request.cookies.get(CSRF_COOKIE, "")
    return value if 20 <= len(value) <= 64 and value.replace("-", "").replace("_", "").isalnum() \
        else secrets.token_urlsafe(24)


def _show(request: Request, lang: str, token: str, link: campaigns.Link, values: dict[str, Any] | None = None,
          error: campaigns.CampaignError | str | None = None, status: int = 200) -> Response:
    subject = questionnaire.subject(open_store(), token, link)
    cookie = _cookie(request)
    body = _form(request.url.path, lang, token, _proof(cookie, token), link, subject,
                 subject.answers if values is None else values, error)
    response = _page(lang, body, status)
    response.set_cookie(CSRF_COOKIE, cookie, httponly=True, samesite="strict", path=request.url.path,
                        secure=request.url.scheme == "https")
    return response


def _answers(form: Any, link: campaigns.Link) -> tuple[dict[str, Any], str]:
    """The posted answers as campaigns.submit takes them: a Likert choice as a number, a choice item's options
    as a list (an unchosen item left out), and the comment."""
    answers: dict[str, Any] = {}
    for item in link.items.itertuples(index=False):
        if _is_scale(item):
            raw = str(form.get(item.item_code) or "").strip()
            if raw:
                answers[item.item_code] = int(raw) if raw.isdigit() else raw
        elif _is_choice(item):
            chosen = [str(c) for c in form.getlist(item.item_code) if str(c)]
            if chosen:
                answers[item.item_code] = chosen
    return answers, str(form.get("comment") or "")


def _get(request: Request) -> Response:
    lang, token = _lang(request.query_params.get("lang")), str(request.query_params.get("t") or "")[:200]
    link = campaigns.link_for(open_store(), token, clock())
    if link.state != "ok":
        return _message(lang, link.state)
    return _show(request, lang, token, link)


def _post(request: Request, form: Any) -> Response:
    lang = _lang(form.get("lang") or request.query_params.get("lang"))
    token = str(form.get("t") or request.query_params.get("t") or "")[:200]
    store, now = open_store(), clock()
    link = campaigns.link_for(store, token, now)
    if link.state != "ok":
        return _message(lang, link.state)
    answers, comment = _answers(form, link)
    values = dict(answers, comment=comment)
    cookie, sent = request.cookies.get(CSRF_COOKIE, ""), str(form.get("csrf") or "")
    if not cookie or not sent:
        return _show(request, lang, token, link, values, t("survey.form.expired_form", lang), 400)
    if not hmac.compare_digest(sent, _proof(cookie, token)):
        return _show(request, lang, token, link, values, t("survey.form.expired_form", lang), 403)
    try:
        campaigns.submit(store, token, answers, comment, now)
    except campaigns.CampaignError as refused:
        return _show(request, lang, token, link, values, refused, 422)
    until = fmt_date(link.closes_at.date(), lang)
    return _page(lang, f"<h1>{html.escape(t('survey.form.thanks', lang))}</h1>"
                       f"<p>{html.escape(t('survey.form.thanks_edit', lang, date=until))}</p>")


async def _endpoint(request: Request) -> Response:
    if request.method == "GET":
        return await run_in_threadpool(_get, request)
    form = await request.form(max_files=0, max_fields=200)
    return await run_in_threadpool(_post, request, form)


def routes() -> list[Route]:
    """The questionnaire's routes, for web.ROUTES."""
    return [Route(path, _endpoint, methods=["GET", "POST"]) for path in PATHS]


_STYLE = """
*{box-sizing:border-box}body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;background:#f6f7f9;
color:#1f2430;margin:0;font-size:17px;line-height:1.45}
main{max-width:40rem;margin:0 auto;background:#fff;padding:1.2rem 1rem 2rem;min-height:100vh}
.kicker{color:#5a6270;font-size:.85rem;margin:0 0 .3rem}h1{font-size:1.35rem;margin:0 0 .6rem}
.subject{margin:.2rem 0 .6rem}.about{background:#eef3fa;padding:.5rem .7rem;border-radius:6px}
.note{background:#e8f6ec;padding:.6rem .8rem;border-radius:6px}.intro{color:#444;font-size:.95rem}
.message{font-size:1.1rem;margin-top:1.5rem}
.error{background:#fdecea;color:#8a1c14;padding:.5rem .8rem;border-radius:6px}.error ul{margin:.3rem 0;padding-left:1.2rem}
fieldset{border:1px solid #dde1e7;border-radius:8px;margin:0 0 1rem;padding:.6rem .7rem .8rem}
fieldset.err{border-color:#c62828;background:#fff8f7}.bad{color:#8a1c14;margin:.2rem 0;font-size:.92rem}
legend{float:left;width:100%;padding:0;margin-bottom:.2rem;font-weight:600}
legend+*{clear:both}.n{color:#0b5cad}.hint{margin:.1rem 0 .4rem;color:#5a6270;font-size:.9rem}
.scale{display:grid;grid-template-columns:repeat(5,1fr);gap:.35rem;margin-top:.4rem}
.pt{display:flex;flex-direction:column;align-items:center;text-align:center;min-height:4.2rem;padding:.35rem .15rem;
border:1px solid #c8ccd4;border-radius:8px;cursor:pointer}.pt b{font-size:1.1rem}
.pt small{font-size:.68rem;line-height:1.15;color:#444;hyphens:auto}
.pt:has(input:checked){background:#0b5cad;border-color:#0b5cad;color:#fff}.pt:has(input:checked) small{color:#fff}
.pt input{margin:0 0 .15rem;width:1.1rem;height:1.1rem}
.opt{display:flex;align-items:center;gap:.6rem;min-height:2.9rem;padding:.3rem .6rem;margin:.3rem 0;
border:1px solid #c8ccd4;border-radius:8px;cursor:pointer}.opt input{width:1.3rem;height:1.3rem;flex:none}
.opt:has(input:checked){background:#e8f1fb;border-color:#0b5cad}
.comment{display:block;font-weight:600;margin:.4rem 0}
textarea{width:100%;font:inherit;padding:.55rem;border:1px solid #c8ccd4;border-radius:8px}
button{margin-top:1rem;width:100%;min-height:3.2rem;border:0;border-radius:8px;background:#0b5cad;color:#fff;
font-size:1.05rem;cursor:pointer}
"""
