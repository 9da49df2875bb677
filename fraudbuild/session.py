"""One language of the preview: a full build, then only the pages an edit touches.

A LanguageSession lives in its own worker process for as long as `make serve`
runs (fraudbuild.preview starts one per language). A full build is
fraudbuild.worker.build_language, as for `make site`; the session keeps the
SiteBuild it returns (MkDocs' config, files, nav and templates) and, for an edit
to a page or a data file:

1. reloads the data (only the changed files are parsed again) and checks the
   changed pages of its language;
2. works out, for every page, the Markdown its markers now render to, and
   renders again exactly the pages whose Markdown changed (the edited page, the
   case lists, the home page, the totals …), plus the pages whose draft state
   changed;
3. rebuilds its language's search index.

It returns the new files as text, for the parent to write into the served site.
Anything it cannot do this way (a page or case added or removed, a nav title,
the glossary, the catalogue, the templates, the code) asks for a full build.
"""
from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from fraudsite import cases, feeds, i18n, listings, markers, pages, preflight, printing, updates
from fraudsite.deferred import Rendered
from fraudsite.errors import SiteInputError
from fraudsite.lint import TypedFigureFinder
from fraudsite.markup import PageContext

from . import internals, limits
from .assemble import open_data
from .outcome import FULL, Outcome
from .sitebuild import SiteBuild
from .worker import Job, _Collect, build_language, describe, quiet_libraries

FULL_BUILD_FILES = {"glossary.yml", "catalogue.yml"}


class NeedsFullBuild(Exception):
    pass


class LanguageSession:
    def __init__(self, job: Job):
        self.job = job
        self.site: SiteBuild | None = None  # the last full build's, kept for the edits after it
        self.cache: dict[Any, Any] = {}   # parsed data files, by path
        quiet_libraries()

    @property
    def config(self) -> MkDocsConfig:
        if self.site is None or self.site.config is None:
            raise NeedsFullBuild("no build yet")
        return self.site.config

    # ------------------------------------------------------------------ full build

    def full_build(self) -> Outcome:
        """The same build as `make site`'s (fraudbuild.worker.build_language), in preview mode."""
        self.site = None
        outcome = build_language(self.job, cache=self.cache, command="serve")
        if not outcome.ok:
            return outcome
        self.site = outcome.site
        return outcome.to_send()

    def _site(self) -> SiteBuild:
        if self.site is None:
            raise NeedsFullBuild("no build yet")
        return self.site

    def _files(self) -> Files:
        files = self._site().files
        if files is None:
            raise NeedsFullBuild("no build yet")
        return files

    # ------------------------------------------------------------------ an edit

    def update(self, changed: list[str]) -> Outcome:
        """Render again what ``changed`` (absolute paths) touches; the files come back as text."""
        started = time.perf_counter()
        try:
            with limits.time_limited():
                files = self._update(changed)
            return Outcome(self.job.lang, True, files=files, seconds=time.perf_counter() - started)
        except NeedsFullBuild as reason:
            return Outcome.failed(self.job.lang, FULL, str(reason))
        except SiteInputError as error:
            return Outcome.failed(self.job.lang, "input", str(error))
        except (Exception, limits.TimeLimitExceeded) as error:  # noqa: BLE001 - the parent shows every failure
            return describe(self.job, error, _Collect())

    def _update(self, changed: list[str]) -> dict[str, str]:
        current, root = self._site(), self.job.root
        paths = [Path(path) for path in changed]
        docs, data = Path(self.config.docs_dir), root / "data"
        for path in paths:
            if not (_under(path, docs) and path.suffix == ".md" or _under(path, data) and path.suffix == ".yml"):
                raise NeedsFullBuild(f"{path} changed")
            if path.name in FULL_BUILD_FILES or not path.exists():
                raise NeedsFullBuild(f"{path.name} changed")
        known = {Path(f.abs_src_path) for f in self._files() if f.abs_src_path}
        new_pages = [p for p in paths if p.suffix == ".md" and p not in known and _language_of(p) == self.job.lang]
        if new_pages:
            raise NeedsFullBuild(f"new page {new_pages[0]}")
        checked = current.request.preflight
        old_slugs = {case.slug for case in checked.dataset.cases}
        if any(_under(path, data) for path in paths):
            dataset, finder = preflight.check_data(root, data, cache=self.cache)
            if {case.slug for case in dataset.cases} != old_slugs:
                raise NeedsFullBuild("a case was added or removed")
            sheets = printing.print_sheets(dataset, self.job.lang, self.config.site_name, self.job.site_url,
                                           reuse=current.sheets, cache=self.job.root / printing.CACHE)
            if sheets != current.sheets:  # their PDFs are written by a full build
                raise NeedsFullBuild("the printable sheets changed")
            dataset.updates = checked.dataset.updates  # read from docs/updates/, not from data/
            checked.dataset = dataset
            self._refresh_case_drafts(checked)
        else:
            dataset, finder = checked.dataset, None
        renew = self._check_changed_pages(paths, checked, finder)
        renew |= self._refresh_updates(paths, checked)
        current.glossary = type(current.glossary)(dataset.terms, self.job.lang)
        edited = {path.resolve() for path in paths if path.suffix == ".md"}
        files = self._render_affected(renew, edited)
        files.update(self._feed())
        if finder is not None and self.job.lang == i18n.DEFAULT:  # the data changed: so may the open data
            files.update(open_data(dataset))
        return files

    def _check_changed_pages(self, paths: list[Path], checked, finder) -> set[str]:
        """Check the changed pages of this language; return the bases whose draft state changed."""
        finder = finder or TypedFigureFinder(checked.dataset)
        renew = set()
        for path in paths:
            if path.suffix != ".md":
                continue
            page = _page_file(path, Path(self.config.docs_dir), self.job.root)
            text = pages.read(page)
            counterpart_path = path.with_name(path.name.replace(f".{page.lang}.md", f".{i18n.other(page.lang)}.md"))
            counterpart = pages.read(_page_file(counterpart_path, Path(self.config.docs_dir), self.job.root)) \
                if counterpart_path.exists() else None
            preflight.check_page(text, counterpart, checked.dataset, finder)
            if page.lang == self.job.lang:
                before = checked.drafts.get(page.base, [])
                notes = preflight.page_drafts(text) + [n for n in before if not n.startswith(page.name + ":")]
                if sorted(notes) != sorted(before):
                    renew.add(page.base)
                if notes:
                    checked.drafts[page.base] = notes
                else:
                    checked.drafts.pop(page.base, None)
        return renew

    def _refresh_case_drafts(self, checked) -> None:
        for case in checked.dataset.cases:
            base = f"cases/{case.slug}"
            pages_notes = [n for n in checked.drafts.get(base, []) if not n.startswith(case.file + ":")
                           and not n.startswith(case.file + " ")]
            notes = pages_notes + preflight.case_drafts(case)
            if notes:
                checked.drafts[base] = notes
            else:
                checked.drafts.pop(base, None)

    def _refresh_updates(self, paths: list[Path], checked) -> set[str]:
        """After an edit under docs/updates/: read the updates again (dates, titles, descriptions), and keep
        the draft note of an empty date on both languages' pages; return the bases whose notes changed."""
        docs = Path(self.config.docs_dir)
        if not any(path.suffix == ".md" and _under(path, docs / updates.FOLDER) for path in paths):
            return set()
        before = updates.date_notes(checked.dataset.updates)
        checked.dataset.updates = updates.collect(updates.scan(docs, self.job.root))
        after = updates.date_notes(checked.dataset.updates)
        renew = set()
        for base in before.keys() | after.keys():
            shown = checked.drafts.get(base, [])
            notes = [note for note in shown if note not in (before.get(base), after.get(base))]
            if base in after:
                notes.insert(0, after[base])
            if notes != shown:
                renew.add(base)
            if notes:
                checked.drafts[base] = notes
            else:
                checked.drafts.pop(base, None)
        return renew

    def _feed(self) -> dict[str, str]:
        """This language's Atom feed, when the edit changed it (fraudsite.feeds)."""
        before = self._site().feed
        text = self._site().write_feed(self.config)
        return {} if text == before else {i18n.prefix(self.job.lang) + feeds.FEED: text}

    def _render_affected(self, renew: set[str], edited: set[Path]) -> dict[str, str]:
        current, config = self._site(), self.config
        stale = self._stale_pages(renew, edited)
        if not stale:
            return {}
        urls = {file.page.url for file in stale}
        entries = internals.search_entries(config)
        entries[:] = [e for e in entries if e["location"].split("#", 1)[0] not in urls]  # rendering adds them anew
        out: dict[str, str] = {}
        for file in stale:
            page = file.page
            title = page.title
            out[file.dest_uri] = internals.render_page(page, config, current.files, current.nav, current.env)
            if file.src_uri in current.nav_pages and page.title != title:
                raise NeedsFullBuild(f"the title of {file.src_uri} changed (it is in the navigation)")
        out.update(self._search_index())
        return out

    def _stale_pages(self, renew: set[str], edited: set[Path]) -> list:
        """The edited pages, and every page whose markers no longer render to what was rendered."""
        current, config = self._site(), self.config
        dataset, lang = current.dataset, self.job.lang
        generated = self._regenerated_listings()
        contact = (config.extra.get("corrections") or {}).get("contact", "")
        stale = []
        for file in self._files().documentation_pages():
            page = file.page
            if page is None:
                continue
            base = pages.base_of(file.src_uri)
            if file.src_uri in generated:
                current.listings[file.src_uri] = generated[file.src_uri]
                file.content_string = generated[file.src_uri].markdown
                stale.append(file)
                continue
            if not file.abs_src_path:  # a generated listing page whose text did not change
                continue
            if Path(file.abs_src_path).resolve() in edited or base in renew:
                stale.append(file)
                continue
            markdown_in, markdown_out = current.markdown.get(file.src_uri, (None, None))
            slug = pages.case_slug_of(base)
            ctx = PageContext(dataset, lang, base + ".md", dataset.case(slug) if slug else None, contact,
                                     current.sheets)
            if markdown_in is None or markers.render_deferred(markdown_in, ctx) != markdown_out:
                stale.append(file)
        return stale

    def _regenerated_listings(self) -> dict[str, Rendered]:
        """src_uri -> the new page, for every generated listing page whose text changed."""
        current = self._site()
        dataset, lang = current.dataset, self.job.lang
        existing = {f.src_uri: f for f in self._files().documentation_pages() if not f.abs_src_path}
        wanted = {}
        for listing in listings.all_listings(dataset):
            for number in listing.generated_numbers():
                wanted[listing.uri(number)] = cases.listing_page(dataset, listing, number, lang)
        if set(wanted) != {uri for uri in existing if uri.startswith("cases/")}:
            raise NeedsFullBuild("the number of listing pages changed")
        return {uri: page for uri, page in wanted.items() if current.listings.get(uri) != page}

    def _search_index(self) -> dict[str, str]:
        """This language's search index, written as a full build writes it."""
        config, lang = self.config, self.job.lang
        internals.write_search_index(config)
        self._site().write_search_index(config)
        target = Path(config.site_dir) / i18n.prefix(lang) / "search" / "search_index.json"
        return {f"{i18n.prefix(lang)}search/search_index.json": target.read_text(encoding="utf-8")}


def _under(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _language_of(path: Path) -> str | None:
    match = pages.PAGE_NAME.match(path.name)
    return match.group("lang") if match else None


def _page_file(path: Path, docs: Path, root: Path) -> pages.PageFile:
    relative = path.resolve().relative_to(docs.resolve()).as_posix()
    match = pages.PAGE_NAME.match(relative)
    if not match:
        raise SiteInputError(str(path.relative_to(root)), None, "file name", "has no language suffix",
                             "name pages <name>.zh.md and <name>.en.md (one of each)")
    return pages.PageFile(path, str(path.resolve().relative_to(root.resolve())), match.group("base"),
                          match.group("lang"))


def dump(files: dict[str, str]) -> str:
    return json.dumps(files, ensure_ascii=False)
