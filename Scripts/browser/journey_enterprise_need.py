"""An enterprise engineer posts a need with one invalid field, sees the message beside it, fixes
it, opens the need's matches (explained, with the score's parts as a chart) and dismisses the
first match (contacting one is a connection request: journey_connection)."""
import datetime
import re


def run(api, browser):
    enterprise = api.organization("enterprise", "HS")
    username, password = api.user(enterprise["id"], "hs.engineer", "org_admin")
    browser.sign_in(username, password)
    browser.open("/console/needs/new")
    browser.shot("need-form")
    deadline = (datetime.date.today() + datetime.timedelta(days=60)).isoformat()
    browser.field("title", "寻求动力电池热管理与电池包散热技术合作")
    browser.field("description", "我公司生产动力电池包，夏季高倍率充电时电芯温差大，希望引进电池热管理和液冷散热技术，降低温差并提升快充能力。")
    browser.field("fields", "new_energy_vehicles")
    browser.field("budgetMin", "500000")
    browser.field("budgetMax", "100000")  # below the minimum: refused
    browser.driver.execute_script("document.getElementById('deadline').value = arguments[0]", deadline)
    browser.submit()
    # One inline message, beside the maximum (the field at fault), saying why.
    errors = browser.all(".field-error")
    assert [error.get_attribute("id") for error in errors] == ["budget_maxFen-error"], \
        f"only the maximum's message: {[(error.get_attribute('id'), error.text) for error in errors]}"
    assert re.search("最高金额不能低于最低金额|maxFen must not be below minFen", errors[0].text), errors[0].text
    maximum = browser.find("#budget-max")
    assert maximum.get_attribute("aria-invalid") == "true", "the maximum is marked invalid"
    assert maximum.get_attribute("aria-describedby") == "budget_maxFen-error", "the maximum points at its message"
    assert browser.find("#budget-min").get_attribute("aria-invalid") is None, "the minimum is not at fault"
    browser.shot("need-inline-error")
    assert browser.find("#title").get_attribute("value").startswith("寻求动力电池"), "what was typed is kept"
    browser.field("budgetMax", "1500000")
    browser.submit()
    browser.expect("寻求动力电池热管理", "the new need in the list")
    browser.shot("needs-list")
    browser.find("table a[href$='/matches']").click()
    browser.find("ol.hits li")
    assert browser.all("ol.hits svg.chart"), "each match explains its score with a chart"
    assert browser.all("ol.hits mark"), "matched terms are highlighted"
    browser.shot("matches")
    browser.submit("ol.hits li form input[value='dismissed'] ~ button")
    browser.find("[role=status]")
    browser.shot("feedback-recorded")
    # At phone width the same page has no sideways scrolling, and the first Tab reaches the
    # "skip to content" link (keyboard users).
    browser.driver.set_window_size(390, 844)
    browser.open("/console/needs")
    overflow = browser.driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{overflow}px of sideways scrolling at phone width"
    from selenium.webdriver.common.keys import Keys
    browser.find("body").send_keys(Keys.TAB)
    focused = browser.driver.switch_to.active_element
    assert focused.get_attribute("class") == "skip", "the first Tab stop is the skip link"
    browser.shot("needs-phone-width")
