"""创新券通用通兑 in a browser: a Huangshi enterprise applies for a voucher, the Huangshi city
admin approves it, the enterprise redeems it (通兑) with a listed Wuhan provider, the provider
confirms delivery with its invoice, the enterprise accepts, and the Huangshi city admin sees the
amount in the month's 5 × 5 settlement matrix. A month later (the server restarted with the wall
clock moved forward by libfaketime) the admin approves the batch and a colleague marks it paid."""
import datetime
import re


def run(api, browser):
    government = api.organization("government", "HS")
    enterprise = api.organization("enterprise", "HS", index=1)
    providers = api.call("GET", "/v1/organizations?kind=provider&city=WH&limit=50")["items"]
    provider = providers[0]
    admin_user, admin_password = api.user(government["id"], "hs.kjj.browser", "city_admin")
    # Another administrator of the bureau records the payment of the batch the first approved.
    cashier_user, cashier_password = api.user(government["id"], "hs.kjj.cashier", "city_admin")
    buyer_user, buyer_password = api.user(enterprise["id"], "hs.buyer", "org_admin")
    lab_user, lab_password = api.user(provider["id"], "wh.lab.browser", "org_admin")
    city_token = api.login(admin_user, admin_password)
    lab_token = api.login(lab_user, lab_password)
    today = datetime.datetime.utcnow() + datetime.timedelta(hours=8)  # China time
    year = today.year
    # Set-up the console has other journeys for: the city's policy and a listed provider.
    api.call("POST", "/v1/voucher-policies", {
        "year": year, "budgetFen": 1_000_000_000, "unitFen": 100_000, "yearlyCapFen": 20_000_000,
        "categories": [{"category": "testing", "ratioPermille": 500}, {"category": "rd", "ratioPermille": 500}],
        "validUntil": f"{year + 1}-06-30T00:00:00Z",
    }, token=city_token)
    entry = api.call("POST", "/v1/providers", {"categories": ["testing", "rd"]}, token=lab_token)
    api.call("POST", f"/v1/providers/{entry['id']}/actions", {"action": "approve"})

    browser.sign_in(buyer_user, buyer_password)
    browser.open("/console/vouchers")
    browser.field("amount", "20000", form="form[action='/console/vouchers/apply']")
    browser.submit("form[action='/console/vouchers/apply'] button[type=submit]")
    browser.done(r"/console/vouchers\?done=applied$", "applying for the voucher")
    applications = browser.cells("section[aria-labelledby='apply'] table.list")
    assert len(applications) == 1 and applications[0][2] == "¥20,000.00" and re.search("待审批|Pending", applications[0][3]), \
        f"one pending application for ¥20,000.00: {applications}"
    browser.shot("voucher-applied")
    browser.sign_out()

    browser.sign_in(admin_user, admin_password)
    browser.open("/console/city")
    browser.shot("city-queue")
    queue = "section[aria-labelledby='applications-heading'] tbody tr"
    browser.submit("form[action$='/decide'] input[value='approve'] ~ button[type=submit]", within=browser.row(enterprise["name"], queue))
    browser.done(r"/console/city$", "approving the application")
    assert not [row for row in browser.all(queue) if enterprise["name"] in row.text], "the approved application left the queue"
    browser.shot("voucher-approved")
    browser.sign_out()

    browser.sign_in(buyer_user, buyer_password)
    browser.open("/console/vouchers")
    browser.find("a.button[href$='/redeem']").click()
    browser.find("#provider")
    browser.field("provider", str(provider["id"]), form="form[method='post']")
    browser.field("contractNumber", "HT-2026-WH-0001", form="form[method='post']")
    browser.field("category", "testing", form="form[method='post']")
    browser.field("contractValue", "6000", form="form[method='post']")
    browser.field("mode", "tongdui", form="form[method='post']")
    browser.shot("redeem-form")
    browser.submit("main form[method='post'] button[type=submit]")
    browser.done(r"/console/vouchers\?done=opened$", "opening the redemption")
    redemption = browser.row("HT-2026-WH-0001", "tr[id^='redemption-']")
    assert re.search("已冻结，待服务交付|Held, awaiting delivery", redemption.text), f"the redemption is held: {redemption.text}"
    rid = redemption.get_attribute("id").removeprefix("redemption-")
    browser.shot("redemption-held")
    browser.sign_out()

    browser.sign_in(lab_user, lab_password)
    browser.open("/console/provider")
    confirm = f"form[action='/console/provider/redemptions/{rid}/confirm']"
    browser.field("invoiceNumber", "INV-WH-20261130-01", form=confirm)
    browser.submit(f"{confirm} button[type=submit]")
    browser.done(r"/console/provider$", "confirming delivery")
    delivered = browser.row(f"#{rid} ")
    assert "INV-WH-20261130-01" in delivered.text and re.search("已交付，待企业验收|Delivered, awaiting acceptance", delivered.text), \
        f"delivered with the invoice: {delivered.text}"
    browser.shot("provider-confirmed")
    browser.sign_out()

    browser.sign_in(buyer_user, buyer_password)
    browser.open("/console/vouchers")
    browser.submit(f"#redemption-{rid} form input[name='step'][value='accept'] ~ button[type=submit]")
    browser.done(r"/console/vouchers\?done=stepped$", "accepting the delivery")
    captured = browser.find(f"#redemption-{rid}")
    assert re.search("已兑付|Captured", captured.text), f"the redemption is captured: {captured.text}"
    browser.shot("delivery-accepted")
    browser.sign_out()

    period = f"{today.year}-{today.month:02d}"
    browser.sign_in(admin_user, admin_password)
    browser.open(f"/console/city/settlements?period={period}")
    heat_map = browser.find("svg.chart")
    assert "¥3,000.00" in heat_map.get_attribute("innerHTML"), "the voucher part (50 % of ¥6,000) in the Huangshi → Wuhan cell"
    browser.shot("settlement-matrix")
    browser.sign_out()

    # Next month: the period has ended, so its batch can be approved and paid.
    api.server.stop()
    api.server.start(days_ahead=35)
    browser.sign_in(admin_user, admin_password)
    browser.open(f"/console/city/settlements?period={period}")
    browser.submit("form[action='/console/city/settlements/approve'] button[type=submit]")
    browser.done(r"/console/city/settlements\?period=" + period + "$", "approving the batch")
    batches = browser.find("section[aria-labelledby='batches-heading']")
    assert re.search("已审批待支付|Approved, awaiting payment", batches.text), f"the batch is approved: {batches.text}"
    assert re.search("另一位管理员|another administrator", batches.text) and not browser.all("form[action$='/pay']"), \
        f"the approver is not offered the payment: {batches.text}"
    browser.shot("batch-approved")
    browser.sign_out()
    browser.sign_in(cashier_user, cashier_password)
    browser.open(f"/console/city/settlements?period={period}")
    browser.field("paymentReference", "HSCZ-2026-12-0001", form="form[action$='/pay']")
    browser.submit("form[action$='/pay'] button[type=submit]")
    browser.done(r"/console/city/settlements\?period=" + period + "$", "marking the batch paid")
    batches = browser.find("section[aria-labelledby='batches-heading']")
    assert "HSCZ-2026-12-0001" in batches.text and re.search("已支付|Paid", batches.text), f"the batch is paid: {batches.text}"
    browser.shot("batch-paid")
    api.server.stop()
    api.server.start()
