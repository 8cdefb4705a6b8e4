"""Every front-end module loads in Chromium: a syntax error or an import of a file or a name that
does not exist fails here, even in a module no other test happens to open."""
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
