"""Shared by the actor tests: one hand-anchored event in a parsed sentence, coded by CodeActors."""
from eventcoder.model import Document, Event
from eventcoder.text.nlp import Parse
from eventcoder.text.repair import Repair


def coded_event(stage, text, event_type, sub, trigger, *, country=None, published=None, location=None):
    """(doc, event) after `stage` coded the event anchored on the words `trigger` of `text`."""
    doc = Parse()(Repair()(Document("t", text, published_at=published)))
    i = doc.clean.index(trigger)
    ev = Event(doc_id="t", anchor=(i, i + len(trigger)), event_type=event_type, sub_event_type=sub, country=country,
               location=location)
    doc.events = [ev]
    stage(doc)
    return doc, ev
