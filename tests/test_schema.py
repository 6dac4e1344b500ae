"""The JSON Schemas in schemas/: generated from the models, and in agreement with them."""
import json
import subprocess
import sys
from datetime import date, datetime

import jsonschema
import pytest

from build_tools.cli import json_schema as schema
from build_tools.core.config import load_settings
from build_tools.content.load import load_tree
from build_tools.pipeline import check
from build_tools.core.problems import ERROR
from build_tools.core.settings import Settings
from conftest import ROOT
from golden_cases import CASES as CASES_DIR, load_cases, materialise, read_case

SCHEMAS = ROOT / "schemas"
# Problems that are not about the values of the front matter: the YAML text itself (the
# editor's YAML parser reports those), the body, other files, the file's place, and
# comparisons between two values, which JSON Schema cannot state.
NOT_SCHEMA = {
    "yaml_syntax", "yaml_not_mapping", "yaml_alias", "yaml_tag", "yaml_key_type", "yaml_duplicate_key",
    "yaml_bool", "yaml_sexagesimal", "front_matter_too_large",
    "image_missing", "link_missing", "image_missing_suggest", "link_missing_suggest", "path_outside", "duplicate_slug", "translation_without_source",
    "end_before_start", "expires_before_publish",
}


def as_json(value):
    """Front matter as a YAML 1.2 tool (the editor's) reads it: dates are text."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _validator(doc, settings):
    suffix = "schema.json" if doc.lang == settings.source_language else "translation.schema.json"
    found = json.loads((SCHEMAS / f"{doc.kind}.{suffix}").read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(found, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def _fields(error) -> set:
    """The dotted fields a schema error is about, as `campaign check` names them."""
    base = [str(p) for p in error.absolute_path]
    join = lambda *names: ".".join([*base, *names])  # noqa: E731
    if error.validator == "required":
        return {join(n) for n in error.validator_value if n not in error.instance}
    if error.validator == "additionalProperties":
        return {join(n) for n in error.instance if n not in error.schema.get("properties", {})}
    if "propertyNames" in error.schema_path:  # a key that is not allowed: the key is the field
        return {join(str(error.instance))}
    if error.validator in ("anyOf", "oneOf") and error.context:  # the branch that got furthest
        deepest = max(len(e.absolute_path) for e in error.context)
        if deepest > len(error.absolute_path):
            return set().union(*(_fields(e) for e in error.context if len(e.absolute_path) == deepest))
    return {join()}


def _schema_fields(doc, settings) -> set:
    found = set()
    for error in _validator(doc, settings).iter_errors(as_json(doc.data)):
        found |= _fields(error)
    return found


def test_committed_schemas_are_the_generated_ones():
    settings = load_settings(ROOT / "mkdocs.yml")
    assert schema.stale(settings, SCHEMAS) == [], "run `campaign schema` and commit schemas/"


def test_campaign_schema_check_reports_a_stale_file(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - campaigns\n", encoding="utf-8")
    run = lambda *a: subprocess.run([sys.executable, "-m", "build_tools.cli", "schema", *a], cwd=tmp_path,  # noqa: E731
                                    capture_output=True, text=True, timeout=60)
    assert run().returncode == 0
    assert run("--check").returncode == 0
    event = tmp_path / "schemas" / "event.schema.json"
    event.write_text(event.read_text(encoding="utf-8").replace('"held"', '"done"'), encoding="utf-8")
    stale = run("--check")
    assert stale.returncode == 1 and "schemas/event.schema.json" in stale.stdout


def test_schemas_are_valid_draft_07_and_say_what_the_models_say():
    for path in sorted(SCHEMAS.glob("*.schema.json")):
        jsonschema.Draft7Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))
    event = json.loads((SCHEMAS / "event.schema.json").read_text(encoding="utf-8"))
    assert event["additionalProperties"] is False
    assert event["required"] == ["title", "summary", "start"]
    assert event["properties"]["status"]["enum"] == ["scheduled", "postponed", "cancelled", "held"]
    assert event["properties"]["status"]["enumDescriptions"][2] == "已取消"
    assert event["properties"]["title"]["title"] == "标题"
    campaign = json.loads((SCHEMAS / "campaign.schema.json").read_text(encoding="utf-8"))
    assert campaign["properties"]["kind"]["enum"][:2] == ["environment-day", "literature-week"]
    assert campaign["properties"]["start"]["format"] == "date"
    story = json.loads((SCHEMAS / "story.schema.json").read_text(encoding="utf-8"))
    assert story["properties"]["subject_type"]["enum"] == ["person", "team", "project"]
    translation = json.loads((SCHEMAS / "story.translation.schema.json").read_text(encoding="utf-8"))
    assert set(translation["properties"]) == {"title", "summary", "cover_alt", "tags", "subject", "honors",
                                              "region", "portrait_alt", "translated_from"}
    assert "required" not in translation and translation["additionalProperties"] is False


def test_every_demo_file_is_accepted():
    settings = load_settings(ROOT / "mkdocs.yml")
    docs = load_tree(settings).documents
    assert len(docs) > 50
    rejected = {d.path: sorted(_schema_fields(d, settings)) for d in docs if _schema_fields(d, settings)}
    assert rejected == {}


@pytest.mark.parametrize("case_path", load_cases(), ids=lambda p: p.stem)
def test_golden_cases_every_field_error_is_an_error_of_the_schema_too(case_path, tmp_path):
    materialise(read_case(case_path), tmp_path)
    settings = Settings(root=tmp_path, content_dir=tmp_path / "campaigns")
    docs = {d.path: d for d in load_tree(settings).documents if d.readable}
    problems = check(settings)
    wanted: dict = {}
    for p in problems:
        if p.severity == ERROR and p.field and p.field != "body" and p.code not in NOT_SCHEMA and p.path in docs:
            wanted.setdefault(p.path, set()).add(p.field)
    for path, fields in sorted(wanted.items()):
        assert fields <= _schema_fields(docs[path], settings), path
    # and what the check finds no error in, the schema accepts
    for path, doc in docs.items():
        if not any(p.path == path and p.severity == ERROR for p in problems):
            assert _schema_fields(doc, settings) == set(), path


def test_the_golden_cases_have_field_errors_for_the_schema_to_find():
    """Guards the test above against passing on cases that test nothing."""
    count = 0
    for case_path in load_cases():
        case = read_case(case_path)
        count += sum(1 for line in case["expected"]["zh"].splitlines() if line.count(":") >= 3)
    assert count >= 20


def test_associations_cover_every_content_file_once():
    """The Markdown linter picks the schema of a file by these patterns."""
    from fnmatch import fnmatch

    settings = load_settings(ROOT / "mkdocs.yml")
    assoc = schema.associations(settings)

    def matches(path, pattern):  # the `!(*.*)` of the bare source name
        if "!(*.*)" in pattern:
            head, tail = pattern.split("!(*.*)")
            rest = path[len(head):] if path.startswith(head) else None
            return rest is not None and "/" not in rest and rest.endswith(tail) and "." not in rest[: -len(tail)]
        return fnmatch(path, pattern)

    for doc in load_tree(settings).documents:
        found = [name for name, patterns in assoc.items() if any(matches(doc.path, p) for p in patterns)]
        suffix = "schema.json" if doc.lang == settings.source_language else "translation.schema.json"
        assert found == [f"{doc.kind}.{suffix}"], doc.path


def _observance_errors(text: str, settings) -> tuple:
    """Schema errors of an observances.yml text, as `index.field`, and the entries' first lines."""
    from build_tools.content.strict_yaml import parse_list

    parsed = parse_list(text)
    found = json.loads((SCHEMAS / "observances.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(found, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    fields = set()
    for error in validator.iter_errors(as_json(parsed.data)):
        fields |= _fields(error) if error.validator != "oneOf" else {f"{error.absolute_path[0]}.date"}
    starts = sorted((line, int(key)) for key, line in parsed.lines.items() if key.isdigit())
    return fields, starts


# Checks across entries or against other files, which a schema of one file cannot make.
NOT_OBSERVANCE_SCHEMA = {"observance_duplicate_slug", "unknown_campaign", "observance_year_twice"}


def test_theme_days_file_accepted_and_its_golden_mistakes_found(tmp_path):
    settings = load_settings(ROOT / "mkdocs.yml")
    demo, _ = _observance_errors((ROOT / "campaigns" / "observances.yml").read_text(encoding="utf-8"), settings)
    assert demo == set()
    case = read_case(CASES_DIR / "observances.yml")
    materialise(case, tmp_path)
    golden = Settings(root=tmp_path, content_dir=tmp_path / "campaigns")
    text = (tmp_path / "campaigns" / "observances.yml").read_text(encoding="utf-8")
    found, starts = _observance_errors(text, golden)
    wanted = set()
    for p in check(golden):
        if p.path.endswith("observances.yml") and p.code not in NOT_OBSERVANCE_SCHEMA:
            index = max(i for line, i in starts if line <= p.line)
            wanted.add(f"{index}.{p.field}" if p.field else str(index))
    assert len(wanted) >= 8
    # the schema names the missing key (name.zh) where the check names its parent (name)
    assert {w for w in wanted if not any(f == w or f.startswith(w + ".") for f in found)} == set()


def test_vscode_gives_the_theme_days_file_its_schema():
    settings = load_settings(ROOT / "mkdocs.yml")
    text = (ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8")
    config = json.loads("\n".join(l for l in text.splitlines() if not l.lstrip().startswith("//")))
    assert config["yaml.schemas"] == {f"./schemas/{k}": v for k, v in schema.yaml_associations(settings).items()}
