"""The cue prefilter: a cue is skipped only for a text it cannot match."""
import re

from eventcoder.extract.lexicon import could_match, folded, load_lexicon
from eventcoder.extract.required_words import required_literals


def test_literals_of_simple_patterns():
    assert required_literals(r"air ?strikes?") == frozenset({"strike"})           # the longest piece
    assert required_literals(r"(shell|mortar)s? fired") == frozenset({" fired"})
    assert required_literals(r"clash(es)?|fought") == frozenset({"clash", "fought"})
    assert required_literals(r"\w+ed") is None                   # nothing literal to require
    assert required_literals(r"(a|b)x") is None                  # pieces too short to be of use


SENTENCES = [
    "Warplanes carried out air strikes on Kafr Nabl, killing 4 civilians.",
    "Protesters marched to the parliament and clashed with riot police, who fired tear gas.",
    "Gunmen abducted two teachers and torched the school; the army recaptured the town.",
    "ſhelling by artillery hit the KITCHEN of a house in İdlib, the Syrian Observatory said.",
    "The rebels and the government signed a ceasefire agreement in Geneva on Friday.",
    "Police arrested 12 opposition activists after a bomb exploded near a checkpoint.",
]


def test_no_cue_is_skipped_for_a_text_it_matches():
    lexicon = load_lexicon(None)
    for text in SENTENCES:
        low = folded(text)
        for cue in lexicon.cues:
            if cue.pattern.search(text):
                assert could_match(cue, low), (cue.source, text)


def test_the_prefilter_leaves_the_matches_unchanged():
    lexicon = load_lexicon(None)
    for text in SENTENCES + ["The council discussed the budget on Monday."]:
        full = [(c.source, m.start()) for c in lexicon.cues for m in [c.pattern.search(text)] if m]
        assert [(m.cue.source, m.start) for m in lexicon.match(text)] == full
