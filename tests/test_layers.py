"""The layer rule of DESIGN.md: core and session never import Qt."""

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_linter_contracts_hold():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from importlinter.cli import lint_imports_command; lint_imports_command()",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken" in result.stdout


def test_core_and_session_import_where_pyside6_cannot():
    code = textwrap.dedent("""
        import importlib, pkgutil, sys

        class Refuse:
            def find_spec(self, name, path=None, target=None):
                blocked = ("PySide6", "pyqtgraph", "shiboken6", "superqt")
                if name.split(".")[0] in blocked:
                    raise ImportError(f"{name} is blocked in this test")
                return None

        sys.meta_path.insert(0, Refuse())
        import dlviz.core, dlviz.session
        for pkg in (dlviz.core, dlviz.session):
            for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
                importlib.import_module(info.name)
        from dlviz.core.labs import all_labs
        assert all_labs()
        import dlviz.session.lab_session
        print("ok", len(all_labs()))
    """)
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok")
