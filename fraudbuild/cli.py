"""The engine's command: `fraudsite serve | site | init DIR | new-case | new-update | nginx`.

A site's Makefile runs these; each is also `python -m <module>` of its own. Nothing heavy is imported here at
start: the preview's worker processes import their main module again when they start, and must reach the
project's code only through their own imports, so that an error in that code comes back as a message.
"""
from __future__ import annotations

import sys

USAGE = """usage: fraudsite COMMAND [ARGUMENTS]

  serve [--address HOST:PORT]   preview the site in this folder, updated as you save
  site [--site-dir DIR]         build the site for publishing (SITE_URL and CORRECTIONS_CONTACT set)
  init DIR                      write a new site for your centre into DIR (an empty or new folder)
  new-case SLUG                 start a case (data/cases/ and its two pages)
  new-update SLUG               start an update (its two pages under docs/updates/)
  nginx                         print the nginx configuration template for the built site
"""


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help", "help"):
        print(USAGE, end="")
        return 0 if args else 2
    command, rest = args[0], args[1:]
    if command == "serve":
        from fraudbuild.preview import main as serve
        return serve(rest)
    if command == "site":
        from fraudbuild.build import main as build
        return build(rest)
    if command == "init":
        from fraudbuild.starter import main as init
        return init(rest)
    if command == "new-case":
        from fraudsite.newcase import main as new_case
        return new_case(rest)
    if command == "new-update":
        from fraudsite.newupdate import main as new_update
        return new_update(rest)
    if command == "nginx":
        from fraudbuild.theme import NGINX_TEMPLATE
        print(NGINX_TEMPLATE.read_text(encoding="utf-8"), end="")
        return 0
    print(f"fraudsite: unknown command '{command}'\n\n{USAGE}", file=sys.stderr, end="")
    return 2


if __name__ == "__main__":
    sys.exit(main())
