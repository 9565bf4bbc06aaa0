"""A Huanggang engineer searches the catalogue for 光纤传感, saves the search from the results,
turns on its private feed and reads it without signing in; a Wuhan university then lists a
matching patent (through the API), the saved-search run (every 60 s) tells the engineer — the
inbox shows it and the saved search counts it — and the engineer deletes the search."""
import ssl
import time
import urllib.request

PATENT = {
    "number": "ZL202110456789.1", "title": "一种光纤传感温度补偿装置",
    "abstract": "本发明公开了一种用于光纤传感器的温度补偿装置，适用于电力电缆在线监测。", "ipcCodes": ["G01K 11/32"],
    "legalStatus": "granted", "fields": ["optoelectronics"], "keywords": ["光纤传感", "温度补偿"], "trl": 6,
    "transferModes": ["licence_non_exclusive"], "askingPrice": {"minFen": 5000000, "maxFen": 9000000}, "status": "listed",
}


def fetch(url):
    with urllib.request.urlopen(url, context=ssl._create_unverified_context(), timeout=30) as response:
        return response.status, response.read().decode()


def run(api, browser):
    enterprise = api.organization("enterprise", "HG")
    username, password = api.user(enterprise["id"], "eng.saved.hg", "org_member")
    university = api.organization("university", "WH")
    seller = api.login(*api.user(university["id"], "tto.saved.wh", "org_admin"))

    browser.sign_in(username, password)
    browser.open("/console?q=%E5%85%89%E7%BA%A4%E4%BC%A0%E6%84%9F")
    browser.find("form.save-search")
    browser.field("name", "光纤传感跟踪", form="form.save-search")
    browser.shot("results")
    browser.submit("form.save-search button[type=submit]")
    browser.done(r"/console/saved-searches", "save the search")
    row = browser.row("光纤传感跟踪")
    browser.submit("form[action$='/feed'] button", within=row)
    feed = browser.find("code.feed-url").text
    assert "/v1/feeds/saved/" in feed, feed
    feed = feed if feed.startswith("https://") else browser.base + feed
    browser.shot("feed-once")
    status, atom = fetch(feed)
    assert status == 200 and "<feed" in atom, atom[:300]

    before = int(browser.row("光纤传感跟踪").find_elements("css selector", "td")[2].text)
    api.call("POST", "/v1/patents", PATENT, token=seller)
    deadline = time.time() + 150
    while time.time() < deadline:
        browser.open("/console/saved-searches")
        if int(browser.row("光纤传感跟踪").find_elements("css selector", "td")[2].text) > before:
            break
        time.sleep(5)
    else:
        raise AssertionError("the saved-search run did not count the new patent within 150 s")
    browser.shot("matched")
    browser.open("/console/notifications")
    browser.row("符合您保存的检索")
    browser.shot("inbox")
    status, atom = fetch(feed)
    assert "光纤传感温度补偿装置" in atom, "the feed lists the new patent"

    browser.open("/console/saved-searches")
    browser.submit("form[action$='/delete'] button", within=browser.row("光纤传感跟踪"))
    assert not [row for row in browser.all("table.list tbody tr") if "光纤传感跟踪" in row.text]
    try:
        fetch(feed)
        raise AssertionError("a deleted search's feed still answers")
    except urllib.error.HTTPError as error:
        assert error.code == 404, error.code
