"""Browser tests: a real server binary on a free loopback port with its own
data folder, driven by Debian's Chromium through Playwright."""
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from languages import assert_in_language

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "e2e" / "output"
SCREENSHOTS = OUTPUT / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


# The running server's environment, for the operator's commands a test runs beside it.
SERVER_ENV = {}


def server_command(*arguments):
    """Runs `transcendence <arguments…>` against the test server's database, as an operator would
    (`role grant alice moderator`); its output. Fails the test on a non-zero exit."""
    binary = ROOT / ".build" / "debug" / "transcendence"
    done = subprocess.run([str(binary), *arguments], cwd=ROOT, env=SERVER_ENV, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"{' '.join(arguments)}: {done.stderr.strip().splitlines()[-1:] or done.returncode}"
    return done.stdout


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def mail_sink():
    """A real SMTP server (scripts/smtp_sink.py) that the app sends every email to."""
    import mail
    from mail import Sink
    maildir = tempfile.mkdtemp(prefix="transcendence-mail-")
    process = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "smtp_sink.py"), "--maildir", maildir],
                               stdout=subprocess.PIPE, text=True)
    port = int(process.stdout.readline().split()[1])
    sink = Sink(maildir, port)
    mail.SINK = sink
    yield sink
    process.kill()
    shutil.rmtree(maildir, ignore_errors=True)


@pytest.fixture(scope="session")
def server(mail_sink):
    binary = ROOT / ".build" / "debug" / "transcendence"
    assert binary.exists(), "build first: swift build"
    data = tempfile.mkdtemp(prefix="transcendence-e2e-")
    port = free_port()
    OUTPUT.mkdir(parents=True, exist_ok=True)
    log = open(OUTPUT / "server.log", "w")
    env = {**os.environ, "DATA_DIR": data, "PORT": str(port), "HOST": "127.0.0.1",
           "SMTP_URL": f"smtp://127.0.0.1:{mail_sink.port}", "MAIL_FROM": "Transcendence <no-reply@transcendence.test>",
           # Every browser of the suite signs up from 127.0.0.1.
           "SIGNUPS_PER_ADDRESS": "200",
           # The true state of every tick beside the keyframes, for the tests that compare the drawn ball with it.
           "GAME_TRUTH_STREAM": "1"}
    SERVER_ENV.clear()
    SERVER_ENV.update(env)
    process = subprocess.Popen([str(binary), "serve"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/api/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.time() > deadline:
            raise RuntimeError(f"server did not start; see {OUTPUT / 'server.log'}")
        time.sleep(0.25)
    yield base
    process.terminate()
    process.wait(timeout=20)
    log.close()
    shutil.rmtree(data, ignore_errors=True)


@pytest.fixture(scope="session")
def chromium():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


class Console:
    """Collects console errors and uncaught exceptions; the test ends by
    checking there were none but the HTTP errors it provoked on purpose."""

    def __init__(self):
        self.errors = []

    def attach(self, page):
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))

    def unexpected(self, allowed_statuses=()):
        pattern = re.compile(r"status of (\d{3})")
        kept = []
        for text in self.errors:
            found = pattern.search(text)
            if found and int(found.group(1)) in allowed_statuses:
                continue
            kept.append(text)
        return kept


@pytest.fixture
def new_page(chromium, server):
    """Opens pages in fresh browser contexts (separate cookie jars), each watched for console errors."""
    contexts = []
    consoles = []

    def open_page(viewport=DESKTOP):
        context = chromium.new_context(viewport=viewport, base_url=server)
        contexts.append(context)
        page = context.new_page()
        console = Console()
        console.attach(page)
        consoles.append(console)
        page.console = console
        return page

    yield open_page
    for context in contexts:
        context.close()


LEAKED_VALUES = re.compile(r"(?<![A-Za-z])(?:null|undefined|NaN)+(?![a-z])|\[object Object\]")


def assert_no_leaked_values(page, name):
    """A JavaScript value printed as text ("null", "undefined", "NaN", "[object Object]") is a bug on any screen."""
    text = page.evaluate("document.body.innerText")
    found = LEAKED_VALUES.search(text)
    assert found is None, f"{name}: the screen shows {found.group(0)!r}: …{text[max(0, found.start() - 60):found.end() + 60]}…"


_axe = None


def accessibility_problems(page):
    """axe-core's serious and critical violations on the page as it is, in both themes."""
    global _axe
    if _axe is None:
        from axe_playwright_python.sync_playwright import Axe
        _axe = Axe()
    problems = []
    original = page.evaluate("document.documentElement.dataset.theme || 'dark'")
    # Colours change at once with reduced motion (the site honours it): on a busy machine a 0.2 s colour
    # transition can still be half-way when axe reads it, and a half-dark button fails contrast in the light theme.
    page.emulate_media(reduced_motion="reduce")
    for theme in ("dark", "light"):
        page.evaluate(f"document.documentElement.dataset.theme = '{theme}'")
        page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
        for violation in _axe.run(page).response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [" ".join(node["target"]) for node in violation["nodes"]][:3]
                problems.append(f"{theme}: {violation['id']} ({violation['impact']}) at {targets}")
    page.evaluate(f"document.documentElement.dataset.theme = '{original}'")
    page.emulate_media(reduced_motion="no-preference")
    return problems


def screenshot(page, name):
    """Saves the screen at desktop and phone widths, after checking it shows no leaked JavaScript
    values and has no serious or critical accessibility violation (axe-core, both themes)."""
    assert_no_leaked_values(page, name)
    # In another language than English, no English catalogue text and no raw key may show.
    assert_in_language(page, name)
    if os.environ.get("AXE", "1") != "0":
        problems = accessibility_problems(page)
        assert not problems, f"{name}: " + "; ".join(problems)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    original = page.viewport_size
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(150)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.wait_for_timeout(150)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-phone.png"), full_page=True)
    # Nothing on a phone may be wider than the phone: sideways scrolling is a layout bug.
    wide = page.evaluate("document.documentElement.scrollWidth")
    if wide > PHONE["width"] + 1:
        # The innermost elements that stick out: what makes the page too wide.
        culprits = page.evaluate("""(limit) => {
            const out = (element) => element.getBoundingClientRect().right > limit + 1 && getComputedStyle(element).position !== "fixed";
            return [...document.querySelectorAll("body *")].filter((element) => out(element) && ![...element.children].some(out))
              .slice(0, 4).map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join(".")} "${element.textContent.trim().slice(0, 30)}"`);
        }""", PHONE["width"])
        page.set_viewport_size(original)
        raise AssertionError(f"{name}: {wide} px wide in a {PHONE['width']}-px window ({culprits})")
    page.set_viewport_size(original)
