"""Sources: monitors, agencies, state media, people with roles, one person spelt two ways, damaged names."""
from eventcoder.extract.sources import (AttributeSources, find_attributions, looks_damaged, merge_people,
                                        source_scale)
from eventcoder.model import Document, DocWarning, Event, Span


def names(text):
    return [a.name for a in merge_people(find_attributions(text))]


def test_monitors_agencies_and_state_media():
    assert names("At least 20 were killed, the Syrian Observatory for Human Rights said.") == ["SOHR"]
    assert names("According to SOHR, five people died.") == ["SOHR"]
    assert names("The Britain-based monitor said 12 civilians died.") == ["SOHR"]
    assert names("The Syrian Network for Human Rights documented 30 deaths.") == ["SNHR"]
    assert names("State media said four soldiers died.") == ["State media"]
    assert names("Rami Abdel Rahman, head of the Observatory, told AFP that 12 were killed.") == [
        "Rami Abdel Rahman", "SOHR", "AFP"]


def test_a_mention_without_attribution_is_not_a_source():
    assert names("Tags: Syria, SOHR, Idlib") == []
    assert names("AP Photo Hussein Malla") == []


def test_people_with_roles_and_one_person_spelt_two_ways():
    text = ('"Detainees are being recruited," activist Ali Paz told a reporter. '
            '"Many have signed up," said Baz.')
    people = merge_people(find_attributions(text))
    assert [(p.name, p.kind) for p in people] == [("Ali Paz", "activist")]


def test_bare_roles():
    assert names("Local activists reported heavy shelling.") == ["Local activists"]
    assert names("A military source said the army advanced.") == ["Military source"]


def test_scale():
    attrs = merge_people(find_attributions("AFP said 5 died, the Syrian Observatory for Human Rights said."))
    assert source_scale(attrs) == "International-Other"
    assert source_scale([]) is None


def test_damaged_names():
    assert looks_damaged("°®Âþµº")
    assert not looks_damaged("Ali Paz")


def test_stage_uses_outlet_and_skips_mojibake():
    text = 'Jets hit a market, killing 5. "It was hell," activist Ali Paz told °®Âþµº.'
    doc = Document("d1", text, source="°®Âþµº")
    doc.sentences = [Span(0, 29, "sentence"), Span(30, len(text), "sentence")]
    doc.warnings.append(DocWarning("mojibake-unrepaired", "x", text.index("°"), len(text) - 1))
    doc.events = [Event(doc_id="d1", anchor=(5, 8))]
    AttributeSources()(doc)
    ev = doc.events[0]
    assert ev.source == "Ali Paz (activist)"
    assert "°" not in ev.source
    assert any(e.field == "source" for e in ev.evidence)

    doc = Document("d2", "Jets hit a market, killing 5.", source="SOHR")
    doc.sentences = [Span(0, len(doc.text), "sentence")]
    doc.events = [Event(doc_id="d2", anchor=(5, 8))]
    AttributeSources()(doc)
    assert doc.events[0].source == "SOHR" and doc.events[0].source_scale == "Other"
    assert doc.events[0].inferred["source"]


def test_stage_keeps_the_quotes_behind_a_source():
    text = '"Many prisoners have signed up for the front," said activist Ali Paz. Jets hit the prison.'
    doc = Document("d3", text)
    doc.sentences = [Span(0, text.index(" Jets"), "sentence"), Span(text.index("Jets"), len(text), "sentence")]
    doc.events = [Event(doc_id="d3", anchor=(text.index("Jets"), text.index("Jets") + 4))]
    AttributeSources()(doc)
    ev = doc.events[0]
    assert ev.source == "Ali Paz (activist)"
    quotes = [e.text for e in ev.evidence if e.field == "source_quote"]
    assert quotes == ["Many prisoners have signed up for the front,"]
