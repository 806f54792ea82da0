"""JSON Schema validation with messages written for content editors."""

from __future__ import annotations

import copy
import difflib
import json
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from .problems import Problem
from .yamlfile import YamlDoc, join

TYPE_NAMES = {
    "object": "a group of fields (field: value lines, indented)",
    "array": "a list (lines starting with '- ')",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}


def _kind_of(value: object) -> str:
    for name, types in (("text", str), ("true/false", bool), ("a number", (int, float))):
        if isinstance(value, types):
            return name
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return "empty"


@lru_cache(maxsize=8)
def _validators(schema_dir: str, languages: tuple[str, ...]) -> dict[str, Draft202012Validator]:
    """One validator per schema file. Translatable text accepts exactly the site's languages."""
    schemas = {}
    for file in sorted(Path(schema_dir).glob("*.schema.json")):
        schemas[file.name] = json.loads(file.read_text(encoding="utf-8"))
    common = copy.deepcopy(schemas["common.schema.json"])
    for name in ("text", "words", "phrases"):  # per-language maps: exactly the site's languages
        per_language = common["$defs"].get(name)
        if per_language:
            per_language.pop("propertyNames", None)
            value = per_language["additionalProperties"]
            per_language["properties"] = {code: value for code in languages}
            per_language["additionalProperties"] = False
    schemas["common.schema.json"] = common
    registry = Registry().with_resources((name, Resource.from_contents(s)) for name, s in schemas.items())
    return {name: Draft202012Validator(s, registry=registry) for name, s in schemas.items()}


def validate(doc: YamlDoc, schema_name: str, schema_dir: Path, languages: list[str]) -> list[Problem]:
    validator = _validators(str(schema_dir), tuple(languages))[schema_name]
    wants_fields = validator.schema.get("type") in ("object", ["object", "null"])
    if (
        wants_fields
        and not isinstance(doc.data, dict)
        and not (doc.data is None and "null" in validator.schema["type"])
    ):
        what = "is empty" if doc.data is None else f"holds {_kind_of(doc.data)}"
        return [Problem(doc.path, 1, "-", f"the file {what}; it must hold fields (name: value), one per line")]
    errors = list(validator.iter_errors(doc.data))
    # A misspelled field is one mistake: report the unknown name (with a suggestion), not also the missing one.
    unknown: dict[tuple, list[str]] = {}
    for e in errors:
        if e.validator == "additionalProperties" and isinstance(e.instance, dict):
            known = e.schema.get("properties", {})
            unknown[tuple(e.absolute_path)] = [str(k) for k in e.instance if k not in known]
    errors = [e for e in errors if not (e.validator == "required" and _misspelled(e, unknown))]
    problems = [p for err in errors for p in _problems(doc, err, languages)]
    return sorted(set(problems))


def _misspelled(err: ValidationError, unknown: dict[tuple, list[str]]) -> bool:
    """True when every field this `required` error misses was written under a close misspelling."""
    written = unknown.get(tuple(err.absolute_path), [])
    missing = [k for k in err.validator_value if isinstance(err.instance, dict) and k not in err.instance]
    return bool(missing) and all(difflib.get_close_matches(k, written, n=1, cutoff=0.75) for k in missing)


def _problems(doc: YamlDoc, err: ValidationError, languages: list[str]) -> list[Problem]:
    path = ""
    for key in err.absolute_path:
        path = join(path, key)
    return [
        Problem(doc.path, doc.line(field), field or "-", message) for field, message in _explain(err, path, languages)
    ]


def _explain(err: ValidationError, path: str, languages: list[str]) -> list[tuple[str, str]]:
    """(field, message) for one schema error; unknown fields give one line each."""
    if err.validator == "additionalProperties" and isinstance(err.instance, dict):
        allowed = sorted(err.schema.get("properties", {}))
        extra = sorted(str(k) for k in err.instance if k not in allowed)
        if set(allowed) == set(languages):  # a map of texts per language
            return [
                (join(path, k), f"unknown language code '{k}'; this site publishes: {', '.join(languages)}")
                for k in extra
            ]
        missing = [k for k in err.schema.get("required", []) if k not in err.instance]
        return [(join(path, k), _unknown_field(k, allowed, missing)) for k in extra]
    if "propertyNames" in err.relative_schema_path:
        hint = err.schema.get("description") or "check the spelling"
        return [(join(path, str(err.instance)), f"'{err.instance}' is not a valid name here; {hint}")]
    return [_explain_one(err, path, languages)]


def _unknown_field(name: str, allowed: list[str], missing: list[str]) -> str:
    close = difflib.get_close_matches(name, missing, n=1, cutoff=0.75)
    if close:
        return f"unknown field; did you mean '{close[0]}'? Allowed here: {', '.join(allowed)}"
    return f"unknown field; check the spelling. Allowed here: {', '.join(allowed)}"


def _explain_one(err: ValidationError, path: str, languages: list[str]) -> tuple[str, str]:
    kw, value, schema = err.validator, err.instance, err.schema
    is_text = set(schema.get("properties", {})) == set(languages) and "required" in schema
    if kw == "required":
        missing = [k for k in err.validator_value if not isinstance(value, dict) or k not in value]
        if is_text:
            return join(path, missing[0]), "the Indonesian text (id:) is required; add it"
        hint = REQUIRED_WHEN.get(missing[0], "add it")
        return join(path, missing[0]), f"required field is missing; {hint}"
    if kw == "type":
        wanted = err.validator_value if isinstance(err.validator_value, str) else err.validator_value[0]
        if wanted == "object" and "Text in several" in schema.get("description", "") and isinstance(value, str):
            return path, f"write the text per language on its own lines, e.g. '  id: {value[:30]}'"
        return path, f"should be {TYPE_NAMES.get(wanted, wanted)}, not {_kind_of(value)}"
    if kw == "pattern":
        if isinstance(value, str) and not value.strip():
            return path, "is empty; write the text, or remove the line"
        return path, _pattern_message(schema, err.validator_value, value)
    if kw == "enum":
        options = ", ".join(str(o) for o in err.validator_value)
        return path, f"'{value}' is not allowed here; use one of: {options}"
    if kw == "minItems":
        return path, f"needs at least {err.validator_value} item(s)"
    if kw == "maxItems" and isinstance(value, list):
        return path, f"has {len(value)} items; at most {err.validator_value} are allowed"
    if kw == "uniqueItems":
        return path, "the list repeats the same value; remove the duplicate"
    if kw in ("minimum", "maximum"):
        return path, f"{value} is out of range ({kw} {err.validator_value})"
    if kw == "minProperties":
        return path, "is empty; fill in its fields or remove it"
    if kw == "anyOf" and all(set(option) == {"required"} for option in err.validator_value):
        fields = [option["required"][0] for option in err.validator_value]
        return join(path, fields[0]), (
            f"required: add {' or '.join(fields)} (the day you read the source, "
            "or the day someone confirmed the details)"
        )
    if kw == "not" and isinstance(value, dict) and "address" in value:
        return join(path, "address"), (
            "a shelter or safe house must never show an address (it would put people in danger); "
            "remove it and give only the intake phone number"
        )
    if kw == "not" and isinstance(err.validator_value, dict) and set(err.validator_value) == {"required"}:
        field = err.validator_value["required"][0]
        return join(path, field), f"'{field}' does not belong here; {NOT_HERE.get(field, 'remove it')}"
    return path, err.message


# Fields required only in some entries (a schema's if/then), with what to write.
REQUIRED_WHEN = {
    "coverage": 'a regional rule (perda, pergub) says where it applies, e.g. coverage: ["53"] for NTT',
}
# Why a field is refused where a schema says `not: {required: [field]}` (depending on another field).
NOT_HERE = {
    "coverage": "only a regional rule (type: perda or pergub) says where it applies; remove it, or correct 'type'",
}


def _pattern_message(schema: dict, pattern: str, value: object) -> str:
    if "a-z0-9" in pattern:
        return f"'{value}' is not a valid id; use lower-case letters, digits and hyphens, e.g. kerja-palsu"
    if r"\d{4}" in pattern:
        return f"'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2025-04-10"
    if "https?" in pattern:
        return f"'{value}' is not a web address; it must start with https:// or http://"
    if "@" in pattern:
        return f"'{value}' is not an e-mail address"
    if "national" in pattern:
        return f"'{value}' is not an area; use 'national', a province code like '53' or a regency code like '53.71'"
    hint = schema.get("description")
    return f"'{value}' has the wrong form" + (f": {hint}" if hint else "")
