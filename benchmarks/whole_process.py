"""Benchmark of what users run: whole processes, timed from the shell's side, against pdfplumber.

    python benchmarks/whole_process.py               # 320-page generated tender + the examples, 3 rounds
    python benchmarks/whole_process.py --rounds 5 --pages 360 --no-serve

Each command is a fresh subprocess (start-up, imports and model loading included, as a user waits for them):
``tenderlens scan --format json`` and ``tenderlens text`` of a generated tender with ruled tables on a quarter
of its pages (``tender.py``) and of the example PDFs, ``tenderlens --help``, and, for reference, a Python process
that runs pdfplumber ``extract_text`` over every page of the same file. The commands are alternated within each
round (the order rotates every round) so a busy machine slows them alike. Printed: median wall time, peak RSS
of the child (``os.wait4``) and the ratio to pdfplumber. Then the first and later uploads to a freshly started
``tenderlens serve`` on 127.0.0.1 (``POST /api/v1/scan``), each bounded by a timeout.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

from tender import build_tender

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
EXAMPLES = [ROOT / "examples" / "draft-tender-ai-triage.pdf", ROOT / "examples" / "redacted-contract.pdf"]
PDFPLUMBER = (
    "import sys, pdfplumber\nwith pdfplumber.open(sys.argv[1]) as pdf:\n    for p in pdf.pages: p.extract_text()"
)
SERVE_START_LIMIT = 120.0
UPLOAD_LIMIT = 120.0


def run(argv: list[str], timeout: float = 900.0) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one child process; its output is discarded."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=errors)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > started + timeout:
                proc.kill()
                raise TimeoutError(f"{argv} took over {timeout} s")
            time.sleep(0.005)
        elapsed = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0, 7):  # 7: gaps found, the normal outcome of a scan
            errors.seek(0)
            raise RuntimeError(f"{argv} exited {proc.returncode}: {errors.read().decode(errors='replace')[-500:]}")
    return elapsed, usage.ru_maxrss / 1024


def commands(tender: Path) -> dict[str, list[str]]:
    tenderlens, python = str(BIN / "tenderlens"), sys.executable
    jobs = {
        "tenderlens --help": [tenderlens, "--help"],
        f"scan --format json, {tender.name}": [tenderlens, "scan", str(tender), "--format", "json"],
        f"text, {tender.name}": [tenderlens, "text", str(tender)],
        f"pdfplumber extract_text, {tender.name}": [python, "-c", PDFPLUMBER, str(tender)],
    }
    for example in EXAMPLES:
        jobs[f"scan --format json, {example.name}"] = [tenderlens, "scan", str(example), "--format", "json"]
        jobs[f"pdfplumber extract_text, {example.name}"] = [python, "-c", PDFPLUMBER, str(example)]
    return jobs


def time_commands(tender: Path, rounds: int) -> dict[str, list[tuple[float, float]]]:
    jobs = commands(tender)
    names = list(jobs)
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
    for r in range(rounds):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            results[name].append(run(jobs[name]))
        print(f"round {r + 1}/{rounds} done", file=sys.stderr)
    return results


def print_table(results: dict[str, list[tuple[float, float]]], tender: Path) -> None:
    def median(name: str) -> float:
        return statistics.median(t for t, _ in results[name])

    print("| command | median wall time | peak RSS | pdfplumber extract_text | ratio |")
    print("|---|---|---|---|---|")
    for name, runs in results.items():
        if name.startswith("pdfplumber"):
            continue
        file = name.rsplit(", ", 1)[-1] if ", " in name else None
        reference = f"pdfplumber extract_text, {file}"
        peak = max(m for _, m in runs)
        ref = f"{median(reference):.2f} s" if reference in results else "–"
        ratio = f"{median(reference) / median(name):.1f}×" if reference in results else "–"
        print(f"| `{name}` | {median(name):.2f} s | {peak:.0f} MiB | {ref} | {ratio} |")
    print(f"\n{len(next(iter(results.values())))} rounds; {tender.name}: {tender.stat().st_size / 2**20:.1f} MB")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _upload(url: str, path: Path) -> float:
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{path.name}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + path.read_bytes()
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}
    )
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=UPLOAD_LIMIT) as response:
        response.read()
    return time.perf_counter() - started


def time_serve(document: Path, uploads: int = 5) -> tuple[float, float, float]:
    """Start-up time, first upload and median of the later uploads to a fresh ``tenderlens serve``."""
    port = _free_port()
    started = time.perf_counter()
    server = subprocess.Popen(
        [str(BIN / "tenderlens"), "serve", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5):
                    break
            except OSError:
                if time.perf_counter() - started > SERVE_START_LIMIT or server.poll() is not None:
                    raise RuntimeError("tenderlens serve did not start") from None
                time.sleep(0.05)
        ready = time.perf_counter() - started
        times = [_upload(f"http://127.0.0.1:{port}/api/v1/scan", document) for _ in range(uploads)]
    finally:
        server.terminate()
        server.wait(timeout=30)
    return ready, times[0], statistics.median(times[1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pages", type=int, default=320)
    parser.add_argument("--no-serve", action="store_true", help="skip the web server measurement")
    args = parser.parse_args()
    tender = build_tender(ROOT / "out" / "bench" / f"tender-{args.pages}-pages.pdf", args.pages)
    print_table(time_commands(tender, args.rounds), tender)
    if not args.no_serve:
        ready, first, later = time_serve(EXAMPLES[0])
        print(
            f"\n`tenderlens serve`, {EXAMPLES[0].name}: ready after {ready:.2f} s; first upload {first:.2f} s, "
            f"later uploads (median of 4) {later:.2f} s: first/later = {first / later:.2f}"
        )


if __name__ == "__main__":
    main()
