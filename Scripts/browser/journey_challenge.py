"""A 揭榜挂帅 challenge from draft to its accepted final milestone, entirely in the console (issue
18): a Ezhou enterprise drafts it (a refused form first) and submits it, the Ezhou administrator
approves it, a Wuhan university applies, the owner assigns an expert; after the deadline (the
server restarted with the wall clock three days on) the owner closes applications and starts the
review, the expert scores on their own page declaring no conflict (refused first without the
declaration), the owner awards, the team submits milestones, the owner rejects one with a reason
and accepts the resubmission and the final one. Only people and organisations come from the API."""
import datetime
import re

TITLE = "固态电池界面稳定性关键技术攻关"
PASSWORD = "Challenge journey pass 2026!"


def people(api):
    owner_org = api.organization("enterprise", "EZ", index=2)
    bureau = api.organization("government", "EZ")
    university = api.organization("university", "WH", index=3)
    institute = api.organization("institute", "WH", index=1)
    owner = api.user(owner_org["id"], "ez.owner.challenge", "org_admin", password=PASSWORD)
    clerk = api.user(bureau["id"], "ez.clerk.challenge", "city_admin", password=PASSWORD)
    team = api.user(university["id"], "wh.team.challenge", "org_admin", password=PASSWORD)
    expert = api.call("POST", f"/v1/organizations/{institute['id']}/users", {
        "username": "wh.expert.challenge", "displayName": "wh.expert.challenge", "role": "expert",
        "password": PASSWORD})
    return owner, clerk, team, ("wh.expert.challenge", PASSWORD), expert.get("user", expert)["id"]


def china_today():
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)).date()


def run(api, browser):
    owner, clerk, team, expert, expert_id = people(api)

    # The owner drafts: a refused form first (no title, tranches that do not add up) writes nothing.
    browser.sign_in(*owner)
    browser.open("/console/my-challenges/new")
    browser.field("reward", "1000000")
    browser.field("tranches", "揭榜立项, 600000\n验收, 300000")
    browser.submit("main form button[type=submit]")
    assert browser.refusals(), "an empty title is refused"
    browser.shot("draft-refused")
    browser.open("/console/my-challenges")
    browser.expect("还没有榜单|No challenges yet", "nothing was written by the refused form")
    browser.open("/console/my-challenges/new")
    browser.field("title", TITLE)
    browser.field("description", "面向储能与动力电池，攻克固态电解质与电极界面副反应导致的容量衰减问题。")
    browser.field("goals", "循环 1000 次容量保持率不低于 90%。")
    browser.field("indicators", "循环寿命 ≥ 1000 次\n界面阻抗下降 50%")
    browser.field("fields", "new_energy_vehicles")
    browser.field("keywords", "固态电池, 界面")
    browser.field("reward", "1000000")
    browser.field("tranches", "揭榜立项, 600000\n中期成果, 200000\n验收, 200000")
    deadline = (china_today() + datetime.timedelta(days=1)).isoformat()
    browser.driver.execute_script("document.getElementById('deadline').value = arguments[0]", deadline)
    browser.submit("main form button[type=submit]")
    browser.done(r"/console/my-challenges/\d+\?done=created$", "saving the draft")
    challenge = int(re.search(r"/my-challenges/(\d+)", browser.driver.current_url).group(1))
    desk = f"/console/my-challenges/{challenge}"
    browser.submit(f"form[action='{desk}/submit'] button")
    browser.done(r"\?done=submit$", "submitting for approval")
    browser.expect("待审批|Pending approval")
    browser.shot("submitted")
    browser.sign_out()

    # The city administrator approves it from the queue.
    browser.sign_in(*clerk)
    browser.open("/console/city")
    row = browser.row(TITLE)
    browser.submit("form[action$='/decide'] button", within=row)
    browser.done(r"/console/city$", "approving the challenge")
    browser.sign_out()

    # A Wuhan university applies.
    browser.sign_in(*team)
    browser.open(f"/console/challenges/{challenge}/apply")
    browser.field("plan", "以原位聚合构筑柔性界面层，联合中试线验证。")
    browser.field("budget", "900000")
    browser.field("team", "李明, 负责人, 教授\n王芳, 骨干, 副教授")
    browser.submit("main form button[type=submit]")
    browser.done(r"\?done=sent$", "applying")
    browser.sign_out()

    # The owner assigns the expert while applications are open.
    browser.sign_in(*owner)
    browser.open(desk)
    browser.field("value", str(expert_id), form=f"form[action='{desk}/experts']")
    browser.submit(f"form[action='{desk}/experts'] button")
    browser.done(r"\?done=experts$", "assigning the expert")
    browser.sign_out()

    # After the deadline: the owner closes applications and starts the review.
    api.server.stop()
    api.server.start(days_ahead=3)
    try:
        after_deadline(browser, owner, team, expert, challenge, desk)
    finally:
        api.server.stop()
        api.server.start()


def after_deadline(browser, owner, team, expert, challenge, desk):
    browser.sign_in(*owner)
    browser.open(desk)
    browser.submit(f"form[action='{desk}/close_applications'] button")
    browser.done(r"\?done=close_applications$", "closing applications")
    browser.submit(f"form[action='{desk}/start_review'] button")
    browser.done(r"\?done=start_review$", "starting the review")
    browser.sign_out()

    # The expert scores on their own page: without the declaration it is refused.
    browser.sign_in(*expert)
    browser.open("/console/reviews")
    browser.shot("expert-list")
    link = browser.find("main table.list tbody tr a")
    review = link.get_attribute("href")
    browser.driver.get(review)
    scores(browser)
    browser.submit("form[action$='/scores'] button")
    assert any("利益冲突" in text or "conflict" in text for text in browser.refusals()), browser.refusals()
    browser.shot("expert-refused")
    scores(browser)
    browser.find("#declaresNoConflict").click()
    browser.submit("form[action$='/scores'] button")
    browser.done(r"\?done=scored$", "scoring")
    browser.expect("已声明无冲突|No conflict declared")
    browser.shot("expert-scored")
    browser.sign_out()

    # The owner sees the score and awards the top-scored team, then the work begins.
    browser.sign_in(*owner)
    browser.open(desk)
    browser.expect(r"83\.\d\d", "the weighted score shows on the owner's desk")
    browser.submit(f"form[action='{desk}/award'] button[type=submit]")
    browser.done(r"\?done=award$", "awarding")
    browser.submit(f"form[action='{desk}/begin'] button")
    browser.done(r"\?done=begin$", "beginning the work")
    browser.sign_out()

    submit_milestone(browser, team, challenge, "中期：界面层配方与 200 次循环数据。")
    # The owner rejects it with a reason (refused first without one), then accepts the resubmission.
    browser.sign_in(*owner)
    browser.open(desk)
    browser.submit("form[action*='/milestones/'] button.danger")
    assert browser.refusals(), "a rejection needs a reason"
    browser.find("form[action*='/milestones/'] textarea[name=value]").send_keys("缺少第三方检测报告。")
    browser.submit("form[action*='/milestones/'] button.danger")
    browser.done(r"\?done=rejected$", "rejecting the milestone")
    browser.sign_out()
    submit_milestone(browser, team, challenge, "中期：补充第三方检测报告。")
    accept(browser, owner, desk)
    browser.sign_out()
    submit_milestone(browser, team, challenge, "验收：1000 次循环保持率 91%。")
    accept(browser, owner, desk)
    state = browser.find("dl.facts dd").text
    assert state in ("已验收", "Accepted"), f"the challenge is accepted after its final milestone, not {state}"
    browser.shot("accepted")
    browser.sign_out()


def scores(browser):
    # 技术方案 40, 团队能力 30, 研究基础 30: 88·0.4 + 82·0.3 + 80·0.3 = 83.8
    for index, score in enumerate(("88", "82", "80")):
        element = browser.find(f"#score-{index}")
        element.clear()
        element.send_keys(score)


def submit_milestone(browser, team, challenge, text):
    browser.sign_in(*team)
    browser.open("/console/applications")
    form = f"form[action^='/console/applications/{challenge}/']"
    browser.find(f"{form} textarea[name=deliverable]").send_keys(text)
    browser.submit(f"{form} button")
    browser.done(r"/console/applications\?sent=\d+", "submitting a milestone")
    browser.sign_out()


def accept(browser, owner, desk):
    browser.sign_in(*owner)
    browser.open(desk)
    browser.submit("form[action*='/milestones/'] input[value=accept] ~ button")
    browser.done(r"\?done=accepted$", "accepting the milestone")
