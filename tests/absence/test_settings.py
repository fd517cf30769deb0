"""The absence settings are read from the environment and refused when wrong."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from medref.absence.selectors import metric_settings

ROOT = Path(__file__).resolve().parents[2]


def _start(**env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("MEDREF_")}
    environ.update(MEDREF_DEBUG="True", **env)
    return subprocess.run(
        [sys.executable, "-c", "import medref.settings"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_defaults_are_the_issue_s_definitions():
    sm = metric_settings()
    assert sm.min_employees == 5 and sm.short_max_days == 7
    assert sm.sickness_types == {"egen sygdom", "delvis sygemelding", "arbejdsskade"}
    assert sm.calendar.days_off == ((6, 5), (12, 24), (12, 31))
    assert settings.MEDREF_ABSENCE_PSEUDONYM_KEY


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("MEDREF_ABSENCE_DAYS_OFF", "06-05,13-01", "'13-01' is not MM-DD"),
        ("MEDREF_ABSENCE_MIN_EMPLOYEES", "0", "must be at least 1"),
        ("MEDREF_ABSENCE_SHORT_MAX_DAYS", "x", "must be an integer"),
    ],
)
def test_a_bad_value_stops_startup_naming_it(name, value, message):
    result = _start(**{name: value})
    assert result.returncode != 0
    assert message in result.stderr and "MEDREF_ABSENCE" in result.stderr
