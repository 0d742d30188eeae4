"""SDM ASN Analytics: monitoring and evaluation of ASN competency development in Kota Serang."""

__version__ = "0.1.0"

__all__ = ["__version__"]
