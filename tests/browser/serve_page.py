"""The page of `argsat serve` in a real browser (Debian's headless Chromium through
chromedriver and selenium): load the debate, click `claim` and read its explanation,
switch to stable and step through its four extensions (each checked stable here, by this
script's own check), add an attack and see the labels change, undo it, upload a bad file
and see the parser's error, upload a 60,000-argument framework and see the part around
an argument searched for, coloured by its first stable extension.

    python3 tests/browser/serve_page.py ARGSAT [SCREENSHOT.png]

Needs `chromium`, `chromium-driver` (apt) and `selenium` (pip); `.ci/run` installs them.
Exit 0 when every step passes.
"""

import os
import re
import subprocess
import sys
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEBATE = os.path.join(ROOT, "frameworks", "capabilities-vs-alignment.apx")


def debate():
    """The debate's arguments and attacks, read here (APX)."""
    text = open(DEBATE).read()
    args = re.findall(r"^arg\(\s*(.*?)\s*\)\.", text, re.M)
    attacks = re.findall(r"^att\(\s*(.*?)\s*,\s*(.*?)\s*\)\.", text, re.M)
    assert len(args) == 39 and len(attacks) == 43, (len(args), len(attacks))
    return args, attacks


def is_stable(members, args, attacks):
    inside = set(members)
    if any(a in inside and b in inside for a, b in attacks):
        return False
    attacked = {b for a, b in attacks if a in inside}
    return all(a in inside or a in attacked for a in args)


ARGSAT = []


def main():
    argsat = sys.argv[1]
    ARGSAT.append(argsat)
    screenshot = sys.argv[2] if len(sys.argv) > 2 else None
    server = subprocess.Popen([argsat, "serve", "--port", "0"], stdout=subprocess.PIPE, text=True)
    try:
        address = re.search(r"http://\S+/", server.stdout.readline()).group(0)
        run(address, screenshot)
    finally:
        server.kill()
        server.wait()
    print("browser test: all steps passed")


def run(address, screenshot):
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                 "--window-size=1400,1900", "--disable-gpu"):
        options.add_argument(flag)
    if os.path.exists("/usr/bin/chromium"):
        options.binary_location = "/usr/bin/chromium"
    service = Service("/usr/bin/chromedriver") if os.path.exists("/usr/bin/chromedriver") else Service()
    driver = webdriver.Chrome(options=options, service=service)
    wait = WebDriverWait(driver, 30)
    args, attacks = debate()
    try:
        driver.get(address)
        wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "yes")
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '#picture g.argument[data-name="claim"]'))
        print("loaded:", driver.find_element(By.ID, "loaded").text)
        assert "39 arguments" in driver.find_element(By.ID, "loaded").text
        wait.until(lambda d: "stable extensions: 4" in d.find_element(By.ID, "check").text)

        # Click `claim`: its explanation.
        node = driver.find_element(By.CSS_SELECTOR, '#picture g.argument[data-name="claim"] text')
        node.click()
        wait.until(lambda d: "claim is OUT" in d.find_element(By.ID, "explanation").text)
        explanation = driver.find_element(By.ID, "explanation").text
        assert "against1_tractable_alignable" in explanation, explanation
        print("explanation:", explanation.splitlines()[0])
        # The rejecting attack is highlighted in the picture.
        marked = driver.find_elements(By.CSS_SELECTOR, "#picture g.attack.marked")
        assert [(m.get_attribute("data-from"), m.get_attribute("data-to")) for m in marked] == \
            [("against1_tractable_alignable", "claim")], marked
        if screenshot:
            driver.save_screenshot(screenshot)

        # Stable: four extensions, stepped through, each one stable.
        Select(driver.find_element(By.ID, "semantics")).select_by_value("stable")
        wait.until(lambda d: d.find_element(By.ID, "ext-label").text.startswith("stable extension 1 of 4"))
        seen = []
        for step in range(4):
            if step:
                driver.find_element(By.ID, "ext-next").click()
                wait.until(lambda d: d.find_element(By.ID, "ext-label").text.startswith(f"stable extension {step + 1} of 4"))
            labels = {g.get_attribute("data-name"): g.get_attribute("data-label")
                      for g in driver.find_elements(By.CSS_SELECTOR, "#picture g.argument")}
            members = sorted(n for n, l in labels.items() if l == "in")
            assert is_stable(members, args, attacks), members
            assert all(l in ("in", "out") for l in labels.values()), labels
            seen.append(tuple(members))
        assert len(set(seen)) == 4, seen
        assert driver.find_element(By.ID, "ext-next").get_attribute("disabled")
        print("stable extensions stepped through: 4, each stable")

        # Grounded again; an attack on against1 by an IN argument makes it OUT; undo.
        Select(driver.find_element(By.ID, "semantics")).select_by_value("grounded")
        label = lambda d, n: d.find_element(By.CSS_SELECTOR, f'#picture g.argument[data-name="{n}"]').get_attribute("data-label")
        wait.until(lambda d: label(d, "against1_tractable_alignable") == "in")
        for field, value in (("attack-from", "against4_oversight_schemes"),
                             ("attack-to", "against1_tractable_alignable")):
            box = driver.find_element(By.ID, field)
            box.clear()
            box.send_keys(value)
        driver.find_element(By.ID, "add-attack").click()
        wait.until(lambda d: label(d, "against1_tractable_alignable") == "out")
        assert "44 attacks" in driver.find_element(By.ID, "loaded").text
        driver.find_element(By.ID, "undo").click()
        wait.until(lambda d: label(d, "against1_tractable_alignable") == "in")
        assert "43 attacks" in driver.find_element(By.ID, "loaded").text
        print("attack added (labels changed) and undone")

        # A bad file: the parser's error, with line and column; the page stays usable.
        with tempfile.NamedTemporaryFile("w", suffix=".af", prefix="bad", delete=False) as f:
            f.write("p af 2\n1 3\n")
        driver.find_element(By.ID, "upload").send_keys(f.name)
        wait.until(lambda d: d.find_element(By.ID, "error").is_displayed())
        error = driver.find_element(By.ID, "error").text
        assert re.search(r"bad\w*\.af:2:3: argument 3 is out of range", error), error
        os.unlink(f.name)
        print("bad upload:", error)
        assert driver.find_elements(By.CSS_SELECTOR, '#picture g.argument[data-name="claim"]')

        # A framework too large to draw: the search box and the part around an argument;
        # its first stable extension colours that part.
        with tempfile.NamedTemporaryFile("w", suffix=".af", prefix="large", delete=False) as f:
            subprocess.run([ARGSAT[0], "generate", "ba", "-n", "60000"], stdout=f, check=True)
        driver.find_element(By.ID, "upload").send_keys(f.name)
        wait.until(lambda d: "60000 arguments" in d.find_element(By.ID, "loaded").text)
        wait.until(lambda d: "too many to draw" in d.find_element(By.ID, "focus-note").text)
        search = driver.find_element(By.ID, "search")
        search.clear()
        search.send_keys("17")
        driver.find_element(By.ID, "focus-go").click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '#picture g.argument[data-name="17"]'))
        wait.until(lambda d: "around 17" in d.find_element(By.ID, "focus-note").text)
        drawn = len(driver.find_elements(By.CSS_SELECTOR, "#picture g.argument"))
        assert 1 < drawn <= 300, drawn
        Select(driver.find_element(By.ID, "semantics")).select_by_value("stable")
        wait.until(lambda d: re.match(r"(stable extension 1 of|no stable extension)",
                                      d.find_element(By.ID, "ext-label").text))
        print("large:", driver.find_element(By.ID, "focus-note").text, "/",
              driver.find_element(By.ID, "ext-label").text)
        os.unlink(f.name)
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
