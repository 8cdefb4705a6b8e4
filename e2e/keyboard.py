"""Getting about by keyboard only: Tab (or Shift+Tab) until the focus is on the control wanted,
checking on the way that every stop shows where the focus is and sits where it can be seen."""
import re

FOCUSED = """() => {
  const element = document.activeElement;
  // Nothing, or what the page focused itself (the main area after a new screen, tabindex -1): not a Tab stop.
  if (!element || element === document.body || element.tabIndex < 0) return null;
  const style = getComputedStyle(element);
  const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
  // An SVG link shows its focus on the shape inside it (the bracket's matches).
  const shape = element.querySelector?.("rect");
  const svgRing = shape ? parseFloat(getComputedStyle(shape).strokeWidth) >= 3 : false;
  const label = element.labels?.[0]?.childNodes[0]?.textContent ?? element.labels?.[0]?.textContent;
  const name = (element.getAttribute("aria-label") || label || element.textContent || element.title || element.value || "")
    .replace(/\\s+/g, " ").trim();
  const box = element.getBoundingClientRect();
  // A logical order: Tab goes on down the page from where the focus was, except going round again
  // to the first stop of the page (or of an open dialog, which keeps the focus in it).
  // The element focused just before this one, by the page or by Tab (see `watch_focus`).
  const trail = window.focusTrail ?? [];
  const previous = trail[trail.length - 2];
  let inOrder = true;
  if (previous && previous !== element && previous.isConnected
      && (previous.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_PRECEDING)) {
    const scope = element.closest("dialog[open]") ?? document;
    const first = [...scope.querySelectorAll("a[href], button, input, select, textarea, [tabindex]")]
      .find((candidate) => candidate.tabIndex >= 0 && !candidate.disabled && candidate.checkVisibility());
    inOrder = first === element;
  }
  return { name, tag: element.tagName.toLowerCase(), ring: ring || svgRing, inOrder,
    shown: box.width > 0 && box.height > 0 && style.visibility !== "hidden" };
}"""


def watch_focus(page):
    """Keeps every element the focus lands on, in order: by Tab, and by the page itself (a new screen
    focuses its main area, a dialog its first field), whenever that happens."""
    page.evaluate("""() => {
      if (window.focusTrail) return;
      window.focusTrail = [document.activeElement];
      document.addEventListener("focusin", (event) => window.focusTrail.push(event.target), true);
    }""")


def name_pattern(name):
    """A control's name to look for: a pattern as given, or a string matched exactly."""
    return name if isinstance(name, re.Pattern) else re.compile(rf"^{re.escape(name)}$")


def tab_to(page, name, limit=80, backwards=False, tags=None):
    """Presses Tab until the focused control's name matches `name` (a string: exactly; or a pattern);
    fails if it never comes, or if a stop on the way has no visible focus or can't be seen."""
    pattern = name_pattern(name)
    visited = []
    for _ in range(limit):
        watch_focus(page)
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            continue
        visited.append(focused["name"][:40])
        assert focused["shown"], f"the focus went to something that can't be seen: {focused}"
        assert focused["ring"], f"no visible focus on {focused}"
        assert backwards or focused["inOrder"], f"the focus jumped back up the page to {focused} (after {visited[-2:]})"
        if pattern.search(focused["name"]) and (tags is None or focused["tag"] in tags):
            return focused
    raise AssertionError(f"{name!r} never got the focus; the Tab stops were {visited}")


def type_into(page, label, text):
    """Tabs to the field labelled `label` (unless the page already put the focus there) and types
    `text` in it, replacing what was there."""
    focused = page.evaluate(FOCUSED)
    pattern = name_pattern(label)
    if not (focused and pattern.search(focused["name"]) and focused["tag"] in ("input", "textarea", "select")):
        tab_to(page, label, tags=("input", "textarea", "select"))
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def activate(page, name, key="Enter"):
    """Tabs to a control and presses it (Enter, or Space for a checkbox or a toggle)."""
    tab_to(page, name)
    page.keyboard.press(key)
