"""Clauses stage, evaluation criteria: read the social-value weighting from the award criteria, wherever they
are (a table, an inline line, a nested "(including Social Value 10%)", marks out of N, sub-criteria).

A reading starts at a phrase naming the social-value criterion (``checklist.social_value.labels``) and takes
the quantity that belongs to it: the first percentage, "N marks" or "N/M" after the label and before the next
criterion, or a percentage just before it ("10% weighting for social value"). Numbers that are not weightings
are refused: a "10% deposit", a KPI target ("20% of new hires", "reduce emissions by 20%"), days and years.
A weight that belongs to a parent criterion ("Quality (including methodology and social value) | 50%") is not the
social-value weighting: the reading is null and the reason names the criterion that holds it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from tenderlens.clauses.checklist import Checklist
from tenderlens.model import Evidence, SocialValue, Span

_WORD_NUMBERS = {"five": 5, "ten": 10, "fifteen": 15, "twenty": 20, "twenty-five": 25, "thirty": 30}
_NUM = r"(?P<num>\d{1,3}(?:\.\d+)?|" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)) + ")"
_QUANTITY = re.compile(
    rf"{_NUM}\s*(?:(?P<pct>%|per\s*cent\b|percent\b)"
    r"|(?P<marks>marks?|points?)\b(?:\s+(?:out\s+)?of\s+(?:a\s+(?:total|maximum)\s+of\s+)?(?P<total>\d{2,4}))?"
    r"|\s*/\s*(?P<slash>\d{2,4})\b)",
    re.IGNORECASE,
)
# Another criterion starts here, so what follows is its weighting, not social value's. "of the quality score"
# names a parent criterion instead (handled as a relative weighting).
_OTHER_CRITERION = re.compile(
    r"(?<!of the )(?<!of )\b(price|cost|quality|technical|commercial|financial)\b"
    r"(?!\s+(score|marks|element))",
    re.IGNORECASE,
)
_OWNER = re.compile(r"\b(price|cost|quality|technical|commercial|financial)\s*[:(–-]?\s*$", re.IGNORECASE)
_QUALITY = re.compile(r"\b(quality|technical)\b", re.IGNORECASE)
_CRITERIA = re.compile(r"\b(price|cost|quality|technical|commercial)\b", re.IGNORECASE)
_EVALUATION = re.compile(r"\b(weight\w*|evaluat\w*|criteri(on|a)|marks)\b", re.IGNORECASE)
_BOUNDARY = re.compile(r"[|;]|(?<!\d)\.(?=\s|$)")
# Words that turn the number that follows into a target or a payment, not a weighting.
_NOT_A_WEIGHTING_BEFORE = re.compile(
    r"\b(targets?|kpis?|ensures?|achieve|reduce|reductions?|increases?|deposits?|discounts?|retention|"
    r"at least|no fewer|hires|staff|employees|apprentices?|emissions|spend|by|within)\b",
    re.IGNORECASE,
)
_NOT_A_WEIGHTING_AFTER = re.compile(
    r"^\s*(deposit|discount|retention|rebate|uplift|increase|reduction|interest|of\s+(?!(the\s+)?(total|overall|"
    r"available|evaluation|tender|marks|score|weighting|award|quality|technical|non-price|qualitative)\b))",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r"^\s*of\s+(the\s+)?(quality|technical|non-price|qualitative)\b", re.IGNORECASE)
# "10% weighting will be applied to social value": only these words may sit between a number and the label.
_CONNECTORS = frozenset({"for", "to", "on", "towards", "weighting", "weight", "allocated", "given", "applied"})
_BEFORE_WORDS = _CONNECTORS | {"a", "the", "is", "be", "will", "shall", "of", "total", "score", "marks"}
_NESTED = re.compile(r"\((including|incl\.?|of which|comprising)\s*$", re.IGNORECASE)
_NO_OWN_WEIGHT = re.compile(
    r"\b(?:not|no|without)\s+(?:be\s+)?(?:given|have|has|carry|carries|attract|attracts)?\s*(?:a|any)?\s*"
    r"(?:separate|distinct|individual|own)\s+(?:weight|weighting|score|marks?)\b"
    r"|\bnot\s+(?:be\s+)?(?:separately|individually)\s+(?:weighted|scored|marked)\b"
    r"|\bnot\s+(?:be\s+)?weighted\s+(?:separately|on\s+its\s+own|in\s+its\s+own\s+right)\b"
    r"|\bno\s+weighting\s+of\s+its\s+own\b",
    re.IGNORECASE,
)
"""The document saying in words that social value has no weighting of its own ("will be considered as part of the
answer to Q1 and are not given a separate weighting"): a figure found beside it is a shared criterion's."""
_PART_OF = re.compile(
    r"\b(including|includes|incl\.?|comprising|comprises|covering|covers|made up of|consisting of|which "
    r"(includes|covers|comprises)|such as)\b|\(",
    re.IGNORECASE,
)
"""Words that make what follows a part of the criterion named before them."""
_TOTAL = re.compile(
    r"\b(?:total|maximum)\s*(?::\s*|\s(?:of\s+)?)(?:available\s+)?(?P<a>\d{2,4})\s+(?:marks|points)\b"
    r"|\b(?P<b>\d{2,4})\s+(?:marks|points)\s+(?:are\s+)?(?:available|in total)\b"
    r"|\b(?:scored|marked|assessed|evaluated)\s+out\s+of\s+(?:a\s+(?:total\s+of\s+)?)?(?P<c>\d{2,4})\b",
    re.IGNORECASE,
)
_TOTAL_WORDS = ("marks", "points", "scored", "marked", "assessed", "evaluated")
"""Every match of ``_TOTAL`` holds one of these words: a sentence with none is not searched."""
_PLAIN_NUMBER = re.compile(r"^\s*(\d{1,3}(?:\.\d+)?)\s*$")


@dataclass(frozen=True)
class _Quantity:
    value: float
    unit: str  # "percent" | "marks"
    total: float | None = None
    relative_to_quality: bool = False


@dataclass(frozen=True)
class _Reading:
    index: int
    quantity: _Quantity
    spans: tuple[Span, ...]
    table: int | None = None
    nested: bool = False
    sub_criteria: int = 0
    parent: str | None = None
    """The criterion whose weight this is, when social value is only an unweighted part of it."""


def read_social_value(spans: tuple[Span, ...], checklist: Checklist) -> SocialValue:
    """Read the social-value weighting from the evaluation criteria.

    Args:
        spans: the document's segment Spans (table rows have ``kind == "table_row"`` and their ``cells``).
        checklist: gives the minimum percentage, the phrases that name social value and the themes.

    Returns:
        A :class:`SocialValue`: ``weighting_percent`` is ``None`` when the document states no weighting;
        ``meets_minimum`` is ``None`` when the document has no evaluation criteria at all.
    """
    rules = checklist.social_value
    label = _label_pattern(rules.labels)
    readings = _readings(spans, label)
    sv_spans = _criteria_spans(spans, label)
    criteria_text = "\n".join(s.text for s in sv_spans)
    themes = tuple(
        theme
        for theme, terms in rules.themes.items()
        if re.search(rf"\b(?:{'|'.join(map(re.escape, terms))})", criteria_text, re.IGNORECASE)
    )
    minimum = rules.minimum_percent
    if not readings:
        criteria = _evaluation_criteria(spans)
        if not criteria:
            return SocialValue(
                None, None, minimum, _evidence(sv_spans[:3]), themes,
                "The document states no evaluation criteria, so there is no social-value weighting to check "
                "(usual for a contract or a specification).",
            )  # fmt: skip
        owner = _owner_elsewhere(sv_spans, criteria, label)
        if owner is not None:
            name, held = owner
            return SocialValue(
                None, False, minimum, _evidence((*sv_spans[:2], *held.spans)), themes,
                _parent_reason(name, held, minimum),
            )  # fmt: skip
        where = criteria[0].spans[0].where()
        named = " Social value is named but given no weighting of its own." if sv_spans else ""
        return SocialValue(
            None, False, minimum, _evidence(sv_spans[:3] or criteria[0].spans), themes,
            f"The evaluation criteria ({where}) state no weighting for social value; the {minimum:g}% "
            f"minimum is not shown.{named}",
        )  # fmt: skip
    chosen, used, percent, how = _decide(readings, spans)
    evidence = _evidence(chosen.spans)
    # The sentence must name social value: "the themes below are not separately weighted" is about its parts.
    denial = next(
        (sp for sp in sv_spans if (m := label.search(sp.text)) and _NO_OWN_WEIGHT.search(sp.text, m.end())), None
    )
    if denial is not None:
        return SocialValue(
            None, False, minimum, _evidence((denial, *chosen.spans)), themes, _shared_reason(denial, chosen, minimum)
        )
    if chosen.parent is not None:
        return SocialValue(None, False, minimum, evidence, themes, _parent_reason(chosen.parent, chosen, minimum))
    if percent is None:
        return SocialValue(None, None, minimum, evidence, themes, how)
    meets = percent >= minimum
    verdict = f"meets the {minimum:g}% minimum" if meets else f"is below the {minimum:g}% minimum"
    reason = f"Social value is weighted {percent:g}% ({chosen.spans[0].where()}){how}; this {verdict}."
    others = {_percent(r.quantity, spans) for r in readings if r not in used}
    conflicts = sorted(v for v in others if v is not None and v != percent)
    if conflicts:
        reason += f" Other weightings stated: {', '.join(f'{c:g}%' for c in conflicts)}; check which applies."
    return SocialValue(percent, meets, minimum, evidence, themes, reason)


def _shared_reason(denial: Span, held: _Reading, minimum: float) -> str:
    return (
        f"The document says social value has no weighting of its own ({denial.where()}); the {_weight(held)} at "
        f"{held.spans[0].where()} belongs to a criterion it shares, so the {minimum:g}% minimum is not shown."
    )


def _weight(held: _Reading) -> str:
    return f"{held.quantity.value:g}{'%' if held.quantity.unit == 'percent' else ' marks'}"


def _parent_reason(name: str, held: _Reading, minimum: float) -> str:
    return (
        f"Social value is only an unweighted part of the '{name}' criterion ({_weight(held)}, "
        f"{held.spans[0].where()}); it has no weighting of its own, so the {minimum:g}% minimum is not shown."
    )


def _owner_elsewhere(
    sv_spans: Sequence[Span], criteria: Sequence[_Reading], label: re.Pattern[str]
) -> tuple[str, _Reading] | None:
    """ "The Quality criterion includes technical merit and social value", with Quality's weight stated elsewhere
    (a table, another line): the criterion named before words of inclusion, and the reading of its weight."""
    for span in sv_spans:
        found = label.search(span.text)
        head = span.text[: found.start()] if found else ""
        owners = [m for m in _CRITERIA.finditer(head) if _PART_OF.search(head[m.end() :])]
        if not owners:
            continue
        name = owners[-1].group(0)
        for reading in criteria:
            if any(re.search(rf"\b{re.escape(name)}\b", s.text, re.IGNORECASE) for s in reading.spans):
                return name, reading
    return None


def _evaluation_criteria(spans: tuple[Span, ...]) -> list[_Reading]:
    """Weighted price or quality criteria: two of them, or one in a sentence about weighting or evaluation. A
    contract's "Technical support availability 99.5%" alone is not an evaluation model."""
    readings = _readings(spans, _CRITERIA)
    names = {m.group(1).lower() for r in readings for s in r.spans for m in _CRITERIA.finditer(s.text)}
    if len(names) >= 2 or any(_EVALUATION.search(s.text) for r in readings for s in r.spans):
        return readings
    return []


def _label_pattern(labels: Sequence[str]) -> re.Pattern[str]:
    ordered = sorted(labels, key=len, reverse=True)
    alternatives = "|".join(re.escape(x).replace(r"\ ", r"[\s-]+") for x in ordered)
    # "the Public Services (Social Value) Act 2012" names the law, not a criterion.
    return re.compile(rf"\b(?:{alternatives})\b(?!\)?\s+Act\b)", re.IGNORECASE)


def _readings(spans: tuple[Span, ...], label: re.Pattern[str]) -> list[_Reading]:
    readings = []
    for i, span in enumerate(spans):
        if not label.search(span.text):
            continue
        if span.kind == "table_row":
            reading = _read_row(spans, i, label)
        else:
            reading = next(filter(None, (_read_text(span, i, m) for m in label.finditer(span.text))), None)
        reading = reading or _read_children(spans, i, label)
        if reading is not None:
            readings.append(reading)
    return readings


def _read_text(span: Span, index: int, m: re.Match[str]) -> _Reading | None:
    text = span.text
    nested = bool(_NESTED.search(text[: m.start()]))
    after = _quantity_after(text[m.end() :]) or _line_end_quantity(text, m)
    if after is not None:
        return _Reading(index, after, (span,), nested=nested)
    parent = _parent_criterion(text[: m.start()])
    if parent is not None:
        return _Reading(index, parent[1], (span,), parent=parent[0])
    before = _quantity_before(text[: m.start()])
    return _Reading(index, before, (span,)) if before is not None else None


_LINE_END = re.compile(rf"[:–-]\s*(?P<q>{_NUM}\s*(?:%|per\s*cent|percent|marks?|points?))\s*\.?\s*$", re.IGNORECASE)
_NUMBERING = re.compile(r"^\s*(?:\(?\d{1,3}(?:\.\d{1,3})*[.)]?|\(?[a-z]{1,3}\))?\s*$", re.IGNORECASE)
"""At most one clause number before a criterion name ("5.2.5", "(b)", "iv)"). One optional token, so the match is
linear: a repeated group of letters would split a long word every possible way before failing."""


def _line_end_quantity(text: str, m: re.Match[str]) -> _Quantity | None:
    """A criterion line whose long name runs past the usual window: the label opens the line (after its number) and
    the weight closes it ("5.2.5 Responsible Use of Technology, Equity and Accessibility, including …: 8 points."),
    with no other criterion or sentence break between."""
    end = _LINE_END.search(text, m.end())
    if end is None or not _NUMBERING.match(text[: m.start()]):
        return None
    between = text[m.end() : end.start()]
    if _BOUNDARY.search(between) or _OTHER_CRITERION.search(between):
        return None
    q = _QUANTITY.match(end.group("q"))
    return _quantity(q, relative=False) if q else None


def _parent_criterion(head: str) -> tuple[str, _Quantity] | None:
    """ "Quality 50% (covering methodology and social value": the label is an unweighted part of the criterion
    whose weight is the last percentage before it, when words of inclusion stand between the two."""
    found = list(_QUANTITY.finditer(head))
    if not found or found[-1].group("pct") is None:
        return None
    q = found[-1]
    owners = list(_CRITERIA.finditer(head[: q.start()]))
    if not owners or not _PART_OF.search(head[q.end() :]) or ")" in head[q.end() :]:
        return None
    return owners[-1].group(0), _quantity(q, relative=False)


def _quantity_after(tail: str) -> _Quantity | None:
    """The first quantity after a label, within its own criterion."""
    window = tail[:120]
    stops = [x.start() for x in (_BOUNDARY.search(window), _OTHER_CRITERION.search(window)) if x]
    window = window[: min(stops)] if stops else window
    q = _QUANTITY.search(window)
    if q is None or _NOT_A_WEIGHTING_BEFORE.search(window[: q.start()]):
        return None
    rest = window[q.end() :]
    relative = bool(_RELATIVE.match(rest))
    if _NOT_A_WEIGHTING_AFTER.match(rest) and not relative:
        return None
    return _quantity(q, relative)


def _quantity_before(head: str) -> _Quantity | None:
    """A percentage just before the label: "10% weighting for social value", "10% Social value"."""
    found = list(_QUANTITY.finditer(head))
    if not found or found[-1].group("pct") is None:
        return None
    q = found[-1]
    # "service delivery 30%, social value": a separator between them makes the number the previous item's.
    if re.search(r"[,;:]", head[q.end() :]):
        return None
    words = re.findall(r"[a-z]+", head[q.end() :].lower())
    if not set(words) <= _BEFORE_WORDS or len(words) > 7:
        return None
    if set(words) & _CONNECTORS:
        return _quantity(q, relative=False)
    # "Quality 60% Social value" (a table flattened into one line): the number is Quality's.
    if words or _OWNER.search(head[: q.start()]):
        return None
    return _quantity(q, relative=False)


def _quantity(q: re.Match[str], relative: bool) -> _Quantity:
    raw = q.group("num").lower()
    value = float(_WORD_NUMBERS.get(raw, raw))
    if q.group("slash"):
        return _Quantity(value, "marks", float(q.group("slash")))
    if q.group("marks"):
        return _Quantity(value, "marks", float(q.group("total")) if q.group("total") else None)
    return _Quantity(value, "percent", relative_to_quality=relative)


def _read_row(spans: tuple[Span, ...], index: int, label: re.Pattern[str]) -> _Reading | None:
    """A table row: the label's own cell first ("Quality (including Social Value 10%)"), then later cells."""
    span = spans[index]
    cells = _cells(span)
    table = _table_start(spans, index)
    found = next(((c, m) for c, cell in enumerate(cells) if (m := label.search(cell))), None)
    if found is None:
        return None
    c, m = found
    q = _row_quantity(cells[c + 1 :], spans[table].text)
    # A cell that starts with the label and lists its sub-criteria ("Social value (skills 4%, carbon 4%) | 12%")
    # takes the weighting column; a label nested inside another criterion's cell takes its own figure.
    inline = (
        None
        if q is not None and not cells[c][: m.start()].strip()
        else _read_text(Span(cells[c], span.page, "sentence"), index, m)
    )
    if inline is not None:
        return _Reading(index, inline.quantity, (span,), table, inline.nested)
    if q is None:
        return None
    owner = _CRITERIA.search(cells[c][: m.start()])
    if owner and _PART_OF.search(cells[c][owner.end() : m.start()]):
        return _Reading(index, q, (span,), table, parent=owner.group(0))
    if q.unit == "marks" and q.total is None:
        q = replace(q, total=_marks_total(spans, table))
    return _Reading(index, q, (span,), table)


def _row_quantity(cells: Sequence[str], header: str) -> _Quantity | None:
    for cell in cells:
        plain = _PLAIN_NUMBER.match(cell)
        if plain:
            return _plain_cell(float(plain.group(1)), header)
        q = _QUANTITY.search(cell)
        if q is not None and not _NOT_A_WEIGHTING_BEFORE.search(cell[: q.start()]):
            return _quantity(q, bool(_RELATIVE.match(cell[q.end() :])))
    return None


def _read_children(spans: tuple[Span, ...], index: int, label: re.Pattern[str]) -> _Reading | None:
    """A label with no weighting of its own may head sub-criteria that carry one: a heading "Social value"
    over "5.1 Local employment (4%)", or a row "Social value |" over rows "Digital inclusion | 6%". They add
    up."""
    parent = spans[index]
    if parent.kind not in ("heading", "table_row"):
        return None
    children: list[tuple[Span, _Quantity]] = []
    for i in range(index + 1, len(spans)):
        span = spans[i]
        cells = _cells(span)
        if span.kind == "heading" or (parent.kind == "table_row" and span.kind != "table_row"):
            break
        # The next criterion ends the group; a section that mixes criteria is not a social-value section.
        if _CRITERIA.search(cells[0]) or label.search(span.text) or cells[0].strip().lower().startswith("total"):
            if parent.kind == "heading":
                return None
            break
        if span.kind == "table_row":
            q = _row_quantity(cells[1:], spans[_table_start(spans, i)].text)
        else:
            q = _quantity_after(span.text)
        if q is not None and not q.relative_to_quality:
            children.append((span, q))
    if not children or len({q.unit for _, q in children}) > 1:
        return None
    total = sum(q.value for _, q in children)
    quantity = _Quantity(total, children[0][1].unit, children[0][1].total)
    return _Reading(index, quantity, (parent, *(s for s, _ in children)), sub_criteria=len(children))


def _cells(span: Span) -> tuple[str, ...]:
    """The filled cells of a table row, as segmentation kept them. A span without cells (one built by hand, or a
    sentence that lists criteria between pipes: "Quality 55% | Price 35% | Social value 10%") is split at " | ",
    where segmentation joins cells."""
    if span.cells is not None:
        return tuple(cell for cell in span.cells if cell) or ("",)
    return tuple(span.text.split(" | "))


def _plain_cell(value: float, header: str) -> _Quantity:
    # A bare number takes its unit from the column header ("Weighting (%)", "Marks available").
    if re.search(r"\b(marks?|points?|score)\b", header, re.IGNORECASE) and "%" not in header:
        return _Quantity(value, "marks")
    return _Quantity(value, "percent")


def _table_start(spans: tuple[Span, ...], index: int) -> int:
    """Index of the first row of the table holding ``spans[index]`` (its header row)."""
    start = index
    while start > 0 and spans[start - 1].kind == "table_row" and spans[index].page - spans[start - 1].page <= 1:
        start -= 1
    return start


def _marks_total(spans: tuple[Span, ...], table: int) -> float | None:
    """The marks available: stated in the document, else the marks of the table's rows added up."""
    stated = _document_total(spans)
    if stated:
        return stated
    marks = []
    for span in spans[table + 1 :]:
        if span.kind != "table_row":
            break
        q = _row_quantity(_cells(span)[1:], spans[table].text)
        if q is not None and q.unit == "marks":
            marks.append(q.value)
    return sum(marks) or None


def _decide(readings: list[_Reading], spans: tuple[Span, ...]) -> tuple[_Reading, list[_Reading], float | None, str]:
    """Pick the weighting and say how it was read. Returns the chosen reading, the readings it accounts for,
    the percentage (``None`` when it cannot be worked out) and a phrase explaining it."""
    first = readings[0]
    group = [r for r in readings if first.table is not None and r.table == first.table]
    values = [v for v in (_percent(r.quantity, spans) for r in group) if v is not None]
    if len(group) > 1 and len(values) == len(group):
        # Rows of one table that each name social value are its sub-criteria, unless one row is their total.
        total = sum(values)
        if len(group) > 2 and any(abs(2 * v - total) < 0.01 for v in values):
            parent = group[[abs(2 * v - total) < 0.01 for v in values].index(True)]
            return parent, group, round(total / 2, 2), ""
        merged = _Reading(first.index, _Quantity(total, "percent"), tuple(s for r in group for s in r.spans))
        return merged, group, round(total, 2), f", the sum of {len(group)} social-value sub-criteria"
    q = first.quantity
    percent = _percent(q, spans)
    if percent is None:
        where = first.spans[0].where()
        return first, [first], None, (
            f"Social value is weighted {q.value:g}% of the quality score ({where}), but the quality "
            "weighting was not found, so the overall weighting is unknown."
        )  # fmt: skip
    how = ""
    if q.unit == "marks":
        available = q.total or _document_total(spans)
        how = f": {q.value:g} marks out of {available:g}" if available else f": {q.value:g} marks (of an assumed 100)"
    elif q.relative_to_quality:
        how = f": {q.value:g}% of the quality score"
    if first.sub_criteria:
        how += f", the sum of {first.sub_criteria} sub-criteria"
    if first.nested:
        how += ", inside another criterion"
    return first, [first], percent, how


def _percent(q: _Quantity, spans: tuple[Span, ...]) -> float | None:
    if q.unit == "marks":
        total = q.total or _document_total(spans) or 100.0
        return round(100.0 * q.value / total, 2)
    if q.relative_to_quality:
        quality = next((r for r in _readings(spans, _QUALITY) if r.quantity.unit == "percent"), None)
        return round(q.value * quality.quantity.value / 100.0, 2) if quality else None
    return round(q.value, 2)


def _document_total(spans: tuple[Span, ...]) -> float | None:
    """The marks available in the whole evaluation ("a total of 150 marks", "Total: 100 points", a "Total | 150"
    row): the largest such figure, since one stage's "60 points available" is part of it."""
    totals = []
    for span in spans:
        lower = span.text.lower()
        if any(word in lower for word in _TOTAL_WORDS):
            totals += [float(m.group("a") or m.group("b") or m.group("c")) for m in _TOTAL.finditer(span.text)]
        if span.kind != "table_row":
            continue
        first, *rest = _cells(span)
        if first.strip().lower() in ("total", "total marks", "overall total"):
            plain = next((p for c in rest if (p := _PLAIN_NUMBER.match(c))), None)
            if plain:
                totals.append(float(plain.group(1)))
    return max(totals) if totals else None


def _criteria_spans(spans: tuple[Span, ...], label: re.Pattern[str]) -> tuple[Span, ...]:
    """The text of the social-value criteria: spans naming it, and spans in a section headed by it."""
    found = []
    in_section = False
    for span in spans:
        if span.kind == "heading":
            in_section = bool(label.search(span.text))
        if label.search(span.text) or in_section or (span.heading and label.search(span.heading)):
            found.append(span)
    return tuple(found)


def _evidence(spans: Sequence[Span]) -> tuple[Evidence, ...]:
    return tuple(Evidence.from_span(s) for s in spans)
