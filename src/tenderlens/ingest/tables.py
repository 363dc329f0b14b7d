"""Ingest, PDF tables: ruled tables found in a page's own drawing become Lines whose ``table_row`` holds the cells.

pdfplumber's table finder ("lines" strategy) re-done on pdfium's path objects (``edges.py``), so a page is parsed
once, by pdfium, and never again by pdfminer. The steps and their tolerances are pdfplumber's: edges shorter than
1 pt are dropped; edges within 3 pt of each other's position are snapped to their mean and collinear ones within
3 pt joined; edges shorter than 3 pt are dropped; a vertical and a horizontal edge meeting within 3 pt make an
intersection; each intersection opens the smallest cell whose four corners are intersections joined by edges;
cells sharing a corner make a table, and a table of one cell is none. A cell's text is its words (by their
centres) in reading order. ``tests/test_tables.py`` checks the cells against pdfplumber on the fixture tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import groupby

from tenderlens.geometry import union
from tenderlens.ingest.edges import Edge
from tenderlens.ingest.layout import group_rows, reading_order
from tenderlens.model import BBox, Line, Word

TableRow = tuple[BBox, tuple[str, ...]]
Cell = tuple[float, float, float, float]
Point = tuple[float, float]
PREFILTER_LENGTH = 1.0
SNAP_TOLERANCE = 3.0
JOIN_TOLERANCE = 3.0
EDGE_MIN_LENGTH = 3.0
INTERSECTION_TOLERANCE = 3.0


def table_rows(edges: Iterable[Edge], words: Sequence[Word]) -> list[TableRow]:
    """Rows (bbox, cell texts) of the ruled tables drawn by ``edges``, top to bottom, with ``words`` in cells.

    A row with no text is left out; a "table" of fewer than two such rows or columns (a redaction box, a framed
    paragraph) is none."""
    rows: list[TableRow] = []
    for cells in find_tables(edges):
        box = union(cells)
        rows.extend(_table_rows(cells, [w for w in words if w.bbox is not None and _centre_in(w.bbox, box)]))
    return rows


def find_tables(edges: Iterable[Edge]) -> list[list[Cell]]:
    """The cells of each table, tables ordered by their top-left cell."""
    kept = [e for e in edges if _length(e) >= PREFILTER_LENGTH]
    merged = [e for e in _merge(kept) if _length(e) >= EDGE_MIN_LENGTH]
    return _tables(_cells(_intersections(merged)))


def _length(edge: Edge) -> float:
    return edge.x1 - edge.x0 if edge.horizontal else edge.bottom - edge.top


def _merge(edges: list[Edge]) -> list[Edge]:
    """Snap edges to shared positions, then join collinear edges that touch or nearly do."""
    merged: list[Edge] = []
    for horizontal in (True, False):
        position = _position(horizontal)
        snapped = sorted(_snap([e for e in edges if e.horizontal is horizontal], horizontal), key=position)
        for _, same_line in groupby(snapped, key=position):
            merged.extend(_join(list(same_line), horizontal))
    return merged


def _position(horizontal: bool) -> Callable[[Edge], float]:
    return (lambda e: e.top) if horizontal else (lambda e: e.x0)


def _snap(edges: list[Edge], horizontal: bool) -> list[Edge]:
    """pdfplumber's ``snap_objects``: positions clustered in chains no wider than the tolerance between
    neighbours, each edge moved to its cluster's mean position."""
    position = _position(horizontal)
    snapped: list[Edge] = []
    cluster: list[Edge] = []
    for edge in sorted(edges, key=position):
        if cluster and position(edge) > position(cluster[-1]) + SNAP_TOLERANCE:
            snapped.extend(_moved(cluster, horizontal))
            cluster = []
        cluster.append(edge)
    if cluster:
        snapped.extend(_moved(cluster, horizontal))
    return snapped


def _moved(cluster: list[Edge], horizontal: bool) -> list[Edge]:
    if horizontal:
        mean = sum(e.top for e in cluster) / len(cluster)
        return [Edge(e.x0, mean, e.x1, mean) for e in cluster]
    mean = sum(e.x0 for e in cluster) / len(cluster)
    return [Edge(mean, e.top, mean, e.bottom) for e in cluster]


def _join(edges: list[Edge], horizontal: bool) -> list[Edge]:
    start = (lambda e: e.x0) if horizontal else (lambda e: e.top)
    end = (lambda e: e.x1) if horizontal else (lambda e: e.bottom)
    edges.sort(key=start)
    joined = [edges[0]]
    for edge in edges[1:]:
        last = joined[-1]
        if start(edge) <= end(last) + JOIN_TOLERANCE:
            if end(edge) > end(last):
                joined[-1] = last._replace(x1=edge.x1) if horizontal else last._replace(bottom=edge.bottom)
        else:
            joined.append(edge)
    return joined


def _intersections(edges: list[Edge]) -> dict[Point, tuple[set[Edge], set[Edge]]]:
    """Points where a vertical edge meets a horizontal one, with the edges (vertical, horizontal) through each."""
    tol = INTERSECTION_TOLERANCE
    vertical = sorted((e for e in edges if not e.horizontal), key=lambda e: (e.x0, e.top))
    horizontal = sorted((e for e in edges if e.horizontal), key=lambda e: (e.top, e.x0))
    found: dict[Point, tuple[set[Edge], set[Edge]]] = {}
    for v in vertical:
        for h in horizontal:
            if v.top <= h.top + tol and v.bottom >= h.top - tol and h.x0 - tol <= v.x0 <= h.x1 + tol:
                through = found.setdefault((v.x0, h.top), (set(), set()))
                through[0].add(v)
                through[1].add(h)
    return found


def _cells(intersections: dict[Point, tuple[set[Edge], set[Edge]]]) -> list[Cell]:
    """For each intersection, the smallest cell it opens as the top-left corner (pdfplumber's search order)."""

    def connected(p: Point, q: Point) -> bool:
        return bool(
            (p[0] == q[0] and intersections[p][0] & intersections[q][0])
            or (p[1] == q[1] and intersections[p][1] & intersections[q][1])
        )

    points = sorted(intersections)
    cells = []
    for i, corner in enumerate(points):
        rest = points[i + 1 :]
        below = [p for p in rest if p[0] == corner[0]]
        right = [p for p in rest if p[1] == corner[1]]
        cell = next(
            (
                (corner[0], corner[1], r[0], b[1])
                for b in below
                if connected(corner, b)
                for r in right
                if connected(corner, r)
                and (r[0], b[1]) in intersections
                and connected((r[0], b[1]), r)
                and connected((r[0], b[1]), b)
            ),
            None,
        )
        if cell is not None:
            cells.append(cell)
    return cells


def _tables(cells: list[Cell]) -> list[list[Cell]]:
    """Cells grouped into tables by shared corners, as pdfplumber's ``cells_to_tables`` groups them."""
    remaining = list(cells)
    tables: list[list[Cell]] = []
    current: list[Cell] = []
    corners: set[Point] = set()
    while remaining:
        before = len(current)
        for cell in list(remaining):
            cell_corners = _corners(cell)
            if not current or any(c in corners for c in cell_corners):
                corners.update(cell_corners)
                current.append(cell)
                remaining.remove(cell)
        if len(current) == before:
            tables.append(current)
            current, corners = [], set()
    if current:
        tables.append(current)
    tables.sort(key=lambda table: min((c[1], c[0]) for c in table))
    return [table for table in tables if len(table) > 1]


def _corners(cell: Cell) -> tuple[Point, Point, Point, Point]:
    x0, top, x1, bottom = cell
    return ((x0, top), (x0, bottom), (x1, top), (x1, bottom))


def _table_rows(cells: list[Cell], words: Sequence[Word]) -> list[TableRow]:
    """One row per distinct cell top; a column per distinct cell left, empty where a row has no cell there."""
    columns = sorted({c[0] for c in cells})
    rows: list[TableRow] = []
    for _, row_cells in groupby(sorted(cells, key=lambda c: (c[1], c[0])), key=lambda c: c[1]):
        by_left = {c[0]: c for c in row_cells}
        box = union(by_left.values())
        in_row = [w for w in words if w.bbox is not None and _centre_in(w.bbox, box)]
        values = tuple(_cell_text(by_left[x], in_row) if x in by_left else "" for x in columns)
        if any(values):
            rows.append((box, values))
    width = max((len(values) for _, values in rows), default=0)
    return rows if len(rows) >= 2 and width >= 2 else []


def _cell_text(cell: Cell, words: Sequence[Word]) -> str:
    inside = [w for w in words if w.bbox is not None and _centre_in(w.bbox, cell)]
    return " ".join(w.text for row in group_rows(inside) for w in row)


def _centre_in(box: BBox, cell: Cell) -> bool:
    """pdfplumber's test: the centre lies in the cell, its right and bottom sides excluded."""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return cell[0] <= cx < cell[2] and cell[1] <= cy < cell[3]


def lines_with_tables(words: Sequence[Word], rows: Sequence[TableRow]) -> tuple[Line, ...]:
    """Lines in reading order where words inside a table row become one table-row Line per row.

    A table-row Line's text is its cells joined by ``" | "`` so that segmentation can quote it verbatim."""
    inside: list[list[Word]] = [[] for _ in rows]
    outside: list[Word] = []
    for word in words:
        assert word.bbox is not None
        hit = next((i for i, (box, _) in enumerate(rows) if _inside(word.bbox, box)), None)
        (outside if hit is None else inside[hit]).append(word)
    pending = sorted(
        (
            Line(text=" | ".join(cells), bbox=box, words=tuple(ws), table_row=cells)
            for (box, cells), ws in zip(rows, inside, strict=True)
        ),
        key=lambda line: line.bbox[1] if line.bbox else 0.0,
    )
    merged: list[Line] = []
    for line in reading_order([[word] for word in outside]):
        while (
            pending and line.bbox is not None and pending[0].bbox is not None and (pending[0].bbox[1] <= line.bbox[1])
        ):
            merged.append(pending.pop(0))
        merged.append(line)
    return (*merged, *pending)


def _inside(inner: BBox, outer: BBox) -> bool:
    """Whether the centre of ``inner`` lies in ``outer``."""
    cx, cy = (inner[0] + inner[2]) / 2, (inner[1] + inner[3]) / 2
    return outer[0] <= cx <= outer[2] and outer[1] <= cy <= outer[3]
