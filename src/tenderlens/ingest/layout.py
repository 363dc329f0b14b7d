"""Ingest, PDF geometry: positioned words -> Lines in reading order, including two-column pages.

PDF producers write text in whatever order they like (Word writes columns top to bottom, some reporting tools
write a two-column page row by row across both columns), so the order of the content stream cannot be trusted.
Words are grouped into rows by vertical overlap; a page whose words leave an empty vertical gutter near the
middle is read column by column, with rows that cross the gutter (a full-width heading, a centred footer)
ending one column block and starting the next.
"""

from __future__ import annotations

from collections.abc import Sequence

from tenderlens.geometry import union
from tenderlens.model import BBox, Line, Word

# A gutter must be at least this wide (points) and sit in the middle band of the text area; each side must
# hold at least MIN_SIDE_SHARE of the words, and at least MIN_PARALLEL_ROWS rows need words on both sides.
MIN_GUTTER = 6.0
MIN_SIDE_SHARE = 0.15
MIN_PARALLEL_ROWS = 4
MIN_WORDS_FOR_COLUMNS = 30
# Unruled tables: blocks start after a gap of BLOCK_GAP line heights (or an empty stretch on their side);
# a two-sided layout with MIN_TABLE_ROWS left blocks, TABLE_ALIGNED_SHARE of them level with a right block,
# is a table.
BLOCK_GAP = 0.3
MIN_TABLE_ROWS = 3
TABLE_ALIGNED_SHARE = 0.8
# Wider gaps inside a content-order line may be a gutter between columns written row by row.
MAX_WORD_GAP = 1.5


def make_line(words: Sequence[Word]) -> Line:
    """One Line from words already in reading order: their texts joined by single spaces."""
    boxes = [w.bbox for w in words if w.bbox is not None]
    return Line(text=" ".join(w.text for w in words), bbox=union(boxes) if boxes else None, words=tuple(words))


def group_rows(words: Sequence[Word]) -> list[list[Word]]:
    """Words (with bboxes) grouped into rows, top to bottom, each row sorted left to right.

    A word joins a row when it overlaps the row's tallest word vertically by at least half the smaller
    height, so superscript footnote markers stay on their line while tightly leaded lines stay apart.
    """
    rows: list[list[Word]] = []
    ref: BBox | None = None
    for word in sorted(words, key=lambda w: _box(w)[1] + _box(w)[3]):
        box = _box(word)
        if ref is not None:
            overlap = min(ref[3], box[3]) - max(ref[1], box[1])
            if overlap >= 0.5 * min(ref[3] - ref[1], box[3] - box[1]):
                rows[-1].append(word)
                if box[3] - box[1] > ref[3] - ref[1]:
                    ref = box
                continue
        rows.append([word])
        ref = box
    for row in rows:
        row.sort(key=lambda w: _box(w)[0])
    return rows


def reading_order(content_lines: Sequence[Sequence[Word]]) -> list[Line]:
    """Lines in reading order from positioned words, given as the PDF's own lines in content order.

    Fast path: when the content order already reads top to bottom, one column, with no wide gaps inside a
    line, those lines are kept as they are. Otherwise words are regrouped by geometry (see the module
    docstring for the column rule)."""
    if _plain_column(content_lines):
        return [make_line(words) for words in content_lines]
    rows = group_rows([word for words in content_lines for word in words])
    gutter = find_gutter(rows)
    if gutter is None:
        return [make_line(row) for row in rows]
    lines: list[Line] = []
    left: list[Word] = []
    right: list[Word] = []
    for row in rows:
        if any(_box(w)[0] < gutter < _box(w)[2] for w in row):
            lines.extend(_column_block(left, right))
            left, right = [], []
            lines.append(make_line(row))
            continue
        for word in row:
            (left if _box(word)[2] <= gutter else right).append(word)
    lines.extend(_column_block(left, right))
    return lines


def _plain_column(content_lines: Sequence[Sequence[Word]]) -> bool:
    """Whether content-order lines are already single-column reading order: each line's words run left to
    right on one baseline without a gap wider than ``MAX_WORD_GAP`` line heights, and each line starts
    below the previous one."""
    previous_top = float("-inf")
    for words in content_lines:
        first = _box(words[0])
        height = first[3] - first[1]
        if first[1] < previous_top + 0.5 * height:
            return False
        previous_top = first[1]
        right = first[2]
        for word in words[1:]:
            box = _box(word)
            if (
                box[0] < right - 1
                or box[0] - right > MAX_WORD_GAP * height
                or box[1] >= first[3]
                or (box[3] <= first[1])
            ):
                return False
            right = box[2]
    return True


def find_gutter(rows: Sequence[Sequence[Word]]) -> float | None:
    """The x of an empty vertical strip splitting rows of words into two columns, or ``None``."""
    boxes = [_box(w) for row in rows for w in row]
    if len(boxes) < MIN_WORDS_FOR_COLUMNS:
        return None
    x_min = int(min(b[0] for b in boxes))
    x_max = int(max(b[2] for b in boxes)) + 1
    span = x_max - x_min
    coverage = [0] * (span + 2)
    for b in boxes:
        coverage[int(b[0]) - x_min] += 1
        coverage[int(b[2]) - x_min + 1] -= 1
    running = 0
    for i, delta in enumerate(coverage):
        running += delta
        coverage[i] = running
    lo, hi = int(0.3 * span), int(0.7 * span)
    if hi <= lo:
        return None
    least = min(coverage[lo:hi])
    # Full-width rows (headings, centred footers) may cross the gutter; body rows may not.
    if least > max(2, len(rows) // 10):
        return None
    best_start, best_len, start = 0, 0, None
    for i in range(lo, hi + 1):
        if i < hi and coverage[i] == least:
            start = i if start is None else start
        elif start is not None:
            if i - start > best_len:
                best_start, best_len = start, i - start
            start = None
    if best_len < MIN_GUTTER:
        return None
    gutter = x_min + best_start + best_len / 2
    left = sum(1 for b in boxes if b[2] <= gutter)
    right = sum(1 for b in boxes if b[0] >= gutter)
    if min(left, right) < MIN_SIDE_SHARE * len(boxes):
        return None
    parallel = sum(
        1 for row in rows if any(_box(w)[2] <= gutter for w in row) and any(_box(w)[0] >= gutter for w in row)
    )
    if parallel < MIN_PARALLEL_ROWS or _table_like(rows, gutter):
        return None
    return gutter


def _table_like(rows: Sequence[Sequence[Word]], gutter: float) -> bool:
    """Whether nearly every block of lines left of the gutter starts on the same row as a block on the
    right: the rows of an unruled table (a definitions schedule: term | meaning), which read across, not
    two columns of running text, whose paragraphs start independently."""
    starts: tuple[set[int], set[int]] = (set(), set())
    last_bottom = [float("-inf"), float("-inf")]
    for index, row in enumerate(rows):
        for side, words in enumerate(
            ([w for w in row if _box(w)[2] <= gutter], [w for w in row if _box(w)[0] >= gutter])
        ):
            if not words:
                last_bottom[side] = float("-inf")
                continue
            top = min(_box(w)[1] for w in words)
            height = max(_box(w)[3] for w in words) - top
            if top - last_bottom[side] > BLOCK_GAP * height:
                starts[side].add(index)
            last_bottom[side] = max(_box(w)[3] for w in words)
    left, right = starts
    return len(left) >= MIN_TABLE_ROWS and len(left & right) >= TABLE_ALIGNED_SHARE * len(left)


def _column_block(left: list[Word], right: list[Word]) -> list[Line]:
    return [make_line(row) for row in group_rows(left)] + [make_line(row) for row in group_rows(right)]


def _box(word: Word) -> BBox:
    assert word.bbox is not None
    return word.bbox
