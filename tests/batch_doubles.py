"""Stand-ins for the per-document function, used ONLY by the worker-pool tests of timeouts, crashes, memory
limits and recycling: behaviours a real document would need minutes or a malicious file to produce on cue."""

from __future__ import annotations

import os
import signal
import time


def behave(task: str) -> str:
    """Do what the task's name says: ``hang``, ``crash`` (exit 3), ``segfault``, ``allocate`` (4 GiB), or
    return ``done:<task>:<pid>``."""
    if task == "hang":
        time.sleep(3600)
    elif task == "crash":
        os._exit(3)
    elif task == "segfault":
        os.kill(os.getpid(), signal.SIGSEGV)
    elif task == "allocate":
        try:
            block = bytearray(4 * 1024**3)
        except MemoryError:
            return "MemoryError"
        return f"allocated {len(block)}"
    return f"done:{task}:{os.getpid()}"
