"""Every usage example in the modules' docstrings runs as written."""
import doctest
import importlib
import pkgutil

import chitieu.extractors
import chitieu.models
import chitieu.pipeline
import pytest

MODULES = sorted(
    info.name
    for package in (chitieu.pipeline, chitieu.extractors, chitieu.models)
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    assert result.failed == 0
