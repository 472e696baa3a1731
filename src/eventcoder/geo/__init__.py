"""Places: the offline gazetteer, toponym detection and resolution, and each event's location.

Modules: `countries` (names, codes, demonyms), `names` (transliteration-proof keys), `build` (the SQLite index
from PyPI data plus our supplement), `gazetteer` (look-ups; where the index lives), `importer` (GeoNames dumps),
`toponyms` (which spans are places), `resolve` (which place each one is), `locate` (where each event happened),
`stage` (the pipeline stages `Geoparse` and `LocateEvents`), `cli` (`eventcoder gazetteer ...`).
"""
