"""Word lists that tell, in the spaCy parse, what a noun or verb near an actor mention says about it.

Plain sets of lower-cased words (or lemmas, where the name says so); shared by `actor_roles` (the role a mention
plays in its clause) and `actor_mentions` (which words name an acting force).  No logic lives here.
"""
from __future__ import annotations

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
                "posts", "camp", "convoy", "patrol", "headquarters", "barracks", "outpost", "vehicle", "vehicles",
                "stronghold", "hideout", "hideouts", "fighters", "members", "militants", "targets", "target", "units", "troops"}
ETHNIC_ARMED = {"militia", "militiamen", "militias", "herders", "herdsmen", "gunmen", "fighters", "youths", "youth",
                "pastoralists", "farmers", "men", "community", "communities", "members", "armed", "group", "groups",
                "attackers", "assailants", "vigilantes", "hunters", "clansmen", "raiders"}
MODIFIED_OK = FORCE_NOUNS | ATTACK_NOUNS | TARGET_NOUNS | GROUP_NOUNS | ETHNIC_ARMED | {
    "station", "stations", "office", "offices", "officers", "officer", "personnel", "agents", "men", "vehicle",
    "vehicles", "convoy", "patrol", "team", "teams", "operation", "operations", "raid", "crackdown", "leader",
    "leaders", "commander", "commanders", "chief", "head", "boss", "official", "officials", "spokesman", "cell",
    "cells", "suspects", "suspect", "recruits", "affiliates", "gunboat", "boat", "aircraft", "helicopter"}
AGENT_PREPS = {"by", "from"}
PATIENT_PREPS = {"against", "on", "at", "targeting", "toward", "towards", "upon", "into", "in", "near", "inside"}
SIDE_PREPS = {"with", "between", "among", "alongside"}
