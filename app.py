"""The dashboard's web server: `streamlit run app.py`.

Serves the pages (dashboard.py and pages/) behind sign-in: the sign-in page and the gate that binds every
session to its HttpOnly cookie, the security headers, /_stcore/metrics closed (sdm_analytics/server/).
"""

import streamlit as st

from sdm_analytics.server.web import LIFESPAN, MIDDLEWARE, ROUTES

app = st.App("dashboard.py", routes=ROUTES, middleware=MIDDLEWARE, lifespan=LIFESPAN)
