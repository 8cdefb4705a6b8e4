"""Text at 200 % zoom without loss: a 1366-px-wide window zoomed to 200 % lays the site out in 683 CSS
pixels. Each screen must fit that width (no sideways scrolling) and no text may be cut off by a box
too small for it (WCAG 1.4.4 and 1.4.10)."""
import re

from playwright.sync_api import expect

from test_accounts import sign_up, unique

ZOOMED = {"width": 683, "height": 450}

CLIPPED = """() => [...document.querySelectorAll("body *")].filter((element) => {
  if (!element.checkVisibility?.() || !element.textContent.trim() || element.closest("[aria-hidden=true], .visually-hidden")) return false;
  const style = getComputedStyle(element);
  const hides = (value) => value === "hidden" || value === "clip";
  const ownText = [...element.childNodes].some((node) => node.nodeType === 3 && node.textContent.trim());
  if (!ownText) return false;
  return (hides(style.overflowX) && element.scrollWidth > element.clientWidth + 1)
    || (hides(style.overflowY) && element.scrollHeight > element.clientHeight + 1);
}).map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join(".")} "${element.textContent.trim().slice(0, 40)}"`)"""


def check(page, name):
    page.wait_for_load_state("networkidle")
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= ZOOMED["width"] + 1, f"{name}: {wide} px wide at 200 %"
    clipped = page.evaluate(CLIPPED)
    assert clipped == [], f"{name}: text cut off at 200 %: {clipped}"


def test_every_screen_keeps_its_text_at_200_percent(chromium, server):
    context = chromium.new_context(viewport=ZOOMED, device_scale_factor=2, base_url=server)
    try:
        page = context.new_page()
        # The check itself finds a box too narrow for its text.
        page.goto("/login")
        page.evaluate("""() => { const box = document.createElement("p"); box.textContent = "a sentence far too long for its box";
          box.style.setProperty("width", "40px"); box.style.setProperty("overflow", "hidden"); box.style.setProperty("white-space", "nowrap");
          document.querySelector("main").append(box); }""")
        assert len(page.evaluate(CLIPPED)) == 1
        for path in ("/", "/login", "/signup", "/forgot-password"):
            page.goto(path)
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            check(page, path)
        sign_up(page, unique("Zoom"))
        check(page, "home")
        for path, heading in (("/play", "Choose a game"), ("/play/ai", "Set up the game"), ("/play/quick", None),
                              ("/profile", "My profile"), ("/matches", None), ("/tournaments", None),
                              ("/tournaments/new", "Create a tournament"), ("/stats", None), ("/play/challenge", None)):
            page.goto(path)
            expect(page.get_by_role("heading", level=1, name=heading) if heading else page.get_by_role("heading", level=1)).to_be_visible()
            check(page, path)
        page.goto("/play/ai")
        page.get_by_role("button", name="Start game").click()
        expect(page.get_by_role("region", name="Pong game")).to_be_visible()
        check(page, "game")
    finally:
        context.close()
