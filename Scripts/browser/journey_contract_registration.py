"""A signed patent licence between a Wuhan university and a Huanggang enterprise: the university
applies for registration (认定登记) in the console, the Wuhan city clerk registers it from the
queue, and the contract shows its number (year, 420100, sequence) to the university."""
import re

import deals

TITLE = "激光熔覆再制造专利实施许可合同"


def run(api, browser):
    university, enterprise, (seller, seller_password), (buyer, buyer_password) = deals.people(api, "register")
    bureau = api.organization("government", "WH")
    clerk, clerk_password = api.user(bureau["id"], "wh.clerk.register", "city_admin")
    seller_token, buyer_token = api.login(seller, seller_password), api.login(buyer, buyer_password)
    patent = deals.patent(api, seller_token, "202010478905", "一种激光熔覆再制造修复方法",
                          "本发明公开了一种用于轴类零件的激光熔覆修复方法。", ["激光熔覆", "再制造"])
    connection = deals.accepted_connection(api, buyer_token, seller_token, patent["id"])
    contract = deals.signed_contract(
        api, buyer_token, seller_token, enterprise, university, patent["id"], connection["id"], TITLE)
    path = f"/console/contracts/{contract['id']}"

    browser.sign_in(seller, seller_password)
    browser.open(path)
    browser.submit("#step-apply button")
    browser.done(r"\?done=apply_registration$", "applying for registration")
    assert browser.find("#contract-status").text in ("登记申请中", "Registration applied")
    browser.shot("applied")
    browser.sign_out()

    browser.sign_in(clerk, clerk_password)
    browser.open("/console/city/registrations")
    row = browser.row(TITLE, "#registrations tbody tr")
    browser.shot("queue")
    browser.submit("form[action$='/register'] button", within=row)
    browser.done(r"/console/city/registrations\?done=register$", "registering")
    registered = browser.row(TITLE, "#registered tbody tr")
    number = re.search(r"\d{4}420100\d{6}", registered.text)
    assert number, registered.text
    browser.shot("registered")
    browser.sign_out()

    browser.sign_in(seller, seller_password)
    browser.open(path)
    assert browser.find("#registration-number").text == number.group(0)
    assert browser.find("#contract-status").text in ("已登记", "Registered")
    browser.shot("number-shown")
