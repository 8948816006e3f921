"""The whole pipeline runs without the network, even when HF_HUB_OFFLINE is not set.

A sitecustomize module, put first on the path of a fresh process, makes every attempt to open an internet socket
or to resolve a host name fail and writes it down. The embedding cache starts empty, so the model is loaded; the
corpus is two outlets of the demo (HTML pages and Markdown), so that embedding it all takes seconds, not minutes.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DEMO, REPO

BLOCKER = '''
import os, socket

def _refuse(*args, **kwargs):
    with open(os.environ["BLOCKED_LOG"], "a") as log:
        log.write(repr(args[:3]) + "\\n")
    raise OSError("network blocked by tests/test_offline.py")

_connect, _connect_ex = socket.socket.connect, socket.socket.connect_ex

def _connect_checked(self, address, *rest):
    if self.family == socket.AF_UNIX:
        return _connect(self, address, *rest)
    return _refuse(self, address)

def _connect_ex_checked(self, address, *rest):
    if self.family == socket.AF_UNIX:
        return _connect_ex(self, address, *rest)
    return _refuse(self, address)

socket.socket.connect = _connect_checked
socket.socket.connect_ex = _connect_ex_checked
socket.getaddrinfo = _refuse
socket.gethostbyname = _refuse
socket.create_connection = _refuse
'''


def offline_env(tmp_path: Path) -> dict:
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(BLOCKER)
    env = {key: value for key, value in os.environ.items()
           if key not in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE")}
    env.update(BLOCKED_LOG=str(tmp_path / "blocked.log"), CLAIMDIFF_CACHE=str(tmp_path / "cache"),
               PYTHONPATH=os.pathsep.join([str(site), str(REPO / "lib"), os.environ.get("PYTHONPATH", "")]))
    return env


def attempts(tmp_path: Path) -> list[str]:
    log = tmp_path / "blocked.log"
    return log.read_text().splitlines() if log.exists() else []


def test_the_blocker_catches_a_connection_attempt(tmp_path):
    script = ("import urllib.request\ntry:\n    urllib.request.urlopen('http://127.0.0.1:9', timeout=1)\n"
              "except OSError:\n    pass\n")
    subprocess.run([sys.executable, "-c", script], env=offline_env(tmp_path), check=True, timeout=60)
    assert len(attempts(tmp_path)) == 1


@pytest.mark.slow
def test_the_main_job_makes_no_network_call_without_HF_HUB_OFFLINE(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    for outlet in ("valley-radio", "northern-star"):
        shutil.copytree(DEMO / outlet, corpus / outlet)
    shutil.copy(DEMO.parent / "outlets.yaml", corpus / "outlets.yaml")
    done = subprocess.run([sys.executable, "-m", "claimdiff", "figures", str(corpus), "--out", str(out)],
                          env=offline_env(tmp_path), capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    assert attempts(tmp_path) == []
    assert "6 reports from 2 outlets" in done.stderr and (out / "index.html").is_file()
    assert any((tmp_path / "cache").rglob("*.npy"))  # the model was really loaded and used
