from eventcoder.extract.taxonomy import interaction_code, interaction_label, taxonomy


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
