"""What the first load and a reload cost, measured in Chromium through the DevTools protocol:
requests that reached the server and bytes on the wire (headers included), for a visitor on the
landing page and for a signed-in player at home."""
import re

from playwright.sync_api import expect

from conftest import Console
from test_accounts import sign_up, unique

# The figures are printed (`pytest -s`) for the closing notes; the asserts are the targets.
RELOAD_BUDGET = 10 * 1024


class Wire:
    """What crossed the network while it listened (a cache hit crosses nothing)."""

    def __init__(self, page):
        self.page = page
        self.cdp = page.context.new_cdp_session(page)
        self.responses = {}
        self.from_cache = set()
        self.bytes = 0
        self.cdp.on("Network.requestServedFromCache", lambda event: self.from_cache.add(event["requestId"]))
        self.cdp.on("Network.responseReceived", lambda event: self.responses.__setitem__(event["requestId"], event["response"]))
        self.cdp.on("Network.loadingFinished", self.finished)
        self.cdp.send("Network.enable")

    def finished(self, event):
        self.bytes += event["encodedDataLength"]

    def fetched(self):
        """The responses that came from the server, not from the browser's cache."""
        return [response for request, response in self.responses.items()
                if request not in self.from_cache and not response.get("fromDiskCache") and not response.get("fromPrefetchCache")
                and response.get("status") not in (0, 101)]

    def reset(self):
        self.responses, self.from_cache, self.bytes = {}, set(), 0


def settle(page):
    page.wait_for_load_state("networkidle")


def scripts_and_styles(responses):
    return [response for response in responses if re.search(r"\.(js|css)$", response["url"])]


def test_a_visitor_loads_little_gzipped_and_a_reload_almost_nothing(new_page):
    page = new_page()
    wire = Wire(page)
    page.goto("/")
    expect(page.get_by_role("button", name="Play the computer now")).to_be_visible()
    settle(page)
    first = wire.fetched()
    files = scripts_and_styles(first)
    print(f"\nvisitor first load: {len(first)} requests, {wire.bytes / 1024:.1f} KB on the wire, {len(files)} scripts and styles")
    # Every script and style is versioned, gzipped and cacheable for a year.
    assert files and all("/assets/" in response["url"] for response in files), [r["url"] for r in files]
    for response in files:
        headers = {name.lower(): value for name, value in response["headers"].items()}
        assert headers.get("content-encoding") == "gzip", response["url"]
        assert "immutable" in headers.get("cache-control", ""), response["url"]
    # A visitor's page carries none of the signed-in player's modules.
    assert not [r["url"] for r in first if "/js/social/" in r["url"] or "/js/play/invitation-center.js" in r["url"]]

    wire.reset()
    page.reload()
    expect(page.get_by_role("button", name="Play the computer now")).to_be_visible()
    settle(page)
    again = wire.fetched()
    print(f"visitor reload: {len(again)} requests, {wire.bytes / 1024:.1f} KB on the wire")
    assert not scripts_and_styles(again), [r["url"] for r in scripts_and_styles(again)]
    assert wire.bytes < RELOAD_BUDGET
    assert page.console.unexpected() == []


def test_a_signed_in_players_reload_costs_under_10_kb(new_page, chromium, server):
    signing_up = new_page()
    sign_up(signing_up, unique("Cache"))
    # The same player in a browser with an empty cache: the social modules come along.
    context = chromium.new_context(base_url=server, storage_state=signing_up.context.storage_state())
    try:
        page = context.new_page()
        page.console = Console()
        page.console.attach(page)
        player_loads_then_reloads(page)
    finally:
        context.close()


def player_loads_then_reloads(page):
    wire = Wire(page)
    page.goto("/")
    expect(page.get_by_role("button", name=re.compile("^Notifications"))).to_be_visible()
    settle(page)
    first = wire.fetched()
    print(f"\nplayer first load: {len(first)} requests, {wire.bytes / 1024:.1f} KB on the wire, "
          f"{len(scripts_and_styles(first))} scripts and styles")
    assert [r for r in first if "/js/social/social-shell.js" in r["url"]]

    wire.reset()
    page.reload()
    expect(page.get_by_role("button", name=re.compile("^Notifications"))).to_be_visible()
    settle(page)
    again = wire.fetched()
    print(f"player reload: {len(again)} requests, {wire.bytes / 1024:.1f} KB on the wire: "
          + ", ".join(sorted(re.sub(r"^https?://[^/]+", "", r["url"]) for r in again)))
    assert not scripts_and_styles(again)
    assert wire.bytes < RELOAD_BUDGET
    assert page.console.unexpected() == []
