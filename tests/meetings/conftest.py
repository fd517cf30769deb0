from __future__ import annotations

import pytest

from medref.organisation.models import Committee
from medref.organisation.services import ensure_committee, ensure_municipality

from .documents import COMMITTEE, MUNICIPALITY


@pytest.fixture
def committee(db: None) -> Committee:
    """FagMED Økonomi in Vejle Kommune, the committee of tests/meetings/documents.py."""
    return ensure_committee(ensure_municipality(MUNICIPALITY), COMMITTEE)
