"""After an accepted connection about a Wuhan university's patent, the Huanggang enterprise drafts
a patent-licence contract in the console (value in yuan, one instalment, term, the file's hash),
confirms the terms hash it reads, and the university confirms the same hash: the contract is
signed."""
import datetime

import deals

TITLE = "光纤光栅温度传感专利普通实施许可合同"


def run(api, browser):
    university, enterprise, (seller, seller_password), (buyer, buyer_password) = deals.people(api, "sign")
    seller_token, buyer_token = api.login(seller, seller_password), api.login(buyer, buyer_password)
    patent = deals.patent(api, seller_token, "202110512346", "一种光纤光栅温度传感器及其封装方法",
                          "本发明公开了一种光纤光栅温度传感器，测温精度高。", ["光纤光栅", "温度传感"])
    connection = deals.accepted_connection(api, buyer_token, seller_token, patent["id"])

    browser.sign_in(buyer, buyer_password)
    browser.open(f"/console/connections/{connection['id']}")
    browser.find("a[href^='/console/contracts/new']").click()
    browser.find("#title")
    today = datetime.date.today()
    browser.field("title", TITLE)
    browser.field("type", "patent_licence")
    browser.field("value", "150000")
    browser.field("amount", "150000")
    for element, value in (("due-1", f"{today.year + 1}-06-30"), ("term-start", today.isoformat()),
                           ("term-end", f"{today.year + 2}-12-31")):
        browser.driver.execute_script("document.getElementById(arguments[0]).value = arguments[1]", element, value)
    browser.field("fileSha256", "ef" * 32)
    browser.shot("draft-form")
    browser.submit()
    browser.done(r"/console/contracts/\d+\?done=created$", "drafting the contract")
    contract = browser.driver.current_url.split("?")[0].replace(browser.base, "")
    browser.expect("¥150,000.00", "the value in yuan")
    digest = browser.find("#terms-hash").text
    assert len(digest) == 64, digest
    browser.submit("#step-confirm button")
    browser.done(r"\?done=confirm$", "the buyer confirming")
    assert not browser.all("#step-confirm"), "a confirmation is not offered twice"
    browser.expect("草稿|Draft", "still a draft until the seller confirms")
    browser.shot("buyer-confirmed")
    browser.sign_out()

    browser.sign_in(seller, seller_password)
    browser.open(contract)
    assert browser.find("#terms-hash").text == digest, "the seller reads the same terms hash"
    browser.submit("#step-confirm button")
    browser.done(r"\?done=confirm$", "the seller confirming")
    assert browser.find("#contract-status").text in ("已签署", "Signed"), browser.find("#contract-status").text
    assert browser.all("#step-apply"), "the seller may now apply for registration"
    browser.shot("signed")
