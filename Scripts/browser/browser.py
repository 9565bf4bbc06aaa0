"""A thin layer over selenium: headless Chromium that trusts the development certificate,
waits for pages, fills forms by label, and saves screenshots. Every page it opens, submits to or
photographs passes the accessibility check (accessibility.py: axe-core, serious and critical)."""
import os
import re

from accessibility import Accessibility
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait


class Browser:
    def __init__(self, base, shots, prefix):
        options = webdriver.ChromeOptions()
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--ignore-certificate-errors",
                         "--window-size=1280,1000", "--lang=zh-CN"):
            options.add_argument(argument)
        options.binary_location = "/usr/bin/chromium"
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        self.driver.set_page_load_timeout(30)
        self.base, self.shots, self.prefix, self.count = base, shots, prefix, 0
        self.accessibility = Accessibility(self.driver)

    def open(self, path):
        self.driver.get(self.base + path)
        self.accessibility.check()
        return self

    def shot(self, name):
        if name != "failure":
            self.accessibility.check()
        self.count += 1
        path = os.path.join(self.shots, f"{self.prefix}-{self.count:02d}-{name}.png")
        self.driver.save_screenshot(path)
        return path

    def find(self, css):
        return WebDriverWait(self.driver, 10).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, css)))

    def all(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def field(self, name, value, form="main form"):
        element = self.find(f'{form} [name="{name}"]')
        tag = element.tag_name
        if tag == "select":
            from selenium.webdriver.support.ui import Select
            Select(element).select_by_value(value)
        elif element.get_attribute("type") in ("checkbox", "radio"):
            target = self.find(f'{form} [name="{name}"][value="{value}"]')
            if not target.is_selected():
                target.click()
        else:
            element.clear()
            element.send_keys(value)
        return element

    def submit(self, css="main form button[type=submit]", within=None):
        """Clicks the button (inside `within`, an element, when given) and waits for the next page."""
        button = within.find_element(By.CSS_SELECTOR, css) if within is not None else self.find(css)
        old = self.driver.find_element(By.TAG_NAME, "html")
        button.click()
        WebDriverWait(self.driver, 15).until(lambda driver: self._replaced(old))
        self.accessibility.check()
        return self

    def wait_replaced(self, old):
        """Waits until the page that held `old` (an element) is gone, then checks the new one."""
        WebDriverWait(self.driver, 15).until(lambda driver: self._replaced(old))
        self.accessibility.check()
        return self

    @staticmethod
    def _replaced(old):
        """True once `old` belongs to a page that is gone. While Chromium swaps documents, asking about
        the old element can fail with errors other than 'stale' (an inspector context that no longer
        exists): those mean 'not yet', and the next poll asks again."""
        try:
            old.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException:
            return False

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    def source(self):
        return self.driver.page_source

    def refusals(self):
        """The alerts and field errors on the page: what a refused form shows."""
        return [element.text for element in self.all("[role=alert], .field-error")]

    def done(self, url_pattern, what):
        """After a form: the browser is on the page the step leads to, and nothing was refused."""
        refused = self.refusals()
        if refused or not re.search(url_pattern, self.driver.current_url):
            raise AssertionError(f"{what}: on {self.driver.current_url} (expected /{url_pattern}/), refused: {refused}\n{self.text()[:1500]}")

    def row(self, text, css="table.list tbody tr"):
        """The one table row that holds `text`."""
        rows = [row for row in self.all(css) if text in row.text]
        if len(rows) != 1:
            raise AssertionError(f"{len(rows)} rows ({css}) hold {text!r} on {self.driver.current_url}\n{self.text()[:1500]}")
        return rows[0]

    def cells(self, css):
        """The text of each cell of each body row of the table `css`."""
        table = self.find(css)
        return [[cell.text for cell in row.find_elements(By.CSS_SELECTOR, "td")] for row in table.find_elements(By.CSS_SELECTOR, "tbody tr")]

    def expect(self, pattern, what=None):
        if not re.search(pattern, self.text()):
            raise AssertionError(f"expected /{pattern}/ on {self.driver.current_url}: {what or ''}\n{self.text()[:1500]}")

    def sign_in(self, username, password):
        self.open("/console/login")
        self.field("username", username)
        self.field("password", password)
        self.submit()
        self.expect(re.escape(username), "the signed-in user's name in the header")
        return self

    def sign_out(self):
        return self.submit("header form[action='/console/logout'] button")

    def quit(self):
        self.driver.quit()
