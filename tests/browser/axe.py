"""axe-core on every page state a browser journey reaches.

axe (tests/browser/vendor/axe.min.js, from the npm package axe-core: see vendor/README.md) is injected
through the devtools protocol (an init script: the pages' CSP forbids script tags). It checks each
document once loaded, again after each htmx swap and after a change of viewport. Before each action
of the test (a click, a fill, a goto) the checks of the state it leaves are collected, so no state is
missed because the test clicked on quickly; the last state is collected when the test ends.
"""
from pathlib import Path

VENDOR = Path(__file__).parent / "vendor"

CHECKER = """
(() => {
  if (!window.axe || !/^https?:$/.test(location.protocol)) return;
  let chain = Promise.resolve(), started = false;
  const found = [];
  const run = () => axe.run(document, {resultTypes: ["violations"]});
  const check = () => {
    started = true;
    // A run that overlaps a swap in progress can fail; the state is checked again once it settled.
    chain = chain.then(run).catch(() => new Promise(wait => setTimeout(wait, 200)).then(run)).then(result => {
      for (const v of result.violations)
        found.push({url: location.pathname + location.search, rule: v.id, help: v.help,
                    targets: v.nodes.slice(0, 5).map(n => n.target.join(" "))});
    }, error => found.push({url: location.pathname, rule: "axe-error", help: String(error), targets: []}));
    return chain;
  };
  window.__axeCollect = again => {
    if ((again || !started) && document.contentType === "text/html") check();
    return chain.then(() => found.splice(0));
  };
  addEventListener("load", () => { if (document.contentType === "text/html") check(); });
  document.addEventListener("htmx:afterSettle", () => check());
})();
"""


ACTIONS = {"Locator": ("click", "dblclick", "fill", "check", "uncheck", "select_option", "set_input_files",
                       "press", "set_checked"),
           "Page": ("goto", "reload", "go_back", "set_viewport_size")}


class Audit:
    """Collects axe violations for one browser context; `violations` lists them as readable lines."""

    def __init__(self, context):
        self.found = []
        self.checked = 0
        context.add_init_script(script=(VENDOR / "axe.min.js").read_text(encoding="utf-8") + "\n" + CHECKER)

    def collect(self, page, again=False):
        """Wait for the checks of the page's current state (again: check it anew first) and keep them."""
        try:
            found = page.evaluate("again => window.__axeCollect ? window.__axeCollect(again) : null", again)
        except Exception:   # the page was closed meanwhile
            return
        if found is not None:
            self.checked += 1
            self.found += found

    @property
    def violations(self):
        return [f"{v['url']}: {v['rule']} ({v['help']}) at {', '.join(v['targets'])}" for v in self.found]


def collect_before_actions(monkeypatch, audits):
    """Before each action of a test (a click, a fill, a goto...) the page state it leaves is collected,
    so no state is missed because the test moved on quickly. audits: {context: Audit}."""
    import playwright.sync_api as api

    for class_name, names in ACTIONS.items():
        cls = getattr(api, class_name)
        for name in names:
            monkeypatch.setattr(cls, name, _collecting(getattr(cls, name), audits, anew=name == "set_viewport_size"))


def _collecting(action, audits, anew):
    def run(self, *args, **kwargs):
        page = getattr(self, "page", self)
        audit = audits.get(page.context)
        if audit is not None:
            audit.collect(page)
        result = action(self, *args, **kwargs)
        if audit is not None and anew:
            audit.collect(page, again=True)      # the same page at another size is another state
        return result
    return run
