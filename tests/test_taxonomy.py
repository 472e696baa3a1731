import copy

import pytest

from eventcoder.extract import new_event as new_event_module
from eventcoder.extract.lexicon import LexiconError, parse_lexicon
from eventcoder.extract.rules import _rank
from eventcoder.extract.taxonomy import Taxonomy, TaxonomyError, interaction_code, interaction_label, taxonomy
from eventcoder.model import Event


def test_every_sub_event_type_has_type_disorder_and_definition():
    tax = taxonomy()
    assert len(tax.sub_event_types) == 25
    assert set(tax.event_types) == {"Battles", "Explosions/Remote violence", "Violence against civilians",
                                    "Protests", "Riots", "Strategic developments"}
    for sub in tax.sub_event_types:
        assert tax.disorder_type_of(sub) in tax.disorder_types
        assert tax.definition(sub)


def test_lookups_accept_acled_spellings():
    tax = taxonomy()
    assert tax.normalize_sub("excessive force against protestors") == "Excessive force against protesters"
    assert tax.normalize_sub("AIR/DRONE STRIKE") == "Air/drone strike"
    assert tax.normalize_disorder("Demostrations") == "Demonstrations"
    assert tax.event_type_of("Mob violence") == "Riots"
    assert tax.disorder_type_of("Mob violence") == "Political violence"


def test_export_mappings():
    tax = taxonomy()
    assert tax.cameo("Air/drone strike") == "195"
    assert tax.plover("Peaceful protest") == "PROTEST"
    assert tax.plover("Agreement") == "AGREE"


def test_interaction_codes():
    assert interaction_code(7, 1) == 17
    assert interaction_code(6, 0) == 60
    assert interaction_label(17) == "State Forces versus Civilians"
    assert interaction_label(60) == "Sole Protesters"


def test_unknown_sub_event_type_says_what_is_known():
    try:
        taxonomy().event_type_of("Picnic")
    except KeyError as e:
        assert "Armed clash" in str(e)
    else:
        raise AssertionError("expected KeyError")


# --- per-sub-event-type behaviour is data (taxonomy.json) ---------------------------------------------------------

def _data(edit=None) -> dict:
    data = copy.deepcopy(taxonomy().data)
    if edit is not None:
        edit({r["sub_event_type"]: r for r in data["sub_event_types"]})
    return data


def test_validation_rejects_a_sub_event_type_without_priority():
    with pytest.raises(TaxonomyError, match="'Grenade' has no 'priority'"):
        Taxonomy(_data(lambda subs: subs["Grenade"].pop("priority")))


def test_validation_rejects_shared_priorities_and_undeclared_families():
    def same(subs):
        subs["Grenade"]["priority"] = subs["Attack"]["priority"]
    with pytest.raises(TaxonomyError, match="share priority"):
        Taxonomy(_data(same))
    with pytest.raises(TaxonomyError, match="undeclared families 'loud'"):
        Taxonomy(_data(lambda subs: subs["Grenade"]["families"].append("loud")))
    with pytest.raises(TaxonomyError, match="'deaths' must be one of"):
        Taxonomy(_data(lambda subs: subs["Arrests"].__setitem__("deaths", "maybe")))


def test_unknown_label_has_no_silent_priority():
    assert _rank("Chemical weapon") < _rank("Other")
    with pytest.raises(KeyError, match="not a sub-event type of taxonomy.json"):
        _rank("Picnic")


def test_tie_break_order_and_families_are_the_data():
    tax = taxonomy()
    assert tax.by_priority[:6] == sorted(tax.family("explosive"), key=tax.priority)
    assert tax.family("explosive") == set(tax.subs_of("Explosions/Remote violence"))
    assert tax.family("protest") == {"Peaceful protest", "Protest with intervention",
                                     "Excessive force against protesters", "Violent demonstration"}
    assert tax.in_family("Mob violence", "violent") and not tax.in_family("Arrests", "violent")
    assert tax.deaths("Peaceful protest") == "none by definition"
    assert tax.default_actor1("Arrests") == "police" and tax.default_actor1("Agreement") is None


def test_civilian_victims_drives_civilian_hint(monkeypatch):
    ev = Event("d", (0, 5), sub_event_type="Arrests")
    assert not new_event_module.civilian_hint(ev, "police arrested civilians")
    edited = Taxonomy(_data(lambda subs: subs["Arrests"].__setitem__("civilian_victims", "always")))
    monkeypatch.setattr(new_event_module, "taxonomy", lambda: edited)
    assert new_event_module.civilian_hint(ev, "police arrested them")
    strike = Event("d", (0, 5), sub_event_type="Air/drone strike")
    assert new_event_module.civilian_hint(strike, "a strike hit a market")
    assert not new_event_module.civilian_hint(strike, "a strike hit a depot")


def test_a_lexicon_section_must_be_a_sub_event_type():
    assert parse_lexicon("[Attack]\n3 killed\n[none:crime]\n3 robbery\n[prefix]\n3 Looting => Looting/property destruction\n")
    with pytest.raises(LexiconError, match="'Picnic' is not a sub-event type of taxonomy.json"):
        parse_lexicon("[Picnic]\n3 picnic\n", "mine.txt")
    with pytest.raises(LexiconError, match="mine.txt:2: 'Feast'"):
        parse_lexicon("[prefix]\n3 Feast => Feast\n", "mine.txt")
