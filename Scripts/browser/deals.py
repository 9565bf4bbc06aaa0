"""Set-up shared by the deal journeys, through the JSON API: people of a Wuhan university and a
Huanggang enterprise, a patent of the university (a valid ZL number of its own per journey), an
accepted connection about it, and a signed patent-licence contract."""
import datetime


def patent_number(digits):
    """ZL + the 12-digit application number + '.' + its check character (weights 2–9, 2–5; mod 11)."""
    weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
    check = sum(int(d) * w for d, w in zip(digits, weights)) % 11
    return f"ZL{digits}.{'X' if check == 10 else check}"


def people(api, suffix, university_index=0, enterprise_index=0):
    university = api.organization("university", "WH", index=university_index)
    enterprise = api.organization("enterprise", "HG", index=enterprise_index)
    seller = api.user(university["id"], f"wh.tto.{suffix}", "org_admin")
    buyer = api.user(enterprise["id"], f"hg.eng.{suffix}", "org_admin")
    return university, enterprise, seller, buyer


def patent(api, token, digits, title, abstract, keywords):
    return api.call("POST", "/v1/patents", {
        "number": patent_number(digits), "title": title, "abstract": abstract, "ipcCodes": ["H01L 31/0216"],
        "legalStatus": "granted", "fields": ["optoelectronics"], "keywords": keywords, "trl": 6,
        "transferModes": ["licence_exclusive"], "askingPrice": {"minFen": 20000000, "maxFen": 40000000},
        "status": "listed"}, token=token)


def accepted_connection(api, buyer_token, seller_token, patent_id):
    connection = api.call("POST", "/v1/connections", {
        "subject": {"kind": "patent", "id": patent_id}, "message": "希望洽谈该专利的实施许可。"}, token=buyer_token)
    api.call("POST", f"/v1/connections/{connection['id']}/answer", {"answer": "accept"}, token=seller_token)
    return connection


def signed_contract(api, buyer_token, seller_token, enterprise, university, patent_id, connection_id, title):
    today = datetime.date.today()
    terms = {
        "type": "patent_licence", "exclusive": False, "title": title, "valueFen": 12000000,
        "instalments": [{"dueOn": f"{today.year + 1}-03-31T00:00:00Z", "amountFen": 12000000}],
        "termStart": f"{today.isoformat()}T00:00:00Z", "termEnd": f"{today.year + 3}-01-01T00:00:00Z",
        "fileSha256": "cd" * 32, "listingIds": [patent_id], "connectionId": connection_id,
    }
    contract = api.call("POST", "/v1/contracts", {
        "buyerOrganizationId": enterprise["id"], "sellerOrganizationId": university["id"], "terms": terms},
        token=buyer_token)
    for token in (buyer_token, seller_token):
        contract = api.call("POST", f"/v1/contracts/{contract['id']}/confirmation",
                            {"termsHash": contract["termsHash"]}, token=token)
    assert contract["status"] == "signed", contract["status"]
    return contract
