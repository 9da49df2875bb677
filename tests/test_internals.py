"""fraudbuild.internals: each assumption about the libraries' insides holds for the pinned versions,
and check() notices when one does not, naming the assumption and the versions the code was written for."""
from __future__ import annotations

import inspect
import re
from importlib import metadata

import pytest

from fraudbuild import internals
from fraudbuild.internals import InternalsChanged


def test_the_pinned_versions_are_the_ones_the_code_was_written_for():
    assert internals.versions() == internals.WRITTEN_FOR
    for name, version in internals.WRITTEN_FOR.items():
        assert f"{name}=={version}" in open("requirements.txt", encoding="utf-8").read()


def test_every_assumption_holds_for_the_pinned_versions():
    internals.check()


def test_every_numbered_assumption_is_checked():
    documented = set(re.findall(r"^ (\d)\. ", internals.__doc__, re.M))
    checked = set(re.findall(r"_fail\((\d)", inspect.getsource(internals)))
    assert documented == checked == {str(n) for n in range(1, 7)}, (documented, checked)


def _broken(monkeypatch, number: int) -> str:
    with pytest.raises(InternalsChanged) as error:
        internals.check()
    message = str(error.value)
    assert f"assumption {number} no longer holds" in message
    for name, version in internals.WRITTEN_FOR.items():
        assert f"{name} {version}" in message, "the message names the versions the code was written for"
    assert "How to fix" in message
    return message


def test_1_static_i18n_language_selection(monkeypatch):
    from mkdocs_static_i18n.plugin import I18n
    monkeypatch.setattr(I18n, "on_config", lambda self, config: config)
    _broken(monkeypatch, 1)


def test_2_the_search_base_in_materials_config(monkeypatch, tmp_path):
    fake = tmp_path / "templates"
    fake.mkdir()
    (fake / "base.html").write_text("<script>no config here</script>", encoding="utf-8")
    monkeypatch.setattr(internals, "material_templates", lambda: fake)
    _broken(monkeypatch, 2)


def test_3_materials_inline_scripts(monkeypatch, tmp_path):
    real = internals.material_templates()
    fake = tmp_path / "templates"
    import shutil
    shutil.copytree(real, fake)
    palette = fake / "partials" / "javascripts" / "palette.html"
    palette.write_text(palette.read_text(encoding="utf-8") + "<script>var more=1</script>", encoding="utf-8")
    monkeypatch.setattr(internals, "material_templates", lambda: fake)
    _broken(monkeypatch, 3)


def test_3_the_scripts_served_as_files_hold_materials_code():
    scripts = internals.inline_scripts()
    assert "__md_scope=new URL(\"../..\",document.currentScript.src)" in scripts["partials/javascripts/base.html"]
    assert "__md_get(\"__palette\")" in scripts["partials/javascripts/palette.html"]
    assert all("{{" not in text and "<script" not in text for text in scripts.values())


def test_4_copied_templates(monkeypatch):
    monkeypatch.setitem(internals.COPIED, "partials/search.html", "0" * 64)
    message = _broken(monkeypatch, 4)
    assert "fraudbuild/overrides/partials/search.html" in message


def test_5_single_page_rendering(monkeypatch):
    from mkdocs.commands import build
    monkeypatch.delattr(build, "_populate_page")
    _broken(monkeypatch, 5)


def test_6_one_converter_per_build(monkeypatch):
    from mkdocs.structure import pages
    monkeypatch.setattr(pages.Page, "render", lambda self, config, files: None)
    _broken(monkeypatch, 6)


def test_6_reused_converters_give_the_same_html_as_new_ones():
    import markdown
    extensions = ["toc", "tables", "attr_list", "def_list", "admonition", "footnotes", "md_in_html"]
    documents = ["# A\n\nText[^1].\n\n[^1]: Note.", "# B\n\n| a | b |\n| - | - |\n| 1 | 2 |", "# A\n\nAgain: ids reset."]
    reused = internals._ReusedConverters()
    for text in documents:
        fresh = markdown.Markdown(extensions=extensions).convert(text)
        assert reused.Markdown(extensions=extensions, extension_configs={}).convert(text) == fresh


@pytest.mark.build
def test_the_english_search_index_has_the_english_pipeline(built_site):
    """Assumption 1's consequence: Material reads its pipeline from the language; English once got the Chinese one."""
    import json
    english = json.loads((built_site.root / "en/search/search_index.json").read_text(encoding="utf-8"))["config"]
    chinese = json.loads((built_site.root / "search/search_index.json").read_text(encoding="utf-8"))["config"]
    assert english["lang"] == ["en"] and chinese["lang"] == ["zh", "en"]
    assert english["pipeline"] != chinese["pipeline"]
    assert metadata.version("mkdocs-material") == internals.WRITTEN_FOR["mkdocs-material"]


def test_a_fork_installed_as_material_gets_the_message_not_a_traceback(monkeypatch):
    """mkdocs-materialx installs the `material` package under another name: metadata.version("mkdocs-material")
    raises. The message is still written, and names what is installed instead."""
    real_version = metadata.version

    def version(name):
        if name == "mkdocs-material":
            raise metadata.PackageNotFoundError(name)
        return "10.2.2" if name == "mkdocs-materialx" else real_version(name)

    monkeypatch.setattr(metadata, "version", version)
    monkeypatch.setattr(metadata, "packages_distributions", lambda: {"material": ["mkdocs-materialx"]})
    monkeypatch.setitem(internals.COPIED, "partials/search.html", "0" * 64)
    message = _broken(monkeypatch, 4)
    assert "mkdocs-material not installed (material comes from mkdocs-materialx 10.2.2)" in message


@pytest.mark.parametrize("number", range(1, 7))
def test_a_check_that_cannot_read_what_it_relies_on_says_which_assumption(monkeypatch, number):
    """A module, template or function gone in another theme package: the assumption's message, no traceback."""
    def gone():
        raise ImportError("No module named 'material.plugins.search'")

    checks = dict(internals.CHECKS)
    monkeypatch.setattr(internals, "CHECKS", tuple((n, gone if n == number else check) for n, check in checks.items()))
    message = _broken(monkeypatch, number)
    assert "ImportError: No module named 'material.plugins.search'" in message


def test_templates_missing_altogether_fail_with_the_message(monkeypatch, tmp_path):
    monkeypatch.setattr(internals, "material_templates", lambda: tmp_path / "nowhere")
    _broken(monkeypatch, 2)


def test_a_chinese_build_after_an_english_one_in_the_same_process_segments_again():
    """An English build turns off Material's Chinese segmentation process-wide; a Chinese build forked later from
    the same process (the test suite builds the example site after running the English events) must get it back,
    or its search index is not split into words."""
    from material.plugins.search import plugin as material_search
    original = material_search.jieba
    assert original is not None, "Material imports jieba for Chinese search"
    try:
        internals.skip_chinese_segmentation(True)
        assert material_search.jieba is None
        internals.skip_chinese_segmentation(False)
        assert material_search.jieba is original
    finally:
        material_search.jieba = original
