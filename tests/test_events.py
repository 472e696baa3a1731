"""DetectEvents on sentences we wrote, through Repair and Parse."""
import csv
from pathlib import Path

import pytest

from eventcoder.extract.events import DetectEvents
from eventcoder.geo.stage import Geography
from eventcoder.extract.lexicon import LexiconError, parse_lexicon
from eventcoder.model import Document
from eventcoder.text.nlp import Parse
from eventcoder.text.repair import Repair

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "adra-prison.txt"


@pytest.fixture(scope="module")
def code():
    repair, parse, detect = Repair(), Parse(), DetectEvents()

    def run(text, stage=detect):
        return stage(Geography()(parse(repair(Document("t", text)))))
    return run


def primary(doc):
    occurred = [e for e in doc.events if e.factuality == "occurred"]
    return max(occurred, key=lambda e: e.confidence) if occurred else None


@pytest.mark.parametrize("text,sub", [
    ("On 3 May, hundreds of teachers gathered outside the ministry in Accra to demand higher pay.", "Peaceful protest"),
    ("Students protested in the capital on Monday; police fired tear gas and dispersed the crowd.",
     "Protest with intervention"),
    ("Demonstrators threw stones at police and set tyres on fire during a protest over fuel prices.",
     "Violent demonstration"),
    ("Government warplanes bombed a market in the town on Tuesday, killing nine civilians.", "Air/drone strike"),
    ("Rebels fired mortar shells at an army base near the border.", "Shelling/artillery/missile attack"),
    ("Militants clashed with soldiers near the village, and three soldiers were killed.", "Armed clash"),
    ("Gunmen shot dead two farmers in their field on Sunday.", "Attack"),
    ("Armed men kidnapped a priest from his parish house overnight.", "Abduction/forced disappearance"),
    ("A roadside bomb exploded under a police vehicle, wounding four officers.", "Remote explosive/landmine/IED"),
    ("An angry mob lynched a man accused of theft in the market.", "Mob violence"),
    ("Army engineers defused two explosive devices planted on the main road.", "Disrupted weapons use"),
    ("The two armed groups signed a ceasefire agreement in the provincial capital.", "Agreement"),
    ("Property destruction: On 2 May, soldiers burned down ten houses in the village.", "Looting/property destruction"),
])
def test_sub_event_types(code, text, sub):
    ev = primary(code(text))
    assert ev is not None and ev.sub_event_type == sub, (text, ev and ev.explanation)


@pytest.mark.parametrize("text", [
    "A magnitude 6.1 earthquake struck the coast, killing 12 people and destroying hundreds of homes.",
    "Police charged four men with smuggling cocaine through the port after a long investigation.",
    "The foreign minister met his counterpart in Geneva to discuss new sanctions.",
    "The weather was mild and the market reopened on Tuesday.",
])
def test_out_of_scope_gives_no_event(code, text):
    assert primary(code(text)) is None


def test_factuality(code):
    assert primary(code("The rebels threatened to attack the town next week.")) is None
    assert primary(code("Since 2013, fighting against the rebels has been led by local militias.")) is None
    assert code("The army will deploy more troops to the region next month.").events[0].factuality == "planned"


def test_explanation_and_evidence(code):
    text = "On Friday, police fired tear gas to disperse protesters in the capital."
    doc = code(text)
    ev = primary(doc)
    assert ev.sub_event_type == "Protest with intervention"
    assert ev.event_type == "Protests" and ev.disorder_type == "Demonstrations"
    fields = {e.field for e in ev.evidence}
    assert {"event_type", "sub_event_type"} <= fields
    assert all(text[e.start:e.end] == e.text for e in ev.evidence)
    assert any("tear gas" in line or "disperse" in line for line in ev.explanation)
    assert 0 < ev.confidence <= 1


def test_example_report(code):
    doc = code(EXAMPLE.read_text(encoding="utf-8"))
    occurred = {e.sub_event_type for e in doc.events if e.factuality == "occurred"}
    assert "Air/drone strike" in occurred
    assert "Change to group/activity" in occurred
    assert not any(e.sub_event_type == "Agreement" and e.factuality == "occurred" for e in doc.events)
    strike = next(e for e in doc.events if e.sub_event_type == "Air/drone strike")
    assert doc.notes_of(strike).civilian_hint


def test_several_incidents_in_one_report(code):
    doc = code("Warplanes bombed the town of Qarya on Monday. Separately, protesters rallied in the capital "
               "against the war.")
    subs = [e.sub_event_type for e in doc.events]
    assert "Air/drone strike" in subs and "Peaceful protest" in subs
    assert doc.events[0].confidence > doc.events[1].confidence


def test_bad_input_does_not_break(code):
    long = ("the convoy moved along the road and " * 900) + "militants clashed with soldiers."
    assert isinstance(code(long).events, list)
    table = "Date | Place | Killed\n2022-01-01 | Town A | 3\n2022-01-02 | Town B | 4\n"
    assert isinstance(code(table).events, list)
    ev = primary(code("GUNMEN KILL FIVE VILLAGERS IN NIGHT RAID ON FARMING COMMUNITY"))
    assert ev is not None and ev.event_type == "Violence against civilians"


def test_lexicon_errors_name_the_line():
    with pytest.raises(LexiconError, match=":2"):
        parse_lexicon("[Attack]\nnot-a-weight killed\n", "mine.txt")


def test_train_and_use_a_model(tmp_path, code):
    from eventcoder.extract.classifier import load_model
    from eventcoder.extract.train import TrainError, train_model
    rows = [("Protests", "Peaceful protest", f"Residents of town {i} held a sit-in to demand clean water.")
            for i in range(6)]
    rows += [("Strategic developments", "Other", f"About {i}00 people were displaced from town {i} and crossed "
              "the border.") for i in range(6)]
    rows += [("Violence against civilians", "Attack", f"Gunmen shot dead {i} villagers in town {i}.") for i in range(6)]
    path = tmp_path / "gold.csv"
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["event_type", "sub_event_type", "notes"])
        w.writerows(rows)
    out = tmp_path / "model.npz"
    info = train_model(path, out, epochs=20)
    assert info["rows"] == 18 and set(info["classes"]) == {"Peaceful protest", "Other", "Attack"}
    model = load_model(out)
    assert model.predict("Villagers held a sit-in to demand water.")[0] == "Peaceful protest"
    doc = code("Gunmen shot dead four villagers in the town.", DetectEvents(model=str(out)))
    assert primary(doc).sub_event_type == "Attack"
    bad = tmp_path / "bad.csv"
    bad.write_text("event_type,text\nBattles,x\n")
    with pytest.raises(TrainError, match="notes"):
        train_model(bad, tmp_path / "m2.npz")


def test_rules_without_a_parse():
    from eventcoder.extract.lexicon import load_lexicon
    from eventcoder.extract.rules import decide
    lex = load_lexicon()
    assert decide(lex.match("Rebels recaptured the town from the army.")).label in (
        "Non-state actor overtakes territory", "Government regains territory")
    assert decide(lex.match("Government troops recaptured the village from the rebels.")).label == \
        "Government regains territory"
    assert decide(lex.match("Security forces killed two protesters during a peaceful march.")).label == \
        "Excessive force against protesters"
    d = decide(lex.match("Floods killed 40 people after heavy rain."))
    assert d.label is None and d.none_reason == "disaster"
