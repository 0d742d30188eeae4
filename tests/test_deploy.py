"""The production recipe, run on loopback: nginx (deploy/nginx-sdm-asn.conf) with TLS in front of two dashboard
processes on one store; compression, security headers, /_stcore/metrics closed, sticky sessions, the
backup command while they serve. Needs nginx (`apt-get install nginx-light`) and openssl."""

from __future__ import annotations

import contextlib
import gzip
import http.client
import json
import os
import re
import shutil
import ssl
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

pytestmark = pytest.mark.browser  # a real server stack, like the browser tests


def _need_nginx() -> None:
    if not Path(NGINX).exists() or not shutil.which("openssl"):
        if os.environ.get("SDM_REQUIRE_BROWSER") == "1":
            pytest.fail("nginx or openssl missing (apt-get install -y nginx-light openssl)")
        pytest.skip("no nginx here: apt-get install -y nginx-light to run the deployment test")


def render_site(conf: str, https_port: int, http_port: int, upstreams: list[int], cert: Path, key: Path) -> str:
    """The shipped site file with this machine's ports and certificate (nothing else changed)."""
    conf = conf.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
    conf = conf.replace("listen 80;", f"listen 127.0.0.1:{http_port};")
    conf = re.sub(r"\n\s*listen \[::\]:\d+[^;]*;", "", conf)
    conf = conf.replace("/etc/ssl/certs/sdm-asn.crt", str(cert)).replace("/etc/ssl/private/sdm-asn.key", str(key))
    servers = "".join(f"    server 127.0.0.1:{p} max_fails=3 fail_timeout=10s;\n" for p in upstreams)
    return re.sub(r"(    server 127\.0\.0\.1:85\d\d[^\n]*\n)+", servers, conf)


@contextlib.contextmanager
def _nginx(folder: Path, site: str):
    conf = folder / "nginx.conf"
    conf.write_text(f"""
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    log_format sticky '$cookie_sdm_session $upstream_addr';
    access_log {folder}/access.log sticky;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
{site}
}}
""")
    check = subprocess.run([NGINX, "-t", "-c", str(conf), "-e", str(folder / "error.log")], capture_output=True,
                           text=True)
    assert check.returncode == 0, check.stderr
    subprocess.run([NGINX, "-c", str(conf), "-e", str(folder / "error.log")], check=True)
    try:
        yield
    finally:
        subprocess.run([NGINX, "-c", str(conf), "-e", str(folder / "error.log"), "-s", "stop"])


@pytest.fixture(scope="module")
def stack(_demo_files, tmp_path_factory, serve_app):
    """nginx on https://127.0.0.1:<port> in front of two dashboard processes on one copy of the demo store."""
    _need_nginx()
    from conftest import free_port

    from sdm_analytics.store import copy_store

    folder = tmp_path_factory.mktemp("deploy")
    db = str(folder / "sdm.duckdb")
    copy_store(_demo_files[1], db)
    cert, key = folder / "tls.crt", folder / "tls.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                    "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    with serve_app(db, tmp_path_factory.mktemp("one")) as first, serve_app(db, tmp_path_factory.mktemp("two")) as second:
        ports = [urllib.parse.urlsplit(u).port for u in (first, second)]
        https_port, http_port = free_port(), free_port()
        site = render_site((ROOT / "deploy" / "nginx-sdm-asn.conf").read_text(), https_port, http_port, ports, cert,
                           key)
        with _nginx(folder, site):
            yield {"port": https_port, "http_port": http_port, "db": db, "folder": folder, "upstreams": ports}


def _get(stack, path: str, headers: dict | None = None, method: str = "GET", body: str | None = None):
    con = http.client.HTTPSConnection("127.0.0.1", stack["port"], timeout=60,
                                      context=ssl._create_unverified_context())
    con.request(method, path, body=body, headers=headers or {})
    response = con.getresponse()
    return response, response.read()


def _sign_in(stack, user: str = "admin", password: str = "admin-demo-2025") -> str:
    form, _ = _get(stack, "/masuk")
    csrf = re.search(r"sdm_csrf=([^;]+)", form.headers["set-cookie"]).group(1)
    body = urllib.parse.urlencode({"csrf": csrf, "username": user, "password": password, "next": "/"})
    response, _ = _get(stack, "/masuk", {"Cookie": f"sdm_csrf={csrf}",
                                         "Content-Type": "application/x-www-form-urlencoded"}, "POST", body)
    assert response.status == 303
    cookie = response.headers["set-cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie  # behind TLS the cookie is https-only
    return re.search(r"sdm_session=([^;]+)", cookie).group(1)


def test_through_the_proxy_a_signed_in_page_opens_compressed_with_its_security_headers(stack):
    token = _sign_in(stack)
    page, _ = _get(stack, "/", {"Cookie": f"sdm_session={token}"})
    assert page.status == 200
    for name, value in (("strict-transport-security", "max-age"), ("x-frame-options", "DENY"),
                        ("content-security-policy", "frame-ancestors 'none'"), ("x-content-type-options", "nosniff")):
        assert value in (page.headers.get(name) or ""), name
    assert page.headers.get_all("x-frame-options") == ["DENY"]  # one copy, the proxy's
    script = "/" + re.search(r'src="\.?/(static/js/index[^"]+\.js)"',
                             _get(stack, "/", {"Cookie": f"sdm_session={token}"})[1].decode()).group(1)
    plain, body = _get(stack, script)
    packed, zipped = _get(stack, script, {"Accept-Encoding": "gzip"})
    assert packed.headers.get("content-encoding") == "gzip" and len(zipped) < len(body) / 2
    assert gzip.decompress(zipped) == body


def test_the_proxy_closes_metrics_redirects_http_and_sends_strangers_to_sign_in(stack):
    assert _get(stack, "/_stcore/metrics")[0].status == 404
    assert _get(stack, "/")[0].headers["location"] == "/masuk?next=%2F"
    con = http.client.HTTPConnection("127.0.0.1", stack["http_port"], timeout=30)
    con.request("GET", "/Program")
    assert con.getresponse().status == 301


def test_a_browser_stays_with_one_process_and_either_process_knows_its_session(stack):
    """Sticky by the session cookie: every request of one signed-in browser reaches the same process (its
    websocket and downloads live there); both processes read the one ledger, so a session made through one is
    valid on the other."""
    tokens = [_sign_in(stack) for _ in range(6)]
    served = {}
    for token in tokens:
        for _ in range(3):
            _get(stack, "/", {"Cookie": f"sdm_session={token}"})
    time.sleep(0.5)
    went: dict[str, set[str]] = {}
    for line in (stack["folder"] / "access.log").read_text().splitlines():
        cookie, _, upstream = line.partition(" ")
        if cookie in tokens:
            went.setdefault(cookie, set()).add(upstream)
    assert set(went) == set(tokens) and all(len(v) == 1 for v in went.values()), went
    for port in stack["upstreams"]:  # each process answers for a session it never saw signed in
        con = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        con.request("GET", "/", headers={"Cookie": f"sdm_session={tokens[0]}"})
        served[port] = con.getresponse().status
    assert set(served.values()) == {200}


def test_a_backup_is_taken_while_both_processes_serve(stack, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "sdm_analytics", "--db", stack["db"], "backup", "--out",
                           str(tmp_path / "backup"), "--keep", "2"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    made = json.loads(proc.stdout)
    from sdm_analytics import accounts
    from sdm_analytics.store import Store

    copy = Store(made["store"], read_only=True)
    assert copy.count("employees") > 4000 and accounts.get(copy, "admin") is not None
    time.sleep(1.1)
    for _ in range(2):
        subprocess.run([sys.executable, "-m", "sdm_analytics", "--db", stack["db"], "backup", "--out",
                        str(tmp_path / "backup"), "--keep", "2"], cwd=ROOT, check=True, capture_output=True,
                       timeout=120)
        time.sleep(1.1)
    assert len(list((tmp_path / "backup").glob("sdm-*.duckdb"))) == 2
    assert len(list((tmp_path / "backup").glob("sdm-*.accounts.sqlite"))) == 2
