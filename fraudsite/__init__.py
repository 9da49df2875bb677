"""The site's pure-Python core: load, validate, derive, format and render.

Nothing in this package imports MkDocs; the hooks in ``hooks/`` adapt it to
MkDocs events, so every rule here can be tested and reused on its own.
"""
