"""The fault-injection sweep (tests/fault_sweep.py) as a test: its counts are the table
in docs/reliability.md. Bounded: about a minute and a half on two busy cores."""

from __future__ import annotations

import pytest
from fault_sweep import sweep, table


@pytest.fixture(scope="module")
def tallies(tmp_path_factory):
    return {t.name: t for t in sweep(tmp_path_factory.mktemp("sweep"))}


def test_the_sweep_finds_nothing_lost_and_no_traceback(tallies):
    failing = [f"{t.name}: {t.notes[:3]}" for t in tallies.values() if not t.ok]
    assert not failing, table(list(tallies.values())) + "\n" + "\n".join(failing)


def test_the_sweep_is_as_wide_as_promised(tallies):
    kills, emergencies, spoken, bad, storage, pairs = tallies.values()
    assert kills.tried >= 50 and emergencies.tried >= 10 and spoken.tried == 6
    assert bad.tried >= 15 and storage.tried >= 9 and pairs.tried >= 5
