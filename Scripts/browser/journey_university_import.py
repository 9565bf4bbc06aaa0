"""A university's technology-transfer officer imports a patent portfolio from a CSV file with one
bad row (skip-invalid mode) and sees the per-row report as a table."""
import os
import tempfile


def patent_number(serial):
    body = "2024" + "1" + f"{serial:07d}"
    weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
    remainder = sum(int(d) * w for d, w in zip(body, weights)) % 11
    return body + "." + ("X" if remainder == 10 else str(remainder))


def run(api, browser):
    university = api.organization("university", "WH")
    username, password = api.user(university["id"], "wh.tto", "org_admin")
    rows = [
        "number,title,abstract,legalStatus,fields,transferModes,priceMinFen,priceMaxFen,ipcCodes",
        f"{patent_number(8800001)},一种硅光调制器的偏置控制方法,提高调制稳定性的偏置点锁定,granted,optoelectronics,assignment,1000000,5000000,G02F 1/01",
        f"{patent_number(8800002)},一种北斗高精度定位终端,多频点融合定位,作废中,beidou,assignment,0,2000000,G01S 19/43",
        f"{patent_number(8800003)},一种锂电池极片缺陷检测装置,基于视觉的在线检测,pending,ai,assignment,3000000,3000000,G06T 7/00",
    ]
    folder = tempfile.mkdtemp()
    path = os.path.join(folder, "portfolio.csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")
    browser.sign_in(username, password)
    browser.open("/console/import")
    browser.shot("import-form")
    browser.find("#file").send_keys(path)
    browser.field("mode", "skip-invalid")
    browser.submit()
    # The counts: three rows, two created, none updated or unchanged, one invalid.
    counts = [card.text for card in browser.all("#import-report .cards .card strong")]
    assert counts == ["3", "2", "0", "0", "1"], f"rows, created, updated, unchanged, invalid: {counts}"
    browser.find("#import-report p.ok[role=status]")  # committed
    # One row in the error table: the second data row, on line 3 of the file, its legal status.
    errors = browser.cells("#import-errors")
    assert len(errors) == 1, f"one bad row in the report: {errors}"
    row, line, field, message = errors[0]
    assert (row, line, field) == ("2", "3", "legalStatus"), f"row 2, line 3, field legalStatus: {errors[0]}"
    assert message.strip(), "the bad row's message"
    browser.shot("import-report")
    browser.open("/console/portfolio")
    browser.expect("硅光调制器的偏置控制", "the imported patent in the portfolio")
    browser.shot("portfolio")
