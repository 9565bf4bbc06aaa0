"""A broker (技术经理人) posts a need for a client under its delegation; the client revokes the
delegation in the console while the broker has a second need typed; the broker's submission is
refused; the audit page shows the broker's write ("broker X for client Y") and the revocation."""
import datetime
import re

from browser import Browser

PASSWORD = "Kestrel-ledger 4417 umbrella"


def run(api, browser):
    client = api.organization("enterprise", "XN", 1)
    agency_org = api.organization("provider", "EZ")
    agency = api.call("POST", "/v1/broker-agencies", {"organizationId": agency_org["id"], "kind": "agency"})
    broker_name, _ = api.user(agency_org["id"], "ez.broker", "org_member", PASSWORD)
    broker_id = next(u["id"] for u in api.call("GET", f"/v1/organizations/{agency_org['id']}/users")["items"]
                     if u["username"] == broker_name)
    api.call("POST", f"/v1/broker-agencies/{agency['id']}/brokers",
             {"userId": broker_id, "certificateNumber": "JSJL-EZ-0042"})
    client_admin, _ = api.user(client["id"], "xn.client.admin", "org_admin", PASSWORD)
    platform = api.call("GET", "/v1/organizations?kind=platform&limit=5")["items"][0]
    auditor, _ = api.user(platform["id"], "broker.auditor", "auditor", PASSWORD)

    # The client's administrator grants the agency "post and edit needs" for a month.
    other = Browser(browser.base, browser.shots, prefix="broker-client")
    try:
        other.sign_in(client_admin, PASSWORD)
        other.open("/console/delegations")
        other.field("agency", str(agency["id"]))
        other.field("scope", "needs")
        ends = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
        other.driver.execute_script("document.getElementById('ends').value = arguments[0]", ends)
        other.submit()
        other.done(r"/console/delegations\?done=granted", "the delegation is granted")
        assert other.row(agency_org["name"], "#delegations tbody tr"), "the delegation is listed"
        other.shot("granted")

        # The broker sees the client and posts a need for it.
        browser.sign_in(broker_name, PASSWORD)
        browser.open("/console/broker")
        browser.expect(re.escape(client["name"]), "the client on the broker's page")
        post_need(browser, client, "代客户发布：咸宁苎麻纤维脱胶工艺改进")
        browser.done(r"/console/broker\?done=posted", "the need is posted for the client")
        browser.expect("咸宁苎麻纤维脱胶工艺改进", "the client's open need on the broker's page")
        browser.shot("posted")

        # The broker types a second need; meanwhile the client revokes in its console.
        browser.open("/console/broker")
        fill_need(browser, client, "代客户发布：第二项需求（撤销后）")
        other.open("/console/delegations")
        other.submit("#delegations form button[type=submit]")
        other.done(r"/console/delegations\?done=revoked", "the delegation is revoked")
        other.expect("已撤销|Revoked", "the delegation shows as revoked")
        other.shot("revoked")

        # The broker's submission is refused, and nothing is written.
        browser.submit("form[action='/console/broker/needs'] button[type=submit]")
        refusals = " ".join(browser.refusals())
        assert re.search("撤销|revoked", refusals), f"the refusal says the delegation was revoked: {refusals}"
        browser.shot("refused")
        needs = api.call("GET", f"/v1/needs?owner={client['id']}&limit=100")["items"]
        titles = [need["title"] for need in needs]
        assert any("苎麻纤维" in title for title in titles) and not any("撤销后" in title for title in titles), titles
        need = next(need for need in needs if "苎麻纤维" in need["title"])

        # The audit page shows both: the broker's write for the client, and the revocation.
        write = api.call("GET", f"/v1/audit/entries?targetType=need&targetId={need['id']}")["items"][0]
        delegation = api.call("GET", f"/v1/delegations?side=broker", token=api.login(broker_name, PASSWORD))
        revocations = [entry for item in delegation["items"]
                       for entry in api.call("GET", f"/v1/audit/entries?targetType=delegation&targetId={item['id']}")["items"]
                       if entry["action"] == "delegation.revoke"]
        assert revocations, "the revocation is in the audit log"
        other.sign_out()
        other.sign_in(auditor, PASSWORD)
        other.open(f"/console/audit?seq={write['seq']}")
        actor = other.find("#entry-actor").text
        assert agency_org["name"] in actor and client["name"] in actor and re.search("代委托方|for client", actor), actor
        other.shot("audit-broker-write")
        other.open(f"/console/audit?seq={revocations[0]['seq']}")
        other.expect("delegation.revoke", "the revocation entry")
        assert client["name"] in other.find("#entry-actor").text
        other.shot("audit-revocation")
    finally:
        other.quit()


def fill_need(browser, client, title):
    form = "form[action='/console/broker/needs']"
    browser.field("client", str(client["id"]), form=form)
    browser.field("title", title, form=form)
    browser.field("description", "苎麻脱胶耗水量大、化学品用量高，希望合作开发生物脱胶工艺，降低排放。", form=form)
    browser.field("field", "other", form=form)
    deadline = (datetime.date.today() + datetime.timedelta(days=60)).isoformat()
    browser.driver.execute_script("document.getElementById('deadline').value = arguments[0]", deadline)


def post_need(browser, client, title):
    fill_need(browser, client, title)
    browser.submit("form[action='/console/broker/needs'] button[type=submit]")
