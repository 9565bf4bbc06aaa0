"""A Huanggang enterprise opens its need's matches, finds a Wuhan university's patent and asks to
connect; before the answer it sees no contacts. The university accepts; both see each other's
contact person, phone and e-mail, and they exchange a message in the thread."""
import datetime
import re

from selenium.webdriver.common.by import By

import deals

TITLE = "一种钙钛矿太阳能电池柔性封装薄膜及其制备方法"


def run(api, browser):
    university, enterprise, (seller, seller_password), (buyer, buyer_password) = deals.people(
        api, "connect", university_index=1, enterprise_index=1)
    seller_token, buyer_token = api.login(seller, seller_password), api.login(buyer, buyer_password)
    deals.patent(api, seller_token, "202210345671", TITLE,
                 "本发明公开了一种用于钙钛矿太阳能电池的柔性封装薄膜，阻水阻氧性能好，延长组件寿命。",
                 ["钙钛矿", "太阳能电池", "封装薄膜"])
    deadline = (datetime.date.today() + datetime.timedelta(days=90)).isoformat()
    need = api.call("POST", "/v1/needs", {
        "title": "寻求钙钛矿太阳能电池柔性封装技术", "description": "我公司生产柔性钙钛矿太阳能电池组件，需要阻水阻氧的封装薄膜技术以延长寿命。",
        "fields": ["optoelectronics"], "keywords": ["钙钛矿", "封装薄膜"],
        "budget": {"minFen": 10000000, "maxFen": 50000000, "negotiable": False},
        "deadline": f"{deadline}T15:59:59Z", "cooperationMode": "licence"}, token=buyer_token)
    phones = {side["id"]: (side.get("contact") or {}).get("phone") for side in (university, enterprise)}

    browser.sign_in(buyer, buyer_password)
    browser.open(f"/console/needs/{need['id']}/matches")
    hits = [hit for hit in browser.all("ol.hits li") if TITLE in hit.text]
    assert len(hits) == 1, f"the university's patent among the matches\n{browser.text()[:1500]}"
    browser.shot("matches")
    old = browser.driver.find_element(By.TAG_NAME, "html")
    hits[0].find_element(By.CSS_SELECTOR, "a[href*='/console/connections/new']").click()
    browser.find("#message")
    assert old is not None and TITLE in browser.text(), "the form names the match"
    browser.field("message", "您好，我们希望就该封装薄膜专利洽谈实施许可，盼复。")
    browser.submit()
    browser.done(r"/console/connections/\d+\?done=sent$", "asking to connect")
    thread = browser.driver.current_url.split("?")[0]
    browser.find("#contacts-hidden")
    for phone in phones.values():
        assert not phone or phone not in browser.text(), "no contacts before acceptance"
    browser.shot("asked")
    browser.sign_out()

    browser.sign_in(seller, seller_password)
    browser.open("/console/connections")
    row = browser.row(enterprise["name"], "#connections tbody tr")
    browser.submit("button[value='accept']", within=row)
    browser.done(r"/console/connections\?done=accepted$", "accepting")
    browser.open(thread.replace(browser.base, ""))
    contacts = browser.cells("#contacts")
    assert len(contacts) == 2, contacts
    for phone in phones.values():
        assert not phone or phone in browser.text(), f"both contacts shown once accepted: {contacts}"
    browser.field("body", "感谢关注。许可条件请见附件草案，欢迎来校面谈。", form="form#post")
    browser.submit("form#post button[type=submit]")
    browser.done(r"/console/connections/\d+\?done=posted$", "posting a message")
    browser.shot("university-replied")
    browser.sign_out()

    browser.sign_in(buyer, buyer_password)
    browser.open(thread.replace(browser.base, ""))
    browser.expect("欢迎来校面谈", "the university's message in the thread")
    for phone in phones.values():
        assert not phone or phone in browser.text(), "the enterprise sees both contacts too"
    browser.field("body", "好的，下周二上午到访。", form="form#post")
    browser.submit("form#post button[type=submit]")
    browser.done(r"/console/connections/\d+\?done=posted$", "replying")
    messages = browser.all("#messages li")
    assert len(messages) == 2 and re.search("下周二", messages[1].text), [m.text for m in messages]
    browser.shot("thread")
