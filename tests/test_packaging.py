"""Installing the project: no warning from the build backend today, so none turns into a failure on a later date.

setuptools once printed "By 2027-Feb-18, you need to update your project ... or your builds will no longer be
supported" for `license = { text = "MIT" }`. The build requirements are bounded, and this test runs the backend
pip would use (the same version, from the test environment: no network) with every warning made an error.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from importlib.metadata import version

from conftest import REPO
from packaging.requirements import Requirement

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
BACKEND = "setuptools"


def test_build_requirements_have_both_bounds_and_the_tested_backend_is_within_them():
    requires = [Requirement(text) for text in PYPROJECT["build-system"]["requires"]]
    for requirement in requires:
        operators = {spec.operator for spec in requirement.specifier}
        assert operators & {">=", ">", "=="} and operators & {"<", "<=", "=="}, requirement
    backend = next(r for r in requires if r.name == BACKEND)
    assert backend.specifier.contains(version(BACKEND)), f"{BACKEND} {version(BACKEND)} is not {backend}"


def test_the_license_is_an_spdx_string():
    assert PYPROJECT["project"]["license"] == "MIT"


def test_an_editable_install_gets_no_warning_from_the_build_backend(tmp_path):
    """What `pip install -e .` asks the backend for (metadata, then the editable wheel), with -W error."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, project / name)
    shutil.copytree(
        REPO / "scripts" / "kie",
        project / "scripts" / "kie",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    hooks = (
        "import os, setuptools.build_meta as backend\n"
        "os.mkdir('meta'); os.mkdir('wheel')\n"
        "print(backend.prepare_metadata_for_build_editable('meta'))\n"
        "print(backend.build_editable('wheel'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", hooks], cwd=project, capture_output=True, text=True, timeout=120
    )
    said = result.stdout + result.stderr
    assert result.returncode == 0, said[-3000:]
    assert "deprecat" not in said.lower() and "Warning" not in said, said[-3000:]
    metadata = (project / "meta" / "kie_tppo-0.1.0.dist-info" / "METADATA").read_text(encoding="utf-8")
    assert "License-Expression: MIT" in metadata.splitlines()
