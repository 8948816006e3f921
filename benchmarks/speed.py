"""How long the main job and the notebook suite take on the demo corpus, with a cold and a warm embedding cache.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/speed.py          # ~6 minutes on a quiet 2-core machine

Six runs, each a fresh Python process (so import time counts, as it does for a user):

- ``make figures`` equivalent: ``python -m claimdiff figures corpus/demo --out <tmp>``, cold (an empty
  ``CLAIMDIFF_CACHE``: no sentence vectors, no stage results) then warm (the same cache, second run);
- the notebook suite: every ``notebooks/*.ipynb`` executed with nbclient as ``tests/test_notebooks.py`` does
  (``OUT`` pointed at a temporary folder), cold then warm, with its own cache. The real-data sections run when
  ``../shared/datasets`` is beside the repo;
- the same suite without them (``notebooks-no-shared``): every parameter that points into ``shared/datasets``
  (``SHARED``, ``FAKES_PATH``, ``NEWSWCL50``) is set to a folder that does not exist, as a user without the datasets
  has it, so those sections skip. Cold then warm, with its own cache.

Wall-clock and CPU seconds (the process and the children it waited for) are both written: on a shared machine the
wall clock grows with the load of others, CPU time much less. Targets (issue 5, warm): notebook suite < 60 s,
figures < 30 s. Results: ``benchmarks/results/speed-<date>.md`` and ``.csv``, with the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import describe  # noqa: E402

TARGETS = {"figures": 30.0, "notebooks": 60.0, "notebooks-no-shared": 60.0}  # seconds, warm cache

# Runs in a child process: executes every notebook like tests/test_notebooks.py and prints seconds per notebook.
NOTEBOOK_RUNNER = r"""
import json, re, sys, tempfile, time
from pathlib import Path
import nbformat
from nbclient import NotebookClient

times = {}
for path in sorted(Path(sys.argv[1]).glob("*.ipynb")):
    notebook = nbformat.read(path, as_version=4)
    first = next(i for i, c in enumerate(notebook.cells) if "parameters" in c.metadata.get("tags", []))
    out = tempfile.mkdtemp(prefix="speed-nb-")
    override = f'OUT = "{out}"'
    if len(sys.argv) > 2:  # no ../shared: every dataset parameter points into a folder that does not exist
        for name, value in re.findall(r'^(\w+) = "([^"]*shared/datasets[^"]*)"', notebook.cells[first].source, re.M):
            override += f'\n{name} = "{sys.argv[2]}/{value.split("shared/datasets", 1)[1].lstrip("/")}"'
    notebook.cells.insert(first + 1, nbformat.v4.new_code_cell(override))
    start = time.perf_counter()
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    times[path.stem] = round(time.perf_counter() - start, 2)
print(json.dumps(times))
"""


def run(command: list[str], cache: Path) -> tuple[float, float, str]:
    """Wall and CPU seconds of ``command`` run with ``cache`` as the embedding cache; its stdout."""
    env = {**os.environ, "CLAIMDIFF_CACHE": str(cache), "HF_HUB_OFFLINE": "1",
           "PYTHONPATH": os.pathsep.join([str(REPO / "lib"), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
           "TQDM_DISABLE": "1", "CLAIMDIFF_STAGE_CACHE": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="corpus/demo")
    parser.add_argument("--only", choices=list(TARGETS), help="measure one job only")
    args = parser.parse_args(argv)
    machine = describe("matplotlib", "torch", "nbclient")
    rows = []
    with tempfile.TemporaryDirectory(prefix="claimdiff-speed-") as tmp:
        tmp = Path(tmp)
        jobs = {
            "figures": lambda: [sys.executable, "-m", "claimdiff", "figures", args.corpus, "--out",
                                str(tmp / f"figures-{len(rows)}")],
            "notebooks": lambda: [sys.executable, "-c", NOTEBOOK_RUNNER, str(REPO / "notebooks")],
            "notebooks-no-shared": lambda: [sys.executable, "-c", NOTEBOOK_RUNNER, str(REPO / "notebooks"),
                                            str(tmp / "no-such-folder" / "datasets")],
        }
        for job, command in jobs.items():
            if args.only and job != args.only:
                continue
            cache = tmp / f"cache-{job}"
            cache.mkdir()
            for cache_state in ("cold", "warm"):
                wall, cpu, out = run(command(), cache)
                detail = json.loads(out.strip().splitlines()[-1]) if job.startswith("notebooks") else {}
                rows.append({"job": job, "cache": cache_state, "wall_s": round(wall, 1), "cpu_s": round(cpu, 1),
                             "target_warm_s": TARGETS[job], "detail": json.dumps(detail) if detail else ""})
                print(f"{job:10s} {cache_state}: {wall:6.1f} s wall, {cpu:6.1f} s CPU"
                      + (f"  {detail}" if detail else ""), flush=True)
    machine["load average at end"] = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    write_results(pd.DataFrame(rows), machine)


def write_results(table: pd.DataFrame, machine: dict) -> None:
    out = REPO / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    stem = f"speed-{dt.date.today().isoformat()}"
    table.to_csv(out / f"{stem}.csv", index=False)
    lines = ["# Speed: main job and notebook suite on the demo corpus", "",
             "Made by `benchmarks/speed.py`. Each run is a fresh process (imports included). Cold: an empty "
             "`CLAIMDIFF_CACHE` (no sentence vectors, no stage results); warm: the second run with the same cache. "
             "`notebooks` runs the real-data sections (FA-KES, ECB+, NewsWCL50 from ../shared/datasets); "
             "`notebooks-no-shared` points the notebooks' dataset parameters at a missing folder, so they skip. "
             "CPU = user + system seconds of the run and the child processes it waited for (notebook kernels "
             "included).", "",
             "| job | cache | wall s | CPU s | warm target s | met (wall) |", "|---|---|---|---|---|---|"]
    for row in table.itertuples():
        met = ("yes" if row.wall_s < row.target_warm_s else "no") if row.cache == "warm" else ""
        lines.append(f"| {row.job} | {row.cache} | {row.wall_s} | {row.cpu_s} | {row.target_warm_s:g} | {met} |")
    details = table[table["detail"] != ""]
    for row in details.itertuples():
        lines += ["", f"{row.job}, {row.cache} cache, seconds each: "
                  + ", ".join(f"{k} {v}" for k, v in json.loads(row.detail).items())]
    lines += ["", "## Machine", ""] + [f"- {key}: {value}" for key, value in machine.items()]
    (out / f"{stem}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {out / stem}.md and .csv")


if __name__ == "__main__":
    main()
