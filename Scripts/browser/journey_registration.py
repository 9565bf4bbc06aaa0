"""A new Xianning enterprise registers itself in the browser with its licence (a tiny PDF), signs
in, is refused when it posts a need, the Xianning administrator verifies it in the console with
the licence shown beside the form, and the enterprise then posts its need (issue 18). No
administrator ever sees its password."""
import datetime
import os
import re
import tempfile

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
       b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
       b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")


def credit_code(body):
    """The unified social credit code for 17 characters (GB 32100-2015 check character)."""
    total = sum(ALPHABET.index(character) * weight for character, weight in zip(body, WEIGHTS))
    return body + ALPHABET[(31 - total % 31) % 31]


def post_need(browser, title):
    browser.open("/console/needs/new")
    deadline = (datetime.date.today() + datetime.timedelta(days=60)).isoformat()
    browser.field("title", title)
    browser.field("description", "我公司生产锂电池隔膜，希望引进涂覆工艺提升耐热性，使隔膜在 180 ℃ 下收缩率低于 3%。")
    browser.field("fields", "new_energy_vehicles")
    browser.field("budgetMin", "200000")
    browser.field("budgetMax", "800000")
    browser.driver.execute_script("document.getElementById('deadline').value = arguments[0]", deadline)
    browser.submit()


def run(api, browser):
    bureau = api.organization("government", "XN")
    clerk, clerk_password = api.user(bureau["id"], "xn.verifier", "city_admin")
    username, password = "xn.newmaterials", "Xianning-Licence-2026!"
    name = "咸宁新材料科技有限公司"
    code = credit_code("91421200MA4" + datetime.datetime.now().strftime("%H%M%S"))
    licence = os.path.join(tempfile.mkdtemp(), "licence.pdf")
    with open(licence, "wb") as file:
        file.write(PDF)

    # Anyone, not signed in, registers the enterprise with its licence.
    browser.open("/console/register")
    browser.shot("register-form")
    browser.field("kind", "enterprise")
    browser.field("name", name)
    browser.field("city", "XN")
    browser.field("creditCode", code)
    browser.field("contactName", "李经理")
    browser.field("contactPhone", "0715-8123456")
    browser.field("adminName", "李明")
    browser.field("username", username)
    browser.field("adminEmail", "li.ming@xnmaterials.example")
    browser.field("password", password)
    browser.find("#document").send_keys(licence)
    browser.submit()
    browser.done(r"/console/registration\?done=registered", "registered")
    assert browser.find("#registration-status").get_attribute("data-status") == "pending"
    browser.shot("registration-pending")
    browser.sign_out()

    # It signs in and is refused when it posts a need.
    browser.sign_in(username, password)
    post_need(browser, "寻求锂电池隔膜耐热涂覆工艺合作")
    browser.expect("organization_unverified|尚未通过所在城市审核|not verified by its city", "the need is refused")
    browser.shot("need-refused")
    browser.sign_out()

    # The Xianning administrator verifies it, the licence beside the form.
    browser.sign_in(clerk, clerk_password)
    browser.open("/console/city/verifications")
    section = [element for element in browser.all("section[id^=verification-]") if name in element.text]
    assert len(section) == 1, f"the registration is in the queue: {browser.text()[:1500]}"
    organization = section[0].get_attribute("id").split("-")[1]
    frame = browser.find(f"#verification-{organization} iframe.document-frame")
    assert frame.get_attribute("src").endswith(f"/console/registrations/{organization}/document"), frame.get_attribute("src")
    served = browser.driver.execute_async_script(
        "const done = arguments[1]; fetch(arguments[0]).then(r => r.arrayBuffer().then(b => "
        "done([r.status, r.headers.get('content-type'), r.headers.get('x-content-type-options'), "
        "new TextDecoder().decode(b.slice(0, 5))])))", f"/console/registrations/{organization}/document")
    assert served == [200, "application/pdf", "nosniff", "%PDF-"], served
    browser.shot("verification-queue")
    browser.submit(f"#verify-{organization}")
    browser.done(r"/console/city/verifications\?done=verify", "verified")
    assert code in browser.find("#decided").text
    browser.shot("verified")
    browser.sign_out()

    # Verified, the enterprise posts its need.
    browser.sign_in(username, password)
    post_need(browser, "寻求锂电池隔膜耐热涂覆工艺合作")
    browser.expect("寻求锂电池隔膜耐热涂覆工艺合作", "the new need in the list")
    assert not re.search("organization_unverified", browser.text())
    browser.shot("need-posted")
