"""Shared by the event tests: a report coded up to its events (repair, parse, geography, event detection)."""
from eventcoder.extract.events import DetectEvents
from eventcoder.geo.stage import Geography
from eventcoder.model import Document
from eventcoder.text.nlp import Parse
from eventcoder.text.repair import Repair


def occurred_types():
    """A function: text -> the sub-event types of the events the text reports as occurred, in event order."""
    repair, parse, detect = Repair(), Parse(), DetectEvents()

    def run(text):
        doc = detect(Geography()(parse(repair(Document("t", text)))))
        return [e.sub_event_type for e in doc.events if e.factuality == "occurred"]
    return run
