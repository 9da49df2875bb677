"""The site's one MkDocs hook, the file mkdocs.yml names: the engine's events (fraudbuild.hook).

Keep it as it is: every event lives in the installed engine, so upgrading the engine never needs an edit here.
"""
from fraudbuild.hook import *  # noqa: F403 (the events are the engine's; MkDocs finds them by name)
