"""Stage CodeActors: who acted in each event (ACLED actor1/actor2, assoc actors, inter codes, civilian targeting).

How an event's actors are found:
1. Mentions: registry aliases in the event's sentence (named groups such as "Hizballah", generic words such as
   "soldiers", "gunmen", "protesters"), plus state forces named by a country word that qualifies a force or attack
   noun ("Russian warplanes", "a Turkish drone strike", "forces of Ukraine") or a country that is the subject of an
   attack verb ("Israel struck ...").
2. Names: each mention becomes an ACLED-style name for the event's country and date (`Military Forces of Syria
   (2000-2024)`, `Islamic State (Syria)`, `Civilians (Mexico)`); a state's forces outside their country get inter 8.
3. Roles from the dependency parse: the subject or "by"-agent of the report is a perpetrator, objects and
   "against/on/at" targets are victims or the other side; civilians count only as victims (killed, shot, abducted).
4. Event type decides the pattern: Protests -> Protesters (X) [+ police on intervention]; Riots -> Rioters (X)
   [+ victims or police]; Violence against civilians -> perpetrator + Civilians (X) with civilian targeting;
   Battles -> two armed sides; Explosions/Remote violence -> the attacker [+ its target]; Strategic developments by
   sub-event type.  A missing side is filled with the convention's default and marked in `event.inferred`.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Document, Event
from ..pipeline import Stage
from .registry import ARMED_KINDS, STATE_KINDS, ActorEntry, Registry, government_years

# --- word lists used with the parse -----------------------------------------------------------------------------
FORCE_NOUNS = {"forces", "force", "troops", "army", "soldiers", "soldier", "military", "warplanes", "warplane", "jets",
               "jet", "aircraft", "drones", "drone", "artillery", "navy", "police", "policemen", "helicopters",
               "helicopter", "units", "unit", "gunboats", "militaries", "servicemen", "guards", "marines",
               "paratroopers", "commandos", "occupiers", "battalion", "brigade", "regiment", "division"}
POLICE_NOUNS = {"police", "policemen", "guards", "gendarmes"}
ATTACK_NOUNS = {"strike", "strikes", "airstrike", "airstrikes", "air", "bombardment", "bombardments", "shelling",
                "attack", "attacks", "raid", "raids", "bombing", "bombings", "missile", "missiles", "rocket", "rockets",
                "offensive", "operation", "operations", "shell", "shells", "fire", "assault", "incursion", "barrage",
                "bombs", "bomb", "mortar", "mortars", "gunfire", "campaign", "occupation", "blast", "blasts",
                "explosion", "explosions", "suicide", "bomber", "bombers", "ambush", "onslaught", "killing", "killings",
                "massacre", "execution", "executions", "kidnapping", "abduction", "advance", "takeover"}
ATTACK_VERBS = {"attack", "strike", "bomb", "shell", "hit", "target", "kill", "shoot", "fire", "launch", "raid",
                "invade", "bombard", "destroy", "storm", "capture", "seize", "clash", "fight", "ambush", "abduct",
                "kidnap", "arrest", "detain", "execute", "torture", "loot", "burn", "assault", "pound", "down",
                "intercept", "take", "recapture", "retake", "advance", "engage", "repel", "open"}
VICTIM_LEMMAS = {"kill", "injure", "wound", "shoot", "abduct", "kidnap", "attack", "target", "hit", "beat", "rape",
                 "execute", "murder", "hurt", "burn", "loot", "rob", "displace", "assault", "torture", "stab",
                 "behead", "massacre", "slaughter", "harm", "strike", "bomb", "shell", "threaten", "hack", "lynch",
                 "die", "death", "killing", "casualty", "victim", "fire", "abduction", "kidnapping", "murder",
                 "attack", "assassinate", "assassination", "extort", "harass", "intimidate", "whip", "flog", "hang",
                 "mutilate", "evict", "expel", "torch", "raid", "take", "seize", "rescue", "free", "release",
                 "arrest", "detain", "round", "disappear", "body", "bodies", "dead", "toll", "include", "among"}
SPEECH_LEMMAS = {"say", "tell", "report", "state", "deny", "accuse", "blame", "allege", "add", "according",
                 "note", "explain", "warn", "call", "demand", "urge", "observe", "record", "monitor", "document",
                 "register", "hear", "see", "count", "verify"}
GROUP_NOUNS = {"militants", "militant", "fighters", "fighter", "members", "member", "elements", "cadres", "cadre",
               "rebels", "rebel", "militiamen", "militia", "insurgents", "forces", "troops", "gunmen", "men",
               "combatants", "operatives", "jihadists", "group", "faction", "factions", "soldiers", "units",
               "terrorists", "supporters", "partisans", "loyalists"}
STATE_WORDS = {"government", "governmental", "state", "army", "military", "regime", "junta"}
TARGET_NOUNS = {"station", "stations", "position", "positions", "base", "bases", "checkpoint", "checkpoints", "post",
                "posts", "camp", "convoy", "patrol", "headquarters", "barracks", "outpost", "vehicle", "vehicles", "stronghold",
                "hideout", "hideouts", "fighters", "members", "militants", "targets", "target", "units", "troops"}
ETHNIC_ARMED = {"militia", "militiamen", "militias", "herders", "herdsmen", "gunmen", "fighters", "youths", "youth",
                "pastoralists", "farmers", "men", "community", "communities", "members", "armed", "group", "groups",
                "attackers", "assailants", "vigilantes", "hunters", "clansmen", "raiders"}
MODIFIED_OK = FORCE_NOUNS | ATTACK_NOUNS | TARGET_NOUNS | GROUP_NOUNS | ETHNIC_ARMED | {
    "station", "stations", "office", "offices", "officers", "officer", "personnel", "agents", "men", "vehicle",
    "vehicles", "convoy", "patrol", "team", "teams", "operation", "operations", "raid", "crackdown", "leader",
    "leaders", "commander", "commanders", "chief", "head", "boss", "official", "officials", "spokesman", "cell",
    "cells", "suspects", "suspect", "recruits", "affiliates", "gunboat", "boat", "aircraft", "helicopter"}
CRIME_WORDS = re.compile(r"\b(drugs?|cartels?|gangs?|gangsters?|criminal|crim(?:e|es)|traffick\w*|extort\w*|narco\w*|"
                         r"robber(?:y|ies|s)?|thie(?:f|ves)|ransom|kidnap-for-ransom|huachicol\w*|sicarios?)\b", re.I)
CLASH_WORDS = re.compile(r"\b(clash\w*|fought|fight\w*|between|each other|rival\w*|brawl\w*|scuffle\w*)\b", re.I)
# Words of bombardment; in a war listed in WARS, an unattributed bombardment or massacre is the main attacker's.
AERIAL_WORDS = re.compile(r"\b(aerial|air ?strikes?|air raids?|warplanes?|barrel bombs?|bombardments?|helicopters?|"
                          r"jets|aircraft|shelling|shells|missiles?|rockets?|bombing|bombings|massacres?)\b", re.I)
# ACLED's coding of the Russia-Ukraine war names the air force unit of air strikes ("... (2000-) Air Force").
AIR_FORCE_UNIT = {"RU", "UA"}
AGENT_PREPS = {"by", "from"}
PATIENT_PREPS = {"against", "on", "at", "targeting", "toward", "towards", "upon", "into", "in", "near", "inside"}
SIDE_PREPS = {"with", "between", "among", "alongside"}

# Actor kinds a sub-event type falls back to when the report names no actor (None: leave the side empty).
DEFAULT_ACTOR1 = {
    "Armed clash": "unidentified", "Government regains territory": "military",
    "Non-state actor overtakes territory": "unidentified",
    "Air/drone strike": "military", "Shelling/artillery/missile attack": "military", "Chemical weapon": "military",
    "Remote explosive/landmine/IED": "unidentified", "Grenade": "unidentified", "Suicide bomb": "unidentified",
    "Attack": "unidentified", "Abduction/forced disappearance": "unidentified", "Sexual violence": "unidentified",
    "Arrests": "police", "Looting/property destruction": "unidentified", "Disrupted weapons use": "military",
    "Mob violence": "rioters", "Violent demonstration": "rioters",
    "Peaceful protest": "protesters", "Protest with intervention": "protesters",
    "Excessive force against protesters": "protesters",
}
CIVILIAN_SIDE = {"Attack", "Abduction/forced disappearance", "Sexual violence", "Mob violence", "Arrests",
                 "Looting/property destruction"}

_MONTHS = ("january february march april may june july august september october november december").split()
_DATE_DMY = re.compile(r"\b(\d{1,2})\s+(" + "|".join(_MONTHS) + r")\s+((?:19|20)\d\d)\b", re.I)
_DATE_MDY = re.compile(r"\b(" + "|".join(_MONTHS) + r")\s+(\d{1,2}),?\s+((?:19|20)\d\d)\b", re.I)
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
COUNTRYLESS = {"military": "Unidentified Military Forces", "police": "Unidentified Police Forces",
               "government": None}
_ARTICLE_COUNTRIES = {"Democratic Republic of Congo", "Republic of Congo", "Philippines", "United States",
                      "United Kingdom", "Central African Republic", "Dominican Republic", "Netherlands",
                      "United Arab Emirates", "Czech Republic", "Bahamas", "Comoros", "Maldives", "Solomon Islands",
                      "Marshall Islands", "Gambia"}


@dataclass
class Actor:
    """An actor found for an event: its ACLED-style name and inter code, where it is named, and its role."""
    name: str
    inter: int
    kind: str
    start: int | None = None       # clean-text span naming it (None: inferred)
    end: int | None = None
    role: str = "other"            # agent | patient | side | victim | speaker | modifier | other
    assoc: list[str] = field(default_factory=list)
    alpha2: str | None = None
    tok_i: int | None = None       # the parse token that heads the mention

    @property
    def armed(self) -> bool:
        return self.kind in ARMED_KINDS


class CodeActors(Stage):
    """Fill actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2 and civilian_targeting of each event.

    `registry`: None for the shipped registry, a path to a user registry file (used in front of the shipped one),
    or a `Registry`."""
    name = "actors"
    requires = ("events", "nlp", "places")
    assigns = ("events.actors",)

    def __init__(self, registry: Registry | str | Path | None = None):
        if registry is None:
            self.registry = Registry.shipped()
        elif isinstance(registry, Registry):
            self.registry = registry
        else:
            self.registry = Registry.shipped().extended(registry)

    def __call__(self, doc: Document) -> Document:
        if not doc.events:
            return doc
        matches = self.registry.find(doc.clean)
        for ev in doc.events:
            code_event(doc, ev, matches, self.registry)
        return doc


# --- context: country and date ------------------------------------------------------------------------------------
def _countries():
    from ..geo import countries
    return countries


def event_country(doc: Document, ev: Event, matches=()):
    """The event's `Country` (from LocateEvents), else the country the document's places and demonyms point to."""
    c = _countries()
    if ev.country:
        found = c.lookup_country(ev.country)
        if found:
            return found
    if ev.iso is not None:
        found = c.country_by_iso(int(ev.iso))
        if found:
            return found
    votes: Counter = Counter()
    sent = doc.sentence_of(ev.anchor[0])
    for p in doc.places:
        if p.country_code:
            near = sent is not None and sent.start <= p.start < sent.end
            votes[p.country_code] += 3 if near else 1
    if not votes and doc.nlp is not None:
        # no resolved places: country names and demonyms ("Syrian", "Kenyan") among the entities
        for ent in doc.nlp.ents:
            if ent.label_ in ("GPE", "NORP"):
                found = c.lookup_country(ent.text)
                if found:
                    near = sent is not None and sent.start <= ent.start_char < sent.end
                    votes[found.alpha2] += 3 if near else 1
    if not votes and matches:
        # still nothing: the home country of named groups in the report ("the Taliban", "the NAF")
        for m in matches:
            homes = {e.country for e, _ in m.entries if e.country and not e.is_template}
            if len(homes) == 1:
                votes[homes.pop()] += 1
    if votes:
        return c.country_by_alpha2(votes.most_common(1)[0][0])
    return None


def event_date(doc: Document, ev: Event) -> dt.date | None:
    """The event's date as far as the words near it tell (before DateEvents runs), else the publication date."""
    sent = doc.sentence_of(ev.anchor[0])
    texts = ([doc.clean[sent.start:sent.end]] if sent else []) + [doc.clean[:2000]]
    for text in texts:
        m = _DATE_DMY.search(text)
        if m:
            d, mon, y = int(m.group(1)), _MONTHS.index(m.group(2).lower()) + 1, int(m.group(3))
        else:
            m = _DATE_MDY.search(text)
            if not m:
                continue
            mon, d, y = _MONTHS.index(m.group(1).lower()) + 1, int(m.group(2)), int(m.group(3))
        try:
            return dt.date(y, mon, d)
        except ValueError:
            continue
    if doc.published_at:
        return doc.published_at
    m = _YEAR.search(doc.clean[:2000])
    return dt.date(int(m.group(1)), 7, 1) if m else None


# --- naming ---------------------------------------------------------------------------------------------------------
def render(template: str, country, when: dt.date | None, admins: dict | None = None,
           group: str | None = None) -> str | None:
    """An entry's name filled in for a country/date; None when a placeholder cannot be filled."""
    name = template
    if "{country}" in name:
        if country is None:
            return None
        cname = country.name
        name = name.replace("of {country}", "of the {country}" if cname in _ARTICLE_COUNTRIES else "of {country}")
        name = name.replace("{country}", cname)
    if "{years}" in name:
        years = government_years(country.alpha2 if country else None, when)
        name = name.replace(" ({years})", f" ({years})" if years else "").replace("{years}", years or "")
    for level in ("admin1", "admin2", "admin3"):
        if "{%s}" % level in name:
            value = (admins or {}).get(level)
            if not value:
                return None
            name = name.replace("{%s}" % level, value)
    if "{group}" in name:
        if not group:
            return None
        name = name.replace("{group}", group)
    return name


def generic(registry: Registry, kind: str, country, when, **kw) -> Actor | None:
    """The generic actor of a kind ("military", "civilians", ...) for a country, e.g. Civilians (Syria)."""
    for e in registry.country_default(kind, country.alpha2 if country else None) + registry.templates(kind):
        if e.valid_on(when):
            name = render(e.name, country, when, **kw)
            if name:
                return Actor(name, e.inter, kind, alpha2=country.alpha2 if country else None)
    if country is None:   # no country known: ACLED's country-less forms, so the inter code still comes through
        name = COUNTRYLESS.get(kind)
        if name is None:
            e = next(iter(registry.templates(kind)), None)
            name = re.sub(r"\s*\(\{country\}\)", "", e.name) if e is not None and "{" in e.name else None
            name = name if name and "{" not in name else None
        if name:
            inter = next((e.inter for e in registry.templates(kind)), 0)
            return Actor(name, inter, kind)
    return None


def _entry_actor(e: ActorEntry, country, home, when, admins, registry: Registry | None = None) -> Actor | None:
    """The actor a registry entry stands for in an event in `home` (country of the event), or for `country`."""
    target = country
    if not e.is_template and e.country:
        target = _countries().country_by_alpha2(e.country) or country
    elif registry is not None and target is not None and home is not None and target.alpha2 == home.alpha2:
        for d in registry.country_default(e.kind, target.alpha2):
            if d.valid_on(when):
                e = d
                break
    name = render(e.name, target, when, admins)
    if not name:
        return None
    inter = e.inter
    if e.kind in STATE_KINDS and target is not None and home is not None and target.alpha2 != home.alpha2:
        inter = 8
    return Actor(name, inter, e.kind, alpha2=target.alpha2 if target else None)


# --- the parse --------------------------------------------------------------------------------------------------
def _span(doc: Document, start: int, end: int):
    if doc.nlp is None:
        return None
    return doc.nlp.char_span(start, end, alignment_mode="expand")


def role_of(tok, depth: int = 0) -> str:
    """The role a noun token plays in its clause: agent, patient, side, speaker or other."""
    while tok.dep_ in ("conj", "appos") and tok.head is not tok:
        tok = tok.head
    if any(ch.dep_ == "relcl" and ch.lemma_.lower() not in SPEECH_LEMMAS for ch in tok.children):
        rel = next(ch for ch in tok.children if ch.dep_ == "relcl")
        if any(c.dep_ in ("nsubj",) and c.lower_ in ("which", "who", "that") for c in rel.children):
            return "agent"
    dep, head = tok.dep_, tok.head
    if head.lemma_.lower() in ("control", "hold", "besiege", "siege") and dep in ("nsubj", "pobj", "npadvmod", "amod",
                                                                              "compound", "agent"):
        return "patient"      # "areas controlled by the rebels", "rebel-held": where the attack fell
    if dep == "pobj" and head.lower_ == "by" and head.head.lemma_.lower() in ("control", "hold", "besiege"):
        return "patient"
    if dep == "nsubj":
        if head.lemma_.lower() in SPEECH_LEMMAS:
            return "speaker"
        return "agent"
    if dep in ("nsubjpass", "dobj", "attr", "oprd"):
        return "patient"
    if dep == "pobj":
        p = head.lower_
        if p in AGENT_PREPS:
            return "agent"
        if p in SIDE_PREPS:
            return "side"
        if p == "of" and depth < 2 and head.head is not head:
            owner = head.head
            if owner.lower_ in TARGET_NOUNS or owner.lemma_.lower() in VICTIM_LEMMAS:
                return "patient"
            return role_of(owner, depth + 1)
        if p in PATIENT_PREPS:
            return "patient"
        return "other"
    if dep in ("amod", "compound") and depth == 0 and head.lower_ not in MODIFIED_OK and head.pos_ in ("NOUN", "PROPN"):
        return "modifier"   # "a military coup", "police custody": the word does not name an acting group
    if dep in ("amod", "compound", "poss", "nmod", "npadvmod", "nummod"):
        if head.lower_ in TARGET_NOUNS or head.lemma_.lower() in ("position", "base", "post", "checkpoint"):
            return role_of(head, depth + 1) if depth < 2 else "patient"
        if head.lower_ in ATTACK_NOUNS or head.lower_ in FORCE_NOUNS:
            r = role_of(head, depth + 1) if depth < 2 else "agent"
            return "agent" if r in ("patient", "other", "modifier") and head.lower_ in ATTACK_NOUNS else r
        h = head   # "IS group suicide blast": a chain of modifiers ending in an attack noun
        for _ in range(3):
            if h.dep_ not in ("compound", "amod", "nmod", "poss") or h.head is h:
                break
            h = h.head
            if h.lower_ in ATTACK_NOUNS:
                return "agent"
        return role_of(head, depth + 1) if depth < 2 else "other"
    if dep == "ROOT":
        return "agent" if any(c.dep_ in ("relcl", "acl") for c in tok.children) else "other"
    return "other"


def is_victim(tok) -> bool:
    """A civilian noun is a victim when a verb or noun of harm governs it (killed, shot, the killing of ...)."""
    role = role_of(tok)
    if role in ("speaker", "modifier") and not (role == "modifier" and tok.head.lemma_.lower() in VICTIM_LEMMAS):
        return False
    if any(ch.lower_ in ("no", "without") for ch in list(tok.children) + list(tok.head.children)):
        return False
    t = tok
    for _ in range(4):
        if t.head is t:
            break
        if t.dep_ == "nsubj" and t.head.lemma_.lower() not in ("die", "perish", "sustain", "suffer", "flee", "lose"):
            return False
        t = t.head
        if t.lemma_.lower() in VICTIM_LEMMAS or t.lower_ in VICTIM_LEMMAS:
            return True
    return False


def _country_words(tok):
    """Countries named by a token and the tokens coordinated with it ("Russian and Ukrainian")."""
    c = _countries()
    out = []
    for t in [tok] + [x for x in tok.subtree if x.dep_ == "conj" and x.head == tok]:
        found = c.lookup_country(t.text) if t.pos_ in ("PROPN", "ADJ", "NOUN") or t.ent_type_ in ("NORP", "GPE") else None
        if found and found not in out:
            out.append(found)
    return out


def _qualifying_countries(root):
    """Countries that qualify a force/attack noun: amod/compound/poss children or an "of <country>" complement."""
    out = []
    for ch in root.children:
        if ch.dep_ in ("amod", "compound", "poss", "nmod", "npadvmod") and ch.i < root.i:
            for c in _country_words(ch):
                if c not in out:
                    out.append(c)
            for gch in ch.children:  # "Russian air strike": Russian modifies "air"
                if gch.dep_ in ("amod", "compound", "poss") and gch.i < ch.i:
                    out += [c for c in _country_words(gch) if c not in out]
        if ch.dep_ == "prep" and ch.lower_ == "of":
            for pobj in ch.children:
                if pobj.dep_ == "pobj" and pobj.ent_type_ == "GPE":
                    out += [c for c in _country_words(pobj) if c not in out]
    return out


# --- mentions ------------------------------------------------------------------------------------------------------
def mentions_in(doc: Document, ev: Event, span, matches, registry: Registry, home, when) -> list[Actor]:
    """Actors named in the clean-text `span` (start, end), each with its role in its clause."""
    out, covered = _registry_mentions(doc, ev, span, matches, registry, home, when)
    out += _unknown_groups(doc, span, covered, home)
    out = _drop_owned(doc, out)
    out += _country_forces(doc, span, covered, registry, home, when)
    return sorted(out, key=lambda a: (a.start if a.start is not None else 10**9))


def _registry_mentions(doc: Document, ev: Event, span, matches, registry: Registry, home, when):
    """Registry aliases in the span, resolved for the event; returns the actors and the spans they cover."""
    start, end = span
    admin1 = {"admin1": ev.admin1, "admin2": ev.admin2, "admin3": ev.admin3}
    out: list[Actor] = []
    covered: list[tuple[int, int]] = []
    c = _countries()
    named_ends: list[tuple[int, Actor]] = []
    for m in matches:
        if m.start < start or m.end > end:
            continue
        s = _span(doc, m.start, m.end)
        root = s.root if s is not None and len(s) else None
        admins = dict(admin1)
        before = re.search(r"([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+$", doc.clean[max(0, m.start - 30):m.start])
        if before and before.group(1) not in ("The", "A", "An", "Local", "Joint", "Combined"):
            admins["admin3"] = before.group(1)   # "the Myeik PDF": local units are named after their township
        actor = _resolve(doc, m, root, registry, home, when, admins)
        if actor is None:
            continue
        main, assoc = actor
        if main is None:
            continue
        # "JNIM militants", "Fulani herders": the generic noun after a named group belongs to it
        prev = next((a for e, a in named_ends if 0 <= m.start - e <= 2), None)
        if prev is not None and prev.kind == "external" and main.kind in STATE_KINDS and main.alpha2 and \
                (home is None or main.alpha2 != home.alpha2) and "(" in prev.name:
            # "ATMIS KDF troops": a mission's national contingent -> "ATMIS: ... (2022-) (Kenya)"
            contingent = c.country_by_alpha2(main.alpha2)
            if contingent is not None:
                prev.name = f"{prev.name} ({contingent.name})"
            prev.end = m.end
            covered.append((m.start, m.end))
            continue
        if prev is not None and (m.text.lower() in GROUP_NOUNS or main.kind in ("unidentified", "civilians", "rebel",
                                                                                  "gang", "identity", "militia")):
            if all(e.kind != "assoc" for e, _ in m.entries) or m.text.lower() in GROUP_NOUNS:
                prev.end = m.end
                covered.append((m.start, m.end))
                continue
        if main.kind in STATE_KINDS and root is not None and _former(doc, m.start, root):
            # "a former member of the police", "a retired soldier": a civilian now
            civ = generic(registry, "civilians", home, when)
            if civ is not None:
                main = civ
        main.start, main.end = m.start, m.end
        main.tok_i = root.i if root is not None else None
        main.role = role_of(root) if root is not None else "other"
        if main.kind == "civilians":
            main.role = "victim" if (root is not None and is_victim(root)) else main.role
        main.assoc = assoc
        split = _split_coordinated(main, root, registry, home, when, admin1)
        out.extend(split)
        covered.append((m.start, m.end))
        if not any(e.is_template for e, _ in m.entries) or main.kind in ("identity", "rebel", "militia") or any(
                e.kind == "ethnic" for e, _ in m.entries):
            named_ends.append((m.end, split[0]))
    return out, covered


FORMER = re.compile(r"\b(former|retired|ex-?|demobili[sz]ed)\s+(\w+\s+){0,3}$", re.I)


def _former(doc: Document, start: int, root) -> bool:
    """Whether a state-force mention names former members ("a former member of the Afghan police")."""
    if FORMER.search(doc.clean[max(0, start - 40):start]):
        return True
    return any(ch.lower_ in ("former", "retired", "ex") for ch in root.children) or (
        root.dep_ == "pobj" and root.head.lower_ == "of" and
        any(ch.lower_ in ("former", "retired", "ex") for ch in root.head.head.children))


def _unknown_groups(doc: Document, span, covered, home) -> list[Actor]:
    """Groups the registry does not know, named as such ("the Yangon Federal Army (YFA)")."""
    start, end = span
    c = _countries()
    out: list[Actor] = []
    for m in UNKNOWN_GROUP.finditer(doc.clean, start, end):
        name, acro, name_start = m.group("name"), m.group("acro"), m.start("name")
        lead = re.match(r"(?:The|A|An|On|In|At|By|And)\s+", name)
        if lead:
            name, name_start = name[lead.end():], name_start + lead.end()
        if any(a < m.end("name") and name_start < b for a, b in covered):
            continue
        words = name.split()
        if len(words) < 2:
            continue
        if len(words) <= 2 and c.lookup_country(words[0]):
            continue    # "Kenyan Army": a state's forces under another name
        if any(w.lower() in NOT_ARMED_WORDS for w in words):
            continue
        s_ = _span(doc, name_start, m.end("name"))
        root = s_.root if s_ is not None and len(s_) else None
        a = Actor(f"{acro}: {name}" if acro else name, 3, "militia", name_start, m.end("name"),
                  role_of(root) if root is not None else "other", alpha2=home.alpha2 if home else None,
                  tok_i=root.i if root is not None else None)
        out.append(a)
        covered.append((m.start(), m.end()))
    return out


def _drop_owned(doc: Document, out: list[Actor]) -> list[Actor]:
    """Drop a generic noun whose "of" complement names a group ("fighters of the factions": the factions)."""
    named_toks = {a.tok_i for a in out if a.tok_i is not None}
    if doc.nlp is not None and named_toks:
        def owned(a: Actor) -> bool:
            if a.kind not in ("unidentified", "gang") or a.tok_i is None:
                return False
            for prep in doc.nlp[a.tok_i].children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    if any(p.i in named_toks for p in prep.children if p.dep_ == "pobj"):
                        return True
            return False
        out = [a for a in out if not owned(a)]
    return out


def _country_forces(doc: Document, span, covered, registry: Registry, home, when) -> list[Actor]:
    """State forces named by a country word no alias covered ("a Turkish drone strike", "Israel struck")."""
    start, end = span
    c = _countries()
    out: list[Actor] = []
    if doc.nlp is not None:
        for tok in doc.nlp.char_span(start, end, alignment_mode="expand") or []:
            if any(a <= tok.idx < b for a, b in covered):
                continue
            if tok.lower_ in STATE_WORDS and tok.dep_ in ("amod", "compound") and tok.head.lower_ in TARGET_NOUNS:
                a = generic(registry, "military", home, when)
                if a is not None:
                    a.start, a.end, a.role = tok.idx, tok.idx + len(tok.text), role_of(tok)
                    out.append(a)
                continue
            if tok.ent_type_ not in ("NORP", "GPE") and not c.is_demonym(tok.text):
                continue
            country = c.lookup_country(tok.text)
            if country is None:
                continue
            head = tok.head
            kind = None
            if tok.dep_ in ("amod", "compound", "poss", "nmod") and head.lower_ in TARGET_NOUNS:
                kind = "military"
            elif tok.dep_ in ("amod", "compound", "poss", "nmod") and (head.lower_ in ATTACK_NOUNS or head.lower_ in FORCE_NOUNS):
                kind = "police" if head.lower_ in POLICE_NOUNS else "military"
                if head.dep_ in ("compound", "amod") and head.head.lower_ in POLICE_NOUNS:
                    kind = "police"
            elif tok.dep_ == "nsubj" and tok.ent_type_ == "GPE" and head.lemma_.lower() in ATTACK_VERBS:
                kind = "military"
            if kind is None:
                continue
            a = generic(registry, kind, country, when)
            if a is None:
                continue
            if home is not None and country.alpha2 != home.alpha2:
                a.inter = 8
            a.start, a.end, a.tok_i = tok.idx, tok.idx + len(tok.text), tok.i
            a.role = role_of(tok)
            if a.role in ("other", "patient") and head.lower_ in ATTACK_NOUNS:
                a.role = "agent"
            out.append(a)
    return out


def _split_coordinated(actor: Actor, root, registry, home, when, admin1) -> list[Actor]:
    """A generic state force qualified by one or more country words becomes that (those) country's force; civilians
    qualified by a nationality ("Ethiopian migrants", "refugees from Ukraine") are that country's civilians."""
    if root is None or actor.kind not in ("military", "police", "civilians") or \
            actor.alpha2 != (home.alpha2 if home else None):
        return [actor]
    countries = _qualifying_countries(root)
    if actor.kind == "civilians":
        origin = [c for ch in root.children if ch.dep_ == "prep" and ch.lower_ == "from"
                  for p in ch.children if p.dep_ == "pobj" for c in _country_words(p)]
        countries = (countries or origin)[:1]
    if not countries:
        return [actor]
    out = []
    for country in countries:
        a = generic(registry, actor.kind, country, when)
        if a is None:
            continue
        if home is not None and country.alpha2 != home.alpha2:
            a.inter = 8
        a.start, a.end, a.role, a.assoc, a.tok_i = actor.start, actor.end, actor.role, actor.assoc, actor.tok_i
        out.append(a)
    return out or [actor]


# A name the registry lacks but that names itself an armed group: capitalised words ending in a group noun,
# optionally followed by its acronym in brackets.  Coded as a political militia (inter 3), ACLED's default.
UNKNOWN_GROUP = re.compile(
    r"(?P<name>[A-Z][\w'’.-]*\s+(?:(?:[A-Z][\w'’.-]*|of|the|and|for|de|del|al|el)\s+){0,5}?"
    r"(?:Army|Force|Forces|Front|Brigade|Brigades|Militia|Guerrillas?|Battalion|Legion|Corps|Boys|Movement|"
    r"Resistance|Commandos?|Defenders|Mujahideen|Cartel|Gang|Tigers|Lions|Warriors)"
    r"(?:\s+(?:Force|Forces|Group|Army|Front))?)\b"
    r"(?:\s*\((?P<acro>[A-Z][A-Za-z0-9/-]{1,12})\))?")
NOT_ARMED_WORDS = {"party", "union", "league", "observatory", "ministry", "committee", "council", "association",
                   "national", "air", "navy", "police", "security", "united", "nations", "red", "cross", "crescent",
                   "peace", "women", "students", "workers", "democratic", "republican", "special"}
REGIME_WORDS = re.compile(r"\b(regime|junta)\b", re.I)


def _named_regime(doc: Document, registry: Registry, when):
    """The one country whose regime the report names specifically ("the Syrian regime"), if exactly one."""
    states = set()
    for x in registry.find(doc.clean):
        if REGIME_WORDS.search(x.text):
            for e, alias in x.entries:
                if e.kind in STATE_KINDS and not e.is_template and e.country and not alias.home_only \
                        and e.valid_on(when):
                    states.add(e.country)
    return _countries().country_by_alpha2(states.pop()) if len(states) == 1 else None


def _resolve(doc, m, root, registry, home, when, admin1):
    """The main actor and assoc names a registry match stands for in this event's context."""
    home2 = home.alpha2 if home else None
    cands = []
    for e, alias in m.entries:
        if not e.valid_on(when):
            continue
        if alias.home_only and e.country != home2:
            continue
        cands.append(e)
    if not cands:
        return None
    if when is None and any(e.valid_to is None for e in cands):   # date unknown: the names in use today
        cands = [e for e in cands if e.valid_to is None]
    # Prefer entries of the event's country, then templates, then others (international, other countries).
    def rank(e):
        if e.country == home2 and e.country:
            return 0
        if e.is_template:
            return 1
        return 2
    main_entries = sorted((e for e in cands if e.kind not in ("assoc", "ethnic")), key=rank)
    regime_of = (_named_regime(doc, registry, when) if main_entries and main_entries[0].is_template
                 and REGIME_WORDS.search(m.text) else None)
    if regime_of is not None and (home is None or regime_of.alpha2 != home.alpha2):
        # "the regime" in a report that names "the Syrian regime": the same state's forces
        main = _entry_actor(main_entries[0], regime_of, home, when, admin1, registry)
        return main, []
    assoc = []
    for e in cands:
        if e.kind == "assoc":
            name = render(e.name, home, when)
            if name:
                assoc.append(name)
    ethnic = next((e for e in cands if e.kind == "ethnic"), None)
    if ethnic is not None and root is not None:
        return _ethnic_actor(doc, m, root, ethnic, registry, home, when)
    main = None
    for e in main_entries:
        main = _entry_actor(e, home, home, when, admin1, registry)
        if main:
            break
    if main is None and home is None and main_entries:
        main = generic(registry, main_entries[0].kind, None, when)
    return main, assoc


def _ethnic_actor(doc, m, root, entry, registry, home, when):
    """'Fulani herders attacked' -> Fulani Ethnic Militia (X); 'killed a Fulani herder' -> Civilians (X) + group."""
    head = root.head if root.dep_ in ("amod", "compound", "nmod") else root
    nxt = doc.clean[m.end:m.end + 20].lower().split()
    armed_word = head.lower_ in ETHNIC_ARMED or (nxt and nxt[0].strip(",.") in ETHNIC_ARMED)
    country = home
    group = entry.name
    if armed_word and not is_victim(head) and role_of(head) not in ("speaker",):
        if head.lower_ in ("farmers", "pastoralists", "herders", "herdsmen", "community", "communities", "members",
                           "youths", "youth", "men") and role_of(head) == "patient":
            pass
        else:
            name = render(f"{group} Ethnic Militia ({{country}})", country, when)
            if name:
                return Actor(name, 4, "identity", alpha2=country.alpha2 if country else None), []
    assoc = render(f"{group} Ethnic Group ({{country}})", country, when)
    civ = generic(registry, "civilians", country, when)
    return civ, [assoc] if assoc else []


# --- the event ---------------------------------------------------------------------------------------------------
def _dedupe(actors: list[Actor]) -> list[Actor]:
    seen: dict[str, Actor] = {}
    order = {"agent": 0, "side": 1, "patient": 2, "victim": 2, "other": 4, "modifier": 5, "speaker": 5}
    for a in actors:
        if a.name not in seen:
            seen[a.name] = a
        else:
            old = seen[a.name]
            if order.get(a.role, 4) < order.get(old.role, 4):
                a.assoc = list(dict.fromkeys(old.assoc + a.assoc))
                seen[a.name] = a
            else:
                old.assoc = list(dict.fromkeys(old.assoc + a.assoc))
    return list(seen.values())


def _tree_distance(i: int | None, trig) -> float:
    """Dependency-tree hops between a mention's head token and the event's trigger (smaller = more its actor)."""
    if trig is None or i is None:
        return 50.0
    tok = trig.doc[i]
    for steps, anc in enumerate([tok] + list(tok.ancestors)):
        if anc.i == trig.i:
            return steps
    trig_chain = [trig] + list(trig.ancestors)
    up = {anc.i: steps for steps, anc in enumerate(trig_chain)}
    for steps, anc in enumerate([tok] + list(tok.ancestors)):
        if anc.i in up:   # hops through the lowest common ancestor
            return steps + up[anc.i] + abs(tok.i - trig.i) / 1000
    return 30 + abs(tok.i - trig.i) / 100


def _pick_armed(armed: list[Actor], exclude: set[str] = frozenset(), partner: Actor | None = None,
                trig=None) -> Actor | None:
    """The most actor-like armed mention: agents first, then sides, others, targets; never a speaker.  With a
    `partner` (the other side), a state force of the partner's own state is not its opponent."""
    order = {"agent": 0, "side": 1, "other": 2, "patient": 3, "victim": 3}
    # among agents, a state's forces lead ("Hezbollah and regime forces shelled ..." -> the state, its ally assoc)
    lead = lambda a: 0 if (a.role == "agent" and a.kind in ("military", "police")) else 1
    pool = [a for a in armed if a.name not in exclude and a.role not in ("speaker", "modifier")]
    if partner is not None and partner.kind in STATE_KINDS:
        pool = [a for a in pool if not (a.kind in STATE_KINDS and a.alpha2 == partner.alpha2)]
    if not pool:
        return None
    return sorted(pool, key=lambda a: (order.get(a.role, 2), lead(a), _tree_distance(a.tok_i, trig), a.start or 0))[0]


def _refine(a: Actor | None, registry: Registry, home, when, sub: str, context: str) -> Actor | None:
    """Conventions that depend on the whole report: criminal violence by unidentified men is a gang's; the air
    force unit of air strikes in wars whose coding names it."""
    if a is None:
        return None
    if a.kind == "unidentified" and a.name.startswith("Unidentified Armed Group") and CRIME_WORDS.search(context):
        gang = generic(registry, "gang", home, when)
        if gang is not None:
            gang.start, gang.end, gang.role, gang.assoc = a.start, a.end, a.role, a.assoc
            return gang
    if sub == "Air/drone strike" and a.kind == "military" and a.alpha2 in AIR_FORCE_UNIT and \
            not a.name.endswith("Air Force"):
        a = Actor(a.name + " Air Force", a.inter, a.kind, a.start, a.end, a.role, a.assoc, a.alpha2)
    return a


def _later_scope(doc: Document, sent, n: int = 3) -> tuple[int, int] | None:
    """The clean-text span of the `n` sentences after `sent` (where a report often names the other side)."""
    if sent is None:
        return None
    after = [x for x in doc.sentences if x.start >= sent.end][:n]
    return (after[0].start, after[-1].end) if after else None


def _earlier_scope(doc: Document, sent, n: int = 3) -> tuple[int, int] | None:
    """The clean-text span of the `n` sentences before `sent`."""
    if sent is None:
        return None
    before = [x for x in doc.sentences if x.end <= sent.start][-n:]
    return (before[0].start, before[-1].end) if before else None


# Wars whose unattributed fighting and bombardment is coded to known sides: (country, from, to, attacker, opponent).
# An attacker/opponent is ("kind", alpha2 of the force's country or None for the event's country) or ("name", name).
WARS = (
    ("SY", dt.date(2011, 3, 15), dt.date(2024, 12, 8), ("military", None), ("rebel", None)),
    ("UA", dt.date(2014, 4, 6), dt.date(2022, 2, 24), ("military", None),
     ("name", "NAF: United Armed Forces of Novorossiya")),
    ("UA", dt.date(2022, 2, 24), None, ("military", "RU"), ("military", None)),
)
# Armed groups that fight in a listed war on neither of its two sides (name prefixes after rendering).  Where a
# report names one of them and no state force, its unattributed fighting is theirs, not the state's against rebels.
THIRD_PARTIES = {
    "SY": ("Islamic State", "SDF:", "YPG:"),
}
# Battles of a war's third parties, from public histories: (country, place pattern, from, to, holder, attacker),
# each side ("name", registry name) or ("kind", kind of the event's country).  Unattributed fighting at the place in
# that period, in a report naming no state force, is coded to these two sides.
FRONTS = (
    ("SY", r"Manbij", dt.date(2016, 5, 31), dt.date(2016, 8, 13), ("name", "Islamic State ({country})"),
     ("name", "SDF: Syrian Democratic Forces")),                       # the SDF's Manbij offensive
    ("SY", r"Raqq?a", dt.date(2017, 6, 6), dt.date(2017, 10, 18), ("name", "Islamic State ({country})"),
     ("name", "SDF: Syrian Democratic Forces")),                       # the battle of Raqqa
    ("SY", r"Yarmouk(?: camp)?|Yarmuk|Hajar al-Aswad", dt.date(2015, 4, 1), dt.date(2018, 4, 19),
     ("name", "Islamic State ({country})"), ("kind", "rebel")),        # the IS enclave south of Damascus
)


def _ascii(text: str) -> str:
    """`text` without diacritics ("al-Yarmūk" -> "al-Yarmuk")."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def front_sides(registry: Registry, home, when, context: str) -> tuple[Actor, Actor] | None:
    """The two sides of a battle in `FRONTS` whose place `context` names, in `home` on `when`."""
    if home is None or when is None:
        return None
    for a2, pattern, start, end, holder, attacker in FRONTS:
        if a2 != home.alpha2 or not start <= when < end or not re.search(rf"\b({pattern})\b", _ascii(context), re.I):
            continue
        sides = []
        for how, what in (holder, attacker):
            if how == "name":
                e = registry.named(what)
                sides.append(_entry_actor(e, home, home, when, None) if e else None)
            else:
                sides.append(generic(registry, what, home, when))
        if None not in sides:
            return sides[0], sides[1]
    return None


# Weapons only states (or foreign forces) wield in these wars: their use puts a state side in the event.
STATE_WEAPONS = re.compile(r"\b(aerial|air ?strikes?|air raids?|warplanes?|barrel bombs?|helicopters?|jets|aircraft|"
                           r"airplanes?|planes|air force|raids? by|bombers?|regime|loyalists?|Turkish|Russian|Iranian|"
                           r"American|Israeli|Iraqi|Jordanian)\b", re.I)


# Words before a force's name that make it the subject of a charge, not an actor: "executed on charges of spying
# for the regime", "accused of collaborating with the army".
CHARGED = re.compile(r"\b(charges?|charged|accus\w*|spying|spies|spy|collaborat\w*|informants?|cooperat\w*)\b"
                     r"(\W+\w+){0,4}\W*$", re.I)


def charged(doc: Document, a: Actor) -> bool:
    """Whether the mention of `a` is part of a charge against victims ("on charges of spying for the regime")."""
    return a.start is not None and bool(CHARGED.search(doc.clean[max(0, a.start - 60):a.start]))


def third_party(home, actors: list[Actor], context: str) -> Actor | None:
    """The first named group of `THIRD_PARTIES` for `home` among `actors`, when the report names no state force
    (no actor of a state kind or inter 1/8, no air power in `context`); None otherwise."""
    prefixes = THIRD_PARTIES.get(home.alpha2 if home else "")
    if not prefixes or STATE_WEAPONS.search(context):
        return None
    if any(a.kind in STATE_KINDS or a.inter in (1, 8) for a in actors):
        return None
    return next((a for a in actors if a.armed and a.name.startswith(prefixes)
                 and a.role not in ("speaker", "modifier")), None)


def war_sides(registry: Registry, home, when) -> tuple[Actor, Actor] | None:
    """The usual two sides of the war in `home` on `when`, if the country is at a war listed in `WARS`."""
    if home is None:
        return None
    c = _countries()
    for a2, start, end, att, opp in WARS:
        if home.alpha2 != a2 or (when is not None and (when < start or (end is not None and when >= end))):
            continue
        if when is None and end is not None:
            continue
        sides = []
        for how, what in (att, opp):
            if how == "name":
                e = registry.named(what)
                actor = _entry_actor(e, home, home, when, None) if e else None
            else:
                country = c.country_by_alpha2(what) if what else home
                actor = generic(registry, how, country, when)
                if actor is not None and country.alpha2 != home.alpha2:
                    actor.inter = 8
            if actor is None:
                break
            sides.append(actor)
        if len(sides) == 2:
            return sides[0], sides[1]
    return None


def code_event(doc: Document, ev: Event, matches, registry: Registry) -> None:
    """Fill one event's actor fields (see the module docstring for the rules)."""
    home = event_country(doc, ev, matches)
    when = event_date(doc, ev)
    admins = {"admin1": ev.admin1, "admin2": ev.admin2, "admin3": ev.admin3}
    sent = doc.sentence_of(ev.anchor[0])
    scope = (sent.start, sent.end) if sent else (max(0, ev.anchor[0] - 300), min(len(doc.clean), ev.anchor[1] + 300))
    trig = _span(doc, ev.anchor[0], ev.anchor[1]) if ev.anchor[1] > ev.anchor[0] else None
    trig = trig.root if trig is not None and len(trig) else None

    def pick(pool, exclude=frozenset(), partner=None):
        return _pick_armed(pool, exclude, partner, trig)
    found = _dedupe(mentions_in(doc, ev, scope, matches, registry, home, when))
    later_span = _later_scope(doc, sent)
    later = _dedupe(mentions_in(doc, ev, later_span, matches, registry, home, when)) if later_span else []
    et, sub = ev.event_type or "", ev.sub_event_type or ""
    armed = [a for a in found if a.armed]
    victims = [a for a in found if a.kind == "civilians" and a.role == "victim"]
    later_victims = [a for a in later if a.kind == "civilians" and a.role == "victim"]
    state = [a for a in armed if a.kind in ("military", "police")]
    assoc_of = lambda kinds: [n for a in found if a.kind in kinds for n in a.assoc]
    war = war_sides(registry, home, when)
    text = doc.clean[scope[0]:scope[1]]
    context = text + " " + (doc.clean[later_span[0]:later_span[1]] if later_span else "")
    local = third_party(home, found + later, context) if war is not None else None
    front = None
    if war is not None and not STATE_WEAPONS.search(context) and \
            not any(a.kind in STATE_KINDS or a.inter in (1, 8) for a in found + later):
        where = " ".join(x for x in (ev.location, ev.admin2, ev.admin3) if x)
        front = front_sides(registry, home, when, where or context)
        if front is not None and local is None:
            local = front[0]
    if local is not None:   # a war's third party named, no state force: it is the default fighter, not the state
        war = None
    local_why = ("attacker not named: the only armed group the report names" if front is None or local is not front[0]
                 else "attacker not named: the holder of a known front at the place")

    def default(kind: str) -> Actor | None:
        return generic(registry, kind, home, when, admins=admins)

    def other_side(a1: Actor) -> Actor | None:
        if local is not None:   # a third party's fight: its opponent is another group named, or the front's other
            named = pick([a for a in found + later if a.armed and a.role not in ("speaker", "modifier")], {a1.name}, a1)
            if named is None and front is not None:
                named = next((f for f in front if f.name != a1.name), None)
            return named
        if war is not None:
            if a1.name == war[0].name:
                return war[1]
            if a1.name == war[1].name:
                return war[0]
        pool = pick([a for a in later if a.armed], {a1.name}, a1)
        if pool is not None:
            return pool
        if war is not None:
            # in a war, the unnamed opponent of the state is the war's opponent side and vice versa; a named group
            # that is neither side (one that fights everyone, e.g. the Islamic State in Syria) has no default
            if a1.kind in STATE_KINDS:
                return war[1]
            return war[0] if a1.kind in ("rebel", "unidentified") and (a1.name == war[1].name or a1.start is None
                                                                         or a1.kind == "unidentified") else None
        return default("unidentified" if a1.kind in STATE_KINDS else "military")

    a1 = a2 = None
    why1 = why2 = None
    assoc1: list[str] = []
    if et == "Protests":
        a1 = next((a for a in found if a.kind == "protesters"), None) or default("protesters")
        why1 = "the demonstrators of a protest event"
        if sub in ("Protest with intervention", "Excessive force against protesters"):
            acting = [a for a in state if a.role not in ("modifier", "speaker")]
            a2 = next((a for a in acting if a.kind == "police"), None) or next(iter(acting), None) or default("police")
            why2 = "authorities that intervened in the protest"
        assoc1 = assoc_of(("protesters", "civilians"))
    elif et == "Riots":
        a1 = next((a for a in found if a.kind == "rioters"), None) or default("rioters")
        why1 = "the participants of a riot"
        engaged = [a for a in state if a.role in ("agent", "side", "patient")]
        later_state = [a for a in later if a.kind in ("military", "police") and a.role in ("side", "patient")]
        if engaged or later_state:
            a2 = (engaged or later_state)[0]
        elif victims:
            a2 = victims[0]
        elif sub == "Mob violence":
            if CLASH_WORDS.search(text) and not later_victims:
                a2, why2 = a1, "two groups of rioters"
            else:
                a2 = (later_victims or [None])[0] or default("civilians")
                why2 = "the victims of mob violence"
        assoc1 = assoc_of(("rioters",))
    elif et == "Violence against civilians":
        a1 = pick([a for a in armed if a.role != "patient" and not charged(doc, a)])
        if a1 is None and war is not None and AERIAL_WORDS.search(context):
            a1, why1 = war[0], "bombardment in a war, attacker not named: the war's main attacker"
        if a1 is None and local is not None:
            a1, why1 = local, local_why
        if a1 is None:
            a1, why1 = default("unidentified"), "perpetrator not named: an unidentified armed group"
        a2 = (victims or [None])[0]
        if a2 is None:   # no civilian named as a victim: a named group whose members were hit is the other side
            a2 = next((a for a in armed if a.role == "patient" and a.name != a1.name), None)
        if a2 is None:
            a2, why2 = default("civilians"), "the victims of violence against civilians"
    elif et == "Battles":
        a1 = pick(armed)
        opposite = [a for a in armed if a.role in ("side", "patient")] if a1 is not None and a1.role == "agent" else []
        a2 = pick(opposite, {a1.name}, a1) if opposite else None
        if a2 is None:
            a2 = pick(armed, {a1.name} if a1 else set(), a1)
        if a2 is None and a1 is not None and a1.role == "side" and CLASH_WORDS.search(text):
            a2 = a1      # "clashes between unidentified armed men": the same kind of actor on both sides
        if a1 is None:
            a1, why1 = (war[0] if war else local or default(DEFAULT_ACTOR1.get(sub, "unidentified"))), \
                "armed side not named"
        if a2 is None and a1 is not None:
            a2, why2 = other_side(a1), "opposing side not named"
            if a2 is not None and a2.name == a1.name:
                a2 = None
    elif et == "Explosions/Remote violence":
        a1 = pick([a for a in armed if a.role != "patient"])
        if a1 is None:
            kind = DEFAULT_ACTOR1.get(sub, "unidentified")
            if war is not None and (kind == "military" or AERIAL_WORDS.search(context)):
                a1, why1 = war[0], "attacker not named: the main attacker of the war"
            elif local is not None:
                a1, why1 = local, local_why
            else:
                a1, why1 = default(kind), "attacker not named"
        others = [a for a in armed if (a1 is None or a.name != a1.name) and a.role not in ("speaker", "modifier")]
        if a1 is not None and a1.kind in STATE_KINDS:
            others = [a for a in others if not (a.kind in STATE_KINDS and a.alpha2 == a1.alpha2)]
        target = next((a for a in others if a.role in ("patient", "side")), None)
        if target is not None:
            a2 = target
        elif victims or later_victims:
            a2 = (victims or later_victims)[0]
        elif others:
            a2 = others[0]
        elif war is not None and a1 is not None and why1 is None and a1.name == war[1].name:
            a2, why2 = war[0], "a non-state group's bombardment in a war: the state's side"
    elif et == "Strategic developments":
        a1 = pick(armed)
        if a1 is None and sub in ("Change to group/activity", "Headquarters or base established", "Other"):
            earlier_span = _earlier_scope(doc, sent)
            nearby = (_dedupe(mentions_in(doc, ev, earlier_span, matches, registry, home, when))
                      if earlier_span else [])
            a1 = pick([a for a in nearby[::-1] if a.armed and a.role == "agent"])
            why1 = "named in the sentences before" if a1 else None
        if a1 is None and sub in DEFAULT_ACTOR1:
            a1, why1 = default(DEFAULT_ACTOR1[sub]), "actor not named"
        if a1 is None and found and sub in ("Other", "Agreement", "Change to group/activity"):
            a1 = next((a for a in found if a.kind in ("government", "protesters", "rioters")), None)
        if a1 is None and sub == "Other":   # displacement, evacuations: the civilians concerned
            a1 = next((a for a in found if a.kind == "civilians" and a.role not in ("speaker", "modifier")), None)
        other = pick(armed, {a1.name} if a1 else set(), a1)
        if other is not None:
            a2 = other
        elif sub in CIVILIAN_SIDE:
            a2 = (victims or [None])[0] or default("civilians")
            why2 = "those affected"
    else:
        a1 = pick(armed)

    if a1 is None and a2 is not None:
        a1, a2, why1, why2 = a2, None, why2, None
    if a1 is not None and a2 is not None and a1.name == a2.name and et not in ("Riots", "Battles"):
        a2 = None
    if a1 is not None and a1.armed and a1.role == "agent":   # other attackers named with it: its associates
        assoc1 = assoc1 + [a.name for a in armed if a.role == "agent" and a.name != a1.name
                           and (a2 is None or a.name != a2.name)]
    a1, a2 = (_refine(a, registry, home, when, sub, context) for a in (a1, a2))
    _assign(doc, ev, a1, a2, why1, why2, assoc1, found)


def _assign(doc: Document, ev: Event, a1: Actor | None, a2: Actor | None, why1, why2, assoc1, found) -> None:
    ev.actor1, ev.inter1 = (a1.name, a1.inter) if a1 else (None, 0)
    ev.actor2, ev.inter2 = (a2.name, a2.inter) if a2 else (None, 0)
    names1 = list(dict.fromkeys((a1.assoc if a1 else []) + list(assoc1)))
    names2 = list(dict.fromkeys(a2.assoc if a2 else []))
    ev.assoc_actor_1 = "; ".join(n for n in names1 if n != ev.actor1) or None
    ev.assoc_actor_2 = "; ".join(n for n in names2 if n != ev.actor2 and n not in names1) or None
    ev.civilian_targeting = "Civilian targeting" if (a2 is not None and a2.inter == 7 and a1 is not None
                                                     and a1.inter not in (5, 6, 7)) else None
    if a1 is not None and a1.inter == 5 and a2 is not None and a2.inter == 7:
        ev.civilian_targeting = "Civilian targeting"
    for fld, a, why in (("actor1", a1, why1), ("actor2", a2, why2)):
        if a is None:
            continue
        if a.start is not None and a.end is not None and a.end > a.start:
            ev.add_evidence(doc.evidence(fld, a.start, a.end))
        else:
            ev.inferred[fld] = why or "default actor for the event type"
    for fld, names, a in (("assoc_actor_1", names1, a1), ("assoc_actor_2", names2, a2)):
        if names and a is not None and a.start is not None:
            ev.add_evidence(doc.evidence(fld, a.start, a.end))
    if a1 is not None or a2 is not None:
        ev.explanation.append("actors: " + " vs ".join(f"{a.name} [{a.inter}, {a.role}]" for a in (a1, a2) if a))
