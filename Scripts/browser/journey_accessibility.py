"""Phone width and keyboard only: an enterprise's engineer signs in with the keyboard alone (Tab,
typing, Enter), reaches the main action of the needs page and the post button of the need form by
Tab, and every page of the enterprise and of a city administrator fits a 375 px phone without
sideways scrolling (each page also passes the axe check, as in every journey)."""
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

ENTERPRISE_PAGES = [
    "/console", "/console/challenges", "/console/needs", "/console/needs/new", "/console/vouchers",
    "/console/certifications", "/console/connections", "/console/contracts", "/console/notifications",
    "/console/notifications/preferences", "/console/saved-searches", "/console/account", "/console/statistics",
]
CITY_PAGES = [
    "/console/city", "/console/city/policies", "/console/city/policies/new", "/console/city/anomalies",
    "/console/city/cases", "/console/city/settlements", "/console/city/registrations",
]


def keys(browser, *sequence):
    ActionChains(browser.driver).send_keys(*sequence).perform()


def run(api, browser):
    enterprise = api.organization("enterprise", "XN")
    username, password = api.user(enterprise["id"], "xn.keyboard", "org_admin")
    government = api.organization("government", "XN")
    clerk, clerk_password = api.user(government["id"], "xn.clerk.phone", "city_admin")
    a11y = browser.accessibility

    # Keyboard only, at desktop width: sign in without the mouse.
    browser.open("/console/login")
    a11y.tab_to("#username")
    keys(browser, username)
    a11y.tab_to("#password")
    keys(browser, password)
    old = browser.driver.find_element("tag name", "html")
    a11y.tab_to("main form button[type=submit]")
    keys(browser, Keys.ENTER)
    browser.wait_replaced(old)
    browser.expect(username, "signed in by keyboard")
    browser.open("/console/needs")
    link = a11y.tab_to("main a[href='/console/needs/new']")
    old = browser.driver.find_element("tag name", "html")
    keys(browser, Keys.ENTER)
    browser.wait_replaced(old)
    assert browser.driver.current_url.endswith("/console/needs/new"), browser.driver.current_url
    a11y.tab_to("#title")
    a11y.tab_to("main form button[type=submit]", presses=120)
    browser.shot("keyboard-need-form")
    del link

    # Phone width: nothing scrolls sideways.
    browser.driver.set_window_size(375, 812)
    for path in ENTERPRISE_PAGES:
        browser.open(path)
        a11y.no_horizontal_scroll()
    browser.open("/console/needs")
    browser.shot("phone-needs")
    browser.sign_out()
    browser.sign_in(clerk, clerk_password)
    for path in CITY_PAGES:
        browser.open(path)
        a11y.no_horizontal_scroll()
    browser.open("/console/city/settlements")
    browser.shot("phone-settlements")
