"""Batch face, input: Open Contracting Data Standard files -> the documents they link, with their context.

Reads release packages (``{"releases": [...]}``), record packages (``{"records": [...]}``, using each record's
``compiledRelease`` or its embedded releases) and JSON Lines of releases or packages. Every document linked
from ``planning``, ``tender``, ``awards``, ``contracts`` and contract ``implementation`` becomes an
:class:`OcdsDocument` carrying the ocid, buyer, supplier, value, ``documentType`` and any award-criteria
weights, so batch results can be grouped by buyer or supplier later. See
https://standard.open-contracting.org/."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

from tenderlens.exceptions import BadArgumentsError, FileAccessError

OCDS_SUFFIXES = frozenset({".json", ".jsonl", ".ndjson"})
JsonObject = dict[str, Any]


@dataclass(frozen=True)
class OcdsContext:
    """Where a document sits in a contracting process (the columns every batch row keeps)."""

    ocid: str | None = None
    release_id: str | None = None
    release_date: str | None = None
    stage: str | None = None
    buyer: str | None = None
    supplier: str | None = None
    value_amount: float | None = None
    value_currency: str | None = None
    document_type: str | None = None
    document_title: str | None = None
    award_criteria: str | None = None
    award_criteria_weights: str | None = None


@dataclass(frozen=True)
class OcdsDocument:
    url: str
    context: OcdsContext


def read_ocds(path: Path) -> Iterator[OcdsDocument]:
    """Every document linked from the OCDS file at ``path``, once per URL (the latest release wins).

    Raises:
        FileAccessError: the file cannot be read.
        BadArgumentsError: it is not JSON, or holds neither releases nor records.
    """
    latest: dict[str, OcdsDocument] = {}
    for release in _releases(path):
        for doc in _documents(release):
            seen = latest.get(doc.url)
            # Publishers re-send a process's documents in every release; a later release knows more (the
            # supplier, the signed value), so it replaces the context of an earlier one.
            if seen is None or (doc.context.release_date or "") >= (seen.context.release_date or ""):
                latest[doc.url] = doc
    yield from latest.values()


def _releases(path: Path) -> Iterator[JsonObject]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise FileAccessError(f"{path}: {exc.strerror or exc}") from exc
    try:
        objects = [json.loads(text)] if text.lstrip().startswith(("{", "[")) else []
    except json.JSONDecodeError:
        objects = []
    if not objects:
        # Not one JSON value: JSON Lines, one release (or one package) per line.
        try:
            objects = [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError as exc:
            raise BadArgumentsError(f"{path} is neither JSON nor JSON Lines (line {exc.lineno}).") from exc
    found = False
    for obj in objects:
        for release in _unpack(obj):
            found = True
            yield release
    if not found:
        raise BadArgumentsError(f"{path} holds no OCDS releases or records.")


def _unpack(obj: Any) -> Iterator[JsonObject]:
    if isinstance(obj, list):
        for item in obj:
            yield from _unpack(item)
    elif isinstance(obj, dict):
        if isinstance(obj.get("releases"), list):
            yield from (r for r in obj["releases"] if _is_release(r))
        elif isinstance(obj.get("records"), list):
            for record in obj["records"]:
                compiled = record.get("compiledRelease") if isinstance(record, dict) else None
                if _is_release(compiled):
                    yield compiled
                elif isinstance(record, dict):
                    # Linked releases ({url, date, tag}) carry no documents; only embedded ones do.
                    yield from (r for r in record.get("releases") or [] if _is_release(r))
        elif _is_release(obj):
            yield obj


def _is_release(obj: Any) -> TypeGuard[JsonObject]:
    return isinstance(obj, dict) and "ocid" in obj and not ("url" in obj and len(obj) <= 3)


def _documents(release: JsonObject) -> Iterator[OcdsDocument]:
    tender = _obj(release.get("tender"))
    awards = [_obj(a) for a in _list(release.get("awards"))]
    contracts = [_obj(c) for c in _list(release.get("contracts"))]
    suppliers_by_award = {a.get("id"): _names(a.get("suppliers")) for a in awards}
    every_supplier = _join(s for names in suppliers_by_award.values() for s in names.split("; ") if s)
    fallback_value = next(
        (
            v
            for v in [
                *(c.get("value") for c in contracts),
                *(a.get("value") for a in awards),
                tender.get("value"),
            ]
            if isinstance(v, dict) and v.get("amount") is not None
        ),
        None,
    )
    base = OcdsContext(
        ocid=_str(release.get("ocid")),
        release_id=_str(release.get("id")),
        release_date=_str(release.get("date")),
        buyer=_buyer(release),
        award_criteria=_str(tender.get("awardCriteria")) if not isinstance(tender.get("awardCriteria"), dict) else None,
        award_criteria_weights=_criteria_weights(tender),
    )
    stages: list[tuple[str, JsonObject, str | None, Any]] = [
        ("planning", _obj(release.get("planning")), None, None),
        ("tender", tender, None, tender.get("value")),
    ]
    stages += [("award", a, suppliers_by_award.get(a.get("id")), a.get("value")) for a in awards]
    for contract in contracts:
        supplier = suppliers_by_award.get(contract.get("awardID"))
        stages.append(("contract", contract, supplier, contract.get("value")))
        stages.append(("implementation", _obj(contract.get("implementation")), supplier, contract.get("value")))
    for stage, section, supplier, value in stages:
        value = value if isinstance(value, dict) and value.get("amount") is not None else fallback_value
        for doc in _list(section.get("documents")):
            url = _str(_obj(doc).get("url"))
            if not url:
                continue
            context = OcdsContext(
                **{
                    **base.__dict__,
                    "stage": stage,
                    "supplier": supplier or every_supplier or None,
                    "value_amount": _float(_obj(value).get("amount")),
                    "value_currency": _str(_obj(value).get("currency")),
                    "document_type": _str(doc.get("documentType")),
                    "document_title": _str(doc.get("title")),
                }
            )
            yield OcdsDocument(url=url, context=context)


def _buyer(release: JsonObject) -> str | None:
    buyer = _str(_obj(release.get("buyer")).get("name"))
    if buyer:
        return buyer
    for party in _list(release.get("parties")):
        if "buyer" in _list(_obj(party).get("roles")):
            return _str(party.get("name"))
    return _str(_obj(_obj(release.get("tender")).get("procuringEntity")).get("name"))


def _criteria_weights(tender: JsonObject) -> str | None:
    """Award criteria with their weights, from the award-criteria extension (tender or lot level), as JSON.

    The extension puts weights in ``criteria[].numbers[]`` (``{"number": 10, "weight": "percentageExact"}``);
    some publishers write a bare ``criteria[].weight`` number instead, so both are read."""
    holders = [("", tender.get("awardCriteria"))]
    holders += [(_str(_obj(lot).get("id")) or "", _obj(lot).get("awardCriteria")) for lot in _list(tender.get("lots"))]
    out = []
    for lot, holder in holders:
        for criterion in _list(_obj(holder).get("criteria")):
            criterion = _obj(criterion)
            numbers = [_obj(n) for n in _list(criterion.get("numbers")) if _obj(n).get("weight")]
            weight, unit = (
                (_float(numbers[0].get("number")), _str(numbers[0].get("weight")))
                if numbers
                else (_float(criterion.get("weight")), None)
            )
            entry = {
                "lot": lot or None,
                "type": _str(criterion.get("type")),
                "name": _str(criterion.get("name")),
            }
            out.append({**entry, "weight": weight, "unit": unit})
    return json.dumps(out, ensure_ascii=False) if out else None


def _names(parties: Any) -> str:
    return _join(_str(_obj(p).get("name")) or "" for p in _list(parties))


def _join(names: Iterator[str] | Any) -> str:
    return "; ".join(dict.fromkeys(n for n in names if n))


def _obj(value: Any) -> JsonObject:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _str(value: Any) -> str | None:
    return str(value) if value not in (None, "") and not isinstance(value, dict | list) else None


def _float(value: Any) -> float | None:
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None
