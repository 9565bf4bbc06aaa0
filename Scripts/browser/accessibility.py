"""The accessibility check every journey runs on every page it visits: axe-core, loaded at run time
from the installed `selenium-axe-python` package (PyPI; .ci/run installs it — the script is never
copied into the repository), run in the page, failing on serious and critical violations.

Also the phone-width check (no horizontal scroll at 375 px) and a keyboard helper (Tab until an
element is focused) for the journeys that do a phone-width and a keyboard-only pass.
A11Y=report prints the violations instead of failing (to see them all while fixing them)."""
import importlib.util
import os

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

FAILING = ("serious", "critical")


def axe_source():
    """axe.min.js from the installed package, read at run time."""
    spec = importlib.util.find_spec("selenium_axe_python")
    if spec is None or not spec.submodule_search_locations:
        raise AssertionError("accessibility: the selenium-axe-python package is not installed (pip install selenium-axe-python)")
    path = os.path.join(list(spec.submodule_search_locations)[0], "axe-core", "axe.min.js")
    with open(path, encoding="utf-8") as handle:
        return handle.read()


class Accessibility:
    def __init__(self, driver):
        self.driver = driver
        self.source = axe_source()
        self.checked = set()
        self.report_only = os.environ.get("A11Y", "") == "report"

    def check(self):
        """Runs axe on the current page once per distinct URL and page title; raises on serious or
        critical violations (each rule with the elements it names)."""
        key = (self.driver.current_url, self.driver.title, self.driver.get_window_size()["width"])
        if key in self.checked:
            return
        self.checked.add(key)
        self.driver.execute_script(self.source)
        self.driver.set_script_timeout(30)
        result = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']})"
            ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
            " nodes: v.nodes.map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').split('\\n').slice(1, 2).join(''))}))))"
            ".catch(e => done({error: String(e)}));")
        if isinstance(result, dict):
            raise AssertionError(f"accessibility: axe failed on {self.driver.current_url}: {result.get('error')}")
        failing = [violation for violation in result if violation["impact"] in FAILING]
        if not failing:
            return
        lines = [f"accessibility: {len(failing)} serious or critical axe violations on {self.driver.current_url}"]
        for violation in failing:
            lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
            lines.extend(f"      {node}" for node in violation["nodes"][:8])
        message = "\n".join(lines)
        if self.report_only:
            print(message)
        else:
            raise AssertionError(message)

    def no_horizontal_scroll(self):
        """At the current window width the page does not scroll sideways."""
        widths = self.driver.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];")
        if widths[0] > widths[1] + 1:
            wide = self.driver.execute_script(
                "const w = document.documentElement.clientWidth;"
                "return Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > w + 1)"
                ".slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''));")
            raise AssertionError(
                f"phone width: {self.driver.current_url} scrolls sideways ({widths[0]} px in {widths[1]} px): {wide}")

    def tab_to(self, css, presses=60):
        """Presses Tab from the top of the page until the element `css` has the focus; returns it."""
        target = self.driver.find_element(By.CSS_SELECTOR, css)
        self.driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);")
        for _ in range(presses):
            ActionChains(self.driver).send_keys(Keys.TAB).perform()
            if self.driver.switch_to.active_element == target:
                return target
        raise AssertionError(f"keyboard: Tab never reached {css} on {self.driver.current_url}")
