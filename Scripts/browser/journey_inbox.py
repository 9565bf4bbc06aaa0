"""Two enterprises (Huanggang, Huangshi) ask a Wuhan university to connect about its patent
(through the API); the university's administrator sees the bell count on the console, opens the
inbox from the bell, finds a request with a link to it, marks it read, and the count drops; then
marks the rest read with one button and the bell shows none; then sets steps others wait for to
the daily digest on the notification settings page."""
import re
import time

PATENT = {
    "number": "ZL201910301234.2", "title": "一种分布式光纤传感监测方法",
    "abstract": "本发明公开了一种用于桥梁形变监测的分布式光纤传感方法。", "ipcCodes": ["G01D 5/353"],
    "legalStatus": "granted", "fields": ["optoelectronics"], "keywords": ["光纤传感"], "trl": 6,
    "transferModes": ["licence_exclusive"], "askingPrice": {"minFen": 10000000, "maxFen": 20000000}, "status": "listed",
}


def unread(browser):
    """The bell's count on the current page (0 when it shows none)."""
    return int(browser.find("#bell").get_attribute("data-unread"))


def run(api, browser):
    university = api.organization("university", "WH")
    username, password = api.user(university["id"], "tto.inbox", "org_admin")
    seller = api.login(username, password)
    buyers = [api.login(*api.user(api.organization("enterprise", city)["id"], f"eng.inbox.{city.lower()}", "org_admin"))
              for city in ("HG", "HS")]
    patent = api.call("POST", "/v1/patents", PATENT, token=seller)

    browser.sign_in(username, password)
    before = unread(browser)
    for buyer in buyers:
        api.call("POST", "/v1/connections", {
            "subject": {"kind": "patent", "id": patent["id"]}, "message": "希望就该专利的独占许可进行洽谈。"}, token=buyer)
    # The outbox is filed into inboxes by a background job (every 2 s): the bell counts it soon.
    deadline = time.time() + 20
    while unread(browser) < before + 2 and time.time() < deadline:
        time.sleep(1)
        browser.open("/console")
    count = unread(browser)
    assert count == before + 2, f"the bell counts both requests: {before} → {count}"
    assert browser.find("#bell-count").text.startswith(str(count)), browser.find("#bell").text
    browser.shot("bell")

    browser.find("#bell").click()
    browser.find("#inbox-unread")
    assert "/console/notifications" in browser.driver.current_url, browser.driver.current_url
    row = browser.all("table.list tbody tr.unread")[0]
    assert "收到新的对接请求" in row.text, row.text
    link = row.find_element("css selector", "a").get_attribute("href")
    assert re.search(r"/console/connections/\d+$", link), link
    browser.shot("inbox")

    browser.submit("form button.link", within=row)
    browser.done(r"/console/notifications\?done=1", "mark one read")
    assert unread(browser) == count - 1, f"the count drops: {count} → {unread(browser)}"
    assert len(browser.all("table.list tbody tr.unread")) == count - 1
    browser.shot("marked")

    browser.submit("#mark-all button")
    browser.done(r"/console/notifications\?done=1", "mark all read")
    assert unread(browser) == 0 and not browser.all("#bell-count"), browser.find("#bell").text

    # From the inbox to the person's notification settings: steps others wait for, as a daily digest.
    browser.find("#preferences-link").click()
    browser.find("#own-form")
    assert "平台默认" in browser.row("待办事项", "#own-form tbody tr").text
    browser.field("workflow.timing", "daily_digest", form="#own-form")
    browser.submit("#own-form button[type=submit]")
    browser.done(r"/console/notifications/preferences\?done=1", "save the settings")
    row = browser.row("待办事项", "#own-form tbody tr")
    assert "本人" in row.text, row.text
    assert browser.find("#own-workflow-timing option[value=daily_digest]").is_selected()
    browser.shot("preferences")
