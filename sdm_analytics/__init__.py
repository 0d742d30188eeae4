"""SDM ASN Analytics: monitoring and evaluation of ASN competency development in Kota Serang.

The Python API for analysts (`engine/api.py`): `open_store(path, read_only=True)` and
`compute(store, year, metrics, filters, by, role, opds)` -> a pandas DataFrame; `METRIC_IDS` and `DIMENSIONS`
name what they accept. They load on first use (PEP 562), so `import sdm_analytics.rules` stays light.
"""

__version__ = "0.1.0"

__all__ = ["__version__", "open_store", "compute", "METRIC_IDS", "DIMENSIONS"]

_API = ("open_store", "compute", "METRIC_IDS", "DIMENSIONS")


def __getattr__(name: str):
    if name in _API:
        from .engine import api  # the facade may import any layer (tests/test_architecture.py)

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})
