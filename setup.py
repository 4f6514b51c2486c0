"""Package layout: ``dlviz`` plus the top-level ``resources/`` folder installed as
``dlviz/resources`` so an installed (non-editable) package finds its notes, lessons and
translations. Everything else is in pyproject.toml."""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["dlviz", "dlviz.*"]) + ["dlviz.resources"],
    package_dir={"dlviz.resources": "resources"},
    package_data={"dlviz.resources": ["*", "**/*"]},
)
