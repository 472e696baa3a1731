"""Import GeoNames dumps into the gazetteer index (for production users who want every village).

`import_geonames(dump, alternate_names=None, admin1_codes=None, admin2_codes=None, target=None)` reads
- `dump`: allCountries.txt or a country file (e.g. SY.txt), plain or zipped: the 19 tab-separated GeoNames columns;
- `alternate_names`: alternateNamesV2.txt (or a country file), plain or zipped (optional);
- `admin1_codes`: admin1CodesASCII.txt ("SY.08<TAB>Rif Dimashq<TAB>..."), `admin2_codes`: admin2Codes.txt (optional).

It copies the current index (the shipped one, built if needed) to a temporary file, adds populated places (class P),
administrative units (class A), facilities and areas (classes S, L, T, H) from the dump, replacing entries with
the same geonameid, and renames the result into place as `gazetteer-imported.sqlite`.  Any malformed line aborts
the import with an `ImportError_` naming the file and line; the old index is left unchanged, and so is it when the
process is killed half-way (the temporary file is simply left behind and ignored).
"""
from __future__ import annotations

import io
import json
import os
import sqlite3
import time
import zipfile
from pathlib import Path
from typing import Iterator

from . import names as N
from .gazetteer import ensure_index, imported_index_path
from .atomic import atomic_database


class GeoNamesImportError(ValueError):
    """A GeoNames file is malformed or missing; the message names the file and line."""


_KEEP_CLASSES = {"P": "place", "A": "admin", "S": "facility", "L": "region", "T": "region", "H": "region"}
_FACILITY_CODES = {"PRN", "HSP", "CMP", "CMPRF", "AIRP", "AIRB", "AIRF", "INSM", "MSQE", "CH", "SCH", "UNIV",
                   "BDG", "DAM", "PO", "PS", "STDM", "MKT", "BLDG", "PRT", "RSTN", "CSTM"}


def _open_text(path: Path, member_hint: str | None = None) -> Iterator[tuple[int, str]]:
    """Lines (1-based number, text without newline) of a plain or zipped text file."""
    if not path.exists():
        raise GeoNamesImportError(f"{path}: no such file")
    if zipfile.is_zipfile(path):
        try:
            zf = zipfile.ZipFile(path)
            names = [n for n in zf.namelist() if n.endswith(".txt") and "readme" not in n.lower()]
            if not names:
                raise GeoNamesImportError(f"{path}: the zip archive holds no .txt file")
            member = next((n for n in names if member_hint and member_hint in n), names[0])
            fh = io.TextIOWrapper(zf.open(member), encoding="utf-8", newline="")
            for i, line in enumerate(fh, 1):
                yield i, line.rstrip("\r\n")
        except (zipfile.BadZipFile, EOFError, OSError, zlib_error()) as exc:
            raise GeoNamesImportError(f"{path}: the zip archive is corrupt or truncated ({exc})") from exc
        return
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            for i, line in enumerate(fh, 1):
                yield i, line.rstrip("\r\n")
    except UnicodeDecodeError as exc:
        raise GeoNamesImportError(f"{path}: not UTF-8 text ({exc}); is it a GeoNames dump?") from exc


def zlib_error():
    import zlib
    return zlib.error


def _read_admin_codes(path: Path | None) -> dict[str, str]:
    out: dict[str, str] = {}
    if path is None:
        return out
    for n, line in _open_text(Path(path)):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2 or "." not in cols[0]:
            raise GeoNamesImportError(f"{path}:{n}: expected 'CC.CODE<TAB>name...', got {line[:60]!r}")
        out[cols[0]] = cols[2] if len(cols) > 2 and cols[2] else cols[1]
    return out


def _read_alternates(path: Path | None, wanted: set[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    if path is None:
        return out
    for n, line in _open_text(Path(path), "alternateNames"):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) < 4 or not cols[1].isdigit():
            raise GeoNamesImportError(f"{path}:{n}: expected alternateNames columns "
                                      f"(id, geonameid, isolanguage, name, ...), got {line[:60]!r}")
        lang = cols[2]
        if lang in ("link", "post", "iata", "icao", "faac", "wkdt", "unlc", "abbr", "fr_1793"):
            continue
        if cols[1] in wanted:
            out.setdefault(cols[1], []).append(cols[3])
    return out


def _parse_dump(path: Path) -> list[list[str]]:
    rows = []
    for n, line in _open_text(path):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) != 19:
            raise GeoNamesImportError(f"{path}:{n}: expected 19 tab-separated GeoNames columns, found {len(cols)} "
                                      "(is the file truncated or not a GeoNames dump?)")
        if not cols[0].isdigit():
            raise GeoNamesImportError(f"{path}:{n}: the first column must be a numeric geonameid, got {cols[0]!r}")
        try:
            lat, lon = float(cols[4]), float(cols[5])
        except ValueError:
            raise GeoNamesImportError(f"{path}:{n}: latitude/longitude are not numbers: {cols[4]!r}, {cols[5]!r}")
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise GeoNamesImportError(f"{path}:{n}: coordinates out of range: {lat}, {lon}")
        rows.append(cols)
    if not rows:
        raise GeoNamesImportError(f"{path}: no GeoNames records found")
    return rows


def import_geonames(dump: str | os.PathLike, alternate_names: str | os.PathLike | None = None,
                    admin1_codes: str | os.PathLike | None = None, admin2_codes: str | os.PathLike | None = None,
                    *, base: str | os.PathLike | None = None, target: str | os.PathLike | None = None,
                    log=None) -> dict:
    """Add a GeoNames dump to the gazetteer (see module docstring); return counts. Atomic."""
    t0 = time.time()
    dump = Path(dump)
    rows = _parse_dump(dump)                                   # validate everything before touching the index
    a1 = _read_admin_codes(Path(admin1_codes) if admin1_codes else None)
    a2 = _read_admin_codes(Path(admin2_codes) if admin2_codes else None)
    keep = [r for r in rows if r[6] in _KEEP_CLASSES]
    alts = _read_alternates(Path(alternate_names) if alternate_names else None, {r[0] for r in keep})
    target = Path(target) if target else imported_index_path()
    base = Path(base) if base else (target if target.exists() else ensure_index(log=log))
    with atomic_database(target, copy_from=base) as conn:
        stats = _insert(conn, keep, alts, a1, a2)
        prev = json.loads((conn.execute("SELECT v FROM meta WHERE k='imports'").fetchone() or ["[]"])[0])
        prev.append({"file": str(dump), "records": stats["places"], "at": time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                                                                          time.gmtime())})
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('imports', ?)", (json.dumps(prev),))
    stats["seconds"] = round(time.time() - t0, 1)
    stats["index"] = str(target)
    return stats


def _insert(conn: sqlite3.Connection, rows: list[list[str]], alts: dict[str, list[str]],
            a1: dict[str, str], a2: dict[str, str]) -> dict:
    next_pid = (conn.execute("SELECT MAX(pid) FROM places").fetchone()[0] or 0) + 1
    ids = [r[0] for r in rows]
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        q = ",".join("?" * len(chunk))
        old = [p for (p,) in conn.execute(f"SELECT pid FROM places WHERE geonameid IN ({q})", chunk)]
        if old:
            qo = ",".join("?" * len(old))
            conn.execute(f"DELETE FROM names WHERE pid IN ({qo})", old)
            conn.execute(f"DELETE FROM places WHERE pid IN ({qo})", old)
    place_rows, name_rows = [], []
    for r in rows:
        gid, name, ascii_, altcsv, lat, lon, fclass, fcode, cc = r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]
        admin1 = a1.get(f"{cc}.{r[10]}") if r[10] else None
        admin2 = a2.get(f"{cc}.{r[10]}.{r[11]}") if r[11] else None
        kind = _KEEP_CLASSES[fclass]
        if kind == "admin":
            kind = {"ADM1": "admin1", "ADM2": "admin2", "PCLI": "country"}.get(fcode, "region")
            if kind == "admin1":
                admin1 = admin1 or name
            if kind == "country":
                kind = "region"   # countries come from pycountry; keep the dump's as a plain area
        if fclass == "S" and fcode not in _FACILITY_CODES:
            continue
        pop = int(r[14]) if r[14].strip().lstrip("-").isdigit() else 0
        pid = next_pid
        next_pid += 1
        place_rows.append((pid, gid, name, kind, fcode, cc, admin1, admin2, float(lat), float(lon), pop,
                           "geonames import"))
        seen = set()
        for j, n in enumerate([name, ascii_, *altcsv.split(","), *alts.get(gid, [])]):
            k = N.key(n)
            if not k or len(k) < 2 or k in seen or len(n) > 80:
                continue
            seen.add(k)
            name_rows.append((k, N.loose_of_key(k), pid, int(j == 0)))
    conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", place_rows)
    conn.executemany("INSERT INTO names VALUES (?,?,?,?)", name_rows)
    return {"places": len(place_rows), "names": len(name_rows)}
