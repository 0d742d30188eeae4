"""The web server around the pages (`app.py`): the sign-in page and single sign-on, the gate that binds every
session to its cookie, the security headers. Starlette routes and middleware for Streamlit's `st.App`; no
streamlit import, so `app.py` loads it without the pages' caches.

- `web`: the sign-in page (`/masuk`), sign-out, the gate, the headers, the store prepared before the first
  visitor (`ROUTES`, `MIDDLEWARE`, `LIFESPAN`);
- `sso`: single sign-on (OpenID Connect) when `.streamlit/secrets.toml` has an [sso] section.
"""
