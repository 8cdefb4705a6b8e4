"""Second factor, authenticator app, password reset and email confirmation,
with every email really sent over SMTP to the test sink."""
import re
import subprocess
import time
import uuid

import pyotp
from playwright.sync_api import expect

from conftest import screenshot
from mail import code_in, link_in
from test_accounts import PASSWORD, log_in, sign_up


def unique(prefix):
    return f"{prefix}{uuid.uuid4().hex[:6]}"


def submit_password(page, login):
    page.get_by_label("Username or email").fill(login)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def sign_out(page):
    page.goto("/profile")
    page.get_by_role("button", name="Sign out", exact=True).click()
    expect(page).to_have_url(re.compile(r"/login$"))


def test_login_needs_the_code_from_the_email(new_page, mail_sink):
    page = new_page()
    name = unique("Mail")
    address = f"{name.lower()}@example.com"
    sign_up(page, name)
    sign_out(page)

    before = mail_sink.count()
    submit_password(page, name)
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    expect(page.get_by_text(re.compile(r"We sent a 6-digit code to m•••"))).to_be_visible()
    code_field = page.get_by_label("Login code")
    expect(code_field).to_have_attribute("autocomplete", "one-time-code")
    screenshot(page, "login-code")

    message = mail_sink.wait_for(address, "login code", after=before)
    code = code_in(message)
    assert message.get_body(preferencelist=("html",)) is not None, "the email has an HTML part"

    # A wrong code is refused beside the field, with the tries left.
    code_field.fill("000000" if code != "000000" else "111111")
    page.get_by_role("button", name="Verify and log in").click()
    expect(page.get_by_text("That code is not right. 4 tries left.")).to_be_visible()

    # Another code can't be asked for at once: the button counts down from the moment the code was sent.
    resend = page.get_by_role("button", name=re.compile(r"^Resend code in \d+ s$"))
    expect(resend).to_be_disabled()
    first = int(re.search(r"\d+", resend.inner_text()).group())
    assert 20 <= first <= 30, first
    page.wait_for_timeout(1500)
    assert int(re.search(r"\d+", resend.inner_text()).group()) < first

    code_field.fill(code)
    page.get_by_role("button", name="Verify and log in").click()
    expect(page.get_by_role("heading", level=1, name=name)).to_be_visible()
    assert page.console.unexpected(allowed_statuses={400, 429}) == []


def test_authenticator_app_enrolment_and_login(new_page, mail_sink, tmp_path):
    page = new_page()
    name = unique("Totp")
    sign_up(page, name)
    page.goto("/profile")
    page.get_by_role("button", name="Set up an authenticator app").click()
    qr = page.get_by_role("img", name="QR code to scan with your authenticator app")
    expect(qr).to_be_visible()
    # The picture is decoded, not just laid out, before anything reads it.
    page.wait_for_function("() => { const img = document.querySelector('img.qr'); return img && img.complete && img.naturalWidth > 0; }")

    # A real scanner reads the QR code that Chromium drew, taken before the screenshots resize the
    # window (a reflow in progress must not be what the scanner sees).
    picture = tmp_path / "qr.png"
    qr.screenshot(path=str(picture), animations="disabled")
    scanned = subprocess.run(["zbarimg", "--raw", "-q", str(picture)], capture_output=True, text=True)
    assert scanned.returncode == 0, f"zbarimg read no QR code in {picture} (exit {scanned.returncode}): {scanned.stderr}"
    decoded = scanned.stdout.strip()
    screenshot(page, "authenticator-setup")
    assert decoded.startswith("otpauth://totp/")
    secret = re.search(r"secret=([A-Z2-7]+)", decoded).group(1)
    shown = page.locator(".secret").inner_text().replace(" ", "")
    assert shown == secret

    totp = pyotp.TOTP(secret)
    page.get_by_label("Code from the app").fill(totp.now())
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Turn on authenticator app").click()
    codes = page.get_by_role("list", name="Recovery codes").get_by_role("listitem")
    expect(codes).to_have_count(10)
    recovery = codes.nth(0).inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as text").click()
    saved = download.value.path().read_text()
    assert recovery in saved and saved.count("-") >= 10
    screenshot(page, "recovery-codes")
    page.get_by_role("button", name="I've saved them").click()
    expect(page.get_by_text("Authenticator app", exact=True)).to_be_visible()

    # Log in with the app: the next step's code (the current one was spent on enrolment).
    sign_out(page)
    submit_password(page, name)
    expect(page.get_by_role("heading", name="Enter your app's code")).to_be_visible()
    page.get_by_label("Login code").fill(totp.at(time.time() + 30))
    page.get_by_role("button", name="Verify and log in").click()
    expect(page.get_by_role("heading", level=1, name=name)).to_be_visible()

    # And once with a recovery code instead.
    sign_out(page)
    submit_password(page, name)
    page.get_by_role("button", name="Use a recovery code").click()
    page.get_by_label("Recovery code").fill(recovery)
    page.get_by_role("button", name="Verify and log in").click()
    expect(page.get_by_role("heading", level=1, name=name)).to_be_visible()
    assert page.console.unexpected() == []


def test_forgotten_password_through_the_emailed_link(new_page, mail_sink):
    page = new_page()
    name = unique("Lost")
    address = f"{name.lower()}@example.com"
    sign_up(page, name)
    sign_out(page)

    page.get_by_role("link", name="Forgot your password?").click()
    # The screen renders after its module loads: until then "Email" would also match the
    # login form's "Username or email".
    expect(page.get_by_role("heading", level=1, name="Reset your password")).to_be_visible()
    before = mail_sink.count()
    page.get_by_label("Email").fill(address)
    page.get_by_role("button", name="Send me a reset link").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    screenshot(page, "forgot-password")

    link = link_in(mail_sink.wait_for(address, "Reset your", after=before))
    page.goto(link)
    expect(page).to_have_url(re.compile(r"/reset-password$"))
    page.get_by_label("New password", exact=True).fill("a brand new paddle 9")
    page.get_by_label("Confirm new password").fill("a brand new paddle 9")
    screenshot(page, "reset-password")
    page.get_by_role("button", name="Set new password").click()
    expect(page.get_by_role("heading", name="Password changed")).to_be_visible()

    # The link works once.
    page.goto(link)
    page.get_by_label("New password", exact=True).fill("yet another paddle 10")
    page.get_by_label("Confirm new password").fill("yet another paddle 10")
    page.get_by_role("button", name="Set new password").click()
    expect(page.get_by_text("This link has expired or was already used.")).to_be_visible()

    page.goto("/login")
    log_in(page, name, address, mail_sink, password="a brand new paddle 9")
    expect(page.get_by_role("heading", level=1, name=name)).to_be_visible()
    assert page.console.unexpected(allowed_statuses={400}) == []


def test_email_confirmation_link(new_page, mail_sink):
    """The sign-up code already confirmed the first address; a new one is confirmed by the emailed link."""
    page = new_page()
    name = unique("Conf")
    sign_up(page, name)
    page.goto("/profile")
    security = page.get_by_role("region", name="Sign-in security")
    expect(security.get_by_text("Confirmed", exact=True)).to_be_visible()

    address = f"{name.lower()}@example.org"
    before = mail_sink.count()
    account = page.get_by_role("form", name="Account details")
    account.get_by_label("Email").fill(address)
    account.get_by_label("Current password").fill(PASSWORD)
    account.get_by_role("button", name="Save changes").click()
    expect(security).to_contain_text(f"Waiting for you to confirm {address}")
    screenshot(page, "profile-security")

    page.goto(link_in(mail_sink.wait_for(address, "Confirm your email", after=before)))
    expect(page.get_by_role("heading", name="Email confirmed")).to_be_visible()
    page.get_by_role("link", name="Back to my profile").click()
    expect(security.get_by_text("Confirmed", exact=True)).to_be_visible()
    expect(security).to_contain_text(address)
    assert page.console.unexpected() == []
