"""My data: the download on My profile, and deleting the account, as a player does them."""
import json

from playwright.sync_api import expect

from conftest import screenshot
from test_accounts import PASSWORD, sign_up, unique

API = {"X-Requested-With": "transcendence"}


def test_download_my_data_then_delete_the_account(new_page):
    me, friend = new_page(), new_page()
    name, friend_name = unique("exp"), unique("pal")
    sign_up(me, name)
    sign_up(friend, friend_name)
    assert me.request.post("/api/friends/requests", data={"username": friend_name}, headers=API).status == 201
    assert friend.request.post(f"/api/friends/requests/{name}/accept", headers=API).ok

    me.goto("/profile")
    card = me.get_by_role("region", name="Your data")
    expect(card).to_be_visible()
    with me.expect_download() as download:
        card.get_by_role("button", name="Download my data").click()
    saved = download.value
    assert saved.suggested_filename.startswith(f"transcendence-{name}-") and saved.suggested_filename.endswith(".json")
    export = json.loads(open(saved.path(), encoding="utf-8").read())
    assert export["format"] == "transcendence-data-export"
    assert export["profile"]["username"] == name
    assert export["profile"]["email"] == f"{name.lower()}@example.com"
    assert [f["username"] for f in export["friends"]] == [friend_name]
    assert len(export["sessions"]) == 1 and export["sessions"][0]["current"] is True
    expect(card.get_by_role("status")).to_contain_text("Your data is downloaded")
    card.scroll_into_view_if_needed()
    screenshot(me, "my-data")

    # Deleting: the wrong password is refused in place; the right one ends the account.
    danger = me.get_by_role("form", name="Delete account")
    expect(me.get_by_text("deleted player")).to_be_visible()
    danger.get_by_label("Password").fill("not my password")
    danger.get_by_role("button", name="Delete my account").click()
    expect(danger).to_contain_text("That password is not right.")
    danger.get_by_label("Password").fill(PASSWORD)
    danger.get_by_role("button", name="Delete my account").click()
    expect(me.get_by_role("heading", name="Create your account")).to_be_visible()
    assert me.request.get("/api/me").status == 401
    friends = friend.request.get("/api/friends").json()
    assert friends["friends"] == []
    assert friend.request.get(f"/api/users/{name}").status == 404
