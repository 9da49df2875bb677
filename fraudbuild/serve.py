"""`make serve` starts here: python -m fraudbuild.serve [--address 127.0.0.1:8000].

Everything is in fraudbuild.preview. This module imports it only when run as
the program: the preview's worker processes import this module again (that is
how Python starts a process with "spawn"), and must not import the project's
code on the way in, so that an error in that code comes back as a message.
"""

if __name__ == "__main__":
    import sys

    from fraudbuild.preview import main

    sys.exit(main())
