"""Issue 18's first "done when", whole: a new Xianning enterprise registers itself with its
licence, the Xianning administrator verifies it, its administrator invites a colleague who sets
their own password, turns on one-time passwords and signs in with a code, and the colleague posts
a need. No administrator's page ever shows either password."""
import datetime
import os
import re
import tempfile
import time

from journey_account import totp
from journey_registration import PDF, credit_code, post_need


def run(api, browser):
    bureau = api.organization("government", "XN")
    clerk, clerk_password = api.user(bureau["id"], "xn.onboarding.clerk", "city_admin")
    admin, admin_password = "xn.optics.admin", "Jade-Lake-Licence-31"
    colleague, colleague_password = "xn.optics.zhou", "osmanthus river bridge 9"
    name = "咸宁光谷光学器件有限公司"
    code = credit_code("91421200MA5" + datetime.datetime.now().strftime("%H%M%S"))
    licence = os.path.join(tempfile.mkdtemp(), "licence.pdf")
    with open(licence, "wb") as file:
        file.write(PDF)
    seen_by_staff = []

    browser.open("/console/register")
    for field, value in [("kind", "enterprise"), ("name", name), ("city", "XN"), ("creditCode", code),
                         ("contactName", "周经理"), ("contactPhone", "0715-8234567"), ("adminName", "周航"),
                         ("username", admin), ("adminEmail", "zhou.hang@xnoptics.example"),
                         ("password", admin_password)]:
        browser.field(field, value)
    browser.find("#document").send_keys(licence)
    browser.submit()
    browser.done(r"/console/registration\?done=registered", "registered")
    browser.sign_out()

    browser.sign_in(clerk, clerk_password)
    browser.open("/console/city/verifications")
    seen_by_staff.append(browser.source())
    section = [element for element in browser.all("section[id^=verification-]") if name in element.text]
    assert len(section) == 1, browser.text()[:1500]
    organization = section[0].get_attribute("id").split("-")[1]
    browser.submit(f"#verify-{organization}")
    browser.done(r"/console/city/verifications\?done=verify", "verified")
    seen_by_staff.append(browser.source())
    browser.sign_out()

    browser.sign_in(admin, admin_password)
    browser.open("/console/account/invitations")
    browser.field("email", "zhou.min@xnoptics.example")
    browser.field("displayName", "周敏")
    browser.field("role", "org_member")
    browser.submit("form[action='/console/account/invitations'] button[type=submit]")
    link = browser.find("#invitation-link").text.strip()
    assert link.startswith("/console/invitation?token="), link
    seen_by_staff.append(browser.source())
    browser.sign_out()

    browser.open(link)
    browser.field("username", colleague)
    browser.field("password", colleague_password)
    browser.submit()
    browser.done(r"/console/login\?invited=1", "accept the invitation")

    browser.sign_in(colleague, colleague_password)
    browser.open("/console/account/security")
    browser.submit("form[action='/console/account/security/totp/start'] button")
    secret = browser.find("#totp-secret").text
    browser.field("code", totp(secret, time.time()), form="form[action='/console/account/security/totp/confirm']")
    browser.submit("form[action='/console/account/security/totp/confirm'] button")
    assert len(browser.all("#recovery-codes li")) == 10
    browser.sign_out()
    browser.open("/console/login")
    browser.field("username", colleague)
    browser.field("password", colleague_password)
    browser.submit()
    browser.find("#code")
    browser.field("password", colleague_password)
    browser.field("code", totp(secret, time.time() + 30))
    browser.submit()
    browser.expect(re.escape(colleague), "signed in with a code")

    post_need(browser, "寻求光纤准直器自动耦合工艺合作")
    browser.expect("寻求光纤准直器自动耦合工艺合作", "the colleague's need in the list")
    browser.shot("colleague-need")
    for page in seen_by_staff:
        assert admin_password not in page and colleague_password not in page, "a password on a staff page"
