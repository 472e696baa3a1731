"""The review desk: a reviewer corrects, accepts, rejects, merges and splits fused events; every decision is stored
as a correction (who, when, field, before, after, note) beside the coder's values, and kept through re-coding and
re-fusion (`store/sql_review.py`). `review/desk.py` holds the operations, `review/fields.py` checks corrections
against the vocabularies of `review/vocab.py`, and `review/cli.py` is `eventcoder review`."""
