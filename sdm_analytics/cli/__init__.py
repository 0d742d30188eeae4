"""`python -m sdm_analytics`: the command line (`main`), with the account commands in `users`."""

from .main import main

__all__ = ["main"]
