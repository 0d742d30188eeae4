"""Filters and viewer scope: frozen, hashable values that are clean cache keys.

Each dimension is one small record: its SQL expression (over the aliases of
`rules.PEOPLE` — `e` employees, `u` the employee's own unit, `t` its place in the
unit tree — and `pr` programs) and whether it narrows the population (employee)
or the participations (program). Expressions are fixed here; user values are
only ever bound as parameters.

`opd` is the perangkat daerah at the top of the unit's chain: filtering on an OPD
(or a scope of OPDs) takes every unit below it. `unit` is the unit kerja itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, replace
from typing import Any, Iterable, Mapping, Sequence

from . import rules
from .i18n import t

__all__ = ["Dimension", "DIMENSIONS", "EMPLOYEE_DIMS", "PROGRAM_DIMS", "Filters", "Scope", "default_year"]


@dataclass(frozen=True)
class Dimension:
    """A filter / breakdown dimension."""

    id: str
    sql: str
    level: str  # "employee" or "program"
    match: str = ""  # how a filter on it is tested, with {values} for the bound list (default: the value is in it)

    def label(self, lang: str = "id") -> str:
        """Its name on a page (the catalogue's "dim.<id>")."""
        return t(f"dim.{self.id}", lang)

    label_id = property(lambda self: self.label("id"))
    label_en = property(lambda self: self.label("en"))

    def where(self, param: str) -> str:
        """SQL that keeps the rows whose value is among the bound list $<param>."""
        values = f"CAST(${param} AS VARCHAR[])"
        return self.match.format(values=values) if self.match else f"list_contains({values}, {self.sql})"


DIMENSIONS: dict[str, Dimension] = {
    d.id: d
    for d in (
        Dimension("opd", rules.OPD_OF_EMPLOYEE, "employee", match=rules.UNDER_UNITS),
        Dimension("unit", "e.opd_code", "employee"),
        Dimension("area", "u.area", "employee"),
        Dimension("kecamatan", "u.kecamatan", "employee"),
        Dimension("employment_type", "e.employment_type", "employee"),
        # PNS: the golongan before the slash (III/b -> III); PPPK: 'PPPK ' + golongan.
        Dimension("rank_group", "CASE WHEN e.employment_type = 'PPPK' THEN 'PPPK ' || e.rank_group "
            "ELSE split_part(e.rank_group, '/', 1) END",
                  "employee"),
        Dimension("position_type", "e.position_type", "employee"),
        Dimension("gender", "e.gender", "employee"),
        Dimension("education", "e.education", "employee"),
        Dimension("age_band", rules.age_band(), "employee"),
        Dimension("category", "pr.category", "program"),
        Dimension("topic", "pr.topic", "program"),
        Dimension("mode", "pr.mode", "program"),
        Dimension("organizer", "pr.organizer", "program"),
        Dimension("program", "pr.program_code", "program"),
    )
}
EMPLOYEE_DIMS = tuple(d for d, v in DIMENSIONS.items() if v.level == "employee")
PROGRAM_DIMS = tuple(d for d, v in DIMENSIONS.items() if v.level == "program")


def _tuple(values: Any) -> tuple[str, ...]:
    if values is None or values == "":
        return ()
    if isinstance(values, str):
        return (values,)
    return tuple(sorted({str(v) for v in values if v is not None and str(v) != ""}))


@dataclass(frozen=True)
class Filters:
    """The year and, per dimension, the allowed values (empty = no filter)."""

    year: int
    opd: tuple[str, ...] = ()
    unit: tuple[str, ...] = ()
    area: tuple[str, ...] = ()
    kecamatan: tuple[str, ...] = ()
    employment_type: tuple[str, ...] = ()
    rank_group: tuple[str, ...] = ()
    position_type: tuple[str, ...] = ()
    gender: tuple[str, ...] = ()
    education: tuple[str, ...] = ()
    age_band: tuple[str, ...] = ()
    category: tuple[str, ...] = ()
    topic: tuple[str, ...] = ()
    mode: tuple[str, ...] = ()
    organizer: tuple[str, ...] = ()
    program: tuple[str, ...] = ()

    @classmethod
    def make(cls, year: int, values: Mapping[str, Iterable[str] | str | None] | None = None) -> "Filters":
        """Build from a mapping of dimension -> value(s); unknown keys raise."""
        values = dict(values or {})
        unknown = set(values) - set(DIMENSIONS)
        if unknown:
            raise ValueError(f"unknown filter dimension(s): {', '.join(sorted(unknown))}")
        return cls(year=int(year), **{k: _tuple(v) for k, v in values.items()})

    def active(self) -> dict[str, tuple[str, ...]]:
        """The dimensions that narrow something, with their values."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "year" and getattr(self, f.name)}

    def has_employee_filter(self) -> bool:
        """True when any employee dimension is narrowed (anonymous answers then drop out)."""
        return any(getattr(self, d) for d in EMPLOYEE_DIMS)

    def with_year(self, year: int) -> "Filters":
        """The same filters for another year."""
        return replace(self, year=int(year))

    def with_value(self, dim: str, values: Iterable[str] | str | None) -> "Filters":
        """The same filters with one dimension replaced."""
        if dim not in DIMENSIONS:
            raise ValueError(f"unknown filter dimension: {dim}")
        return replace(self, **{dim: _tuple(values)})

    def to_dict(self) -> dict[str, list[str]]:
        """Active filters as plain lists (JSON, URL)."""
        return {k: list(v) for k, v in self.active().items()}


def default_year(years: Sequence[int], today: dt.date | None = None) -> int | None:
    """The year a view opens on: the latest year with data that is not in the future (one programme dated
    2099 must not become every page's year); the earliest when every year is ahead; None without years. A
    future year can still be chosen."""
    if not years:
        return None
    now = (today or dt.date.today()).year
    past = [y for y in years if y <= now]
    return max(past) if past else min(years)


@dataclass(frozen=True)
class Scope:
    """What a viewer may see: all OPDs, or a set of them (each with every unit below it); and the role."""

    opds: frozenset[str] | None = None
    role: str = "pimpinan"
    user: str = field(default="", compare=True)

    @classmethod
    def everything(cls, role: str = "pimpinan") -> "Scope":
        """All OPDs."""
        return cls(None, role)

    @classmethod
    def of(cls, opds: Iterable[str], role: str = "evaluator") -> "Scope":
        """Only the given OPDs."""
        return cls(frozenset(opds), role)

    @property
    def restricted(self) -> bool:
        return self.opds is not None

    @property
    def suppresses(self) -> bool:
        """Small survey groups are hidden for every role but admin."""
        return self.role != "admin"

    @property
    def aggregates_only(self) -> bool:
        """Leadership sees aggregates: every figure about a group of fewer than the minimum people is hidden too
        (a rate of one person is that person's value)."""
        return self.role == "pimpinan"

    @property
    def sees_people(self) -> bool:
        """Who is who (name, NIP, position): evaluators (their OPDs) and admins; leadership sees aggregates."""
        return self.role != "pimpinan"

    def mask_people(self, frame: Any) -> Any:
        """A person-level frame with name, NIP and position title blanked for a role that sees aggregates:
        counts and charts still add up, nobody is named."""
        if self.sees_people:
            return frame
        out = frame.copy()
        for col in ("name", "nip", "position_name"):
            if col in out:
                out[col] = None
        return out
