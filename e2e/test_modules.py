"""Every front-end module loads in Chromium: a syntax error or an import of a file or a name that
does not exist fails here, even in a module no other test happens to open."""
import json
import pathlib
import re

from playwright.sync_api import expect

JS = pathlib.Path(__file__).resolve().parent.parent / "Public" / "js"


def test_every_module_imports_in_chromium(new_page):
    page = new_page()
    page.goto("/")
    expect(page.get_by_role("button", name="Play the computer now")).to_be_visible()
    # The page's own versioned prefix, so a module the page already loaded is the same instance.
    base = page.evaluate("document.querySelector('script[type=module]').src.replace(/main\\.js$/, '')")
    assert re.search(r"/assets/[0-9a-f]+/js/$", base), base
    # theme-boot.js is a classic script, run before the first paint.
    modules = sorted(path.relative_to(JS).as_posix() for path in JS.rglob("*.js") if path.name != "theme-boot.js")
    assert len(modules) > 50
    failures = page.evaluate("""async ([base, modules]) => {
        const failed = [];
        for (const module of modules) {
            try { await import(base + module); } catch (error) { failed.push(`${module}: ${error}`); }
        }
        return failed;
    }""", [base, modules])
    assert failures == []
    assert page.console.unexpected() == []


FIXTURES = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "AppTests" / "Fixtures" / "snapshot-frames.json"


def test_the_browser_decodes_the_swift_encoders_frames(new_page):
    """The frames in the fixture were written by the server's encoder (ServerEventTests checks that):
    the browser's decoder, reading the generated layout, gets back every field."""
    page = new_page()
    page.goto("/")
    expect(page.get_by_role("button", name="Play the computer now")).to_be_visible()
    base = page.evaluate("document.querySelector('script[type=module]').src.replace(/main\\.js$/, '')")
    frames = json.loads(FIXTURES.read_text())
    decoded = page.evaluate("""async ([base, frames]) => {
        const { decodeSnapshot, PHASES, FRAME_KINDS } = await import(base + "game/engine/protocol.js");
        return frames.map(({ hex }) => {
            const bytes = new Uint8Array(hex.match(/../g).map((pair) => parseInt(pair, 16)));
            return { frame: decodeSnapshot(bytes.buffer), phases: PHASES, kinds: FRAME_KINDS };
        });
    }""", [base, frames])
    keys = ["none", "up", "down"]
    for fixture, result in zip(frames, decoded):
        frame = result["frame"]
        assert frame is not None
        for name, value in fixture["values"].items():
            expected = (result["phases"][int(value)] if name == "phase"
                        else result["kinds"][str(int(value))] if name == "kind" else value)
            assert frame[name] == expected, (name, frame[name], expected)
        byte = int(fixture["values"]["keys"])
        assert (frame["leftKey"], frame["rightKey"], frame["frozen"]) == (keys[byte & 3], keys[byte >> 2 & 3], bool(byte & 16))
    assert [result["frame"]["kind"] for result in decoded] == ["keyframe", "keyframe", "truth", "keyframe"]
    assert page.console.unexpected() == []
