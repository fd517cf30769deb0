"""The health check for load balancers and monitoring: GET /sundhed/.

200 "ok" when one trivial query works, 503 with a short reason when it does
not. The text is for machines, so it is not translated. The reason names
only the kind of error: the page needs no login, and a database error's
message can name hosts and users (it goes to the log instead).
"""

from __future__ import annotations

import logging

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

CONTENT_TYPE = "text/plain; charset=utf-8"


@never_cache
@require_safe
def health(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        logger.warning("health check: the database query failed", exc_info=True)
        return HttpResponse(
            f"database unavailable ({type(exc).__name__})",
            status=503,
            content_type=CONTENT_TYPE,
        )
    return HttpResponse("ok", content_type=CONTENT_TYPE)
