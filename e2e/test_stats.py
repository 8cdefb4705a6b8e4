"""Statistics in the browser: after real games, a player's dashboard draws one bar per game
(read from the SVG) with text alternatives, the Statistics screen shows the site's totals, and
the leaderboard lists a player with 5 rated games against two opponents at their rank."""
import re

from playwright.sync_api import expect

from conftest import DESKTOP, PHONE, screenshot
from test_accounts import sign_up, unique
from test_play import befriend


def api(page, method, path, body=None):
    """A call from the page's own session, as the front end makes it."""
    origin = re.match(r"https?://[^/]+", page.url).group(0)
    response = page.request.fetch(path, method=method, data=body,
                                  headers={"X-Requested-With": "transcendence", "Origin": origin, "Content-Type": "application/json"})
    assert response.ok, f"{method} {path}: {response.status} {response.text()}"
    return response.json() if response.status != 204 else None


def figure(page, title):
    return page.locator("figure.chart").filter(has=page.get_by_role("heading", name=title, exact=True))


def in_light_theme(page, name):
    """The same screen's screenshots in the light theme (the charts take their colours from it)."""
    page.evaluate("document.documentElement.dataset.theme = 'light'")
    page.wait_for_timeout(400)
    screenshot(page, name)
    page.evaluate("document.documentElement.dataset.theme = 'dark'")


def test_dashboards_statistics_and_the_leaderboard_after_real_games(new_page):
    alice, bob, carol = new_page(), new_page(), new_page()
    a, b, c = unique("Stat"), unique("Rival"), unique("Third")
    sign_up(alice, a)
    sign_up(bob, b)
    sign_up(carol, c)
    befriend(alice, bob, a, b)
    befriend(alice, carol, a, c)

    # Five rated games to 5 (the shortest rated game), three against Bob (a pair's rated games in a
    # day) and two against Carol (a rating from one opponent only is kept off the board), each
    # started from an invitation and played out on both screens.
    for opponent, name in ((bob, b), (bob, b), (bob, b), (carol, c), (carol, c)):
        invitation = api(alice, "POST", "/api/invitations", {"username": name, "pointsToWin": 5, "ballSpeed": "fast", "rated": True})
        api(opponent, "POST", f"/api/invitations/{invitation['id']}/accept")
        for page in (alice, opponent):
            expect(page).to_have_url(re.compile(r"/games/"), timeout=15_000)
        for page in (alice, opponent):
            expect(page.get_by_role("heading", name=re.compile(r"wins\b|You win!"))).to_be_visible(timeout=120_000)
        # Home through the menu: the page (and its socket) stays, ready for the next invitation.
        for page in (alice, opponent):
            page.get_by_role("navigation", name="Main").get_by_role("link", name="Home").click()

    # Alice's page: one bar per game in the results strip, two per game in the points chart,
    # five points on the rating line, one active day; each chart has its text and its table.
    alice.goto(f"/users/{a}")
    expect(alice.get_by_role("heading", name="Dashboard")).to_be_visible()
    results = figure(alice, "Last results")
    expect(results.locator("rect.chart-bar")).to_have_count(5)
    expect(results.locator("figcaption")).to_contain_text("Last 5 games")
    expect(figure(alice, "Points scored and conceded").locator("rect.chart-bar")).to_have_count(10)
    rating = figure(alice, "Rating over time")
    expect(rating.locator("circle.chart-point")).to_have_count(5)
    expect(rating.get_by_role("img")).to_have_attribute("aria-label", re.compile("Line chart of 5 ratings"))
    expect(figure(alice, "Activity").locator("rect.chart-cell:not(.level-0)")).to_have_count(1)
    expect(figure(alice, "Win rate by mode")).to_contain_text("Online")
    for chart in alice.locator("figure.chart").all():
        expect(chart.locator("figcaption")).not_to_be_empty()
    assert alice.locator("figure.chart table").count() >= 5
    # "Provisional" sits on one line under the rating, whole, inside its tile, at both widths.
    for size in (DESKTOP, PHONE):
        alice.set_viewport_size(size)
        note = alice.locator(".stat-note")
        expect(note).to_have_text(re.compile("provisional", re.IGNORECASE))
        fits = note.evaluate("""(note) => {
            const tile = note.closest(".stat").getBoundingClientRect(), box = note.getBoundingClientRect();
            const line = parseFloat(getComputedStyle(note).lineHeight) || box.height;
            return box.right <= tile.right && box.height < line * 1.5;
        }""")
        assert fits, f"the provisional note is broken or spills out at {size}"
    alice.set_viewport_size(DESKTOP)
    screenshot(alice, "dashboard-player")
    in_light_theme(alice, "dashboard-player-light")

    # Bob sees his record against Alice on her page.
    bob.goto(f"/users/{a}")
    record = bob.get_by_role("region", name=f"You against {a}")
    expect(record).to_contain_text("in 3 online games")
    expect(record.get_by_role("list", name=f"Last games against {a}").get_by_role("listitem")).to_have_count(3)

    # My profile has the same dashboard.
    alice.goto("/profile")
    expect(alice.get_by_role("heading", name="My dashboard")).to_be_visible()
    expect(figure(alice, "Last results").locator("rect.chart-bar")).to_have_count(5)
    screenshot(alice, "dashboard-profile")
    in_light_theme(alice, "dashboard-profile-light")

    # The Statistics screen, reached from the top navigation: the totals the API gives, and the leaderboard.
    alice.goto("/")
    alice.get_by_role("navigation", name="Main").get_by_role("link", name="Statistics").click()
    expect(alice.get_by_role("heading", name="Statistics", level=1)).to_be_visible()
    site = api(alice, "GET", "/api/stats")
    totals = alice.get_by_role("region", name="All time")
    expect(totals.locator(".stat").filter(has_text="Matches played")).to_contain_text(f"{site['matches']['total']:,}")
    expect(totals.locator(".stat").filter(has_text="Players").first).to_contain_text(f"{site['players']:,}")
    board = api(alice, "GET", "/api/leaderboard?per=100")
    mine = next(entry for entry in board["items"] if entry["username"] == a)
    row = alice.get_by_role("table").get_by_role("row").filter(has_text=a)
    expect(row).to_contain_text(str(mine["rank"]))
    expect(alice.get_by_text(re.compile(rf"Your rank: {board['me']['rank']}"))).to_be_visible()
    alice.get_by_label("Friends only").check()
    # Header and Alice: Bob (3 rated games) and Carol (2) have not played enough to be listed.
    expect(alice.get_by_role("table").get_by_role("row")).to_have_count(2)
    screenshot(alice, "statistics")
    in_light_theme(alice, "statistics-light")
    for page in (alice, bob, carol):
        assert page.console.unexpected() == []
