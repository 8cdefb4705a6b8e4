"""The HTTP rules checked over real sockets against the real server binary."""
import json
import urllib.error
import urllib.request


def call(server, path, method="GET", body=None, headers=None):
    request = urllib.request.Request(server + path, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_oversized_json_is_refused_by_the_server_with_413(server):
    body = json.dumps({"login": "x" * 17 * 1024, "password": "y"}).encode()
    status, _, payload = call(server, "/api/auth/login", "POST", body,
                              {"Content-Type": "application/json", "X-Requested-With": "transcendence"})
    assert status == 413
    assert json.loads(payload)["error"]["code"] == "payload_too_large"


def test_cross_site_form_post_is_forbidden(server):
    status, _, payload = call(server, "/api/auth/logout", "POST", b"a=1", {
        "Content-Type": "application/x-www-form-urlencoded", "Origin": "https://evil.example",
        "Sec-Fetch-Site": "cross-site"})
    assert status == 403
    assert json.loads(payload)["error"]["code"] == "csrf_failed"


def test_security_headers_and_no_version_banner(server):
    status, headers, _ = call(server, "/login")
    assert status == 200
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "Server" not in headers


def test_hidden_files_are_not_served(server):
    for path in ["/.env", "/.git/config", "/.git/HEAD"]:
        status, _, _ = call(server, path)
        assert status == 404, path
    # Path traversal is refused outright by the file server.
    status, _, _ = call(server, "/css/../../Package.swift")
    assert status in (403, 404)
