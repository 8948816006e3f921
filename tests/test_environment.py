"""environment.yml (conda) and pyproject.toml (pip) name the same dependencies."""

import tomllib

import yaml
from conftest import REPO


def _pip_section(environment):
    for entry in environment["dependencies"]:
        if isinstance(entry, dict) and "pip" in entry:
            return entry["pip"]
    return []


def test_environment_yml_and_pyproject_list_the_same_requirements():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    declared = set(project["dependencies"]) | set(extras["dev"]) | set(extras.get("bench", []))
    environment = yaml.safe_load((REPO / "environment.yml").read_text())
    listed = {req for req in _pip_section(environment) if not req.startswith(("-e", "torch"))}
    assert listed == declared


def test_torch_is_pinned_to_the_cpu_wheel_wherever_it_is_installed():
    environment = yaml.safe_load((REPO / "environment.yml").read_text())
    assert "torch==2.13.0" in _pip_section(environment)
    assert "torch==2.13.0" in (REPO / "Makefile").read_text()
