from __future__ import annotations

import copy
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from assess.files import resources
from assess.files.loader import bundled_questionnaire
from assess.models import Questionnaire


@pytest.fixture(scope="session")
def questionnaire() -> Questionnaire:
    return bundled_questionnaire("default")


@pytest.fixture(scope="session")
def questionnaire_data() -> dict[str, Any]:
    """The default questionnaire as plain dicts, to change one thing in a test."""
    text = resources.bundled_questionnaires()["default"].read_text(encoding="utf-8")
    return YAML(typ="safe").load(text)  # type: ignore[no-any-return]


@pytest.fixture
def q_data(questionnaire_data: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(questionnaire_data)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a dedented text file into tmp_path and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return _write


SMALL_WORKSHOP = """
title: Small journey
organisation: Example Ltd
questionnaire: default
touchpoints:
  - name: Where is my order?
    stage: Receive
    channel: chat
    scores: {complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}
  - name: Diagnosis
    stage: Care
    scores: {complexity: 5, scale: 2, emotional_stakes: 5, tech_barrier: 5}
    notes: Doctor explains the result
  - name: Billing question
    stage: Pay
    scores: {complexity: 3, scale: 3, emotional_stakes: 3, tech_barrier: 3}
  - name: Not scored yet
    stage: Pay
    scores: {complexity: 2}
"""


@pytest.fixture
def small_workshop(write: Callable[[str, str], Path]) -> Path:
    return write("small.yaml", SMALL_WORKSHOP)


# Property-based tests: a fixed seed and a CI-sized budget by default, so every run checks the
# same cases; ASSESS_FUZZ_EXAMPLES=5000 (for example) explores further with fresh randomness.
def _hypothesis_profiles() -> None:
    import os

    from hypothesis import HealthCheck, settings

    common = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
    settings.register_profile("ci", derandomize=True, max_examples=60, **common)
    budget = int(os.environ.get("ASSESS_FUZZ_EXAMPLES", "0") or 0)
    settings.register_profile("explore", max_examples=max(budget, 1), **common)
    settings.load_profile("explore" if budget else "ci")


_hypothesis_profiles()
