"""A Huanggang enterprise and a Wuhan university make three deals through the API (a connection about
a patent, accepted; a patent licence drafted, both confirm its hash, the university applies, the
Wuhan clerk registers it); then anyone opens the public turnover page and finds their value in the
Wuhan → Huanggang cell of the matrix, and downloads the matrix as CSV. Three, because the public
page withholds the value of a cell of fewer than three contracts."""
import urllib.request

import deals

PATENT = {
    "number": "ZL201710601862.3", "title": "一种高能量密度锂电池正极材料的制备方法",
    "abstract": "本发明公开了一种锂电池正极材料及其制备方法，提高了循环寿命。", "ipcCodes": ["H01M 10/0525"],
    "legalStatus": "granted", "fields": ["new_energy_vehicles"], "keywords": ["锂电池", "正极材料"], "trl": 6,
    "transferModes": ["licence_exclusive"], "askingPrice": {"minFen": 20000000, "maxFen": 40000000}, "status": "listed",
}


def run(api, browser):
    university = api.organization("university", "WH")
    enterprise = api.organization("enterprise", "HG")
    bureau = api.organization("government", "WH")
    seller = api.login(*api.user(university["id"], "tto.deal", "org_admin"))
    buyer = api.login(*api.user(enterprise["id"], "eng.deal", "org_admin"))
    clerk = api.login(*api.user(bureau["id"], "clerk.deal", "city_admin"))
    for digits in ("201710601862", "201710601863", "201710601864"):
        patent = api.call("POST", "/v1/patents", dict(PATENT, number=deals.patent_number(digits)), token=seller)
        deal(api, patent, university, enterprise, seller, buyer, clerk)

    browser.open("/console/statistics")
    # Rows and columns in the cities' order: Wuhan, Ezhou, Huangshi, Huanggang, Xianning.
    rows = browser.cells("section[aria-labelledby='matrix-heading'] table.list")
    assert "300,000" in rows[0][3] or "300000" in rows[0][3], rows
    assert all(cell.endswith("0.00") for index, row in enumerate(rows) for column, cell in enumerate(row)
               if (index, column) != (0, 3)), "no other cell has turnover"
    assert browser.all("svg.chart"), "charts"
    assert "锂电池正极材料专利独占实施许可合同" not in browser.source(), "a public page shows no contract title"
    browser.shot("turnover")
    link = browser.find("a[href*='table=matrix']").get_attribute("href")
    with urllib.request.urlopen(link, context=api.context, timeout=30) as response:
        csv = response.read().decode()
    assert '"WH","HG",3,300000.00' in csv, csv[:300]


def deal(api, patent, university, enterprise, seller, buyer, clerk):
    """One ¥100,000 patent licence from connection to registration."""
    connection = api.call("POST", "/v1/connections", {
        "subject": {"kind": "patent", "id": patent["id"]}, "message": "希望获得该专利的独占实施许可。"}, token=buyer)
    api.call("POST", f"/v1/connections/{connection['id']}/answer", {"answer": "accept"}, token=seller)
    terms = {
        "type": "patent_licence", "exclusive": True, "title": "锂电池正极材料专利独占实施许可合同", "valueFen": 10000000,
        "instalments": [{"dueOn": "2027-06-30T00:00:00Z", "amountFen": 10000000}],
        "termStart": "2026-12-01T00:00:00Z", "termEnd": "2029-12-01T00:00:00Z", "fileSha256": "ab" * 32,
        "listingIds": [patent["id"]], "connectionId": connection["id"],
    }
    contract = api.call("POST", "/v1/contracts", {
        "buyerOrganizationId": enterprise["id"], "sellerOrganizationId": university["id"], "terms": terms}, token=buyer)
    for token in (buyer, seller):
        contract = api.call("POST", f"/v1/contracts/{contract['id']}/confirmation",
                            {"termsHash": contract["termsHash"]}, token=token)
    assert contract["status"] == "signed", contract["status"]
    api.call("POST", f"/v1/contracts/{contract['id']}/registration", token=seller)
    registered = api.call("POST", f"/v1/contracts/{contract['id']}/registration/approval", token=clerk)
    assert registered["registration"]["number"][4:10] == "420100", registered["registration"]
