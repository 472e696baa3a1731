"""CodeActors on sentences we wrote: roles from the parse, generic actors, registry aliases, inter codes."""
import datetime as dt

import pytest

from eventcoder.extract.actors import CodeActors

from actor_cases import coded_event
from eventcoder.pipeline import Pipeline
from eventcoder.stage import Stage

ADRA = (
    "The Syrian regime is attempting to pressure detainees at the central prison in Adra, rural Damascus, to fight "
    "with the regime against opposition forces and the Islamic State group. Lebanese Shia movement Hizballah has also "
    "taken a central role in fighting opposition forces in the country. Meanwhile the regime continues to be backed "
    "in the skies by Russian air forces, which have targeted civilian infrastructure, recently a hospital in Idlib, "
    "killings tens of people."
)


@pytest.fixture(scope="module")
def stage():
    return CodeActors()


def code(stage, text, event_type, sub, country, trigger, published=None):
    return coded_event(stage, text, event_type, sub, trigger, country=country, published=published)


def fields(ev):
    return (ev.actor1, ev.inter1, ev.actor2, ev.inter2)


def test_contract():
    assert CodeActors.name == "actors"
    assert {"events", "nlp", "places"} <= set(CodeActors.requires)   # and everything else it reads
    assert CodeActors.assigns == ("events.actors",)


def test_russian_air_strike_on_hospital_targets_civilians(stage):
    doc, ev = code(stage, ADRA, "Explosions/Remote violence", "Air/drone strike", "Syria", "targeted",
                   dt.date(2016, 2, 20))
    assert ev.actor1 == "Military Forces of Russia (2000-) Air Force" or ev.actor1 == "Military Forces of Russia (2000-)"
    assert ev.inter1 == 8                                 # a foreign state's forces
    assert (ev.actor2, ev.inter2) == ("Civilians (Syria)", 7)
    assert ev.civilian_targeting == "Civilian targeting"
    spans = {e.field: e.text for e in ev.evidence}
    assert "Russian" in spans["actor1"] and spans["actor2"] == "people"


def test_regime_recruitment_is_syrian_state(stage):
    _, ev = code(stage, ADRA, "Strategic developments", "Change to group/activity", "Syria", "pressure detainees",
                 dt.date(2016, 2, 20))
    assert (ev.actor1, ev.inter1) == ("Military Forces of Syria (2000-2024)", 1)


def test_hizballah_spellings_and_regime_forces(stage):
    for spelling in ("Hizballah", "Hezbollah", "Hizbullah"):
        _, ev = code(stage, f"On 3 May 2017, {spelling} fighters and regime forces clashed with HTS near Aleppo.",
                     "Battles", "Armed clash", "Syria", "clashed")
        names = {ev.actor1, ev.actor2}
        assert "Hezbollah" in names or "Military Forces of Syria (2000-2024)" in names
        assert "HTS: Hayat Tahrir al-Sham" in names


def test_syrian_state_after_december_2024(stage):
    _, ev = code(stage, "On 3 March 2025, the Syrian army shelled positions of gunmen near Jableh.",
                 "Explosions/Remote violence", "Shelling/artillery/missile attack", "Syria", "shelled")
    assert ev.actor1 == "Military Forces of Syria (2024-)"


def test_generic_actors_by_event_type(stage):
    _, ev = code(stage, "On 5 March 2022, hundreds of teachers protested in Nairobi over unpaid salaries.",
                 "Protests", "Peaceful protest", "Kenya", "protested")
    assert fields(ev) == ("Protesters (Kenya)", 6, None, 0)
    assert ev.assoc_actor_1 == "Teachers (Kenya)"
    assert ev.event_type and ev.interaction == 60
    _, ev = code(stage, "On 5 March 2022, students protested in Nairobi; police dispersed them with tear gas.",
                 "Protests", "Protest with intervention", "Kenya", "protested")
    assert fields(ev) == ("Protesters (Kenya)", 6, "Police Forces of Kenya (2013-2022)", 1)
    _, ev = code(stage, "On 9 May 2022, a mob burnt a suspected thief to death in Lira.",
                 "Riots", "Mob violence", "Uganda", "burnt")
    assert fields(ev)[:2] == ("Rioters (Uganda)", 5) and ev.actor2 == "Civilians (Uganda)"


def test_violence_against_civilians(stage):
    _, ev = code(stage, "On 5 March 2022, gunmen abducted 12 students in Kaduna.",
                 "Violence against civilians", "Abduction/forced disappearance", "Nigeria", "abducted")
    assert fields(ev) == ("Unidentified Armed Group (Nigeria)", 3, "Civilians (Nigeria)", 7)
    assert ev.assoc_actor_2 == "Students (Nigeria)"
    assert ev.civilian_targeting == "Civilian targeting"
    _, ev = code(stage, "On 5 March 2022, Fulani herdsmen attacked farmers in Benue, killing 7.",
                 "Violence against civilians", "Attack", "Nigeria", "attacked")
    assert ev.actor1 == "Fulani Ethnic Militia (Nigeria)" and ev.inter1 == 4


def test_killed_people_are_inferred_civilians(stage):
    _, ev = code(stage, "On 2 June 2016, the regime shelled Ariha, killing three children.",
                 "Explosions/Remote violence", "Shelling/artillery/missile attack", "Syria", "shelled")
    assert fields(ev) == ("Military Forces of Syria (2000-2024)", 1, "Civilians (Syria)", 7)


def test_foreign_forces_and_positions(stage):
    _, ev = code(stage, "On 2 June 2022, Russian forces shelled Ukrainian positions near Bakhmut.",
                 "Explosions/Remote violence", "Shelling/artillery/missile attack", "Ukraine", "shelled")
    assert fields(ev) == ("Military Forces of Russia (2000-)", 8, "Military Forces of Ukraine (2019-)", 1)


def test_non_state_and_one_sided_in_syria(stage):
    _, ev = code(stage, "On 4 July 2016, clashes between the Islamic State and the Syrian Democratic Forces near Manbij.",
                 "Battles", "Armed clash", "Syria", "clashes")
    assert {ev.actor1, ev.actor2} == {"Islamic State (Syria)", "SDF: Syrian Democratic Forces"}
    assert ev.interaction == 22
    _, ev = code(stage, "On 4 July 2016, the Islamic State executed a young man in Deir ez-Zor.",
                 "Violence against civilians", "Attack", "Syria", "executed")
    assert fields(ev) == ("Islamic State (Syria)", 2, "Civilians (Syria)", 7)


def test_criminal_context_makes_a_gang(stage):
    _, ev = code(stage, "On 4 May 2022, armed men shot dead a shopkeeper in Culiacan in a dispute over drug sales.",
                 "Violence against civilians", "Attack", "Mexico", "shot")
    assert ev.actor1 == "Unidentified Gang (Mexico)"


def test_country_from_demonyms_when_unlocated(stage):
    _, ev = code(stage, "Kenyan police arrested 20 protesters in the capital on 3 June 2023.",
                 "Strategic developments", "Arrests", None, "arrested")
    assert ev.actor1 == "Police Forces of Kenya (2022-)"


def test_user_registry_extends_and_overrides(tmp_path):
    f = tmp_path / "mine.tsv"
    f.write_text("# my groups\nBlack Lions Brigade\t3\tmilitia\tNG\tBlack Lions|Black Lions Brigade\t\t\tlocal group\n",
                 encoding="utf-8")
    stage = CodeActors(f)
    _, ev = code(stage, "On 5 March 2022, the Black Lions attacked villagers in Zamfara, killing 4.",
                 "Violence against civilians", "Attack", "Nigeria", "attacked")
    assert (ev.actor1, ev.inter1) == ("Black Lions Brigade", 3)


def test_pipeline_order_is_checked():
    class Events(Stage):
        name, assigns = "events", ("events", "nlp", "readable", "sentences", "places", "geography",
                                  "events.location")

        def __call__(self, doc):
            return doc
    Pipeline([Events(), CodeActors()])   # builds: every requirement is assigned before


def test_the_regime_follows_the_regime_the_report_names(stage):
    text = ("The Syrian regime is recruiting prisoners. On 3 May 2016 the regime shelled a village near Ariha, "
            "killing two children.")
    _, ev = code(stage, text, "Explosions/Remote violence", "Shelling/artillery/missile attack", "Lebanon", "shelled")
    assert ev.actor1 == "Military Forces of Syria (2000-2024)" and ev.inter1 == 8


def test_no_country_still_gives_inter_codes(stage):
    _, ev = code(stage, "People protested outside the town hall on 3 May 2022.", "Protests", "Peaceful protest",
                 None, "protested")
    assert (ev.actor1, ev.inter1, ev.interaction) == ("Protesters", 6, 60)


def test_local_units_named_after_their_township(stage):
    _, ev = code(stage, "On 3 February 2022, the Myeik PDF fired at a military boat on patrol.",
                 "Battles", "Armed clash", "Myanmar", "fired")
    assert {ev.actor1, ev.actor2} == {"People's Defense Force - Myeik", "Military Forces of Myanmar (2021-)"}


def test_country_default_actor(tmp_path):
    f = tmp_path / "mine.tsv"
    f.write_text("Unidentified Gang or Militia (Ruritania)\t3\tunidentified\tBR\t@default\n", encoding="utf-8")
    _, ev = code(CodeActors(f), "On 3 February 2022, gunmen shot dead a man in Rio de Janeiro.",
                 "Violence against civilians", "Attack", "Brazil", "shot")
    assert (ev.actor1, ev.inter1) == ("Unidentified Gang or Militia (Ruritania)", 3)


def test_civilians_of_their_own_nationality(stage):
    _, ev = code(stage, "On 29 April 2022, police arrested 68 Ethiopian migrants in Misungwi.",
                 "Strategic developments", "Arrests", "Tanzania", "arrested")
    assert ev.actor2 == "Civilians (Ethiopia)"
    assert ev.inter2 == 7                    # civilians are inter 7 wherever they come from; 8 is foreign forces
    _, ev = code(stage, "On 3 May 2022, gunmen killed two Chinese workers in Quetta.",
                 "Violence against civilians", "Attack", "Pakistan", "killed")
    assert (ev.actor2, ev.inter2) == ("Civilians (China)", 7)


def test_groups_missing_from_the_registry_are_named_as_written(stage):
    _, ev = code(stage, "On 2 April 2022, the Tamarind Valley Defence Front (TVDF) attacked a military convoy near "
                 "Kalaw.", "Battles", "Armed clash", "Myanmar", "attacked")
    assert {ev.actor1, ev.actor2} == {"TVDF: Tamarind Valley Defence Front", "Military Forces of Myanmar (2021-)"}
    assert 3 in (ev.inter1, ev.inter2)


def test_former_members_of_the_forces_are_civilians(stage):
    _, ev = code(stage, "On 27 February 2022, a former member of the Afghan police was killed by unidentified "
                 "militants in Herat.", "Violence against civilians", "Attack", "Afghanistan", "killed")
    assert fields(ev) == ("Unidentified Armed Group (Afghanistan)", 3, "Civilians (Afghanistan)", 7)
