"""An installed (non-editable) dlviz finds its resources and starts from each entry."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_installs_with_resources(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "-q", "-w", str(wheels), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    (wheel,) = wheels.glob("dlviz-*.whl")
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
         str(target), str(wheel)],
        check=True, capture_output=True, timeout=300,
    )
    code = (
        "import dlviz, pathlib; r = dlviz.resources_dir(); "
        "assert 'site' in str(r), r; "
        "assert any(r.joinpath('notes').glob('*.md')); print(r)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path,
                         env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert (target / "dlviz" / "resources" / "notes").is_dir()


def test_cli_lists_labs_and_python_m_uses_the_same_entry():
    out = subprocess.run([sys.executable, "-m", "dlviz", "labs"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "mlp2d" in out.stdout and "mlp_digits" in out.stdout
    main = subprocess.run([sys.executable, "main.py", "labs"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert main.stdout == out.stdout


def test_cli_refuses_an_unknown_lab():
    out = subprocess.run([sys.executable, "-m", "dlviz", "--lab", "nope"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and "no lab 'nope'" in out.stderr


def test_pyproject_lists_every_package():
    import tomllib
    from setuptools import find_packages

    listed = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "packages"
    ]
    found = find_packages(str(ROOT), include=["dlviz", "dlviz.*"])
    assert sorted(set(found) | {"dlviz.resources"}) == sorted(listed)
