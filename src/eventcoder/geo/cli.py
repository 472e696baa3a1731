"""`eventcoder gazetteer ...`: build, import into, inspect and query the offline gazetteer."""
from __future__ import annotations

import json

import click


@click.group(name="gazetteer")
def gazetteer() -> None:
    """The offline gazetteer: a SQLite index built from installed packages (and optional GeoNames dumps)."""


@gazetteer.command("build")
@click.option("--force", is_flag=True, help="Rebuild even if the index exists.")
def build_cmd(force: bool) -> None:
    """Build the shipped index now (it is otherwise built on first use)."""
    from .build import BuildError, build_index
    from .gazetteer import default_index_path
    path = default_index_path()
    if path.exists() and not force:
        click.echo(f"index already built: {path} (use --force to rebuild)")
        return
    try:
        stats = build_index(path, log=lambda m: click.echo(m, err=True))
    except BuildError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"built {path} in {stats['seconds']} s: {json.dumps(stats)}")


@gazetteer.command("import")
@click.argument("dump", type=click.Path(dir_okay=False))
@click.option("--alternate-names", type=click.Path(dir_okay=False), help="alternateNamesV2.txt (plain or zipped).")
@click.option("--admin1-codes", type=click.Path(dir_okay=False), help="admin1CodesASCII.txt.")
@click.option("--admin2-codes", type=click.Path(dir_okay=False), help="admin2Codes.txt.")
def import_cmd(dump: str, alternate_names: str | None, admin1_codes: str | None, admin2_codes: str | None) -> None:
    """Add a GeoNames dump (allCountries.txt or a country file such as SY.txt, plain or zipped) to the index."""
    from .importer import GeoNamesImportError, import_geonames
    try:
        stats = import_geonames(dump, alternate_names, admin1_codes, admin2_codes,
                                log=lambda m: click.echo(m, err=True))
    except GeoNamesImportError as exc:
        raise click.ClickException(f"{exc}. The index was left unchanged.") from exc
    click.echo(f"imported {stats['places']} places ({stats['names']} names) into {stats['index']} "
               f"in {stats['seconds']} s")


@gazetteer.command("info")
def info_cmd() -> None:
    """Where the index is, what it holds and how it was built."""
    from .gazetteer import Gazetteer, ensure_index
    g = Gazetteer(ensure_index(log=lambda m: click.echo(m, err=True)))
    click.echo(json.dumps(g.info(), indent=2, ensure_ascii=False))


@gazetteer.command("lookup")
@click.argument("name")
@click.option("--loose", is_flag=True, help="Use the transliteration-loose key.")
@click.option("-n", "limit", default=10, show_default=True, help="Show at most this many readings.")
def lookup_cmd(name: str, loose: bool, limit: int) -> None:
    """The gazetteer's readings of NAME, most populous first."""
    from .gazetteer import default_gazetteer
    rs = default_gazetteer().lookup(name, loose=loose)
    if not rs and not loose:
        rs = default_gazetteer().lookup(name, loose=True)
    if not rs:
        raise click.ClickException(f"no place called {name!r} in the gazetteer")
    for r in sorted(rs, key=lambda r: -(r.population or 0))[:limit]:
        click.echo(f"{r.name}\t{r.kind}\t{r.feature_code}\t{r.cc}\t{r.admin1 or ''}\t{r.admin2 or ''}\t"
                   f"{r.lat}\t{r.lon}\tpop={r.population}\t{r.source}")
