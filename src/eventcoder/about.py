"""What this installation is: version, data directory, gazetteer index, spaCy model, vocabularies and the pipeline's
stages with their contracts (`eventcoder info`). Reads only; builds nothing, downloads nothing."""
from __future__ import annotations

import platform
from importlib import metadata

from .version import __version__


def gazetteer_info() -> dict:
    """The default gazetteer index: where it is and, when it is built, its schema, size, build date and counts."""
    from .geo.gazetteer import Gazetteer, data_dir, default_index_path
    path = default_index_path()
    out: dict = {"data_dir": str(data_dir()), "path": str(path), "built": path.exists()}
    if not path.exists():
        out["note"] = "not built yet: it is built on first use (about a minute), or now with `eventcoder gazetteer build`"
        return out
    g = Gazetteer(path)
    try:
        info = g.info()
    finally:
        g.close()
    out.update({k: info[k] for k in ("schema", "built_at", "package_version", "supplement", "places", "names")
                if k in info})
    out["size_mib"] = round(path.stat().st_size / 2**20, 1)
    return out


def spacy_info() -> dict:
    """The spaCy version and the English model the parse stage loads."""
    from .text.nlp import load_spacy
    nlp = load_spacy()
    return {"spacy": metadata.version("spacy"), "model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}",
            "model_version": nlp.meta.get("version"), "pipes": list(nlp.pipe_names)}


def pipeline_info() -> list[dict]:
    """Every registered stage, the standard chain first: name, class, requires, assigns, what it does."""
    from .pipeline import STANDARD, stage_table
    from .stage import spec_of
    return [{"name": name, "class": where, "standard": name in STANDARD, "requires": list(req),
             "assigns": list(asg), "summary": spec_of(name).summary}
            for name, where, req, asg in stage_table()]


def system_info() -> dict:
    from .lang import languages
    return {"eventcoder": __version__, "python": platform.python_version(), "gazetteer": gazetteer_info(),
            "spacy": spacy_info(), "languages": languages(), "pipeline": pipeline_info()}


def format_info(info: dict) -> list[str]:
    """`system_info()` as readable lines."""
    g, s = info["gazetteer"], info["spacy"]
    lines = [f"eventcoder {info['eventcoder']} (Python {info['python']})",
             f"data directory  {g['data_dir']}"]
    if g["built"]:
        lines.append(f"gazetteer       {g['path']}  schema {g.get('schema')}, {g.get('size_mib')} MiB, "
                     f"{g.get('places')} places, {g.get('names')} names, built {g.get('built_at')}")
    else:
        lines.append(f"gazetteer       {g['path']}  ({g['note']})")
    lines.append(f"spaCy           {s['spacy']}, model {s['model']} {s['model_version']} ({', '.join(s['pipes'])})")
    lines.append(f"vocabularies    {', '.join(info['languages'])}")
    lines.append("pipeline (standard chain first; requires -> assigns):")
    for st in info["pipeline"]:
        mark = " " if st["standard"] else "+"
        lines.append(f" {mark} {st['name']:<11} {', '.join(st['requires']) or '-'}  ->  {', '.join(st['assigns'])}")
        lines.append(f"   {'':<11} {st['class']}: {st['summary']}")
    return lines
