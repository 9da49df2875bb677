"""The engine's MkDocs events: each goes to the SiteBuild of this process.

A site's hooks/site_hook.py (the file its mkdocs.yml names) imports these and nothing else, so a new
version of the engine never needs a change there.

fraudbuild.worker.build_language made that SiteBuild (fraudbuild.sitebuild) and attached it to the MkDocs
config, which MkDocs hands to every event; what each event does, and why it runs when it does, is written
there. The priorities stay here, where MkDocs reads them. Plain `mkdocs build` has no SiteBuild, and is
told to run `make site` instead.
"""
from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from fraudbuild.sitebuild import of

__all__ = ["on_config", "on_files", "on_nav", "on_env", "on_page_markdown", "on_page_content",
           "on_page_context", "on_post_page", "on_template_context", "on_post_template", "on_post_build"]


@event_priority(100)  # before every plugin: the templates' context must be set when they run
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    return of(config).on_config(config)


@event_priority(-110)  # after mkdocs-static-i18n has picked this language's files (-100)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    return of(config).on_files(files, config)


@event_priority(-110)  # after mkdocs-static-i18n has translated the nav (-100)
def on_nav(nav: Any, config: MkDocsConfig, files: Files) -> Any:
    return of(config).on_nav(nav, config, files)


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    return of(config).on_env(env, config, files)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return of(config).on_page_markdown(markdown, page, config, files)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return of(config).on_page_content(html, page, config, files)


@event_priority(-10)  # after mkdocs-static-i18n has set its own context (50)
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Any) -> dict:
    return of(config).on_page_context(context, page, config, nav)


@event_priority(-100)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return of(config).on_post_page(output, page, config)


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    return of(config).on_template_context(context, template_name, config)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    return of(config).on_post_template(output, template_name, config)


@event_priority(-200)  # after Material's search (0) and mkdocs-static-i18n (-100) have written the index
def on_post_build(config: MkDocsConfig) -> None:
    of(config).on_post_build(config)
