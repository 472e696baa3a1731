"""The review desk as a person uses it: Debian's Chromium, driven by Playwright, against the real server on a
database coded from real reports. Sign in, filter the list, open an event, hover a field and see its words
highlighted in the report; the map draws the events on the bundled outlines; the timeline draws its bars; a report
full of markup runs nothing. Screenshots of the list, the map and an event page go to tests/artifacts/.

Chromium is Debian's (`apt-get install chromium`); Playwright's own browser download is not used. Without it these
tests skip, except where EVENTCODER_REQUIRE_BROWSER=1 (CI), where they fail."""
from __future__ import annotations


import pytest

from chromium import ARTIFACTS, launched_chromium, require_browser
from desk_app import PASSWORDS, LiveServer, filled_store

@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    require_browser()
    from eventcoder.web.app import create_app
    url = f"sqlite:///{tmp_path_factory.mktemp('desk')}/desk.db"
    store, ids = filled_store(url)
    store.close()
    with LiveServer(create_app(url)) as server, launched_chromium() as browser:
        yield server, browser


def _signed_in(browser, server, name="vera"):
    page = browser.new_page(viewport={"width": 1400, "height": 950})
    page.goto(server.url + "/events")
    assert "/login" in page.url                          # no session: sent to the login page
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORDS[name])
    page.click("button[type=submit]")
    page.wait_for_url(server.url + "/events")
    return page


def test_sign_in_filter_open_an_event_and_see_its_words(desk):
    server, browser = desk
    page = _signed_in(browser, server)
    assert page.locator("#total").inner_text() == "5"
    page.screenshot(path=str(ARTIFACTS / "desk-list.png"), full_page=True)
    page.select_option("select[name=country]", "Syria")
    page.fill("input[name=since]", "2024-01-01")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/events?*country=Syria*")
    assert page.locator("#total").inner_text() == "1"
    rows = page.locator("table.events tbody tr")
    assert rows.count() == 1 and "Maarat al-Numan" in rows.first.inner_text()
    rows.first.locator("a").first.click()
    page.wait_for_url("**/events/fev-*")
    assert page.locator("article.report").count() == 2           # the strike's two reports, fused
    location = page.locator("tr.field[data-field=location]")
    marked = page.locator(".text .ev.hl")
    assert marked.count() == 0
    location.hover()
    assert marked.count() >= 2                                    # "Maarat al-Numan" in each report
    assert {t.strip() for t in marked.all_inner_texts()} == {"Maarat al-Numan"}
    assert "active" in location.get_attribute("class")
    page.screenshot(path=str(ARTIFACTS / "desk-event.png"), full_page=True)
    page.mouse.move(0, 0)
    assert marked.count() == 0
    page.close()


def test_the_repair_warnings_are_shown_and_the_damaged_words_marked(desk):
    server, browser = desk
    page = _signed_in(browser, server)
    page.goto(server.url + "/events?actor=Military%20Forces%20of%20Syria&event_type=Change%20to%20group/activity")
    page.locator("table.events tbody tr a").first.click()
    page.wait_for_url("**/events/fev-*")
    assert "mojibake-unrepaired" in page.locator("ul.warnings").inner_text()
    assert page.locator(".text .damaged").first.inner_text() == "°®Âþµº"
    page.locator("tr.field[data-field=actor1]").hover()
    assert "The Syrian regime" in page.locator(".text .ev.hl").all_inner_texts()
    page.locator("details.member summary").first.click()
    assert page.locator("details.member ul.explain li").first.is_visible()   # the --explain reasons
    assert page.locator("details.member ul.explain li").count() >= 3
    page.screenshot(path=str(ARTIFACTS / "desk-event-repairs.png"), full_page=True)
    page.close()


def test_the_map_draws_the_events_on_the_bundled_outlines(desk):
    server, browser = desk
    page = _signed_in(browser, server)
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((server.url, "data:")) else None)
    page.goto(server.url + "/map")
    page.wait_for_selector("#map[data-loaded]")
    assert page.locator("#map").get_attribute("data-loaded") == "5"
    assert page.locator("path.leaflet-interactive").count() >= 5 + 100    # the points and the country outlines
    assert "5 event(s) with coordinates" in page.locator("#map-count").inner_text()
    page.screenshot(path=str(ARTIFACTS / "desk-map.png"), full_page=True)
    page.goto(server.url + "/timeline?since=2024-01-01")
    assert "Events per day by type, 2024-03-03 to 2024-03-12" in page.locator("p.count").inner_text()
    assert page.locator("svg.timeline rect").count() == 3                 # three dated events, on three days
    assert page.locator("svg.timeline rect.type-protests title").text_content() == "2024-03-05: 1 Protests"
    page.screenshot(path=str(ARTIFACTS / "desk-timeline.png"), full_page=True)
    assert outside == []                                                  # offline: nothing from elsewhere
    page.close()


def test_a_report_full_of_markup_runs_nothing(desk):
    server, browser = desk
    page = _signed_in(browser, server)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server.url + "/events?country=Nigeria")
    page.locator("table.events tbody tr a").first.click()
    page.wait_for_url("**/events/fev-*")
    text = page.locator("article.report .text").inner_text()
    assert "<script>document.title='pwned'</script>" in text and 'onerror="document.title' in text
    assert "pwned" not in page.title() and dialogs == []
    assert page.locator("article.report script, article.report img, article.report .text a").count() == 0
    assert page.locator("article.report a[href^=javascript]").count() == 0
    page.locator("tr.field[data-field=location]").hover()
    assert page.locator(".text .ev.hl").all_inner_texts() == ["Maiduguri"]
    page.close()
