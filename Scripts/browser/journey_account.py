"""A Xianning enterprise's administrator invites a colleague on the console and reads the link
shown once (no mail relay here); the colleague opens it, chooses a username and their own
password, signs in, turns on two-step sign-in with codes computed here as an authenticator app
would, signs out, and signs in again with the password and a code. No one else saw the password."""
import base64
import hashlib
import hmac
import re
import struct
import time


def totp(secret, at):
    """RFC 6238 (SHA-1, 30 s, 6 digits) from the base32 secret the page shows in groups of four."""
    key = secret.replace(" ", "").upper()
    key = base64.b32decode(key + "=" * (-len(key) % 8))
    mac = hmac.new(key, struct.pack(">Q", int(at // 30)), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000)


def run(api, browser):
    enterprise = api.organization("enterprise", "XN")
    admin, admin_password = api.user(enterprise["id"], "xn.account.admin", "org_admin")
    browser.sign_in(admin, admin_password)

    browser.open("/console/account")
    browser.find("a[href='/console/account/invitations']").click()
    browser.find("form[action='/console/account/invitations']")
    browser.field("email", "chen.jing@xianning.example.cn")
    browser.field("displayName", "陈静")
    browser.field("role", "org_member")
    browser.submit("form[action='/console/account/invitations'] button[type=submit]")
    link = browser.find("#invitation-link").text.strip()
    assert re.fullmatch(r"/console/invitation\?token=inv_[A-Za-z0-9_-]{43}", link), link
    assert "陈静" in browser.row("chen.jing@xianning.example.cn").text
    browser.shot("invited")
    browser.sign_out()

    browser.open(link)
    browser.expect("陈静")
    browser.field("username", "chen.jing.xn")
    # The rules refuse a password that holds the username.
    browser.field("password", "chen.jing.xn 2026")
    browser.submit()
    assert any("用户名" in refusal for refusal in browser.refusals()), browser.refusals()
    browser.field("password", "river stone lantern 7")
    browser.submit()
    browser.done(r"/console/login\?invited=1", "accept the invitation")
    browser.shot("accepted")

    browser.sign_in("chen.jing.xn", "river stone lantern 7")
    browser.open("/console/account/security")
    browser.submit("form[action='/console/account/security/totp/start'] button")
    secret = browser.find("#totp-secret").text
    assert re.fullmatch(r"([A-Z2-7]{4} )*[A-Z2-7]{1,4}", secret), secret
    assert browser.find("#totp-uri").get_attribute("href").startswith("otpauth://totp/Corridor:chen.jing.xn?")
    browser.shot("secret")
    browser.field("code", totp(secret, time.time()), form="form[action='/console/account/security/totp/confirm']")
    browser.submit("form[action='/console/account/security/totp/confirm'] button")
    codes = [element.text for element in browser.all("#recovery-codes li")]
    assert len(codes) == 10, codes
    browser.shot("recovery-codes")
    browser.sign_out()

    # Signing in again: the password, then (the same form) a code. The confirming code's step is
    # spent, so the app's next one is used (one step ahead is accepted).
    browser.open("/console/login")
    browser.field("username", "chen.jing.xn")
    browser.field("password", "river stone lantern 7")
    browser.submit()
    browser.find("#code")
    browser.field("password", "river stone lantern 7")
    browser.field("code", totp(secret, time.time() + 30))
    browser.submit()
    browser.expect(re.escape("chen.jing.xn"), "signed in with a code")
    browser.open("/console/account/security")
    browser.expect("已启用|On\\.")
    browser.shot("signed-in-with-code")
