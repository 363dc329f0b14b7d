"""Clauses stage, input: load and validate the checklist data file (categories, scopes, terms, wording).

The checklist is data, not code: ``tenderlens/data/checklist.yaml`` is the bundled default and
``tenderlens checklist export`` copies it for editing. A user-supplied file is validated here with errors that
name the field at fault (``InvalidChecklistError``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from tenderlens.exceptions import FileAccessError, InvalidChecklistError

SCHEMA = "tenderlens-checklist/1"
BUNDLED = "checklist.yaml"


@dataclass(frozen=True)
class Signal:
    """One thing a good clause does (for example "plain-language explanation on request")."""

    id: str
    description: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class ContraryRule:
    """Wording that works against a safeguard (a regular expression), and the wording that undoes it in the same
    sentence (``unless``): a disclosure held to the supplier's consent is contrary, but not "except as required under
    the Access to Information Act"."""

    pattern: str
    unless: str | None = None


@dataclass(frozen=True)
class Scope:
    """An applicability question such as "does the thing bought make decisions about people?"."""

    id: str
    title: str
    terms: tuple[str, ...]
    min_hits: int
    default: bool
    negative_terms: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    implied_by: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    applies_if: tuple[str, ...]
    not_applicable_reason: str
    why: str
    suggestion: str
    questions: tuple[str, ...]
    signals: tuple[Signal, ...]
    references: tuple[str, ...]
    contrary: tuple[ContraryRule, ...]
    distractors: tuple[str, ...]
    present_requires: tuple[str, ...] = ()
    """Terms (matched as ``terms`` are) of which a sentence must use one to be ``present``; without one it is at most
    ``partial`` (impact evaluation: supplier-performance monitoring alone does not evaluate effects on people)."""
    partial_reason: str | None = None
    """The finding's reason when every clause found was held at partial by ``present_requires``."""

    @property
    def searched_for(self) -> tuple[str, ...]:
        return tuple(s.description for s in self.signals)


@dataclass(frozen=True)
class PlaceholderRule:
    kind: str
    pattern: str


@dataclass(frozen=True)
class SocialValueRules:
    minimum_percent: float
    labels: tuple[str, ...]
    themes: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class PartyRoles:
    """The words a document uses for the supplier and for the buyer ("Vendor", "the Department"): a party the
    document names otherwise ("CivicLoop") is read as its role word (``clauses/parties.py``)."""

    supplier: tuple[str, ...] = ()
    buyer: tuple[str, ...] = ()
    read_as: dict[str, str] = field(default_factory=dict)
    """Role words the checklist's own wording does not use, each read as one it does ("Licensor" as "Supplier")."""


@dataclass(frozen=True)
class Modality:
    strong: tuple[str, ...]
    weak: tuple[str, ...]
    protective: tuple[str, ...] = ()
    """Regular expressions for a duty that binds the supplier ("the Supplier shall not use Authority Data …"): such a
    sentence protects the buyer, so the status model's bag-of-words "contrary" on it is only ``partial``."""


@dataclass(frozen=True, eq=False)
class Checklist:
    """A loaded checklist. Compared and hashed by identity, so compiled matchers can be cached per checklist."""

    schema: str
    version: str
    name: str
    jurisdiction: str
    modality: Modality
    scopes: tuple[Scope, ...]
    categories: tuple[Category, ...]
    placeholders: tuple[PlaceholderRule, ...]
    social_value: SocialValueRules
    source: str
    parties: PartyRoles = PartyRoles()

    def category(self, category_id: str) -> Category:
        for c in self.categories:
            if c.id == category_id:
                return c
        raise KeyError(category_id)

    @property
    def category_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.categories)


def bundled_text() -> str:
    """The bundled checklist's YAML text (what ``tenderlens checklist export`` writes)."""
    return resources.files("tenderlens.data").joinpath(BUNDLED).read_text(encoding="utf-8")


def load_checklist(path: Path | str | None = None) -> Checklist:
    """Load and validate a checklist; ``None`` gives the bundled default (cached).

    Raises:
        FileAccessError: the file cannot be read.
        InvalidChecklistError: YAML syntax or a field is wrong; the message names the field.
    """
    if path is None:
        return _bundled()
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise FileAccessError(f"{p}: {exc.strerror or exc}") from exc
    return parse_checklist(text, source=str(p))


@cache
def _bundled() -> Checklist:
    return parse_checklist(bundled_text(), source="bundled")


def parse_checklist(text: str, source: str = "<string>") -> Checklist:
    """Parse checklist YAML text into a validated :class:`Checklist`."""
    try:
        # libyaml's loader where PyYAML was built with it (about 5x faster on the bundled file), else the Python one.
        raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise InvalidChecklistError(f"{source}: not valid YAML ({exc}).") from exc
    r = _YamlMapping(raw, source)
    if r.text("schema") != SCHEMA:
        raise InvalidChecklistError(f"{source}: 'schema' must be {SCHEMA!r}.")
    scopes = tuple(_scope(r.sub("scopes", i)) for i in range(len(r.seq("scopes"))))
    scope_ids = {s.id for s in scopes}
    for i, scope in enumerate(scopes):
        unknown = [x for x in (*scope.requires, *scope.implied_by) if x not in scope_ids or x == scope.id]
        if unknown:
            raise InvalidChecklistError(
                f"{source}.scopes[{i}]: unknown or circular scope(s) {unknown} in requires/implied_by."
            )
    categories = tuple(_category(r.sub("categories", i), scope_ids) for i in range(len(r.seq("categories"))))
    ids = [c.id for c in categories]
    if len(set(ids)) != len(ids) or not ids:
        raise InvalidChecklistError(f"{source}: 'categories' must be a non-empty list with unique ids.")
    m = r.child("modality")
    sv = r.child("social_value")
    themes_raw = sv.mapping("themes")
    checklist = Checklist(
        schema=SCHEMA,
        version=r.text("version"),
        name=r.text("name"),
        jurisdiction=r.text("jurisdiction"),
        modality=Modality(strong=m.strs("strong"), weak=m.strs("weak"), protective=m.regexes("protective", False)),
        scopes=scopes,
        categories=categories,
        placeholders=tuple(
            PlaceholderRule(kind=p.text("kind"), pattern=p.regex("pattern"))
            for p in (r.sub("placeholders", i) for i in range(len(r.seq("placeholders"))))
        ),
        social_value=SocialValueRules(
            minimum_percent=sv.number("minimum_percent"),
            labels=sv.strs("labels"),
            themes={k: sv.child("themes").strs(k) for k in themes_raw},
        ),
        source=source,
        parties=_parties(r),
    )
    return checklist


def _parties(r: _YamlMapping) -> PartyRoles:
    if r.raw.get("parties") is None:
        return PartyRoles()
    p = r.child("parties")
    read_as = p.raw.get("read_as") or {}
    if not isinstance(read_as, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in read_as.items()):
        raise InvalidChecklistError(f"{p.where}.read_as: expected a mapping of role word to role word.")
    return PartyRoles(supplier=p.strs("supplier"), buyer=p.strs("buyer"), read_as=dict(read_as))


def _scope(r: _YamlMapping) -> Scope:
    return Scope(
        id=r.text("id"),
        title=r.text("title"),
        terms=r.terms("terms"),
        min_hits=int(r.number("min_hits", 1)),
        default=r.flag("default", False),
        negative_terms=r.terms("negative_terms", required=False),
        requires=r.strs("requires", required=False),
        implied_by=r.strs("implied_by", required=False),
        patterns=r.regexes("patterns", required=False),
    )


def _category(r: _YamlMapping, scope_ids: set[str]) -> Category:
    applies_if = r.strs("applies_if", required=False)
    unknown = [s for s in applies_if if s not in scope_ids]
    if unknown:
        raise InvalidChecklistError(f"{r.where}.applies_if: unknown scope(s) {unknown}; known: {sorted(scope_ids)}.")
    signals = tuple(
        Signal(id=s.text("id"), description=s.text("description"), terms=s.terms("terms"))
        for s in (r.sub("signals", i) for i in range(len(r.seq("signals"))))
    )
    present_requires = r.terms("present_requires", required=False)
    return Category(
        id=r.text("id"),
        title=r.text("title"),
        applies_if=applies_if,
        not_applicable_reason=r.text("not_applicable_reason", required=bool(applies_if)),
        why=r.text("why"),
        suggestion=r.text("suggestion"),
        questions=r.strs("questions"),
        signals=signals,
        references=r.regexes("references"),
        contrary=r.contrary_rules("contrary"),
        distractors=r.regexes("distractors", required=False),
        present_requires=present_requires,
        partial_reason=r.text("partial_reason", required=bool(present_requires)) or None,
    )


class _YamlMapping:
    """Typed access to one mapping of the YAML with error messages that give the path (``categories[2].why``)."""

    def __init__(self, raw: Any, where: str) -> None:
        if not isinstance(raw, dict):
            raise InvalidChecklistError(f"{where}: expected a mapping.")
        self.raw = raw
        self.where = where

    def _get(self, key: str, required: bool) -> Any:
        if key not in self.raw or self.raw[key] is None:
            if required:
                raise InvalidChecklistError(f"{self.where}: missing required field '{key}'.")
            return None
        return self.raw[key]

    def child(self, key: str) -> _YamlMapping:
        return _YamlMapping(self._get(key, True), f"{self.where}.{key}")

    def seq(self, key: str) -> list[Any]:
        value = self._get(key, True)
        if not isinstance(value, list):
            raise InvalidChecklistError(f"{self.where}.{key}: expected a list.")
        return value

    def sub(self, key: str, index: int) -> _YamlMapping:
        return _YamlMapping(self.seq(key)[index], f"{self.where}.{key}[{index}]")

    def mapping(self, key: str) -> dict[str, Any]:
        value = self._get(key, True)
        if not isinstance(value, dict):
            raise InvalidChecklistError(f"{self.where}.{key}: expected a mapping.")
        return value

    def text(self, key: str, required: bool = True) -> str:
        value = self._get(key, required)
        if value is None:
            return ""
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise InvalidChecklistError(f"{self.where}.{key}: expected text.")
        return str(value).strip()

    def strs(self, key: str, required: bool = True) -> tuple[str, ...]:
        value = self._get(key, required)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise InvalidChecklistError(f"{self.where}.{key}: expected a list of non-empty strings.")
        return tuple(v.strip() for v in value)

    def terms(self, key: str, required: bool = True) -> tuple[str, ...]:
        """Phrases for the term matcher; ``=word`` (exact form only) needs a word after the ``=``."""
        values = self.strs(key, required)
        if any(not v.removeprefix("=").strip() for v in values):
            raise InvalidChecklistError(f"{self.where}.{key}: '=' must be followed by the word to match exactly.")
        return values

    def number(self, key: str, default: float | None = None) -> float:
        value = self._get(key, default is None)
        if value is None:
            return float(default or 0)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InvalidChecklistError(f"{self.where}.{key}: expected a number.")
        return float(value)

    def flag(self, key: str, default: bool) -> bool:
        value = self._get(key, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise InvalidChecklistError(f"{self.where}.{key}: expected true or false.")
        return value

    def regex(self, key: str, required: bool = True) -> str:
        text = self.text(key, required)
        return self._check_regex(key, text) if text else text

    def regexes(self, key: str, required: bool = True) -> tuple[str, ...]:
        return tuple(self._check_regex(key, p) for p in self.strs(key, required))

    def contrary_rules(self, key: str) -> tuple[ContraryRule, ...]:
        """A list whose items are a pattern, or a mapping of ``pattern`` and ``unless`` (both regular expressions)."""
        rules = []
        for index, item in enumerate(self.seq(key)):
            if isinstance(item, str) and item.strip():
                rules.append(ContraryRule(self._check_regex(key, item.strip())))
                continue
            rule = _YamlMapping(item, f"{self.where}.{key}[{index}]")
            rules.append(ContraryRule(rule.regex("pattern"), rule.regex("unless", required=False) or None))
        return tuple(rules)

    def _check_regex(self, key: str, pattern: str) -> str:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise InvalidChecklistError(f"{self.where}.{key}: bad regular expression {pattern!r} ({exc}).") from exc
        return pattern
