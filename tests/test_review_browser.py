"""The review desk's decisions as a person makes them (issue 18): Debian's Chromium, driven by Playwright, against
the real server on a database coded from real reports. A coder corrects a place and a toll, rejects an event,
merges two and reads the history; the reports are coded again with `code --force` and the corrections are still
there; the export has the reviewed values; a viewer's attempt to edit is refused. Screenshots of the edit form and
the history go to tests/artifacts/.

Chromium is Debian's (`apt-get install chromium`); Playwright's own browser download is not used. Without it these
tests skip, except where EVENTCODER_REQUIRE_BROWSER=1 (CI), where they fail."""
from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from chromium import ARTIFACTS, launched_chromium, require_browser
from desk_app import PASSWORDS, LiveServer
from review_app import code, coded_desk, fused_by_reports

# a third report of the Idlib market strike that gives another day, so fusion keeps it apart: the reviewer merges it
LATE_REPORT = {"id": "strike-c", "text": "A Russian air strike hit the market in Maarat al-Numan, Idlib province, on "
                                         "6 March 2024, killing 13 civilians, the Syrian Observatory for Human Rights "
                                         "said.", "title": "Idlib market bombed", "source": "Al Jazeera",
               "published_at": "2024-03-08"}


@pytest.fixture
def desk(tmp_path):
    require_browser()
    from eventcoder.web.app import create_app
    db = f"sqlite:///{tmp_path}/desk.db"
    reports, _ = coded_desk(tmp_path, db, [LATE_REPORT])
    with LiveServer(create_app(db)) as server, launched_chromium() as browser:
        yield server, browser, db, reports


def _signed_in(browser, server, name):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(server.url + "/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORDS[name])
    page.click("button[type=submit]")
    page.wait_for_url(server.url + "/events")
    return page


def _field(page, name):
    return page.locator(f"tr.field[data-field={name}] .value").inner_text()


def test_a_coder_corrects_rejects_merges_and_the_corrections_survive_coding_again(desk):
    server, browser, db, reports = desk
    events = fused_by_reports(db)
    strike, late = events[("strike-a", "strike-b")], events[("strike-c",)]
    protest = events[("kenya-protest",)]
    page = _signed_in(browser, server, "cole")

    page.goto(f"{server.url}/events/{strike['id']}")
    page.click("text=Edit fields")
    page.wait_for_url(f"**/events/{strike['id']}/edit")
    assert page.locator("select[name=sub_event_type] option").count() == 26          # 25 ACLED types and "–"
    page.fill("input[name=location]", "Saraqib")
    page.wait_for_selector("#places option[value='Saraqib, Idleb']", state="attached")   # the gazetteer suggests
    page.fill("input[name=fatalities]", "14")
    page.fill("textarea[name=note]", "the hospital's list")
    page.screenshot(path=str(ARTIFACTS / "review-edit-form.png"), full_page=True)
    page.click("form.review-edit button[type=submit]")
    page.wait_for_url(f"**/events/{strike['id']}#review")
    assert (_field(page, "location"), _field(page, "admin1"), _field(page, "fatalities")) == ("Saraqib", "Idleb", "14")
    assert "the coder said Maarat al-Numan" in page.locator("tr.field[data-field=location]").inner_text()
    page.screenshot(path=str(ARTIFACTS / "review-event.png"), full_page=True)

    page.goto(f"{server.url}/events/{protest['id']}")
    page.fill("form[action$='/reject'] input[name=note]", "a protest the police ended peacefully: not violence")
    page.click("form[action$='/reject'] button")
    page.wait_for_url(f"**/events/{protest['id']}#review")
    assert page.locator("section.review h2 .status").inner_text() == "rejected"

    page.goto(f"{server.url}/events/{strike['id']}")
    page.wait_for_selector(f"#merge-candidates option[value='{late['id']}']", state="attached")   # offered: 3 days off
    page.fill("form.merge input[name=other]", late["id"])
    page.fill("form.merge input[name=note]", "one strike; strike-c has the wrong day")
    page.click("form.merge button")
    page.wait_for_url(f"**/events/{strike['id']}#review")
    assert page.locator("article.report").count() == 3
    history = page.locator("table.history tbody tr")
    rows = [r.split("\t") for r in history.all_inner_texts()]
    assert [(r[1], r[2], r[3], r[5]) for r in rows if r[2] == "correct" and r[3] in ("location", "fatalities")] == \
        [("cole", "correct", "location", "Saraqib"), ("cole", "correct", "fatalities", "14")]
    assert any(r[2] == "merge" and r[1] == "cole" for r in rows)
    page.locator("section.review").screenshot(path=str(ARTIFACTS / "review-history.png"))
    page.goto(f"{server.url}/review?by=date")
    queued = page.locator("form.bulk tbody input[name=id]")
    assert protest["id"] not in [queued.nth(i).get_attribute("value") for i in range(queued.count())]
    page.screenshot(path=str(ARTIFACTS / "review-queue.png"), full_page=True)

    code(reports, db, "--force")                                   # the coder runs again over every report
    page.goto(f"{server.url}/events/{strike['id']}")
    assert (_field(page, "location"), _field(page, "fatalities")) == ("Saraqib", "14")
    assert page.locator("article.report").count() == 3               # the merge holds
    page.goto(f"{server.url}/events/{protest['id']}")
    assert page.locator("section.review h2 .status").inner_text() == "rejected"
    page.screenshot(path=str(ARTIFACTS / "review-after-recoding.png"), full_page=True)
    page.close()

    from eventcoder.cli import cli
    res = CliRunner().invoke(cli, ["export", "--format", "csv", "--db", db])
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(res.stdout))}
    assert (rows[strike["id"]]["location"], rows[strike["id"]]["admin1"], rows[strike["id"]]["fatalities"]) == \
        ("Saraqib", "Idleb", "14")
    assert protest["id"] not in rows and late["id"] not in rows


def test_a_viewers_attempt_to_edit_is_refused(desk):
    server, browser, db, _ = desk
    fid = fused_by_reports(db)[("strike-a", "strike-b")]["id"]
    page = _signed_in(browser, server, "vera")
    page.goto(f"{server.url}/events/{fid}")
    assert page.locator("text=Edit fields").count() == 0 and page.locator("table.history, p.empty").count() >= 1
    response = page.goto(f"{server.url}/events/{fid}/edit")
    assert response.status == 403 and "coder" in page.content()
    page.goto(f"{server.url}/events/{fid}")
    status = page.evaluate("""async (fid) => {
        const csrf = document.querySelector("input[name=csrf_token]").value;
        const r = await fetch(`/events/${fid}/edit`, {method: "POST", body: new URLSearchParams(
            {csrf_token: csrf, fatalities: "99"})});
        return r.status; }""", fid)
    assert status == 403
    assert fused_by_reports(db)[("strike-a", "strike-b")]["fatalities"] == 12
    page.close()
