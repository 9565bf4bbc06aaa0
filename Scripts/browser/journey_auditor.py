"""An auditor opens the audit page, sees the signed checkpoint and the log's growth, and proves
an entry: the inclusion proof is fetched and verified in the page (SHA-256 in the browser)."""
from selenium.webdriver.support.ui import WebDriverWait


def run(api, browser):
    organization = api.call("GET", "/v1/organizations?kind=platform&limit=5")["items"][0]
    username, password = api.user(organization["id"], "auditor.browser", "auditor")
    browser.sign_in(username, password)
    browser.open("/console/audit")
    browser.find("#signed-note")
    assert browser.all("svg.chart"), "the log's growth as a chart"
    browser.shot("audit-overview")
    browser.field("seq", "3", form="form[action='/console/audit'][method='get']")
    browser.submit("form[action='/console/audit'][method='get'] button[type=submit]")
    server = browser.find("#proof-server")
    assert server.get_attribute("data-result") == "verified", f"the server-side check: {server.text}"
    WebDriverWait(browser.driver, 20).until(
        lambda driver: driver.find_element("id", "proof-result").get_attribute("data-result") in ("verified", "not-verified")
    )
    result = browser.find("#proof-result")
    assert result.get_attribute("data-result") == "verified", f"the in-page check: {result.text}"
    browser.shot("entry-proved")
