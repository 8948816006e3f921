"""What machine and software a benchmark ran on: written into every result file beside the numbers.

    from machine import describe      # benchmarks/ is on sys.path when a benchmark runs as a script
    describe("torch", "bertopic")     # versions of the named packages too, "not installed" when absent
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import platform
from pathlib import Path

# Benchmarks time the stages themselves, so the stage cache (claimdiff.stagecache) is off unless a run asks for it
# (benchmarks/speed.py does: a warm main job is what a user sees).
os.environ.setdefault("CLAIMDIFF_STAGE_CACHE", "0")


def _proc_field(path: str, key: str) -> str | None:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def describe(*packages: str) -> dict[str, str]:
    """Date and time, CPU model, cores, memory, load average, Python, and the versions of ``packages``."""
    memory = _proc_field("/proc/meminfo", "MemTotal")
    info = {
        "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "cpu": _proc_field("/proc/cpuinfo", "model name") or platform.processor() or platform.machine(),
        "cores": str(os.cpu_count()),
        "ram": f"{int(memory.split()[0]) / 1024**2:.1f} GB" if memory else "unknown",
        "load average at start": ", ".join(f"{x:.1f}" for x in os.getloadavg()),
        "python": platform.python_version(),
    }
    for name in ("numpy", "pandas", *packages):
        try:
            info[name] = importlib.import_module(name).__version__
        except ImportError:
            info[name] = "not installed"
    return info
