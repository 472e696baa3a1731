"""Fetching from the web, safely: URLs checked before every connection (`addresses`), responses read within size and
time limits (`body`), robots.txt honoured (`robots`), one polite client per batch (`client`), and the canonical URL
that is a fetched document's identity (`canonical`)."""
