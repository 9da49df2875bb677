"""The MkDocs side of the site: build both languages at once, assemble them, preview edits.

fraudsite (the pure core) knows nothing of MkDocs; this package is where MkDocs,
Material and mkdocs-static-i18n are driven, and fraudbuild.internals is the only
place that relies on how they work inside. The build lifecycle is in
fraudbuild/sitebuild.py.
"""
