"""Every place this project relies on how MkDocs, Material for MkDocs or
mkdocs-static-i18n work inside, rather than on their documented options.

Nothing else in the project touches these internals. ``check()`` runs at the
start of every build and verifies each assumption against the installed
packages; when one no longer holds (after an upgrade, typically), the build
stops with a message naming the assumption and the versions this code was
written for, instead of quietly publishing broken pages. tests/test_internals.py
pins each assumption, and breaks if one is removed from ``check()``.

The assumptions:

 1. mkdocs-static-i18n builds the language in ``plugin.current_language`` when
    it is set before the plugin's on_config, and builds no other language when
    the others have ``build: false``. (One process builds one language.)
 2. Material's search worker loads ``search/search_index.json`` relative to the
    ``base`` in the page's ``<script id="__config">`` JSON; English pages point
    it at /en/ so they read the English index.
 3. Material's templates put inline scripts in exactly three partials
    (javascripts/base.html, palette.html, content.html), one <script> each; the
    site serves their text as files instead (fraudbuild.theme), so pages carry
    no inline script at all.
 4. fraudbuild/overrides/partials/search.html is Material's own partial with an
    accessible name added, and fraudbuild/overrides/main.html's site_nav block is
    Material's with the shared navigation added; both were copied from the
    version below, whose originals must be unchanged.
 5. For the preview's rebuild of single pages: mkdocs.commands.build has
    ``_populate_page(page, config, files)`` and ``get_context(nav, files,
    config, page)``, and Material's search plugin keeps its entries in
    ``search_index.entries`` (a list of dicts with a "location").
 6. Speed. MkDocs' Page.render builds a new Python-Markdown converter, with all
    its extensions, for every page (``markdown.Markdown(...)`` in
    mkdocs.structure.pages); one converter per build, reset between pages, gives
    the same HTML for less work. Material's search plugin segments Chinese text
    with the module-level ``jieba`` of material.plugins.search.plugin; the English
    build sets it to None (its pages hold only a few Chinese terms, in brackets),
    which spares that process loading jieba's dictionary.
"""
from __future__ import annotations

import hashlib
import inspect
import json
import re
from importlib import metadata
from pathlib import Path
from typing import Any, NoReturn

WRITTEN_FOR = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.2", "mkdocs-static-i18n": "1.3.1"}
# sha256 of the Material originals the overrides copy (assumption 4)
COPIED = {
    "partials/search.html": "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
    "base.html#site_nav": "08b0b8418133d46ea078a7737f096bed62048ed4be5f9c1ba790b3cd3f498cbc",
}
INLINE_SCRIPT_PARTIALS = ("partials/javascripts/base.html", "partials/javascripts/palette.html",
                          "partials/javascripts/content.html")
SCOPE_EXPRESSION = 'new URL("{{ config.extra.scope | d(base_url) }}",location)'
CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


class InternalsChanged(Exception):
    """An assumption about a library's internals no longer holds."""


def material_templates() -> Path:
    import material
    return Path(material.__file__).parent / "templates"


def versions() -> dict[str, str]:
    """The installed version of each package the code was written for, or what is installed instead: a
    fork of Material (such as mkdocs-materialx) installs the same ``material`` package under another name."""
    return {name: _installed(name) for name in WRITTEN_FOR}


def _installed(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        module = {"mkdocs-material": "material", "mkdocs-static-i18n": "mkdocs_static_i18n"}.get(name, name)
        providers = metadata.packages_distributions().get(module) or []
        instead = ", ".join(f"{provider} {_version_or_none(provider)}" for provider in providers)
        return f"not installed ({module} comes from {instead})" if instead else "not installed"


def _version_or_none(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "(version unknown)"


def _changed(number: int, what: str) -> InternalsChanged:
    installed = ", ".join(f"{name} {version}" for name, version in versions().items())
    written = ", ".join(f"{name} {version}" for name, version in WRITTEN_FOR.items())
    return InternalsChanged(
        f"fraudbuild/internals.py: assumption {number} no longer holds: {what}\n"
        f"    Installed: {installed}. This code was written for: {written}.\n"
        f"    How to fix: pin the versions in requirements.txt back, or update fraudbuild/internals.py "
        f"(its docstring lists each assumption) and tests/test_internals.py for the new versions.")


def _fail(number: int, what: str) -> NoReturn:
    raise _changed(number, what)


def check() -> None:
    """Verify every assumption; raise InternalsChanged naming the first that fails.

    Whatever a changed library does to a check (a module, a file or a function gone), the result is the
    assumption's message, never a traceback."""
    for number, assumption in CHECKS:
        try:
            assumption()
        except InternalsChanged:
            raise
        except Exception as error:  # noqa: BLE001 - the check itself could not read what it relies on
            raise _changed(number, f"checking it failed ({type(error).__name__}: {error})") from None


def _check_speed_hooks() -> None:
    from mkdocs.structure import pages
    if "markdown.Markdown(" not in inspect.getsource(pages.Page.render):
        _fail(6, "MkDocs' Page.render no longer creates its converter with markdown.Markdown(...)")
    from material.plugins.search import plugin
    if not hasattr(plugin, "jieba") or "if jieba:" not in inspect.getsource(plugin.SearchIndex.create_entry_for_section):
        _fail(6, "Material's search plugin no longer segments Chinese through its module-level jieba")


def _check_i18n() -> None:
    from mkdocs_static_i18n.plugin import I18n
    source = inspect.getsource(I18n.on_config)
    if "self.current_language is None" not in source:
        _fail(1, "mkdocs-static-i18n no longer keeps a current_language set before its on_config")
    if "build_languages" not in inspect.getsource(I18n.on_post_build):
        _fail(1, "mkdocs-static-i18n no longer builds only the languages with build: true")


def _check_search_base() -> None:
    base = (material_templates() / "base.html").read_text(encoding="utf-8")
    if '<script id="__config" type="application/json">' not in base or '"base": base_url' not in base:
        _fail(2, "Material's base.html no longer writes the search base into <script id=\"__config\">")


def _check_copies() -> None:
    templates = material_templates()
    search = (templates / "partials" / "search.html").read_bytes()
    if hashlib.sha256(search).hexdigest() != COPIED["partials/search.html"]:
        _fail(4, "Material's partials/search.html changed; copy it again into fraudbuild/overrides/partials/search.html, "
                 "add role=\"dialog\" and aria-label to its first element, and update COPIED")
    base = (templates / "base.html").read_text(encoding="utf-8")
    block = re.search(r"\{% block site_nav %\}.*?\{% endblock %\}", base, re.S)
    if not block or hashlib.sha256(block.group(0).encode()).hexdigest() != COPIED["base.html#site_nav"]:
        _fail(4, "Material's site_nav block in base.html changed; redo the site_nav block of fraudbuild/overrides/main.html "
                 "from it and update COPIED")


def _check_preview_hooks() -> None:
    from mkdocs.commands import build
    for name, parameters in (("_populate_page", ["page", "config", "files"]),
                             ("get_context", ["nav", "files", "config", "page"])):
        function = getattr(build, name, None)
        if function is None or list(inspect.signature(function).parameters)[: len(parameters)] != parameters:
            _fail(5, f"mkdocs.commands.build.{name} is gone or takes other arguments")
    from material.plugins.search.plugin import SearchIndex
    if "self.entries" not in inspect.getsource(SearchIndex):
        _fail(5, "Material's SearchIndex no longer keeps its entries in .entries")


# --------------------------------------------------------------------------- 1. one language per process

def select_language(config, lang: str) -> None:
    """Make this MkDocs config build ``lang`` only (static-i18n) and index it alone (Material search)."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        raise InternalsChanged("mkdocs.yml: the i18n plugin (mkdocs-static-i18n) is not configured")
    for language in plugin.config.languages:
        language.build = language.locale == lang
    plugin.current_language = lang
    # Material's search reads its pipeline from the theme language in its own on_config, which runs
    # before mkdocs-static-i18n sets that language: set it first, or English gets the Chinese pipeline
    config.theme["language"] = lang
    search = config.plugins.get("material/search")
    if search is not None and lang != "zh":
        search.config.lang = [lang]
    skip_chinese_segmentation(lang != "zh")
    reuse_markdown_converters()


def configured_languages(config) -> list[str]:
    plugin = config.plugins.get("i18n")
    return [language.locale for language in plugin.config.languages] if plugin else []


# --------------------------------------------------------------------------- 2. the search base

def set_search_base(page_html: str, base: str) -> str:
    """Point Material's search (and its sitemap fetch) at ``base``."""
    def replace(match: re.Match) -> str:
        data = json.loads(match.group(2))
        data["base"] = base
        return match.group(1) + json.dumps(data, ensure_ascii=False) + match.group(3)

    out, count = CONFIG_SCRIPT.subn(replace, page_html, count=1)
    if count != 1:
        _fail(2, "a page has no <script id=\"__config\"> to set the search base in")
    return out


# --------------------------------------------------------------------------- 3. Material's inline scripts

def inline_scripts() -> dict[str, str]:
    """The text of each of Material's inline scripts, by partial, ready to be served as a file."""
    out = {}
    for partial in INLINE_SCRIPT_PARTIALS:
        text = (material_templates() / partial).read_text(encoding="utf-8")
        scripts = SCRIPT.findall(text)
        if partial.endswith("content.html"):
            # the first script is for content.tabs.link, which this site does not use
            if "content.tabs.link" not in text or len(scripts) != 2:
                _fail(3, f"Material's {partial} changed")
            scripts = scripts[1:]
        if len(scripts) != 1 or "{{" in scripts[0].replace(SCOPE_EXPRESSION, ""):
            _fail(3, f"Material's {partial} no longer holds exactly one script without template code")
        script = scripts[0]
        if partial.endswith("base.html"):
            if SCOPE_EXPRESSION not in script:
                _fail(3, "Material's javascripts/base.html no longer scopes storage with base_url")
            # the file lies at assets/javascripts/: the site root is two folders up
            script = script.replace(SCOPE_EXPRESSION, 'new URL("../..",document.currentScript.src)')
        out[partial] = script + "\n"
    return out


# --------------------------------------------------------------------------- 5. the preview's single-page rebuild

def render_page(page, config, files, nav, env) -> str:
    """Read, convert and render one page as `mkdocs build` does, returning the HTML instead of writing it."""
    from mkdocs.commands.build import _populate_page, get_context
    _populate_page(page, config, files)
    doc_files = files.documentation_pages()
    config._current_page = page
    page.active = True
    try:
        context = get_context(nav, doc_files, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        output = template.render(context)
        return config.plugins.on_post_page(output, page=page, config=config)
    finally:
        page.active = False
        config._current_page = None


def search_entries(config) -> list[dict]:
    plugin = config.plugins.get("material/search")
    return plugin.search_index.entries if plugin else []


def write_search_index(config) -> None:
    plugin = config.plugins.get("material/search")
    if plugin:
        plugin.on_post_build(config=config)


# --------------------------------------------------------------------------- 6. speed

class _ReusedConverters:
    """Stands in for the `markdown` module inside mkdocs.structure.pages: one converter per config."""

    def __init__(self):
        import markdown
        self._markdown = markdown
        self._converters: dict[tuple[int, int], Any] = {}

    def Markdown(self, extensions, extension_configs):  # noqa: N802 - the name MkDocs calls
        key = (id(extensions), id(extension_configs))
        converter = self._converters.get(key)
        if converter is None:
            converter = self._converters[key] = self._markdown.Markdown(
                extensions=extensions, extension_configs=extension_configs)
        else:
            converter.reset()  # Python-Markdown's documented way to convert another document
        return converter

    def __getattr__(self, name):
        return getattr(self._markdown, name)


def reuse_markdown_converters() -> None:
    from mkdocs.structure import pages
    if not isinstance(pages.markdown, _ReusedConverters):
        pages.markdown = _ReusedConverters()


_MATERIAL_JIEBA: list = []  # Material's own jieba module, kept so a Chinese build in the same process gets it back


def skip_chinese_segmentation(skip: bool = True) -> None:
    """English pages need no Chinese segmentation; a Chinese build started later in the same process (a test,
    or a build forked from it) must segment again, so the module Material imported is put back for it."""
    from material.plugins.search import plugin
    if not _MATERIAL_JIEBA:
        _MATERIAL_JIEBA.append(plugin.jieba)
    plugin.jieba = None if skip else _MATERIAL_JIEBA[0]


# Each numbered assumption of the docstring and the function that checks it (check() runs them in order).
CHECKS = ((1, _check_i18n), (2, _check_search_base), (3, inline_scripts), (4, _check_copies),
          (5, _check_preview_hooks), (6, _check_speed_hooks))
