"""Seeded demo data shaped like Kota Serang's ASN (see `build` for the story it carries).

`build_demo` returns a frame per kind; `write_demo` writes them into a store with the demo accounts.
`reference` holds the city's structure, names and programme templates; `common`, `people`,
`programs`, `training` and `surveys` draw each part from their own random stream; `national` copies a
written demo inside the store (the national scale).
"""

from .build import AS_OF, DEMO_ACCOUNTS, YEARS, add_demo_accounts, build_demo, needs_demo, write_demo

__all__ = ["AS_OF", "YEARS", "DEMO_ACCOUNTS", "add_demo_accounts", "build_demo", "needs_demo", "write_demo"]
