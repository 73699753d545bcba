"""HTTP preconditions for API writes: ``ETag`` on read, ``If-Match`` required on write.

Without ``If-Match`` a write answers 428 Precondition Required; when the object changed after it was read, 412
Precondition Failed, and nothing is saved. The version is :func:`samenveilig.lib.versioning.version_of` (or an
app's own fingerprint); :func:`write_schema` documents a write endpoint the same way in every app.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = _("Stuur de versie die u las mee in de header If-Match (de ETag van het object).")
    default_code = "version_required"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _(
        "Iemand anders heeft dit gewijzigd nadat u het las. Er is niets opgeslagen. "
        "Haal de actuele versie op en breng uw wijziging daarna aan."
    )
    default_code = "stale_version"


def if_match(request) -> list[str]:
    """The versions in ``If-Match`` (quoted entity tags; a weak tag never matches); 428 without the header."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        raise PreconditionRequired
    tags = []
    for tag in header.split(","):
        tag = tag.strip()
        if tag.startswith('"') and tag.endswith('"') and len(tag) >= 2:
            tags.append(tag[1:-1])
        elif tag and not tag.startswith("W/") and tag != "*":
            tags.append(tag)  # tolerated: the version without quotes
    return tags or ["\0"]  # only weak tags or '*': matches no version


def etag(version: str) -> str:
    return f'"{version}"'


IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="The ETag (version) of the object as you read it",
)
ETAG = OpenApiParameter(
    "ETag", OpenApiTypes.STR, OpenApiParameter.HEADER, response=[200, 201], description="Version of the object"
)
WRITE_ERRORS = {
    400: OpenApiResponse(description="Invalid input; the errors per field"),
    403: OpenApiResponse(description="You may not change this"),
    404: OpenApiResponse(description="Not found"),
    412: OpenApiResponse(description="The object changed after you read it; nothing was saved"),
    428: OpenApiResponse(description="If-Match is missing"),
}


def write_schema(serializer, *, created: bool = False, body: bool = True):
    responses = {201 if created else 200: serializer} if body else {204: None}
    responses.update(WRITE_ERRORS)
    if created:
        responses.pop(412)
        responses.pop(428)
        return extend_schema(parameters=[ETAG], responses=responses)
    return extend_schema(parameters=[IF_MATCH, ETAG] if body else [IF_MATCH], responses=responses)
